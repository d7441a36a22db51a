"""What every menu screen shares: the backdrop, widgets made through one helper that
remembers them (so `leave()` removes them all) and buttons wired to callbacks."""

from __future__ import annotations

import html
from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UITextBox

from .pictures import backdrop
from .screen import Screen


def markup(text: str) -> str:
    """Plain text made safe for a pygame_gui HTML text box (paragraphs kept)."""
    return html.escape(text.strip(), quote=False).replace("\n", "<br>")


def battle_missing(exc: ImportError) -> str:
    """What a menu says when the battle screen cannot be opened."""
    return f"The battle screen cannot open yet: {exc}"


class MenuScreen(Screen):
    """A screen of pygame_gui widgets over the backdrop; Escape calls `back()`."""

    def enter(self) -> None:
        self.elements: list[pygame_gui.core.UIElement] = []
        self.actions: dict[object, Callable[[], None]] = {}
        self.build()

    def build(self) -> None:
        """Make the widgets (with `add`, `button`, `label`, `text_box`)."""

    def leave(self) -> None:
        for element in self.elements:
            element.kill()
        self.elements = []
        self.actions = {}

    def rebuild(self) -> None:
        self.leave()
        self.enter()

    def back(self) -> None:
        """Escape: by default, the main menu."""
        self.app.main_menu()

    # --- widgets ------------------------------------------------------------------------------
    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.ui

    def add(self, element):
        self.elements.append(element)
        return element

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        return pygame.Rect(int(x), int(y), int(w), int(h))

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        action: Callable[[], None],
        object_id: str | None = None,
        tool_tip: str | None = None,
    ) -> UIButton:
        element = self.add(
            UIButton(
                rect,
                text,
                manager=self.manager,
                object_id=ObjectID(object_id) if object_id else None,
                tool_tip_text=tool_tip,
            )
        )
        self.actions[element] = action
        return element

    def label(self, rect: pygame.Rect, text: str, object_id: str | None = None) -> UILabel:
        return self.add(
            UILabel(
                rect,
                text,
                manager=self.manager,
                object_id=ObjectID(object_id) if object_id else None,
            )
        )

    def text_box(self, rect: pygame.Rect, html_text: str) -> UITextBox:
        return self.add(UITextBox(html_text, rect, manager=self.manager))

    # --- events and drawing -------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self.actions.get(event.ui_element)
            if action is not None:
                action()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(backdrop(surface.get_size()), (0, 0))
