"""The replay viewer: a saved battle watched action by action.

A save is a scenario, a seed and an action log, so the viewer rebuilds the battle
the way the game played it: a fresh state from the embedded scenario, then each
logged action through `rules.apply` (the same code as live play). `Tape` does that
once on opening, keeping each action's events, the combat log's lines for every
view and a snapshot of the state at the start of each side's turn; stepping back
restores the nearest snapshot and replays forward from it.

`ReplayViewer` is the screen: the board drawn by the renderer as one side knew it
or all-seeing, the events played through the animator, play/pause, a step of an
action or a turn either way, the speed, the view chooser and the combat log of the
chosen view (words from `render.words`, so a side's log names only what it saw).
A hot-seat battle that is not over opens behind `replay_gate.ViewGate` and then
shows the chosen side only.

Keys: Space play/pause; Right/Left an action; Page Down/Up (or Shift+Right/Left) a
turn; Home/End the start and the end; + and - the speed; Escape back.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIDropDownMenu

from ..core import events as ev
from ..core import rules, sight
from ..core.actions import Action, EndTurn
from ..core.state import GameState
from ..render import words
from ..render.animations import Animator
from ..render.board import BoardRenderer
from ..render.camera import ZOOM_LEVELS, Camera
from . import battle_panels
from .battle_panels import ACCENT, DIM, GOOD, INK, WARN, Fonts, LogLine, frame_layout
from .load_game import LoadGameScreen
from .replay_gate import ViewGate, secret_sides
from .screen import Screen
from .sounds import SoundPlayer

TILE = 32
SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)
ALL = "*"  # the view chooser's id for the all-seeing view
GAP = 0.3  # seconds between two actions while playing, at speed 1
BAR_H = 64
DRAG_THRESHOLD = 6
SIDE_EVENTS = (ev.UnitSpotted, ev.UnitLost, ev.NoiseHeard, ev.AreaRevealed)


# --- the battle on tape --------------------------------------------------------------------------


def all_seeing_lines(events: list[ev.Event], state: GameState, turn: int) -> list[tuple[int, str]]:
    """(turn, text) log lines for the all-seeing view: every unit named; what a side
    spotted, lost or heard is told with the side's name."""
    everyone = set(state.units)
    names = {s.id: s.name for s in state.sides}
    out: list[tuple[int, str]] = []
    for event in events:
        if isinstance(event, ev.TurnStarted):
            turn = event.turn
        prefix = ""
        if isinstance(event, SIDE_EVENTS) and event.side in names:
            side = event.side
            prefix = f"{names[side]}: "
        else:
            actor = next(
                (
                    getattr(event, f)
                    for f in words.UNIT_FIELDS
                    if isinstance(getattr(event, f, None), str) and getattr(event, f) in state.units
                ),
                None,
            )
            side = state.units[actor].side if actor else state.active_side.id
        text = words.describe(event, state, side, everyone)
        if text:
            out.append((turn, prefix + text))
    return out


