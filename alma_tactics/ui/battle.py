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
playback shows what their own side saw or heard since their last turn (with the
`hand_over_screen` setting off the curtain lifts by itself, unless the side has a
PIN, so friends at one table skip the button). Each human
side keeps its own log. An autosave is written as each human side's turn begins.
The screen is split by idea; `BattleScreen` here holds the state, the layout, the
one doorway for actions, the turn order and the hand-over, and takes the rest from
mixins: `battle_input` (events and camera), `battle_selection` (selection and the
action bar's buttons), `battle_overlay` (the board's highlights), `battle_tooltips`
(tooltip and preview text), `battle_draw` (a frame) and `battle_dialogs` (modal
dialogs, the pause menu, saving and loading).
"""

from __future__ import annotations

import importlib
import logging
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from ..ai import AiPlayer
from ..core import events as ev
from ..core import rules
from ..core.actions import Action, EndTurn
from ..core.units import Unit
from ..render import words
from . import battle_bar, hotseat
from .autosave import AutoSaver
from .battle_ai import SLICE_SECONDS, AiDriver
from .battle_dialogs import DialogsMixin
from .battle_draw import DrawMixin
from .battle_input import TILE, InputMixin, Keys, key_label
from .battle_overlay import OverlayMixin, _call
from .battle_panels import DANGER, DIM, INK, WARN, Fonts, LogLine, frame_layout
from .battle_selection import SelectionMixin
from .battle_tooltips import TooltipsMixin
from .screen import Screen
from .sounds import SoundPlayer

if TYPE_CHECKING:
    from ..core.grid import Pos
    from ..match.match import Match
    from ..scenario.files import Scenario

log = logging.getLogger(__name__)

BAR_H = 96
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


class BattleScreen(
    InputMixin,
    SelectionMixin,
    OverlayMixin,
    TooltipsMixin,
    DrawMixin,
    DialogsMixin,
    Screen,
):
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
        # the app's sound player (one mixer for every screen), or a player of our own
        sounds = getattr(app, "sounds", None)
        self.sounds = sounds if sounds is not None else SoundPlayer(lambda: self.settings)
        if hasattr(self.animator, "on_cue"):  # each event's sound as its pictures begin
            self.animator.on_cue = self._hear
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
        px = self.px
        grid = self.match.state.grid
        rects = frame_layout(
            size or self.app.window.get_size(), px, (grid.width, grid.height), px(BAR_H)
        )
        side = rects["side"]
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
        # only what the viewer witnessed reaches the speakers: nothing leaks by ear either;
        # the animator cues each event's sound when its pictures begin (`_hear`)
        self.animator.play(shown, self.state, self.viewer)
        for event in shown:
            if isinstance(event, ev.TurnStarted):
                self._turn_banner(event.side, event.turn)
            elif isinstance(event, ev.AlarmRaised):
                self._say("ALARM! The enemy is on full alert.", DANGER)

    def _hear(self, events: list[ev.Event]) -> None:
        """The sounds of witnessed events whose animation starts now."""
        if self.curtain is None:
            self.sounds.play_events(events, self.state, self.viewer)

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

    def _hand_over_screen(self, side: str | None) -> bool:
        """Whether the curtain waits for its button before `side`'s turn (the setting is
        off for friends sharing a table; a side with a PIN always waits)."""
        return bool(getattr(self.settings, "hand_over_screen", True)) or bool(
            self.pins.get(side or "")
        )

    def _advance_turns(self) -> None:
        state = self.state
        if state.winner:
            return
        active = state.active_side.id
        hot_seat = len(self.human_sides) > 1
        if self.curtain == active and not self._hand_over_screen(active):
            self._lift_curtain()  # no hand-over screen: the next player's view opens at once
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
