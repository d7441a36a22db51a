"""Key bindings, mouse input and the camera of the battle screen.

The app's settings bind the shared actions (end turn, undo, pause, next unit,
centre, overwatch, reload, pan, zoom, skip animation, quicksave/quickload) to
key names (`pygame.key.name`); the battle screen adds a few of its own below.
Arrow keys always pan as well as the bound keys.

`InputMixin` gives `BattleScreen` its event handling (buttons, keys, clicks,
drags, the wheel, the minimap) and its camera (tile <-> pixel, centring, zoom,
pan keys, edge scrolling, resizing).
"""

from __future__ import annotations

import pygame
import pygame_gui

from ..core.actions import Move
from ..core.grid import Pos
from . import battle_preview as preview
from .battle_panels import WARN
from .settings import DEFAULT_KEYS

TILE = 32  # the camera's tile size in pixels at zoom 1
PAN_SPEED = 900  # pixels a second, edge scrolling
PAN_TILES = 1.5  # tiles a pan key moves the view (held keys repeat)
EDGE_MARGIN = 8
DRAG_THRESHOLD = 6

# the app's defaults, used when the app's settings do not name an action
APP_KEYS: dict[str, str] = DEFAULT_KEYS

# the battle screen's own keys (not rebindable in the settings screen yet)
BATTLE_KEYS: dict[str, str] = {
    "next_target": "t",
    "previous_unit": "q",
    "log_up": "page up",
    "log_down": "page down",
}

# bar groups whose hotkey is a named action: the settings' binding wins
BAR_ACTIONS = {"overwatch": "overwatch", "reload": "reload"}

GLOBAL_ACTIONS = tuple(APP_KEYS) + tuple(BATTLE_KEYS)


class Keys:
    """Key names for the battle's actions, from the app's settings where it has them."""

    def __init__(self, settings: object) -> None:
        self.settings = settings

    def name(self, action: str) -> str:
        bound = ""
        key_name = getattr(self.settings, "key_name", None)
        if callable(key_name):
            bound = key_name(action) or ""
        else:
            bound = (getattr(self.settings, "key_bindings", None) or {}).get(action, "")
        return bound or APP_KEYS.get(action) or BATTLE_KEYS.get(action, "")

    def action_of(self, key_name: str) -> str | None:
        """The global action bound to `key_name` (None if none)."""
        for action in GLOBAL_ACTIONS:
            if self.name(action) == key_name:
                return action
        return None

    def reserved(self) -> set[str]:
        """Keys the screen's own actions use (the bar's named entries aside)."""
        named = set(BAR_ACTIONS.values())
        return {self.name(a) for a in GLOBAL_ACTIONS if a not in named} - {""}

    def bar_letters(self) -> dict[str, str]:
        """Hotkeys of bar groups that are also named actions (overwatch, reload)."""
        return {group: self.name(action) for group, action in BAR_ACTIONS.items()}


KEY_LABELS = {"return": "Enter", "escape": "Esc", "backspace": "Backspace", "space": "Space"}


def key_label(name: str) -> str:
    """A key name as players read it: "Enter", "Esc", "F5", "T"."""
    return KEY_LABELS.get(name, name.upper() if len(name) <= 3 else name.capitalize())


def edge_vector(mouse: tuple[int, int], window: pygame.Rect, margin: int) -> tuple[int, int]:
    """Edge scrolling: which way to pan when the pointer rests at the window's edge."""
    x, y = mouse
    dx = -1 if x < window.x + margin else (1 if x >= window.right - margin else 0)
    dy = -1 if y < window.y + margin else (1 if y >= window.bottom - margin else 0)
    return dx, dy


class InputMixin:
    """Events and the camera of `BattleScreen` (methods only; the screen holds the state)."""

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
