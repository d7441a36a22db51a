"""Driving the real screens with real input events, for tests and benchmarks.

Events go through `pygame.event.post`, so they take the same path as a player's
(the pygame_gui manager, then the screen); a pygame_gui click needs a frame for
the press and another for the widget's own event, so each helper runs a few.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from .app import App

DT = 1 / 60


def frames(app: App, n: int = 3) -> None:
    for _ in range(n):
        app.frame(DT)


def click_at(app: App, pos: tuple[int, int], n: int = 4) -> None:
    """Move the mouse to `pos`, press and release the left button, run `n` frames."""
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, n)


def click(app: App, element, n: int = 4) -> None:
    """Click the centre of a pygame_gui element (its `rect` is in window coordinates)."""
    click_at(app, element.rect.center, n)


def item(selection_list, text: str):
    """The button of a selection list's row showing `text` (it must be scrolled into view)."""
    for entry in selection_list.item_list:
        if entry["text"] == text and entry["button_element"] is not None:
            return entry["button_element"]
    raise LookupError(f"no visible row {text!r} in the list")


def press(app: App, key: int, n: int = 3, mod: int = 0) -> None:
    """Press and release a key, then run `n` frames."""
    name = pygame.key.name(key)
    text = name if len(name) == 1 else ""
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text, scancode=0)
    )
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=text, scancode=0))
    frames(app, n)


def battle_unavailable() -> str:
    """Why the battle screen cannot open yet ("" once it can): no module, or no renderer."""
    if importlib.util.find_spec("alma_tactics.ui.battle") is None:
        return "alma_tactics/ui/battle.py (the battle screen) is not written yet"
    try:
        battle = importlib.import_module("alma_tactics.ui.battle")
        getattr(battle, "render_api", lambda: None)()
    except ImportError as exc:
        return f"the battle screen cannot open yet: {exc}"
    return ""
