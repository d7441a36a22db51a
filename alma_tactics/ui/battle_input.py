"""Key bindings and camera handling for the battle screen.

The app's settings bind the shared actions (end turn, undo, pause, next unit,
centre, overwatch, reload, pan, zoom, skip animation, quicksave/quickload) to
key names (`pygame.key.name`); the battle screen adds a few of its own below.
Arrow keys always pan as well as the bound keys.
"""

from __future__ import annotations

import pygame

from .settings import DEFAULT_KEYS

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