class Tape:
    """A saved battle that can be put at any number of actions played."""

    def __init__(self, data: dict, catalog=None) -> None:
        from ..match.saves import starting_match

        self.match = starting_match(data, catalog)
        self.catalog = self.match.catalog
        self.saved_hash = data.get("state_hash", "")
        self.actions: list[Action] = [Action.from_dict(entry) for entry in data["log"]]
        self.sides = [s.id for s in self.match.state.sides]
        self.views: list[str | None] = [None, *self.sides]
        self.events: list[list[ev.Event]] = []
        self.shown: dict[str | None, list[list[ev.Event]]] = {v: [] for v in self.views}
        self.lines: dict[str | None, list[LogLine]] = {v: [] for v in self.views}
        self.turn_starts: list[int] = [0]
        self.checkpoints: dict[int, dict] = {0: self.match.initial}
        self._record()
        self.state = self._restore(0)
        self.index = 0

    @property
    def n(self) -> int:
        return len(self.actions)

    @property
    def verified(self) -> bool:
        return not self.saved_hash or self.saved_hash == self.final_hash

    def _restore(self, k: int) -> GameState:
        state = GameState.from_dict(self.catalog, self.checkpoints[k])
        sight.refresh(state)
        return state

    def _record(self) -> None:
        """One pass through the whole battle: events, every view's log, turn snapshots."""
        state = self._restore(0)
        opening = self.match.opening_events
        for side in self.sides:
            for item in words.Witness(state, side, ()).watch(opening):
                if item.text:
                    self.lines[side].append(LogLine(state.turn, item.text, 0, item.heard_only))
        for turn, text in all_seeing_lines(opening, state, state.turn):
            self.lines[None].append(LogLine(turn, text, 0))
        for i, action in enumerate(self.actions):
            before = {s: set(state.knowledge[s].spotted) for s in self.sides}
            turn = state.turn
            events = rules.apply(state, action)
            k = i + 1
            self.events.append(events)
            self.shown[None].append(events)
            for side in self.sides:
                witness = words.Witness(state, side, before[side])
                witness.turn = turn
                seen = witness.watch(events)
                self.shown[side].append([item.event for item in seen])
                self.lines[side] += [
                    LogLine(item.turn, item.text, k, item.heard_only) for item in seen if item.text
                ]
            for line_turn, text in all_seeing_lines(events, state, turn):
                self.lines[None].append(LogLine(line_turn, text, k))
            if isinstance(action, EndTurn) and k < self.n:
                self.turn_starts.append(k)
                self.checkpoints[k] = state.to_dict()
        self.final_hash = state.state_hash()
        self.final_winner = state.winner

    # --- moving along ---------------------------------------------------------------------------
    def seek(self, k: int) -> None:
        """Put the battle after `k` actions (restoring a snapshot when going back)."""
        k = max(0, min(self.n, k))
        if k < self.index or self._snapshot_before(k) > self.index:
            start = self._snapshot_before(k)
            self.state = self._restore(start)
            self.index = start
        while self.index < k:
            rules.apply(self.state, self.actions[self.index])
            self.index += 1

    def forward(self) -> int | None:
        """Play the next action; returns its number (1-based), None at the end."""
        if self.index >= self.n:
            return None
        rules.apply(self.state, self.actions[self.index])
        self.index += 1
        return self.index

    def _snapshot_before(self, k: int) -> int:
        return max(i for i in self.checkpoints if i <= k)

    def state_at(self, k: int) -> GameState:
        """A separate state after `k` actions (the tape's own is left alone)."""
        start = self._snapshot_before(k)
        state = self._restore(start)
        for action in self.actions[start:k]:
            rules.apply(state, action)
        return state

    def next_turn(self) -> int:
        return next((k for k in self.turn_starts if k > self.index), self.n)

    def previous_turn(self) -> int:
        return max((k for k in self.turn_starts if k < self.index), default=0)

    def log(self, view: str | None, k: int | None = None) -> list[LogLine]:
        k = self.index if k is None else k
        return [line for line in self.lines[view] if line.index <= k]


# --- the screen ----------------------------------------------------------------------------------


@dataclass
class Drag:
    start: tuple[int, int]
    last: tuple[int, int]
    moved: bool = False


