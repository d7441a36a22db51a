"""The map editor's pygame_gui plumbing: widgets made through one helper that remembers
each one's group (the tool bar, the properties panel, a form window) and its callback,
so a group is rebuilt or removed in one call and every widget event reaches its
callback without a chain of `if event.ui_element is ...`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import (
    UIButton,
    UICheckBox,
    UIDropDownMenu,
    UILabel,
    UIPanel,
    UISelectionList,
    UITextBox,
    UITextEntryBox,
    UITextEntryLine,
    UIWindow,
)

Option = tuple[str, str]  # (text shown, id)


def options(values: Sequence[str | Option]) -> list[Option]:
    return [(v, v) if isinstance(v, str) else (v[0], v[1]) for v in values]


class Widgets:
    """Every widget of the editor, by group, with its callback."""

    def __init__(self, manager: pygame_gui.UIManager) -> None:
        self.manager = manager
        self.groups: dict[str, list[Any]] = {}
        self.calls: dict[Any, Callable[..., None]] = {}
        self.doubles: dict[Any, Callable[[str], None]] = {}
        self.windows: dict[str, UIWindow] = {}
        self.values: dict[str, dict[str, Any]] = {}  # group -> field name -> widget
        self.typed: dict[Any, str] = {}  # entry -> the text its callback last saw
        self.repeats: set[Any] = set()  # lists whose chosen row, clicked again, calls again

    # --- groups -------------------------------------------------------------------------------
    def add(self, group: str, element, call: Callable[..., None] | None = None, name: str = ""):
        self.groups.setdefault(group, []).append(element)
        if call is not None:
            self.calls[element] = call
        if name:
            self.values.setdefault(group, {})[name] = element
        return element

    def clear(self, group: str) -> None:
        window = self.windows.pop(group, None)
        for element in self.groups.pop(group, []):
            self.calls.pop(element, None)
            self.doubles.pop(element, None)
            self.typed.pop(element, None)
            self.repeats.discard(element)
            element.kill()
        self.values.pop(group, None)
        if window is not None:
            window.kill()

    def drop(self, element) -> None:
        """Remove one widget (to make it again with other choices)."""
        for group in self.groups.values():
            if element in group:
                group.remove(element)
        for table in self.values.values():
            for name, value in list(table.items()):
                if value is element:
                    del table[name]
        self.calls.pop(element, None)
        self.doubles.pop(element, None)
        self.typed.pop(element, None)
        element.kill()

    def clear_all(self) -> None:
        for group in list(self.groups) + list(self.windows):
            self.clear(group)

    def field(self, group: str, name: str):
        return self.values.get(group, {}).get(name)

    def has(self, group: str) -> bool:
        return group in self.groups or group in self.windows

    # --- makers -------------------------------------------------------------------------------
    def window(self, group: str, rect: pygame.Rect, title: str, blocking: bool = False) -> UIWindow:
        self.clear(group)
        window = UIWindow(rect, self.manager, window_display_title=title, draggable=True)
        if blocking:
            window.set_blocking(True)
        self.windows[group] = window
        return window

    def panel(self, group: str, rect: pygame.Rect, container=None) -> UIPanel:
        return self.add(
            group, UIPanel(rect, starting_height=1, manager=self.manager, container=container)
        )

    def button(
        self,
        group: str,
        rect: pygame.Rect,
        text: str,
        call: Callable[[], None] | None = None,
        tip: str | None = None,
        container=None,
        object_id: str | None = None,
        name: str = "",
    ) -> UIButton:
        element = UIButton(
            rect,
            text,
            manager=self.manager,
            container=container,
            tool_tip_text=tip,
            object_id=ObjectID(object_id=object_id) if object_id else None,
        )
        return self.add(group, element, call, name)

    def label(
        self,
        group: str,
        rect: pygame.Rect,
        text: str,
        container=None,
        object_id: str | None = None,
        name: str = "",
    ) -> UILabel:
        element = UILabel(
            rect,
            text,
            manager=self.manager,
            container=container,
            object_id=ObjectID(object_id=object_id) if object_id else None,
        )
        return self.add(group, element, None, name)

    def entry(
        self,
        group: str,
        rect: pygame.Rect,
        text: str = "",
        call: Callable[[str], None] | None = None,
        container=None,
        name: str = "",
        numbers: bool = False,
        tip: str | None = None,
    ) -> UITextEntryLine:
        element = UITextEntryLine(
            rect, manager=self.manager, container=container, object_id=ObjectID(object_id="#ed")
        )
        if numbers:
            element.set_allowed_characters([*"0123456789-"])
        element.set_text(str(text))
        if tip:
            element.tool_tip_text = tip
        if call is not None:
            self.typed[element] = element.get_text()
        return self.add(group, element, call, name)

    def text_area(
        self, group: str, rect: pygame.Rect, text: str, container=None, name: str = ""
    ) -> UITextEntryBox:
        element = UITextEntryBox(rect, initial_text=text, manager=self.manager, container=container)
        return self.add(group, element, None, name)

    def text_box(self, group: str, rect: pygame.Rect, html: str, container=None) -> UITextBox:
        return self.add(group, UITextBox(html, rect, manager=self.manager, container=container))

    def dropdown(
        self,
        group: str,
        rect: pygame.Rect,
        choices: Sequence[str | Option],
        current: str | None,
        call: Callable[[str], None] | None = None,
        container=None,
        name: str = "",
    ) -> UIDropDownMenu:
        opts = options(choices) or [("(none)", "")]
        # pygame_gui themes an option by its id, so it gets a plain token ("o3"); the
        # real ids (side ids, file paths...) are kept beside it
        safe = [(text, f"o{n}") for n, (text, _) in enumerate(opts)]
        at = next((n for n, o in enumerate(opts) if o[1] == current), 0)
        top = container.get_container().get_rect().y if container is not None else 0
        room = self.manager.get_root_container().get_rect().bottom - (top + rect.bottom) - 6
        element = UIDropDownMenu(
            safe,
            safe[at],
            rect,
            manager=self.manager,
            container=container,
            object_id=ObjectID(object_id="#ed"),
            expansion_height_limit=max(120, room),
        )
        element.option_ids = [o[1] for o in opts]
        return self.add(group, element, call, name)

    def checkbox(
        self,
        group: str,
        rect: pygame.Rect,
        text: str,
        checked: bool,
        call: Callable[[bool], None] | None = None,
        container=None,
        name: str = "",
    ) -> UICheckBox:
        side = min(rect.h, rect.w) - 6  # the box is square; its text (if any) goes beside it
        box = pygame.Rect(rect.x, rect.y + (rect.h - side) // 2, side, side)
        element = UICheckBox(
            box,
            text,
            manager=self.manager,
            container=container,
            initial_state=checked,
            object_id=ObjectID(object_id="#ed_check"),
        )
        return self.add(group, element, call, name)

    def selection(
        self,
        group: str,
        rect: pygame.Rect,
        items: Sequence[str],
        call: Callable[[str], None] | None = None,
        container=None,
        name: str = "",
        chosen: str | None = None,
        double: Callable[[str], None] | None = None,
        repeat: bool = False,
    ) -> UISelectionList:
        element = UISelectionList(
            rect,
            list(items),
            manager=self.manager,
            container=container,
            default_selection=chosen if chosen in items else None,
            object_id=ObjectID(object_id="#ed_list"),
        )
        if double is not None:
            self.doubles[element] = double
        if repeat:
            self.repeats.add(element)
        return self.add(group, element, call, name)

    # --- events -------------------------------------------------------------------------------
    def poll(self, focused_too: bool = False) -> None:
        """An entry the user typed in and then left (clicked elsewhere) counts as entered
        (`focused_too`: the one still being typed in as well, before a click elsewhere
        changes what the panel shows)."""
        for element, seen in list(self.typed.items()):
            if (element.is_focused and not focused_too) or not element.alive():
                continue
            text = element.get_text()
            if text != seen:
                self.typed[element] = text
                call = self.calls.get(element)
                if call is not None:
                    call(text)
                    return  # the callback may have rebuilt the widgets

    def handle(self, event: pygame.event.Event) -> bool:
        """Call the callback of the widget the event is about; True if one was called."""
        element = getattr(event, "ui_element", None)
        if element is None:
            return False
        if event.type == pygame_gui.UI_WINDOW_CLOSE:
            for group, window in list(self.windows.items()):
                if window is element:
                    self.windows.pop(group)
                    self.clear(group)
            return False
        if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            call = self.doubles.get(element)
            if call is not None:
                call(event.text)
                return True
            return False
        call = self.calls.get(element)
        if call is None:
            return False
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            call()
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            call(selected(element))
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.typed[element] = event.text
            call(event.text)
        elif event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            call(event.text)
        elif event.type == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION:
            # a click on the chosen row drops it; another row's click drops the old one
            # first (then selects the new one): only a list that wants repeats hears that
            if element not in self.repeats:
                return False
            call(event.text)
        elif event.type == pygame_gui.UI_CHECK_BOX_CHECKED:
            call(True)
        elif event.type == pygame_gui.UI_CHECK_BOX_UNCHECKED:
            call(False)
        else:
            return False
        return True


def selected(dropdown: UIDropDownMenu) -> str:
    """A dropdown's chosen option id (the real one, not pygame_gui's token)."""
    chosen = dropdown.selected_option
    token = chosen[1] if isinstance(chosen, tuple) else str(chosen)
    ids = getattr(dropdown, "option_ids", None)
    if ids is not None and token.startswith("o") and token[1:].isdigit():
        n = int(token[1:])
        if n < len(ids):
            return ids[n]
    return token


def text_of(element) -> str:
    if isinstance(element, UIDropDownMenu):
        return selected(element)
    if isinstance(element, UICheckBox):
        return "true" if element.get_state() else "false"
    return element.get_text()


def typing(manager: pygame_gui.UIManager) -> bool:
    """Is a text field focused (so that letter keys are text, not shortcuts)?"""
    return any(
        isinstance(e, UITextEntryLine | UITextEntryBox) for e in manager.get_focus_set() or ()
    )
