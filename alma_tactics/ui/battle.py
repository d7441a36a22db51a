"""The battle screen: the board as the viewing side knows it, and every way to act on it.

The screen changes the game only through `match.submit(action)` and `match.undo()`.
It shows:

- the board (the renderer's `BoardRenderer`, through a `Camera`) with an `Overlay`:
  the selected unit's reachable tiles coloured by the AP left, the hovered path and
  its cost, the target, noise rings of the action being considered, a grenade's
  blast and scatter, the tiles known enemies watch, and (a setting) the computer's
  telegraphed intent;
- tooltips on the map: a hovered enemy's hit chance for each fire mode, the eye
  shot and the expected damage with the modifier breakdown; a hovered tile's path
  cost, light, watchers and who would hear the steps;
- the action bar (`battle_bar`) with a hotkey and a tooltip for each action the
  selected unit can take; undo for moves that revealed nothing; end turn (with a
  warning about units with AP left);
- the side panel: minimap (click to look there), unit panel, objectives, combat log
  (words from `render.words`, with turn numbers), and the turn banner;
- the computer's turns (`battle_ai`: in slices of <= 8 ms per frame, or a worker),
  played back as animations of only what the viewing side saw or heard;
- a pause menu: save, load, settings, surrender, quit to menu.

The *viewing side* is the human side whose turn it is (the last human side during
the computer's turns). With two or more human sides (hot-seat) a curtain
(`hotseat.HandOff`: "Pass to ...", a button, the side's PIN if it set one) hides
everything between them, computer sides play behind it, and each player's catch-up
playback shows what their own side saw or heard since their last turn. Each human
side keeps its own log. An autosave is written as each human side's turn begins.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import logging
import time
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UIPanel, UISelectionList

from ..ai import AiPlayer
from ..core import events as ev
from ..core import movement, rules
from ..core.actions import Action, EndTurn, Move, Shoot
from ..core.grid import Pos
from ..core.units import Unit
from ..render import words
from . import battle_bar, battle_panels, hotseat
from . import battle_preview as preview
from .autosave import AutoSaver
from .battle_ai import SLICE_SECONDS, AiDriver
from .battle_input import Keys, edge_vector, key_label
from .battle_panels import ACCENT, DANGER, DIM, GOOD, INK, WARN, Fonts, LogLine
from .screen import Screen

if TYPE_CHECKING:
    from ..match.match import Match
    from ..scenario.files import Scenario

log = logging.getLogger(__name__)

TILE = 32
SIDE_W = 330
TOP_H = 34
BAR_H = 96
PAN_SPEED = 900  # pixels a second, edge scrolling
PAN_TILES = 1.5  # tiles a pan key moves the view (held keys repeat)
EDGE_MARGIN = 8
DRAG_THRESHOLD = 6
BANNER_SECONDS = 1.8
STATUS_SECONDS = 3.5


def render_api() -> SimpleNamespace:
    """The renderer's classes (Camera, Overlay, BoardRenderer, Animator), wherever in
    `alma_tactics.render` they live. Tests may replace this function."""
    found: dict[str, Any] = {}
    wanted = ("Camera", "Overlay", "BoardRenderer", "Animator")
    package = importlib.import_module("..render", __package__)
    for source in ("", ".board", ".camera", ".overlay", ".animations", ".animation", ".animator"):
        try:
            module = (
                importlib.import_module(f"..render{source}", __package__) if source else package
            )
        except ImportError:
            continue
        for name in wanted:
            if name not in found and hasattr(module, name):
                found[name] = getattr(module, name)
    missing = [n for n in wanted if n not in found]
    if missing:
        raise ImportError(f"alma_tactics.render lacks {', '.join(missing)}")
    return SimpleNamespace(**found)


def _call(factory, **kwargs):
    """Call `factory` with the keyword arguments it accepts (the renderer's API may grow)."""
    try:
        params = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return factory(**kwargs)
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return factory(**kwargs)
    return factory(**{k: v for k, v in kwargs.items() if k in params})


class BattleScreen(Screen):
    def __init__(
        self, app, match: Match, human_sides: list[str], scenario: Scenario, *, threaded_ai=None
    ) -> None:
        super().__init__(app)
        self.match = match
        self.scenario = scenario
        self.human_sides = [s.id for s in match.state.sides if s.id in human_sides]
        self.settings = getattr(app, "settings", SimpleNamespace())
        self.keys = Keys(self.settings)
        state = match.state
        self.players = {
            s.id: AiPlayer(s.id, s.difficulty) for s in state.sides if s.id not in self.human_sides
        }
        if threaded_ai is None:
            threaded_ai = bool(getattr(self.settings, "ai_thread", False))
        self.driver = AiDriver(
            match, self.players, self._submit_ai, threaded=threaded_ai, pause=self._ai_should_pause
        )
        active = state.active_side.id
        self.viewer = active if active in self.human_sides else (self.human_sides or [active])[0]
        hot_seat = len(self.human_sides) > 1
        self.curtain: str | None = self.viewer if hot_seat and active in self.human_sides else None
        self.logs: dict[str, list[LogLine]] = {s: [] for s in self.human_sides}
        self.pending: dict[str, list[tuple[int, ev.Event]]] = {s: [] for s in self.human_sides}
        self.log_scroll = 0
        # selection and the action being aimed
        self.selected: str | None = None
        self.target: str | None = None
        self.armed: battle_bar.Entry | None = None
        self.hover: Pos | None = None
        self.mouse: tuple[int, int] | None = None
        self.tooltip_text = ""  # the map tooltip's text (tests read it)
        self.preview_text = ""  # the armed action's preview box
        # camera and drawing
        api = render_api()
        self.api = api
        scale = float(getattr(self.settings, "ui_scale", 1.0))
        zoom = min((0.5, 0.75, 1.0, 1.5, 2.0), key=lambda z: (abs(z - scale), z))
        self.camera = _call(api.Camera, tile=TILE, x=0, y=0, zoom=zoom)
        colours = getattr(scenario, "colours", None)
        self.renderer = _call(
            api.BoardRenderer,
            catalog=state.catalog,
            tile=TILE,
            colour_blind=bool(getattr(self.settings, "colour_blind", False)),
            side_colours=colours,
        )
        self.animator = _call(
            api.Animator,
            renderer=self.renderer,
            speed=float(getattr(self.settings, "animation_speed", 1.0)),
        )
        self.fonts = Fonts(float(getattr(self.settings, "ui_scale", 1.0)))
        self.overlay = None
        self.banner: tuple[str, str, float] | None = None
        self.status: tuple[str, tuple, float] | None = None
        self.drag: dict | None = None
        self.finished = False
        self.centred = False
        # widgets
        self.elements: list = []
        self.callbacks: dict[object, Any] = {}
        self.bar_buttons: dict[object, battle_bar.Entry] = {}
        self.bar_signature: tuple | None = None
        self.bar_page = 0
        self.more_button = None
        self.modal: dict | None = None
        self.size: tuple[int, int] | None = None
        self._cache: dict[str, tuple] = {}
        self._pending_turn_banner = active in self.human_sides and not self.curtain
        self.pins: dict[str, str] = {}  # hot-seat PINs by side (this session only, never saved)
        self.hand_off = hotseat.HandOff(self)
        self.autosaver = AutoSaver()
        self._opening_log()

    # --- layout ---------------------------------------------------------------------------------
    def px(self, n: float) -> int:
        """A length in pixels at the UI scale."""
        return round(n * float(getattr(self.settings, "ui_scale", 1.0)))

    def layout(self, size: tuple[int, int] | None = None) -> dict[str, pygame.Rect]:
        w, h = size or self.app.window.get_size()
        px = self.px
        top_h, bar_h = px(TOP_H), px(BAR_H)
        side_w = min(px(SIDE_W), max(220, w // 3))
        rects = {
            "top": pygame.Rect(0, 0, w, top_h),
            "map": pygame.Rect(0, top_h, w - side_w, h - top_h - bar_h),
            "side": pygame.Rect(w - side_w, top_h, side_w, h - top_h - bar_h),
            "bar": pygame.Rect(0, h - bar_h, w, bar_h),
        }
        side = rects["side"]
        gw, gh = self.match.state.grid.width, self.match.state.grid.height
        mini_w = side.w - 16
        mini_h = min(round(mini_w * gh / max(1, gw)), max(80, side.h // 4))
        mini_w = min(mini_w, round(mini_h * gw / max(1, gh)))
        rects["minimap"] = pygame.Rect(side.x + (side.w - mini_w) // 2, side.y + 8, mini_w, mini_h)
        y = rects["minimap"].bottom + 8
        unit_h = max(px(120), min(px(190), side.h // 3))
        rects["unit"] = pygame.Rect(side.x + 8, y, side.w - 16, unit_h)
        y += unit_h + 6
        rects["objectives"] = pygame.Rect(side.x + 8, y, side.w - 16, px(78))
        y += px(78) + 6
        rects["log"] = pygame.Rect(side.x + 8, y, side.w - 16, max(40, side.bottom - y - 8))
        return rects

    # --- the screen contract --------------------------------------------------------------------
    def enter(self) -> None:
        self._cache.clear()  # settings may have changed while away
        self.elements = []
        self.callbacks = {}
        self.bar_buttons = {}
        self.bar_signature = None
        self.modal = None
        self.size = self.app.window.get_size()
        self._theme_bar()
        self._build_fixed_widgets()
        if not self.centred:
            self._centre_start()
            self.centred = True

    def leave(self) -> None:
        self._close_modal()
        self.hand_off.close()
        for element in self.elements + list(self.bar_buttons):
            element.kill()
        if self.more_button is not None:
            self.more_button.kill()
            self.more_button = None
        self.elements = []
        self.bar_buttons = {}
        self.callbacks = {}
        self.bar_signature = None
        self.driver.close()

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.ui

    def _add(self, element, callback=None):
        self.elements.append(element)
        if callback is not None:
            self.callbacks[element] = callback
        return element

    def _build_fixed_widgets(self) -> None:
        r = self.layout()
        bar, px = r["bar"], self.px
        end_key, undo_key = key_label(self.keys.name("end_turn")), key_label(self.keys.name("undo"))
        pause_key = key_label(self.keys.name("pause"))
        self.end_button = self._add(
            UIButton(
                pygame.Rect(bar.right - px(150), bar.y + px(12), px(138), px(34)),
                "End turn",
                manager=self.manager,
                tool_tip_text=f"End your turn ({end_key}). You are warned "
                "about units that still have action points.",
            ),
            self._request_end_turn,
        )
        self.undo_button = self._add(
            UIButton(
                pygame.Rect(bar.right - px(150), bar.y + px(52), px(138), px(32)),
                "Undo move",
                manager=self.manager,
                tool_tip_text=f"Take back the last move ({undo_key}), as long as "
                "it revealed nothing: no enemy seen, nothing heard, no dice rolled.",
            ),
            self._undo,
        )
        top = r["top"]
        self.menu_button = self._add(
            UIButton(
                pygame.Rect(top.right - px(96), top.y + 3, px(90), top.h - 6),
                "Menu",
                manager=self.manager,
                tool_tip_text=f"Pause menu ({pause_key}): save, load, settings, surrender, quit.",
            ),
            self._open_pause,
        )

    # --- who is looking -------------------------------------------------------------------------
    @property
    def state(self):
        return self.match.state

    def my_turn(self) -> bool:
        """Whether the viewing side may act now (its turn, no curtain, battle on)."""
        state = self.state
        return (
            not state.winner
            and self.curtain is None
            and state.active_side.id == self.viewer
            and self.viewer in self.human_sides
        )

    def _selected_unit(self) -> Unit | None:
        unit = self.state.units.get(self.selected or "")
        if unit is None or not unit.alive or unit.side != self.viewer:
            return None
        return unit

    def _key(self) -> tuple:
        state = self.state
        return (id(state), len(self.match.log), state.turn, state.active)

    def _cached(self, name: str, extra: tuple, make):
        key = (self._key(), extra)
        hit = self._cache.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = make()
        self._cache[name] = (key, value)
        return value

    # --- acting ---------------------------------------------------------------------------------
    def _submit(self, action: Action) -> list[ev.Event] | None:
        """The one doorway: `match.submit`, then the log and playback for each human side."""
        state = self.state
        before = {s: set(state.knowledge[s].spotted) for s in self.human_sides}
        turn = state.turn
        try:
            events = self.match.submit(action)
        except rules.IllegalAction as exc:
            self._say(f"Cannot do that: {exc.why}.", DANGER)
            return None
        self._witness(events, before, turn)
        self._after_change()
        return events

    def _witness(self, events: list[ev.Event], before: dict[str, set], turn: int) -> None:
        index = len(self.match.log)
        for side in self.human_sides:
            witness = words.Witness(self.state, side, before[side])
            witness.turn = turn
            seen = witness.watch(events)
            for item in seen:
                if item.text:
                    self.logs[side].append(LogLine(item.turn, item.text, index, item.heard_only))
            if side == self.viewer and self.curtain is None:
                self._play([item.event for item in seen])
            else:
                self.pending[side] += [(index, item.event) for item in seen]

    def _play(self, shown: list[ev.Event]) -> None:
        """Hand what the viewing side witnessed to the animator; banners and sounds."""
        if not shown:
            return
        self.animator.play(shown, self.state, self.viewer)
        for event in shown:
            if isinstance(event, ev.TurnStarted):
                self._turn_banner(event.side, event.turn)
            elif isinstance(event, ev.AlarmRaised):
                self._say("ALARM! The enemy is on full alert.", DANGER)

    def _after_change(self) -> None:
        if self._selected_unit() is None:  # dead (a passenger stays selected: it may unload)
            self.selected = None
        if self.target:
            target = self.state.units.get(self.target)
            if (
                target is None
                or not target.alive
                or target.id not in self.state.knowledge[self.viewer].spotted
            ):
                self.target = None
        self.armed = None if self.armed and self.armed.group != "move" else self.armed
        self.log_scroll = 0

    def _commit(self, action: Action) -> None:
        if not self.my_turn():
            self._say("It is not your turn.", WARN)
            return
        why = self.match.check(action)
        if why is not None:
            self._say(f"Cannot do that: {why}.", DANGER)
            return
        self._submit(action)

    def _undo(self) -> None:
        if not self.my_turn():
            return
        if not self.match.can_undo():
            self._say("Nothing to undo: the last action revealed something.", WARN)
            return
        self._skip_animations()
        undone = self.match.undo()
        n = len(self.match.log)
        for side in self.human_sides:
            self.logs[side] = [line for line in self.logs[side] if line.index <= n]
            self.pending[side] = [p for p in self.pending[side] if p[0] <= n]
        self._say(f"Undone: {type(undone).__name__.lower()}.", DIM)
        self.armed = None

    def _request_end_turn(self) -> None:
        if not self.my_turn():
            return
        idle = self._units_with_ap()
        if idle:
            names = ", ".join(f"{words.plain_name(self.state, u.id)} ({u.ap} AP)" for u in idle)
            self._confirm(
                "End the turn?",
                f"{len(idle)} unit{'s' if len(idle) > 1 else ''} still "
                f"{'have' if len(idle) > 1 else 'has'} action points: {names}.\n"
                f"{key_label(self.keys.name('end_turn'))} again ends the turn, "
                f"{key_label(self.keys.name('pause'))} keeps playing.",
                "End turn",
                self._end_turn,
                kind="end_turn",
            )
        else:
            self._end_turn()

    def _units_with_ap(self) -> list[Unit]:
        step = self.state.catalog.step_straight
        return [
            u
            for u in sorted(self.state.units.values(), key=lambda u: u.id)
            if u.side == self.viewer
            and u.alive
            and u.ap >= step
            and not u.overwatch
            and not u.status.get("stunned")
        ]

    def _end_turn(self) -> None:
        self._close_modal()
        if not self.my_turn():
            return
        self.armed = None
        self.selected = None
        self.target = None
        if len(self.human_sides) > 1:  # hot-seat: the curtain first, so nothing more shows
            self._raise_curtain(hotseat.next_human(self.state, self.human_sides))
        self._submit(EndTurn(self.viewer))

    # --- the computer's turn and the hand-over --------------------------------------------------
    def _ai_should_pause(self) -> bool:
        """Stop the computer's slice to let the viewer watch what it just saw."""
        return bool(getattr(self.animator, "busy", False))

    def _advance_turns(self) -> None:
        state = self.state
        if state.winner:
            return
        active = state.active_side.id
        hot_seat = len(self.human_sides) > 1
        if active in self.human_sides:
            if active != self.viewer or self.curtain not in (None, active):
                if hot_seat:
                    if self.curtain != active:  # the seat changes: hide everything at once
                        self._raise_curtain(active)
                else:
                    self.viewer = active
            elif self._pending_turn_banner:
                self._pending_turn_banner = False
                self._turn_banner(active, state.turn)
            return
        if hot_seat and self.curtain is None:
            # A computer side plays between people: behind the curtain of the next one, so
            # whoever sits here sees nothing of it (each side's share waits in `pending`).
            self._raise_curtain(hotseat.next_human(state, self.human_sides))
        if self.modal is not None:
            return
        if self.curtain is None and getattr(self.animator, "busy", False):
            return
        try:
            self.driver.run(SLICE_SECONDS)
        except Exception as exc:  # a bug in the computer player must not end the game
            log.exception("the computer player for %s failed", active)
            self._say(
                f"The computer player failed ({type(exc).__name__}); it ends its turn.", DANGER
            )
            self.driver.close()
            self._submit(EndTurn(active))

    def _submit_ai(self, action: Action) -> list[ev.Event] | None:
        """The computer's doorway: an action the rules refuse ends its turn instead."""
        active = self.state.active_side.id
        events = self._submit(action)
        if events is None and self.state.active_side.id == active and not self.state.winner:
            log.error("the computer player for %s chose an illegal action: %r", active, action)
            events = self._submit(EndTurn(active))
        return events

    def _skip_animations(self) -> None:
        skip = getattr(self.animator, "skip", None)
        if callable(skip):
            skip()

    def _raise_curtain(self, side: str | None) -> None:
        self._skip_animations()
        self._close_modal()
        self.selected = self.target = self.armed = None
        self.curtain = side

    def _lift_curtain(self) -> None:
        if self.curtain is None or self.state.active_side.id != self.curtain:
            return  # a computer side is still playing behind it
        self.viewer = self.curtain
        self.curtain = None
        self.selected = self.target = self.armed = None
        backlog = [event for _, event in self.pending[self.viewer]]
        self.pending[self.viewer] = []
        self._centre_start()
        self._play(backlog)
        if not any(isinstance(e, ev.TurnStarted) for e in backlog):
            self._turn_banner(self.viewer, self.state.turn)

    def _turn_banner(self, side: str, turn: int) -> None:
        name = next((s.name for s in self.state.sides if s.id == side), side)
        who = "your turn" if side == self.viewer else "the computer's turn"
        if side != self.viewer and side in self.human_sides:
            who = "another player's turn"
        self.banner = (f"Turn {turn}: {name}", who, BANNER_SECONDS)

    def _say(self, message: str, colour=INK) -> None:
        self.status = (message, colour, STATUS_SECONDS)

    def _opening_log(self) -> None:
        for side in self.human_sides:
            for item in words.Witness(self.state, side, ()).watch(self.match.opening_events):
                if item.text:
                    self.logs[side].append(LogLine(self.state.turn, item.text, 0, item.heard_only))

    # --- selection and the bar ------------------------------------------------------------------
    def _select(self, unit_id: str | None, centre: bool = False) -> None:
        if unit_id != self.selected:
            self.bar_page = 0
        self.selected = unit_id
        self.armed = None
        if unit_id and centre:
            self._centre_on(self.state.units[unit_id].pos)

    def _cycle_unit(self, step: int = 1) -> None:
        units = [
            u
            for u in sorted(self.state.units.values(), key=lambda u: u.id)
            if u.side == self.viewer and u.alive
        ]
        if not units:
            return
        with_ap = [u for u in units if u.ap > 0] or units
        ids = [u.id for u in with_ap]
        if self.selected in ids:
            nxt = ids[(ids.index(self.selected) + step) % len(ids)]
        else:
            nxt = ids[0] if step > 0 else ids[-1]
        self._select(nxt, centre=True)

    def entries(self) -> list[battle_bar.Entry]:
        unit = self._selected_unit()
        if unit is None or not self.my_turn():
            return []
        return self._cached(
            "entries",
            (unit.id,),
            lambda: battle_bar.build_entries(
                self.state, unit, self.viewer, self.keys.bar_letters(), self.keys.reserved()
            ),
        )

    def _entry_by_key(self, key_name: str) -> battle_bar.Entry | None:
        return next((e for e in self.entries() if e.key == key_name), None)

    def _press_entry(self, entry: battle_bar.Entry) -> None:
        if not self.my_turn():
            return
        if entry.group == "move":
            self.armed = None
            return
        if entry.target == "none":
            self._commit(entry.actions[0])
            return
        if entry.target == "unit":
            if self.armed is entry and self.target in entry.targets:
                self._commit(entry.targets[self.target])
                return
            self.armed = entry
            if self.target not in entry.targets:
                self.target = self._nearest_target(entry)
            return
        if self.armed is entry and self.hover is not None:
            action = entry.action_for(self.state, self.viewer, self.hover)
            if action is not None:
                self._commit(action)
                return
        self.armed = entry

    def _nearest_target(self, entry: battle_bar.Entry) -> str | None:
        unit = self._selected_unit()
        ids = [t for t in entry.targets if t in self.state.units]
        if unit is None or not ids:
            return None
        return min(
            ids,
            key=lambda t: (
                max(abs(self.state.units[t].x - unit.x), abs(self.state.units[t].y - unit.y)),
                t,
            ),
        )

    def _cycle_target(self) -> None:
        entry = self.armed if self.armed and self.armed.target == "unit" else None
        if entry is not None:
            ids = sorted(t for t in entry.targets if t in self.state.units)
        else:
            ids = sorted(self.state.knowledge[self.viewer].spotted)
        if not ids:
            self._say("No enemy in sight.", DIM)
            return
        nxt = ids[(ids.index(self.target) + 1) % len(ids)] if self.target in ids else ids[0]
        self.target = nxt
        self._centre_on(self.state.units[nxt].pos, only_if_off=True)

    def _sync_bar(self) -> None:
        """Rebuild the bar's buttons when the entries change."""
        entries = self.entries() if self.modal is None and self.curtain is None else []
        unit = self._selected_unit()
        signature = (
            tuple((e.key, e.label, e.ap) for e in entries),
            self.armed.label if self.armed else None,
            unit.id if unit else None,
            self._key(),
            self.size,
            self.bar_page,
        )
        if signature == self.bar_signature:
            self.undo_button_state()
            return
        self.bar_signature = signature
        for button in self.bar_buttons:
            button.kill()
        self.bar_buttons = {}
        if self.more_button is not None:
            self.more_button.kill()
            self.more_button = None
        for place, label, entry in self._bar_layout(entries):
            if entry is None:  # the rest did not fit: a button to page through them
                self.more_button = UIButton(
                    place,
                    label,
                    manager=self.manager,
                    tool_tip_text="More actions (every hotkey works on any page).",
                    object_id=ObjectID(object_id="#battle_bar_button"),
                )
                continue
            button = UIButton(
                place,
                label,
                manager=self.manager,
                tool_tip_text=self._entry_tooltip(entry),
                object_id=ObjectID(object_id="#battle_bar_button"),
            )
            if self.armed is not None and entry.label == self.armed.label:
                button.select()
            self.bar_buttons[button] = entry
        self.undo_button_state()

    def _bar_layout(self, entries: list) -> list[tuple[pygame.Rect, str, object]]:
        """Where each entry's button goes: full labels if they fit in the bar's rows, else
        short ones (the AP is in the tooltip), else pages with a "More" button."""
        bar = self.layout()["bar"]
        px = self.px
        x0, y0, right = bar.x + px(10), bar.y + px(8), bar.right - px(160)
        row_h, gap = px(34), px(6)
        rows = max(1, (bar.bottom - y0 + px(6)) // (row_h + px(6)))
        measure = battle_panels.font(self._bar_font_size())

        def label(entry, full: bool) -> str:
            ap = f" · {entry.ap} AP" if entry.ap and full else ""
            return f"[{key_label(entry.key)}] {entry.label}{ap}" if entry.key else entry.label

        def flow(items: list[str], reserve: int = 0) -> list[pygame.Rect]:
            places, x, row = [], x0, 0
            for text in items:
                width = max(px(64), measure.size(text)[0] + px(22))
                limit = right - (reserve if row == rows - 1 else 0)
                if x + width > limit and x > x0:
                    x, row = x0, row + 1
                if row >= rows:
                    break
                places.append(pygame.Rect(x, y0 + row * (row_h + px(6)), width, row_h))
                x += width + gap
            return places

        for full in (True, False):
            labels = [label(e, full) for e in entries]
            places = flow(labels)
            if len(places) == len(entries):
                return list(zip(places, labels, entries, strict=True))
        # pages: what fits beside a "More" button, the page chosen by `bar_page`
        more_w = max(px(64), measure.size("More ›")[0] + px(22))
        labels = [label(e, False) for e in entries]
        pages: list[list[int]] = []
        start = 0
        while start < len(entries):
            fit = len(flow(labels[start:], reserve=more_w + gap)) or 1
            pages.append(list(range(start, start + fit)))
            start += fit
        page = pages[self.bar_page % len(pages)]
        places = flow([labels[i] for i in page], reserve=more_w + gap)
        out = [(places[k], labels[i], entries[i]) for k, i in enumerate(page)]
        last = places[-1]
        more = pygame.Rect(last.right + gap, last.y, more_w, row_h)
        if more.right > right:
            more = pygame.Rect(x0, last.bottom + px(6), more_w, row_h)
        n = self.bar_page % len(pages) + 1
        out.append((more, f"More › {n}/{len(pages)}", None))
        return out

    def _bar_font_size(self) -> int:
        return max(9, round(14 * float(getattr(self.settings, "ui_scale", 1.0))))

    def _theme_bar(self) -> None:
        """A smaller font for the action bar's many buttons (added to the app's theme)."""
        scale = float(getattr(self.settings, "ui_scale", 1.0))
        theme = {
            "#battle_bar_button": {
                "prototype": "#alma_shape",
                "font": {"name": "noto_sans", "size": str(self._bar_font_size())},
                "misc": {"text_horiz_alignment_padding": "8"},
            },
            "#battle_dialog_title": {
                "font": {"name": "noto_sans", "size": str(round(20 * scale)), "bold": "1"},
                "colours": {"normal_text": "#4fd6f0", "dark_bg": "#00000000"},
                "misc": {"text_horiz_alignment": "center"},
            },
        }
        # a theme without the prototype: plain buttons, not a crash
        with contextlib.suppress(Exception):
            self.manager.get_theme().load_theme(theme)

    def undo_button_state(self) -> None:
        can_undo = self.my_turn() and self.match.can_undo()
        if can_undo and not self.undo_button.is_enabled:
            self.undo_button.enable()
        elif not can_undo and self.undo_button.is_enabled:
            self.undo_button.disable()
        mine = self.my_turn()
        if mine and not self.end_button.is_enabled:
            self.end_button.enable()
        elif not mine and self.end_button.is_enabled:
            self.end_button.disable()

    def _entry_tooltip(self, entry: battle_bar.Entry) -> str:
        lines = [entry.tooltip]
        if entry.ap is not None and entry.group != "move":
            lines.append(
                f"Cost: {entry.ap} AP"
                + (" (all that is left)" if entry.group == "overwatch" else "")
            )
        if entry.target == "none" and entry.actions:
            lines += self._noise_lines(entry.actions[0])
        key = f"Hotkey: {key_label(entry.key)}" if entry.key else ""
        if key:
            lines.append(
                key + (" (press again to fire at the target)" if entry.target == "unit" else "")
            )
        return "<br>".join(_escape(line) for line in lines)

    # --- previews -------------------------------------------------------------------------------
    def _noise_lines(self, action: Action) -> list[str]:
        noises = preview.action_noises(self.state, action)
        if not noises:
            return ["Silent."]
        loudest = max(r for _, r in noises)
        heard = preview.hearers(self.state, self.viewer, noises)
        kind = "LOUD" if preview.loud(self.state, noises) else "Noise"
        reach = f"{kind} ({loudest} tile{'s' if loudest != 1 else ''})"
        if heard:
            names = ", ".join(preview.contact_label(self.state, c) for c in heard)
            return [f"{reach}: heard by {names}, and by anyone unseen in range."]
        return [f"{reach}: heard by no known enemy (anyone unseen in range would)."]

    def _reach(self):
        unit = self._selected_unit()
        if unit is None or not self.my_turn() or not unit.on_map or unit.mounted_on:
            return None
        return self._cached("reach", (unit.id,), lambda: movement.reachable(self.state, unit))

    def reachable_tiles(self) -> dict[Pos, int]:
        reach = self._reach()
        unit = self._selected_unit()
        if reach is None or unit is None:
            return {}

        def make() -> dict[Pos, int]:
            return {pos: unit.ap - cost for pos, cost in reach.tiles() if pos != unit.pos}

        return self._cached("reachable", (unit.id,), make)

    def _hover_move(self) -> tuple[list[Pos], int] | None:
        """The path to the hovered tile and its AP cost (the same list while unchanged)."""
        reach = self._reach()
        tile = self.hover
        if reach is None or tile is None or tile not in self.reachable_tiles():
            return None
        unit_id = self.selected

        def make():
            path = reach.path_to(tile)
            return (path, reach.cost_to(tile) or 0) if path else None

        return self._cached("hover_move", (unit_id, tile), make)

    def _hover_action(self) -> Action | None:
        """The armed entry's action aimed at the hovered tile (or its current target)."""
        entry = self.armed
        if entry is None or not self.my_turn():
            return None
        if entry.target == "unit":
            if self.hover is not None:
                action = entry.action_for(self.state, self.viewer, self.hover)
                if action is not None:
                    return action
            return entry.targets.get(self.target or "")
        if entry.target == "tile" and self.hover is not None:
            return entry.action_for(self.state, self.viewer, self.hover)
        return entry.actions[0] if entry.actions else None

    def watched(self) -> set[Pos]:
        return self._cached(
            "watched", (self.viewer,), lambda: preview.watched_tiles(self.state, self.viewer)
        )

    def intent_on(self) -> bool:
        shows = getattr(self.settings, "shows_intent", None)
        difficulties = [self.state.side(s).difficulty for s in self.players]
        if callable(shows):
            return any(shows(d) for d in difficulties)
        setting = getattr(self.settings, "telegraph_intent", "easy")
        if setting in (True, "on"):
            return True
        return setting == "easy" and "easy" in difficulties

    def build_overlay(self):
        """What the board highlights this frame. Unchanged parts are the same objects
        as last frame (the renderer caches on their identity)."""
        unit = self._selected_unit()
        reachable = self.reachable_tiles() if self.armed is None and unit is not None else None
        path, cost = None, None
        rings: list[tuple[Pos, int]] = []
        blast = None
        move = self._hover_move() if self.armed is None else None
        if move is not None and unit is not None:
            path, cost = move
            rings = preview.ring(preview.action_noises(self.state, Move(unit.id, tuple(path))))
        action = self._hover_action()
        target_object = None
        if action is not None:
            rings = preview.ring(preview.action_noises(self.state, action))
            b = preview.blast_of(self.state, action)
            if b is not None:
                blast = (b.tile, b.radius, b.scatter)
            target_object = getattr(action, "object", None)
        target = None
        aiming_at_tiles = self.armed is not None and self.armed.target == "tile"
        if self.target and self.target in self.state.knowledge[self.viewer].spotted:
            target = None if aiming_at_tiles else self.target
        watched = self.watched() if unit is not None else None
        labels = self._target_labels(unit)
        self.overlay = _call(
            self.api.Overlay,
            selected=unit.id if unit else None,
            reachable=reachable,
            path=path,
            path_cost=cost,
            hover=self.hover,
            target=target,
            noise_rings=rings,
            blast=blast,
            watched=watched,
            intent=self.intent_on(),
            target_object=target_object,
            labels=labels,
        )
        return self.overlay

    def _target_labels(self, unit: Unit | None) -> list[tuple[Pos, str]]:
        """With a shot armed, each target it may fire at shows its hit chance."""
        entry = self.armed
        if unit is None or entry is None or entry.group not in ("shoot", "eye"):
            return []

        def make() -> list[tuple[Pos, str]]:
            from ..core import combat

            out = []
            for target_id, action in sorted(entry.targets.items()):
                target = self.state.units.get(target_id)
                if target is None:
                    continue
                chance = combat.hit_chance(
                    self.state, unit, target, action.mode, action.weapon, action.aim
                )
                out.append((target.pos, f"{chance}%"))
            return out

        return self._cached("labels", (unit.id, entry.label), make)

    def tooltip_lines(self) -> list[tuple[str, tuple]]:
        """The map tooltip for the hovered tile, as (line, colour); [] for none."""
        armed = self.armed.label if self.armed else None
        extra = (self.hover, armed, self.selected, self.target, self.viewer, self.curtain)
        return self._cached("tooltip", extra, self._tooltip_lines)

    def _tooltip_lines(self) -> list[tuple[str, tuple]]:
        tile = self.hover
        if tile is None or self.curtain is not None:
            return []
        state, side = self.state, self.viewer
        know = state.knowledge[side]
        if not state.grid.in_bounds(tile):
            return []
        me = self._selected_unit()
        if not know.explored[tile[1], tile[0]]:
            lines = [("Unexplored", DIM), ("Your side has not seen this ground.", DIM)]
            return lines + self._action_lines(tile, me, None)
        lines: list[tuple[str, tuple]] = []
        unit = preview.visible_unit_at(state, side, tile)
        if unit is not None and state.are_enemies(side, unit.side):
            lines += self._enemy_lines(unit, me)
        elif unit is not None:
            utype = state.utype(unit)
            lines.append((words.plain_name(state, unit.id), INK))
            lines.append((f"{utype.name}: HP {unit.hp}/{utype.hp}, AP {unit.ap}/{utype.ap}", DIM))
        else:
            ghost = preview.contact_at(state, side, tile)
            if ghost is not None and not ghost.seen:
                lines.append((preview.contact_label(state, ghost), WARN))
                lines.append(("Last known position; it may have moved.", DIM))
        lines += self._action_lines(tile, me, unit)
        lines += self._terrain_lines(tile, bool(lines))
        return lines

    def _enemy_lines(self, enemy: Unit, me: Unit | None) -> list[tuple[str, tuple]]:
        state = self.state
        etype = state.utype(enemy)
        out = [(words.plain_name(state, enemy.id), DANGER)]
        out.append((f"{etype.name}: HP {enemy.hp}/{etype.hp}, {enemy.alertness}", DIM))
        if self.intent_on() and enemy.patrol and enemy.alertness != "alert":
            nxt = _next_waypoint(enemy)
            if nxt is not None:
                out.append((f"Intent: patrols towards ({nxt[0]}, {nxt[1]})", WARN))
        if me is None:
            out.append(("Select one of your units to see your chances.", DIM))
            return out
        dist = max(abs(me.x - enemy.x), abs(me.y - enemy.y))
        out.append((f"{dist} tiles from {words.plain_name(state, me.id)}", DIM))
        options = preview.shot_options(state, me, enemy)
        armed = self.armed if self.armed and self.armed.group in ("shoot", "eye") else None
        focus = None
        for option in options:
            colour = INK if not option.why_not else DIM
            if armed is not None and any(
                a.weapon == option.weapon and a.mode == option.mode and a.aim == option.aim
                for a in armed.actions
            ):
                focus, colour = option, ACCENT
            out.append((preview.shot_line(option), colour))
        for line in preview.melee_lines(state, me, enemy):
            out.append((line, INK))
        if focus is None:
            focus = next((o for o in options if not o.why_not and o.aim == "body"), None)
            focus = focus or next(iter(options), None)
        if focus is not None:
            why = preview.modifiers_text(focus.modifiers)
            out.append((f"Why {focus.chance}% ({focus.label}): {why}", DIM))
            if self.armed is None:  # an armed action's own lines tell its noise
                shot = Shoot(me.id, enemy.id, focus.weapon, focus.mode, focus.aim)
                out += [(line, WARN) for line in self._noise_lines(shot)]
        return out

    def _action_lines(
        self, tile: Pos, me: Unit | None, unit: Unit | None
    ) -> list[tuple[str, tuple]]:
        if me is None or not self.my_turn():
            return []
        state = self.state
        out: list[tuple[str, tuple]] = []
        if self.armed is None:
            move = self._hover_move()
            if move is None:
                return []
            path, cost = move
            out.append((f"Move here: {cost} AP ({me.ap - cost} left)", ACCENT))
            exposure = preview.exposure(state, self.viewer, me, tile)
            for k, line in enumerate(exposure.lines(state)):
                danger = (k == 0 and exposure.lit and not exposure.daylight) or (
                    k == 1 and exposure.watchers
                )
                out.append((line, DANGER if danger else GOOD))
            out += [(line, WARN) for line in self._noise_lines(Move(me.id, tuple(path)))]
            return out
        entry = self.armed
        action = entry.action_for(state, self.viewer, tile)
        if action is None:
            if entry.target == "tile" or (unit is None and entry.target == "unit"):
                out.append((f"{entry.label}: not possible here", DIM))
            return out
        ap = preview.action_ap(state, action)
        out.append((f"{entry.label}: {ap} AP — click to commit", ACCENT))
        blast = preview.blast_of(state, action)
        if blast is not None:
            out.append((f"Blast radius {blast.radius}", INK))
            if blast.scatter_chance:
                tiles = f"{blast.scatter} tile{'s' if blast.scatter != 1 else ''}"
                out.append((f"Scatter: {blast.scatter_chance}% to land up to {tiles} off", WARN))
            hit = preview.in_blast(state, self.viewer, blast)
            if hit:
                out.append(("In the blast: " + ", ".join(hit), DANGER))
        out += [(line, WARN) for line in self._noise_lines(action)]
        return out

    def _terrain_lines(self, tile: Pos, more: bool) -> list[tuple[str, tuple]]:
        state = self.state
        kind = state.grid.terrain_at(tile)
        facts = []
        if kind.cover:
            facts.append(f"cover {kind.cover}%")
        if kind.elevation:
            facts.append("elevated")
        if kind.move_cost <= 0:
            facts.append("impassable")
        if state.grid.smoke[tile[1], tile[0]]:
            facts.append("smoke")
        obj = next((o for o in state.objects.values() if o.pos == tile), None)
        title = kind.name + (f" · {obj.kind} {obj.id}" if obj else "")
        text = f"{title} ({tile[0]}, {tile[1]})" + (": " + ", ".join(facts) if facts else "")
        return [(text, DIM if more else INK)]

    # --- events ---------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        if self.curtain is not None and self.hand_off.handle_event(event):
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self._button(event.ui_element)
            return
        if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            if self.modal and self.modal.get("kind") == "load":
                self._load_chosen()
            return
        if event.type in (pygame.VIDEORESIZE, getattr(pygame, "WINDOWSIZECHANGED", -1)):
            self._resized()
            return
        if self.curtain is not None:  # the hand-over curtain took what it wanted above
            return
        if event.type == pygame.KEYDOWN:
            self._key_down(event)
        elif event.type == pygame.MOUSEMOTION:
            self._mouse_motion(event)
        elif event.type == pygame.MOUSEBUTTONDOWN:
            self._mouse_down(event)
        elif event.type == pygame.MOUSEBUTTONUP:
            self._mouse_up(event)
        elif event.type == pygame.MOUSEWHEEL:
            self._wheel(event)

    def _button(self, element) -> None:
        if element is self.more_button and element is not None:
            self.bar_page += 1
            return
        if element in self.bar_buttons:
            if self.modal is None:
                self._press_entry(self.bar_buttons[element])
            return
        callback = self.callbacks.get(element)
        if callback is None and self.modal is not None:
            callback = self.modal["callbacks"].get(element)
        if callback is not None:
            callback()

    def _key_down(self, event) -> None:
        name = pygame.key.name(event.key)
        action = self.keys.action_of(name)
        arrows = {pygame.K_LEFT: "pan_left", pygame.K_RIGHT: "pan_right"}
        arrows.update({pygame.K_UP: "pan_up", pygame.K_DOWN: "pan_down"})
        if self.modal is None and self._pan_key(arrows.get(event.key) or action or ""):
            return
        if self.modal is not None:
            if action == "pause":
                self._close_modal()
            elif action == "end_turn" and self.modal.get("kind") == "end_turn":
                self._end_turn()
            return
        if action == "pause":
            if self.armed is not None:
                self.armed = None
            else:
                self._open_pause()
            return
        if action == "skip_animation":
            self._skip_animations()
            self.banner = None
            return
        if action == "end_turn":
            self._request_end_turn()
            return
        if action == "undo" or (name == "z" and event.mod & pygame.KMOD_CTRL):
            self._undo()
            return
        entry = self._entry_by_key(name)
        if entry is not None:
            self._press_entry(entry)
            return
        if action == "next_unit":
            self._cycle_unit(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif action == "previous_unit":
            self._cycle_unit(-1)
        elif action == "next_target":
            self._cycle_target()
        elif action == "centre":
            unit = self._selected_unit()
            if unit is not None:
                self._centre_on(unit.pos)
        elif action == "zoom_in":
            self._zoom(1.25, self.layout()["map"].center)
        elif action == "zoom_out":
            self._zoom(0.8, self.layout()["map"].center)
        elif action == "quicksave":
            self._save("quicksave")
        elif action == "quickload":
            self._load_path(self._saves_dir() / "quicksave.json")
        elif action == "log_up":
            self.log_scroll += 5
        elif action == "log_down":
            self.log_scroll = max(0, self.log_scroll - 5)

    def _mouse_motion(self, event) -> None:
        self.mouse = event.pos
        r = self.layout()
        if self.drag is not None:
            dx = event.pos[0] - self.drag["last"][0]
            dy = event.pos[1] - self.drag["last"][1]
            self.drag["last"] = event.pos
            start = self.drag["start"]
            if abs(event.pos[0] - start[0]) + abs(event.pos[1] - start[1]) > DRAG_THRESHOLD:
                self.drag["moved"] = True
            if self.drag["moved"]:
                self.camera.pan(-dx, -dy)
                self._clamp()
            return
        self.hover = self._tile_at(event.pos) if r["map"].collidepoint(event.pos) else None
        if self.drag is None and r["minimap"].collidepoint(event.pos) and event.buttons[0]:
            self._minimap_click(event.pos)

    def _mouse_down(self, event) -> None:
        if self.modal is not None:
            return
        r = self.layout()
        self.mouse = event.pos
        if event.button in (4, 5):  # old-style wheel; MOUSEWHEEL handles it
            return
        if r["minimap"].collidepoint(event.pos) and event.button == 1:
            self._minimap_click(event.pos)
            return
        if not r["map"].collidepoint(event.pos):
            return
        if event.button in (1, 2):
            self.drag = {
                "start": event.pos,
                "last": event.pos,
                "moved": False,
                "button": event.button,
            }
        elif event.button == 3:
            if self.armed is not None:
                self.armed = None
            else:
                self._select(None)
                self.target = None

    def _mouse_up(self, event) -> None:
        drag, self.drag = self.drag, None
        if self.modal is not None or event.button != 1:
            return
        if drag is not None and drag["moved"]:
            return
        r = self.layout()
        if r["map"].collidepoint(event.pos):
            tile = self._tile_at(event.pos)
            if tile is not None:
                self.hover = tile
                self._click(tile)

    def _wheel(self, event) -> None:
        r = self.layout()
        pos = self.mouse or r["map"].center
        if r["log"].collidepoint(pos):
            self.log_scroll = max(0, self.log_scroll + (3 if event.y > 0 else -3))
            return
        if r["map"].collidepoint(pos) and event.y:
            self._zoom(1.15 if event.y > 0 else 1 / 1.15, pos)

    def _click(self, tile: Pos) -> None:
        state, side = self.state, self.viewer
        unit = preview.visible_unit_at(state, side, tile)
        if self.armed is not None and self.my_turn():
            action = self.armed.action_for(state, side, tile)
            if action is not None:
                if self.armed.target == "unit" and unit is not None:
                    self.target = unit.id
                self._commit(action)
                return
            if unit is not None and unit.side == side:
                self._select(unit.id)
                return
            self._say(f"{self.armed.label}: not possible there.", WARN)
            return
        if unit is not None and unit.side == side:
            self._select(unit.id)
            return
        if unit is not None and state.are_enemies(side, unit.side):
            self.target = unit.id
            return
        if self._selected_unit() is not None and tile in self.reachable_tiles():
            move = self._hover_move() if self.hover == tile else None
            if move is None:
                self.hover = tile
                move = self._hover_move()
            if move is not None:
                self._commit(Move(self.selected, tuple(move[0])))

    # --- camera ---------------------------------------------------------------------------------
    def _tile_at(self, pixel: tuple[int, int]) -> Pos | None:
        r = self.layout()["map"]
        tile = self.camera.to_tile((pixel[0] - r.x, pixel[1] - r.y))
        tile = (int(tile[0]), int(tile[1]))
        return tile if self.state.grid.in_bounds(tile) else None

    def _screen_of(self, tile: Pos) -> tuple[int, int]:
        r = self.layout()["map"]
        x, y = self.camera.to_screen(tile)
        return (int(x) + r.x, int(y) + r.y)

    def _view_rect(self) -> pygame.Rect:
        r = self.layout()["map"]
        return pygame.Rect(0, 0, r.w, r.h)

    def _centre_on(self, tile: Pos, only_if_off: bool = False) -> None:
        if only_if_off:
            sx, sy = self._screen_of(tile)
            if self.layout()["map"].inflate(-80, -80).collidepoint(sx, sy):
                return
        self.camera.centre_on(tile, self._view_rect())
        self._clamp()

    def _centre_start(self) -> None:
        own = [u for u in self.state.units.values() if u.side == self.viewer and u.on_map]
        if own:
            xs = sorted(u.x for u in own)
            ys = sorted(u.y for u in own)
            self._centre_on((xs[len(xs) // 2], ys[len(ys) // 2]))

    def _clamp(self) -> None:
        grid = self.state.grid
        self.camera.clamp(grid.width, grid.height, self._view_rect())

    def _zoom(self, factor: float, pixel: tuple[int, int]) -> None:
        r = self.layout()["map"]
        self.camera.zoom_at(factor, (pixel[0] - r.x, pixel[1] - r.y))
        self._clamp()

    def _minimap_click(self, pos: tuple[int, int]) -> None:
        rect = self.layout()["minimap"]
        grid = self.state.grid
        ask = getattr(self.renderer, "minimap_tile", None)
        if callable(ask):
            tile = ask(self.state, (pos[0] - rect.x, pos[1] - rect.y), rect.size)
            self._centre_on((int(tile[0]), int(tile[1])))
            return
        tx = int((pos[0] - rect.x) * grid.width / rect.w)
        ty = int((pos[1] - rect.y) * grid.height / rect.h)
        self._centre_on((min(grid.width - 1, max(0, tx)), min(grid.height - 1, max(0, ty))))

    def _pan_key(self, action: str) -> bool:
        """A pan key (held keys repeat): move the view by a step. True if it was one."""
        step = {"pan_left": (-1, 0), "pan_right": (1, 0), "pan_up": (0, -1), "pan_down": (0, 1)}
        d = step.get(action or "")
        if d is None:
            return False
        size = float(getattr(self.camera, "tile_px", TILE))
        self.camera.pan(d[0] * size * PAN_TILES, d[1] * size * PAN_TILES)
        self._clamp()
        return True

    def _edge_scroll(self, dt: float) -> None:
        if self.modal is not None or self.curtain is not None or self.drag is not None:
            return
        edge = getattr(self.settings, "edge_scrolling", getattr(self.settings, "edge_scroll", True))
        if not edge or self.mouse is None or not pygame.mouse.get_focused():
            return
        dx, dy = edge_vector(self.mouse, self.app.window.get_rect(), EDGE_MARGIN)
        if dx or dy:
            step = PAN_SPEED * dt
            self.camera.pan(dx * step, dy * step)
            self._clamp()
            if self.layout()["map"].collidepoint(self.mouse):
                self.hover = self._tile_at(self.mouse)

    def _resized(self) -> None:
        size = self.app.window.get_size()
        if size != self.size:
            self.leave()
            self.enter()

    # --- per frame ------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.app.window.get_size() != self.size:
            self._resized()
        self.animator.update(dt)
        if self.banner is not None:
            text, sub, left = self.banner
            self.banner = (text, sub, left - dt) if left - dt > 0 else None
        if self.status is not None:
            text, colour, left = self.status
            self.status = (text, colour, left - dt) if left - dt > 0 else None
        self._edge_scroll(dt)
        self._advance_turns()
        self.hand_off.sync()
        self._autosave()
        if self.state.winner and not self.finished and not getattr(self.animator, "busy", False):
            self.finished = True
            self.app.show_after_action(self.match, self.scenario)
            return
        self._sync_bar()

    def draw(self, surface: pygame.Surface) -> None:
        r = self.layout(surface.get_size())
        surface.fill((7, 11, 16))
        if self.curtain is not None:
            self.hand_off.draw(surface)
            return
        overlay = self.build_overlay()
        clip = surface.get_clip()
        surface.set_clip(r["map"])
        self.renderer.draw(surface, r["map"], self.state, self.viewer, self.camera, overlay)
        self.animator.draw(surface, r["map"], self.camera)
        surface.set_clip(clip)
        self._draw_top(surface, r["top"])
        self._draw_side(surface, r)
        self._draw_bar(surface, r["bar"])
        self._draw_preview(surface, r["map"])
        lines = self.tooltip_lines() if self.modal is None else []
        self.tooltip_text = "\n".join(line for line, _ in lines)
        if lines and self.mouse is not None and r["map"].collidepoint(self.mouse):
            battle_panels.draw_tooltip(
                surface, lines, self.mouse, r["map"], self.fonts, self.px(360)
            )
        if self.banner is not None:
            text, sub, left = self.banner
            battle_panels.draw_banner(
                surface, r["map"], text, sub, self.fonts, min(1.0, left / 0.5)
            )
        if self.modal is not None:
            shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            shade.fill((0, 0, 0, 120))
            surface.blit(shade, (0, 0))

    def _draw_top(self, surface, rect: pygame.Rect) -> None:
        battle_panels.panel(surface, rect, 255, edge=False)
        pygame.draw.line(surface, battle_panels.PANEL_EDGE, rect.bottomleft, rect.bottomright)
        state = self.state
        active = state.active_side
        title = getattr(self.scenario, "title", "") or self.match.scenario_name
        if self.my_turn():
            turn = f"Turn {state.turn} · {active.name}: your turn"
            colour = ACCENT
        elif state.winner:
            turn = f"Turn {state.turn} · the battle is over"
            colour = GOOD
        else:
            turn = f"Turn {state.turn} · {active.name} is moving…"
            colour = WARN
        x = rect.x + 12
        battle_panels.text(surface, turn, (x, rect.y + 7), self.fonts.bold, colour)
        x += self.fonts.bold.size(turn)[0] + 24
        battle_panels.text(surface, title, (x, rect.y + 9), self.fonts.small, DIM)
        x += self.fonts.small.size(title)[0] + 24
        right = rect.right - 110
        alarms = [s.name for s in state.sides if s.alarm and state.are_enemies(self.viewer, s.id)]
        if alarms:
            img = self.fonts.bold.render("ALARM RAISED", True, DANGER)
            right -= img.get_width()
            surface.blit(img, (right, rect.y + 7))
            right -= 20
        hint = self._hint()
        if hint is not None:
            img = self.fonts.body.render(hint[0], True, hint[1])
            surface.blit(img, (max(x, right - img.get_width()), rect.y + 8))

    def _draw_side(self, surface, r: dict[str, pygame.Rect]) -> None:
        battle_panels.panel(surface, r["side"], 255, edge=False)
        pygame.draw.line(surface, battle_panels.PANEL_EDGE, r["side"].topleft, r["side"].bottomleft)
        mini = r["minimap"]
        image = self.renderer.minimap(self.state, self.viewer, mini.size)
        if image.get_size() != mini.size:
            image = pygame.transform.smoothscale(image, mini.size)
        surface.blit(image, mini.topleft)
        pygame.draw.rect(surface, battle_panels.PANEL_EDGE, mini, 1)
        # the camera's view on the minimap
        box = self._minimap_box(mini)
        if box is not None:
            pygame.draw.rect(surface, INK, box.clip(mini), 1)
        battle_panels.draw_unit_panel(
            surface, r["unit"], self.state, self._selected_unit(), self.fonts
        )
        battle_panels.draw_objectives(surface, r["objectives"], self.state, self.viewer, self.fonts)
        battle_panels.draw_log(
            surface, r["log"], self.logs.get(self.viewer, []), self.fonts, self.log_scroll
        )

    def _minimap_box(self, mini: pygame.Rect) -> pygame.Rect | None:
        """Where the camera's view lies on the minimap (window coordinates)."""
        view = self.layout()["map"]
        grid = self.state.grid
        ask = getattr(self.renderer, "minimap_view_rect", None)
        if callable(ask):
            box = pygame.Rect(ask(self.state, self.camera, view, mini.size))
            return box.move(mini.x, mini.y)
        if hasattr(self.camera, "visible_tiles"):
            x0, y0, x1, y1 = self.camera.visible_tiles(view)
        else:
            x0, y0 = self._tile_at_view((0, 0))
            x1, y1 = self._tile_at_view((view.w, view.h))
        sx, sy = mini.w / grid.width, mini.h / grid.height
        return pygame.Rect(
            mini.x + round(x0 * sx),
            mini.y + round(y0 * sy),
            max(4, round((x1 - x0) * sx)),
            max(4, round((y1 - y0) * sy)),
        )

    def _tile_at_view(self, pixel: tuple[int, int]) -> tuple[int, int]:
        t = self.camera.to_tile(pixel)
        return (int(t[0]), int(t[1]))

    def _draw_bar(self, surface, rect: pygame.Rect) -> None:
        battle_panels.panel(surface, rect, 255, edge=False)
        pygame.draw.line(surface, battle_panels.PANEL_EDGE, rect.topleft, rect.topright)
        if not self.bar_buttons and self.modal is None:
            if self.my_turn():
                msg = "Select a unit: click it, or Tab. Right-click cancels."
            elif self.state.winner:
                msg = "The battle is over."
            else:
                msg = "The enemy is moving. Space skips the animations."
            battle_panels.text(surface, msg, (rect.x + 14, rect.y + 16), self.fonts.body, DIM)

    def _hint(self) -> tuple[str, tuple] | None:
        """The top bar's message: a fresh status, else how to use the armed action."""
        if self.status is not None:
            return self.status[0], self.status[1]
        entry = self.armed
        if entry is None:
            return None
        if entry.target == "unit":
            key = key_label(entry.key)
            return f"{entry.label}: click a target (T cycles) or press {key} again", ACCENT
        if entry.target == "tile":
            return f"{entry.label}: click a tile. Right-click cancels.", ACCENT
        return None

    def _draw_preview(self, surface, view: pygame.Rect) -> None:
        """The armed aimed-at-unit action against its current target, in a box above the bar."""
        self.preview_text = ""
        entry = self.armed
        me = self._selected_unit()
        if entry is None or entry.target != "unit" or me is None:
            return
        action = entry.targets.get(self.target or "")
        if action is None:
            return
        target = self.state.units.get(self.target or "")
        if target is None:
            return
        lines: list[tuple[str, tuple]] = [
            (f"{entry.label} at {words.plain_name(self.state, target.id)}", ACCENT)
        ]
        if type(action).__name__ == "Shoot":
            option = next(
                (
                    o
                    for o in preview.shot_options(self.state, me, target)
                    if o.weapon == action.weapon and o.mode == action.mode and o.aim == action.aim
                ),
                None,
            )
            if option is not None:
                lines.append((preview.shot_line(option), INK))
                lines.append(("Why: " + preview.modifiers_text(option.modifiers), DIM))
        else:
            ap = preview.action_ap(self.state, action)
            lines.append((f"{ap} AP", INK))
            lines += [(line, INK) for line in preview.melee_lines(self.state, me, target)]
        lines += [(line, WARN) for line in self._noise_lines(action)]
        key = key_label(entry.key)
        lines.append((f"Press {key} again or click the target to commit.", DIM))
        self.preview_text = "\n".join(line for line, _ in lines)
        battle_panels.draw_tooltip(
            surface, lines, (view.x - 14, view.bottom), view, self.fonts, self.px(440)
        )

    # --- dialogs and the pause menu -------------------------------------------------------------
    def _r(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        """A rectangle given at UI scale 1, scaled."""
        px = self.px
        return pygame.Rect(px(x), px(y), px(w), px(h))

    def _open_modal(
        self, kind: str, title: str, width: int, height: int
    ) -> tuple[UIPanel, pygame.Rect]:
        self._close_modal()
        w, h = self.app.window.get_size()
        size = (self.px(width), self.px(height))
        rect = pygame.Rect((w - size[0]) // 2, (h - size[1]) // 2, *size)
        panel = UIPanel(rect, starting_height=5, manager=self.manager)
        UILabel(
            self._r(0, 10, width - 4, 30),
            title,
            manager=self.manager,
            container=panel,
            object_id=ObjectID(object_id="#battle_dialog_title"),
        )
        self.modal = {"kind": kind, "panel": panel, "callbacks": {}, "rect": rect}
        self.armed = None
        return panel, rect

    def _modal_button(
        self, panel, rect: pygame.Rect, text: str, callback, tip: str | None = None, main=False
    ):
        button = UIButton(
            rect,
            text,
            manager=self.manager,
            container=panel,
            tool_tip_text=tip,
            object_id=ObjectID(object_id="#primary") if main else None,
        )
        self.modal["callbacks"][button] = callback
        return button

    def _close_modal(self) -> None:
        if self.modal is not None:
            self.modal["panel"].kill()
            self.modal = None

    def _confirm(self, title: str, message: str, yes: str, on_yes, kind: str = "confirm") -> None:
        from pygame_gui.elements import UITextBox

        width, height = 480, 270
        panel, _ = self._open_modal(kind, title, width, height)
        UITextBox(
            _escape(message),
            self._r(14, 46, width - 32, 150),
            manager=self.manager,
            container=panel,
        )
        self._modal_button(panel, self._r(14, 208, 210, 42), yes, on_yes, main=True)
        self._modal_button(panel, self._r(width - 228, 208, 210, 42), "Cancel", self._close_modal)

    def _open_pause(self) -> None:
        width, height = 320, 390
        panel, _ = self._open_modal("pause", "Paused", width, height)
        items = (
            ("Resume", self._close_modal, "Back to the battle (Escape)."),
            ("Save game", lambda: self._save(), "Save to the saves folder."),
            ("Load game", self._open_load, "Load a saved battle."),
            ("Settings", self._open_settings, "Display, sound, accessibility, keys."),
            ("Surrender", self._ask_surrender, "Give up this battle: to the after-action report."),
            ("Quit to menu", self._ask_quit, "Leave the battle (unsaved progress is lost)."),
        )
        for i, (text, callback, tip) in enumerate(items):
            self._modal_button(panel, self._r(30, 50 + i * 52, width - 66, 42), text, callback, tip)

    def _saves_dir(self) -> Path:
        folder = getattr(self.app, "saves_dir", None)
        if folder is not None:
            return Path(folder)
        from .settings import saves_dir

        return saves_dir()

    def save_name(self) -> str:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        name = self.match.scenario_name or "battle"
        return f"{name}-turn{self.state.turn}-{stamp}"

    def _save(self, name: str | None = None) -> Path | None:
        """Write the match to the saves folder; returns the file (None if it failed)."""
        from ..match.saves import SaveError, write_save

        name = name or self.save_name()
        try:
            path = write_save(self.match, self._saves_dir() / f"{name}.json")
        except (SaveError, OSError) as exc:
            self._say(f"Could not save: {exc}", DANGER)
            return None
        self._close_modal()
        self._say(f"Saved: {path.name}", GOOD)
        self.last_save = path
        return path

    def _autosave(self) -> None:
        """At the start of each human side's turn, an autosave (the last few are kept)."""
        from ..match.saves import SaveError

        try:
            self.autosaver.tick(self.match, self.human_sides, self._saves_dir())
        except (SaveError, OSError) as exc:
            log.warning("autosave failed: %s", exc)
            self._say(f"Autosave failed: {exc}", WARN)

    def _open_load(self) -> None:
        folder = self._saves_dir()
        files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        width, height = 520, 430
        panel, _ = self._open_modal("load", "Load game", width, height)
        self.modal["files"] = {p.stem: p for p in files}
        if not files:
            UILabel(
                pygame.Rect(14, 60, width - 34, 30),
                "No saved games yet.",
                manager=self.manager,
                container=panel,
            )
        listing = UISelectionList(
            pygame.Rect(14, 44, width - 34, 300),
            [p.stem for p in files],
            manager=self.manager,
            container=panel,
        )
        self.modal["list"] = listing
        self._modal_button(panel, pygame.Rect(14, 356, 200, 40), "Load", self._load_chosen)
        self._modal_button(panel, pygame.Rect(width - 220, 356, 200, 40), "Back", self._open_pause)

    def _load_chosen(self) -> None:
        if not self.modal or self.modal.get("kind") != "load":
            return
        chosen = self.modal["list"].get_single_selection()
        if chosen is None:
            self._say("Choose a save first.", WARN)
            return
        self._load_path(self.modal["files"][chosen])

    def _load_path(self, path: Path) -> None:
        from ..match.saves import SaveError, load_save

        try:
            loaded = load_save(path)
        except SaveError as exc:
            self._close_modal()
            self._say(str(exc), DANGER)
            return
        if not loaded.verified:
            self._say("Warning: the save does not replay to the same state.", WARN)
        from .app import scenario_of_save

        scenario = scenario_of_save(loaded.match)
        self._close_modal()
        resume = getattr(self.app, "resume_battle", None)
        if callable(resume):
            resume(loaded.match, scenario)
        else:
            human = [s.id for s in loaded.match.state.sides if s.controller == "human"]
            self.app.switch(BattleScreen(self.app, loaded.match, human, scenario))

    def _open_settings(self) -> None:
        self._close_modal()
        try:
            from .settings_screen import SettingsScreen
        except ImportError:
            self._say("No settings screen yet.", WARN)
            return
        screen = SettingsScreen(self.app)
        battle = self

        def back() -> None:
            battle.settings = getattr(battle.app, "settings", battle.settings)
            battle.keys = Keys(battle.settings)
            battle.fonts = Fonts(float(getattr(battle.settings, "ui_scale", 1.0)))
            speed = getattr(battle.animator, "speed", None)
            if speed is not None:
                battle.animator.speed = float(getattr(battle.settings, "animation_speed", 1.0))
            blind = bool(getattr(battle.settings, "colour_blind", False))
            switch = getattr(battle.renderer, "set_colour_blind", None)
            if callable(switch):
                switch(blind)
            elif hasattr(battle.renderer, "colour_blind"):
                battle.renderer.colour_blind = blind
            battle.app.switch(battle)

        screen.back = back
        self.app.switch(screen)

    def _ask_surrender(self) -> None:
        self._confirm(
            "Surrender?",
            "Give up the battle and go to the after-action report.",
            "Surrender",
            self._surrender,
            kind="surrender",
        )

    def _surrender(self) -> None:
        self._close_modal()
        self.finished = True
        self.surrendered = self.viewer
        self.app.show_after_action(self.match, self.scenario)

    def _ask_quit(self) -> None:
        self._confirm(
            "Quit to the menu?",
            "Leave the battle for the main menu. Progress since your last save is lost.",
            "Quit",
            self._quit,
            kind="quit",
        )

    def _quit(self) -> None:
        self._close_modal()
        for name in ("main_menu", "show_main_menu", "show_menu"):
            door = getattr(self.app, name, None)
            if callable(door):
                door()
                return
        self.app.quit()


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False).replace("\n", "<br>")


def _next_waypoint(unit: Unit) -> Pos | None:
    """Where a patrolling unit heads next (the renderer's reading, for the same arrows)."""
    points = [tuple(p) for p in unit.patrol]
    if not points:
        return None
    try:
        from ..render.board import next_waypoint
    except ImportError:
        pass
    else:
        return tuple(next_waypoint(unit.pos, points))
    if unit.pos in points:
        return points[(points.index(unit.pos) + 1) % len(points)]
    return min(points, key=lambda p: max(abs(p[0] - unit.x), abs(p[1] - unit.y)))