class ReplayViewer(Screen):
    def __init__(self, app, path: str | Path, back: Callable[[], None] | None = None) -> None:
        from ..match.saves import read_save

        super().__init__(app)
        self.path = Path(path)
        data = read_save(self.path)
        try:
            self.tape = Tape(data, getattr(app, "catalog", None))
        except Exception as exc:  # a save that does not replay: say why in one line
            from ..match.saves import SaveError

            raise SaveError(f"{path} does not replay: {type(exc).__name__}: {exc}") from None
        self.go_back = back
        meta = data["scenario"].get("scenario", {})
        self.title = meta.get("title") or data.get("scenario_name") or self.path.stem
        self.settings = getattr(app, "settings", None)
        self.view: str | None = None
        self.playing = False
        self.wait = 0.0
        self.speed = 1.0
        self.log_scroll = 0
        self.drag: Drag | None = None
        self.mouse: tuple[int, int] | None = None
        self.elements: list = []
        self.callbacks: dict[object, Callable[[], None]] = {}
        self.size: tuple[int, int] | None = None
        self._retired: list[GameState] = []  # drawn states kept alive (caches key on their id)
        self._log_cache: tuple | None = None
        scale = float(getattr(self.settings, "ui_scale", 1.0))
        self.fonts = Fonts(scale)
        self.camera = Camera(tile=TILE)
        self.renderer = BoardRenderer(
            self.tape.catalog,
            tile=TILE,
            colour_blind=bool(getattr(self.settings, "colour_blind", False)),
            side_colours=_side_colours(data["scenario"]),
        )
        self.animator = Animator(
            self.renderer, speed=float(getattr(self.settings, "animation_speed", 1.0))
        )
        self.base_speed = self.animator.speed
        sounds = getattr(app, "sounds", None)
        self.sounds = sounds if sounds is not None else SoundPlayer(lambda: self.settings)
        # each event's sound as its pictures begin ("": the all-seeing view)
        self.animator.on_cue = lambda events: self.sounds.play_events(
            events, self.state, self.view or ""
        )
        self.status = "" if self.tape.verified else "This save replays differently (rules changed)."
        self.fitted = False
        # a hot-seat battle still being fought: one side's view only, chosen at the gate
        self.locked: str | None = None
        secret = secret_sides(data.get("controllers", {}), self.tape.sides, self.tape.final_winner)
        self.gate: ViewGate | None = None
        if secret:
            name = data.get("scenario_name", "")
            pins = {side: pin for (n, side), pin in getattr(app, "pins", {}).items() if n == name}
            names = {s.id: s.name for s in self.state.sides}
            self.gate = ViewGate(self, secret, names, pins, self.open_as, self.leave_viewer)

    # --- layout and widgets ---------------------------------------------------------------------
    def px(self, n: float) -> int:
        return round(n * float(getattr(self.settings, "ui_scale", 1.0)))

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.ui

    @property
    def state(self) -> GameState:
        return self.tape.state

    def layout(self, size: tuple[int, int] | None = None) -> dict[str, pygame.Rect]:
        px = self.px
        grid = self.state.grid
        r = frame_layout(
            size or self.app.window.get_size(), px, (grid.width, grid.height), px(BAR_H)
        )
        side = r["side"]
        y = r["minimap"].bottom + 8
        r["view_label"] = pygame.Rect(side.x + 8, y, px(70), px(34))
        r["chooser"] = pygame.Rect(side.x + 8 + px(72), y, side.w - 16 - px(72), px(34))
        y += px(34) + 8
        r["log"] = pygame.Rect(side.x + 8, y, side.w - 16, max(40, side.bottom - y - 8))
        return r

    def enter(self) -> None:
        self.size = self.app.window.get_size()
        self.elements = []
        self.callbacks = {}
        if self.gate is not None:
            self.gate.build()
            return
        r = self.layout()
        px = self.px
        bar = r["bar"]
        y, bh = bar.y + (bar.h - px(40)) // 2, px(40)
        x = bar.x + px(10)
        self.buttons: dict[str, UIButton] = {}
        specs = (
            ("turn_back", "\u00ab Turn", 96, self.back_turn, "The start of the previous turn"),
            ("back", "\u2039 Action", 104, self.back_action, "One action back (Left)"),
            ("play", "Play", 96, self.toggle_play, "Play or pause (Space)"),
            ("step", "Action \u203a", 104, self.step_action, "One action forward (Right)"),
            ("turn", "Turn \u00bb", 96, self.step_turn, "The start of the next turn (Page Down)"),
        )
        for key, text, width, callback, tip in specs:
            self.buttons[key] = self._add(
                UIButton(pygame.Rect(x, y, px(width), bh), text, self.manager, tool_tip_text=tip),
                callback,
            )
            x += px(width) + px(6)
        x += px(10)
        labels = [_speed_label(s) for s in SPEEDS]
        with contextlib.suppress(Exception):  # a theme without it: the list opens downwards
            self.manager.get_theme().load_theme({"#opens_up": {"misc": {"expand_direction": "up"}}})
        self.speed_menu = self._add(
            UIDropDownMenu(
                labels,
                _speed_label(self.speed),
                pygame.Rect(x, y, px(96), bh),
                self.manager,
                object_id=ObjectID(object_id="#opens_up"),
            )
        )
        self.buttons["back_to_menu"] = self._add(
            UIButton(
                pygame.Rect(bar.right - px(130), y, px(120), bh),
                "Back",
                self.manager,
                tool_tip_text="Leave the replay (Escape)",
            ),
            self.leave_viewer,
        )
        options = [("All-seeing", ALL)] + [(s.name, s.id) for s in self.state.sides]
        if self.locked is not None:
            options = [o for o in options if o[1] == self.locked]
        current = next(o for o in options if o[1] == (self.view or ALL))
        self.chooser = self._add(UIDropDownMenu(options, current, r["chooser"], self.manager))
        self._sync_play_button()
        if not self.fitted:
            self.fit()
            self.fitted = True

    def _add(self, element, callback=None):
        self.elements.append(element)
        if callback is not None:
            self.callbacks[element] = callback
        return element

    def leave(self) -> None:
        for element in self.elements:
            element.kill()
        self.elements = []
        self.callbacks = {}
        if self.gate is not None:
            self.gate.kill()

    def open_as(self, side: str) -> None:
        """Past the gate: `side`'s view, and no other, until the viewer is left."""
        self.gate = None
        self.locked = side
        self.view = side
        self._rebuild()

    def fit(self) -> None:
        """The whole map in view if a zoom level allows, centred."""
        view = self.layout()["map"]
        grid = self.state.grid
        zoom = ZOOM_LEVELS[0]
        for level in ZOOM_LEVELS:
            if grid.width * TILE * level <= view.w and grid.height * TILE * level <= view.h:
                zoom = level
        self.camera.zoom = zoom
        self.camera.centre_on(((grid.width - 1) / 2, (grid.height - 1) / 2), self._view_rect())
        self._clamp()

    def _view_rect(self) -> pygame.Rect:
        r = self.layout()["map"]
        return pygame.Rect(0, 0, r.w, r.h)

    def _clamp(self) -> None:
        self.camera.clamp(self.state.grid.width, self.state.grid.height, self._view_rect())

    # --- the controls ---------------------------------------------------------------------------
    def toggle_play(self) -> None:
        if not self.playing and self.tape.index >= self.tape.n:
            self.seek(0)  # at the end, Play starts again from the beginning
        self.playing = not self.playing
        self.wait = 0.0
        self._sync_play_button()

    def pause(self) -> None:
        self.playing = False
        self._sync_play_button()

    def _sync_play_button(self) -> None:
        button = self.buttons.get("play") if hasattr(self, "buttons") else None
        if button is not None:
            button.set_text("Pause" if self.playing else "Play")

    def step_action(self) -> None:
        self.pause()
        self.forward()

    def forward(self, animate: bool = True) -> bool:
        """One action forward, its events played as the view saw them. False at the end."""
        self.animator.skip()
        k = self.tape.forward()
        if k is None:
            return False
        shown = self.tape.shown[self.view][k - 1]
        if animate and shown:
            self.animator.play(shown, self.state, self.view)
        self.log_scroll = 0
        return True

    def back_action(self) -> None:
        self.pause()
        self.seek(self.tape.index - 1)

    def step_turn(self) -> None:
        self.pause()
        self.seek(self.tape.next_turn())

    def back_turn(self) -> None:
        self.pause()
        self.seek(self.tape.previous_turn())

    def seek(self, k: int) -> None:
        """Jump to after `k` actions, without animations."""
        self.animator.skip()
        old = self.tape.state
        self.tape.seek(k)
        if self.tape.state is not old:
            self._retired.append(old)
        # the animator starts walks from where it last saw units: here, now
        units = [u for u in self.state.units.values() if u.on_map]
        self.animator.positions = {u.id: (u.x, u.y) for u in units}
        self.animator.facings = {u.id: u.facing for u in units}
        self.log_scroll = 0

    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self.animator.speed = self.base_speed * speed

    def change_speed(self, step: int) -> None:
        i = SPEEDS.index(self.speed) if self.speed in SPEEDS else 1
        self.set_speed(SPEEDS[max(0, min(len(SPEEDS) - 1, i + step))])
        self._rebuild()

    def set_view(self, view: str | None) -> None:
        """See the battle as `view` knew it (None: all-seeing); the log follows. A gated
        hot-seat battle keeps the side chosen at the gate."""
        if self.locked is not None and view != self.locked:
            return
        self.view = view
        self.animator.skip()
        self.log_scroll = 0
        chooser = getattr(self, "chooser", None)
        shown = getattr(chooser, "selected_option", None)
        if chooser is not None and chooser.alive() and shown and shown[1] != (view or ALL):
            self._rebuild()  # chosen by a key or a test, not by the menu: show it there

    def leave_viewer(self) -> None:
        if self.go_back is not None:
            self.go_back()
        else:
            self.app.main_menu()

    def _rebuild(self) -> None:
        self.leave()
        self.enter()

    # --- events ---------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        if self.gate is not None:
            if event.type in (pygame.VIDEORESIZE, getattr(pygame, "WINDOWSIZECHANGED", -1)):
                self._resized()
            else:
                self.gate.handle_event(event)
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            callback = self.callbacks.get(event.ui_element)
            if callback is not None:
                callback()
            return
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is self.chooser:
                chosen = getattr(event, "selected_option_id", ALL)
                self.set_view(None if chosen == ALL else chosen)
            elif event.ui_element is self.speed_menu:
                self.set_speed(
                    dict(zip(map(_speed_label, SPEEDS), SPEEDS, strict=True))[event.text]
                )
            return
        if event.type in (pygame.VIDEORESIZE, getattr(pygame, "WINDOWSIZECHANGED", -1)):
            self._resized()
        elif event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type == pygame.MOUSEBUTTONDOWN:
            self._mouse_down(event)
        elif event.type == pygame.MOUSEMOTION:
            self._mouse_motion(event)
        elif event.type == pygame.MOUSEBUTTONUP:
            self.drag = None
        elif event.type == pygame.MOUSEWHEEL:
            self._wheel(event)

    def _key(self, event) -> None:
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        key = event.key
        if key == pygame.K_SPACE:
            self.toggle_play()
        elif key == pygame.K_RIGHT:
            self.step_turn() if shift else self.step_action()
        elif key == pygame.K_LEFT:
            self.back_turn() if shift else self.back_action()
        elif key == pygame.K_PAGEDOWN:
            self.step_turn()
        elif key == pygame.K_PAGEUP:
            self.back_turn()
        elif key == pygame.K_HOME:
            self.pause()
            self.seek(0)
        elif key == pygame.K_END:
            self.pause()
            self.seek(self.tape.n)
        elif key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.change_speed(1)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.change_speed(-1)
        elif key == pygame.K_ESCAPE:
            self.leave_viewer()

    def _mouse_down(self, event) -> None:
        r = self.layout()
        self.mouse = event.pos
        if event.button == 1 and r["minimap"].collidepoint(event.pos):
            self._minimap_click(event.pos)
        elif event.button in (1, 2) and r["map"].collidepoint(event.pos):
            self.drag = Drag(event.pos, event.pos)

    def _mouse_motion(self, event) -> None:
        self.mouse = event.pos
        drag = self.drag
        if drag is None:
            return
        dx, dy = event.pos[0] - drag.last[0], event.pos[1] - drag.last[1]
        drag.last = event.pos
        if abs(event.pos[0] - drag.start[0]) + abs(event.pos[1] - drag.start[1]) > DRAG_THRESHOLD:
            drag.moved = True
        if drag.moved:
            self.camera.pan(-dx, -dy)
            self._clamp()

    def _wheel(self, event) -> None:
        r = self.layout()
        pos = self.mouse or r["map"].center
        if r["log"].collidepoint(pos):
            self.log_scroll = max(0, self.log_scroll + (3 if event.y > 0 else -3))
        elif r["map"].collidepoint(pos) and event.y:
            self.camera.zoom_at(
                1.15 if event.y > 0 else 1 / 1.15, (pos[0] - r["map"].x, pos[1] - r["map"].y)
            )
            self._clamp()

    def _minimap_click(self, pos: tuple[int, int]) -> None:
        rect = self.layout()["minimap"]
        tile = self.renderer.minimap_tile(self.state, (pos[0] - rect.x, pos[1] - rect.y), rect.size)
        self.camera.centre_on(tile, self._view_rect())
        self._clamp()

    def _resized(self) -> None:
        if self.app.window.get_size() != self.size:
            self._rebuild()

    # --- per frame ------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.app.window.get_size() != self.size:
            self._rebuild()
        if self.gate is not None:
            return
        self.animator.update(dt)
        if not self.playing or self.animator.busy:
            return
        self.wait -= dt * self.speed
        if self.wait > 0:
            return
        if self.forward():
            self.wait = GAP
        else:
            self.pause()

    def draw(self, surface: pygame.Surface) -> None:
        r = self.layout(surface.get_size())
        surface.fill((7, 11, 16))
        if self.gate is not None:
            return  # nothing of the battle behind the gate
        clip = surface.get_clip()
        surface.set_clip(r["map"])
        self.renderer.draw(surface, r["map"], self.state, self.view, self.camera, None)
        self.animator.draw(surface, r["map"], self.camera)
        surface.set_clip(clip)
        self._retired.clear()
        self._draw_top(surface, r["top"])
        self._draw_side(surface, r)
        battle_panels.panel(surface, r["bar"], 255, edge=False)
        pygame.draw.line(surface, battle_panels.PANEL_EDGE, r["bar"].topleft, r["bar"].topright)

    def _draw_top(self, surface, rect: pygame.Rect) -> None:
        battle_panels.panel(surface, rect, 255, edge=False)
        pygame.draw.line(surface, battle_panels.PANEL_EDGE, rect.bottomleft, rect.bottomright)
        state, tape = self.state, self.tape
        if state.winner and tape.index >= tape.n:
            winner = next((s.name for s in state.sides if s.id == state.winner), state.winner)
            head, colour = f"Turn {state.turn} \u00b7 {winner} won", GOOD
        else:
            head, colour = f"Turn {state.turn} \u00b7 {state.active_side.name}", ACCENT
        x = rect.x + 12
        battle_panels.text(surface, head, (x, rect.y + 7), self.fonts.bold, colour)
        x += self.fonts.bold.size(head)[0] + 24
        info = f"Replay: {self.title}  \u00b7  action {tape.index} of {tape.n}"
        battle_panels.text(surface, info, (x, rect.y + 9), self.fonts.small, DIM)
        who = "all-seeing" if self.view is None else f"as {self.state.side(self.view).name} saw it"
        if self.locked is not None:
            who += " (hot-seat, not over: other views closed)"
        right = f"{'Playing' if self.playing else 'Paused'} \u00b7 {who}"
        if self.status:
            right = self.status
        image = battle_panels.rendered(right, self.fonts.body, WARN if self.status else INK)
        surface.blit(image, (rect.right - image.get_width() - 12, rect.y + 8))

    def _draw_side(self, surface, r: dict[str, pygame.Rect]) -> None:
        battle_panels.panel(surface, r["side"], 255, edge=False)
        pygame.draw.line(surface, battle_panels.PANEL_EDGE, r["side"].topleft, r["side"].bottomleft)
        mini = r["minimap"]
        image = self.renderer.minimap(self.state, self.view, mini.size)
        surface.blit(image, mini.topleft)
        pygame.draw.rect(surface, battle_panels.PANEL_EDGE, mini, 1)
        box = pygame.Rect(
            self.renderer.minimap_view_rect(self.state, self.camera, r["map"], mini.size)
        ).move(mini.topleft)
        pygame.draw.rect(surface, INK, box.clip(mini), 1)
        label = r["view_label"]
        battle_panels.text(surface, "View", (label.x, label.y + 7), self.fonts.body, DIM)
        battle_panels.draw_log(surface, r["log"], self.log_lines(), self.fonts, self.log_scroll)

    def log_lines(self) -> list[LogLine]:
        key = (self.view, self.tape.index)
        if self._log_cache is None or self._log_cache[0] != key:
            self._log_cache = (key, self.tape.log(self.view))
        return self._log_cache[1]


