"""The replay viewer's gate in front of a hot-seat battle that is not over yet.

Watching such a save all-seeing, or as another side, would show one player what the
other's side knows: the very thing the hand-over curtain exists to prevent. So the
viewer first asks whose view it is (with that side's PIN, when this session set one)
and then shows that side's view only: no all-seeing view and no switching. Once the
battle is over every view opens, as for any finished battle; a battle against the
computer is never gated (the one person playing it may look at anything).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from .hotseat import centred_label, pin_row


def secret_sides(controllers: dict[str, str], sides: list[str], winner: str) -> list[str]:
    """The sides people play, in `sides` order, if two or more people play a battle
    that has no winner yet; [] when there is nothing to keep secret."""
    humans = [side for side in sides if controllers.get(side) == "human"]
    return humans if len(humans) >= 2 and not winner else []


class ViewGate:
    """Whose view?  One button per person's side, a PIN entry when one is set, Back.

    `open_as(side)` is called with the side once it is chosen (and its PIN matched).
    """

    def __init__(
        self,
        screen,
        sides: list[str],
        names: dict[str, str],
        pins: dict[str, str],
        open_as: Callable[[str], None],
        back: Callable[[], None],
    ) -> None:
        self.screen = screen
        self.sides = sides
        self.names = names
        self.pins = {side: pin for side, pin in pins.items() if pin and side in sides}
        self.open_as = open_as
        self.back = back
        self.widgets: dict[str, object] = {}
        self.message = ""

    def build(self) -> None:
        self.kill()
        screen = self.screen
        px, manager = screen.px, screen.manager
        w, h = screen.app.window.get_size()
        y = int(h * 0.22)
        self.widgets["title"] = self._centred("Whose view?", y, px(64), "#title")
        y += px(70)
        for line in (
            "This hot-seat battle is not over yet.",
            "Each player watches only what their own side saw; the other views open "
            "when the battle ends.",
        ):
            self.widgets[f"sub{y}"] = self._centred(line, y, px(30), "#dim")
            y += px(34)
        y += px(12)
        if self.pins:
            self.widgets["pin_label"], self.widgets["pin"] = pin_row(manager, px, w, y)
            y += px(52)
        bw = px(300)
        for side in self.sides:
            self.widgets[f"side:{side}"] = UIButton(
                pygame.Rect((w - bw) // 2, y, bw, px(48)),
                f"Watch as {self.names.get(side, side)}",
                manager,
                object_id=ObjectID(object_id="#primary"),
                tool_tip_text="Show the battle as this side knew it, and nothing else.",
            )
            y += px(56)
        self.widgets["error"] = self._centred(self.message or " ", y, px(34), "#error")
        qw = px(160)
        self.widgets["back"] = UIButton(
            pygame.Rect(w - qw - px(20), h - px(60), qw, px(40)),
            "Back",
            manager,
            tool_tip_text="Leave without watching (Escape).",
        )

    def _centred(self, text: str, y: int, height: int, object_id: str) -> UILabel:
        screen = self.screen
        w = screen.app.window.get_size()[0]
        return centred_label(screen.manager, w, text, y, height, object_id)

    def kill(self) -> None:
        for widget in self.widgets.values():
            widget.kill()
        self.widgets = {}

    def handle_event(self, event: pygame.event.Event) -> None:
        """Every input goes here while the gate is up (nothing reaches the board)."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.widgets.get("back"):
                self.back()
                return
            for side in self.sides:
                if event.ui_element is self.widgets.get(f"side:{side}"):
                    self.choose(side)
                    return
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()

    def choose(self, side: str) -> None:
        """Open `side`'s view if its PIN (when it has one) was typed; else say so."""
        pin = self.pins.get(side, "")
        entry = self.widgets.get("pin")
        typed = entry.get_text() if isinstance(entry, UITextEntryLine) else ""
        if pin and typed != pin:
            self.message = f"Wrong PIN for {self.names.get(side, side)}."
            self.build()
            return
        self.kill()
        self.open_as(side)
