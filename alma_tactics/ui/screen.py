"""The contract between the app's main loop and its screens.

A screen gets every pygame event, an `update(dt)` per frame and a `draw(surface)`;
it moves to another screen with `app.switch(...)`. Screens own their pygame_gui
elements and remove them in `leave()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from .app import App


class Screen:
    def __init__(self, app: App) -> None:
        self.app = app

    def enter(self) -> None:
        """Build widgets; called when the screen becomes current."""

    def leave(self) -> None:
        """Remove widgets; called before another screen becomes current."""

    def handle_event(self, event: pygame.event.Event) -> None:
        """A pygame event (pygame_gui events included) not consumed by the UI manager."""

    def update(self, dt: float) -> None:
        """Advance animations and timers by `dt` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw everything that is not a pygame_gui widget (those are drawn after)."""