def _speed_label(speed: float) -> str:
    return f"{speed:g}\u00d7"


def _side_colours(doc: dict) -> dict:
    from ..scenario.files import Scenario

    try:
        return Scenario(Path("replay.toml"), doc).colours
    except Exception:  # a colourless scenario: the renderer picks its own
        return {}


# --- the Load game screen's "Watch replay" -------------------------------------------------------


class LoadOrWatchScreen(LoadGameScreen):
    """The Load game screen with a "Watch replay" button beside Load."""

    def build(self) -> None:
        super().build()
        px = self.app.px
        w, h = self.app.size
        m = px(40)
        self.watch = self.button(
            self.rect(w - m - px(220) - px(16) - px(220), h - px(76), px(220), px(48)),
            "Watch replay",
            self.watch_replay,
            tool_tip="Watch the saved battle from its start: step, play, view as any side.",
        )
        self.watch.disable()

    def choose(self, path: Path | None) -> None:
        super().choose(path)
        if path is not None and not self.error.text:
            self.watch.enable()
        else:
            self.watch.disable()

    def watch_replay(self) -> None:
        from ..match.saves import SaveError

        path = self.selected
        if path is None:
            return
        app = self.app
        try:
            viewer = ReplayViewer(app, path, back=lambda: app.switch(LoadOrWatchScreen(app)))
        except SaveError as exc:
            self.error.set_text(str(exc))
            return
        app.switch(viewer)


# --- `alma-tactics replay SAVE` with a display ---------------------------------------------------


def run_replay(path: str | Path) -> int:
    """Open the window on the replay viewer; a bad save is one line on stderr, exit 2."""
    from ..match.saves import SaveError
    from .app import App

    app = App()
    try:
        try:
            viewer = ReplayViewer(app, path)
        except SaveError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return app.run(viewer)
    finally:
        app.close()
