"""Driving the map editor with real input events, for its tests and its benchmark.

Like `driver` (whose `click`, `press` and `frames` these build on), every helper
posts pygame events (mouse motion, buttons, keys, text input) and runs frames, so
they take the path a designer's input takes: the pygame_gui manager, then the
editor screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .driver import click, click_at, frames, press

if TYPE_CHECKING:
    from .app import App
    from .editor_screen import EditorScreen

__all__ = [
    "choose",
    "click",
    "click_at",
    "click_tile",
    "drag",
    "drag_tiles",
    "frames",
    "pick",
    "press",
    "tile_pos",
    "type_into",
]


def tile_pos(screen: EditorScreen, x: float, y: float) -> tuple[int, int]:
    """The window pixel at the centre of map tile (x, y)."""
    r = screen.map_rect
    cx, cy = screen.camera.centre_px((x, y))
    return r.x + cx, r.y + cy


def _post(kind: int, **data) -> None:
    pygame.event.post(pygame.event.Event(kind, **data))


def drag(
    app: App,
    start: tuple[int, int],
    end: tuple[int, int],
    steps: int = 6,
    button: int = 1,
    frames_per_step: int = 1,
) -> None:
    """Press at `start`, move to `end` in `steps` frames, release."""
    held = tuple(1 if b == button else 0 for b in (1, 2, 3))
    _post(pygame.MOUSEMOTION, pos=start, rel=(0, 0), buttons=(0, 0, 0))
    _post(pygame.MOUSEBUTTONDOWN, pos=start, button=button)
    frames(app, 1)
    last = start
    for i in range(1, steps + 1):
        pos = (
            round(start[0] + (end[0] - start[0]) * i / steps),
            round(start[1] + (end[1] - start[1]) * i / steps),
        )
        _post(pygame.MOUSEMOTION, pos=pos, rel=(pos[0] - last[0], pos[1] - last[1]), buttons=held)
        last = pos
        frames(app, frames_per_step)
    _post(pygame.MOUSEBUTTONUP, pos=end, button=button)
    frames(app, 2)


def drag_tiles(app: App, a: tuple[float, float], b: tuple[float, float], steps: int = 6) -> None:
    screen = app.screen
    drag(app, tile_pos(screen, *a), tile_pos(screen, *b), steps)


def click_tile(app: App, x: int, y: int, n: int = 3) -> None:
    click_at(app, tile_pos(app.screen, x, y), n)


def type_into(app: App, entry, text: str, enter: bool = True) -> None:
    """Click a text field, select what it holds, type `text` over it (and press Enter)."""
    click(app, entry, n=2)
    press(app, pygame.K_a, n=1, mod=pygame.KMOD_CTRL)
    if entry.get_text():
        press(app, pygame.K_BACKSPACE, n=1)
    for ch in text:
        _post(pygame.TEXTINPUT, text=ch)
    frames(app, 1)
    if enter:
        press(app, pygame.K_RETURN, n=2)


def pick(app: App, selection_list, text: str) -> None:
    """Click the row of a selection list showing `text`, scrolling it into view first."""
    for _ in range(40):
        for entry in selection_list.item_list:
            if entry["text"] == text and entry["button_element"] is not None:
                button = entry["button_element"]
                if selection_list.rect.collidepoint(button.rect.center):
                    click(app, button)
                    return
        if not any(e["text"] == text for e in selection_list.item_list):
            raise LookupError(f"no row {text!r} in the list")
        pygame.mouse.set_pos(selection_list.rect.center)  # pygame_gui scrolls what is hovered
        _post(pygame.MOUSEMOTION, pos=selection_list.rect.center, rel=(0, 0), buttons=(0, 0, 0))
        frames(app, 1)
        _post(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0)
        frames(app, 1)
    raise LookupError(f"could not scroll to {text!r}")


def choose(app: App, dropdown, text: str) -> None:
    """Open a drop-down and click its option shown as `text` (nothing if it is chosen
    already: pygame_gui leaves a drop-down open when its own option is clicked again)."""
    if dropdown.selected_option[0] == text:
        return
    click(app, dropdown, n=3)
    expanded = dropdown.menu_states["expanded"]
    pick(app, expanded.options_selection_list, text)
    frames(app, 2)
