"""The machinery of the map editor's form windows, shared by every form: `Form` (rows of
labelled fields in a window, read back by name) and `WindowsMixin`, which opens a
window where it last was, fits it to its content, closes it, and builds the two
shapes most forms take: a list of ids beside the chosen one's fields, and a field
renaming an id. The simplest windows live here too: a question, and help.

Part of `EditorScreen` (a mixin, through `FormsMixin`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame

from .editor_theme import DANGER
from .editor_widgets import text_of

Buttons = Sequence[tuple[str, Callable[[], None]]]

HELP = """<b>Tools</b> (left): S select &middot; B brush &middot; L line &middot; R rectangle \
&middot; F fill &middot; I eyedropper &middot; E erase &middot; U unit &middot; O object \
&middot; P patrol route &middot; K link lamp to generator &middot; A named area &middot; \
D deployment zone.
<b>Painting</b>: [ and ] brush size; H and V mirror every stroke (fair hot-seat maps); \
the rectangle draws an outline when Filled is off or Shift is held.
<b>Things</b>: click to select, drag to move; , and . turn; Delete removes. A spotlight: \
press and drag to aim it, drag its blue edge handles to widen the cone. N previews the night \
with the generators on, then off.
<b>Selections</b>: Ctrl+C / Ctrl+X / Ctrl+V (the copy stays when you open another map), M \
mirrors, Shift+M flips, , and . rotate; drag a selection to move it.
<b>Files</b>: Ctrl+N new, Ctrl+O open, Ctrl+S save (Ctrl+Shift+S save as). A star in the \
status bar means unsaved changes; the working copy is autosaved every minute and offered \
back after a crash.
<b>Undo</b>: Ctrl+Z, redo Ctrl+Y (hundreds of steps).
<b>Problems</b> (right): what <i>alma-tactics validate</i> would say; click one to jump \
there. A file with problems saves, but the game will not load it.
<b>Play-test</b>: F5 plays the map as it is now; quitting the battle (Esc, Quit to menu) or \
its end brings you back here, the map unchanged.
<b>View</b>: arrows or right-drag pan, wheel or + and - zoom, Home centres, G grid, Esc \
cancels (then leaves)."""


class Form:
    """Rows of labelled fields in a window, read back by name."""

    def __init__(self, screen, group: str, window, width: int, label_w: int = 110) -> None:
        self.screen = screen
        self.w = screen.widgets
        self.group = group
        self.window = window
        self.px = screen.px
        self.x = self.px(10)
        self.y = self.px(8)
        self.width = width
        self.label_w = self.px(label_w)
        self.row_h = self.px(28)

    def rect(self, x: int, w: int, h: int | None = None) -> pygame.Rect:
        return pygame.Rect(x, self.y, w, h if h is not None else self.row_h)

    def label_at(self, text: str, x: int | None = None, w: int | None = None) -> None:
        x = self.x if x is None else x
        self.w.label(
            self.group,
            self.rect(x, w or self.label_w),
            text,
            container=self.window,
            object_id="#ed_label",
        )

    def next(self, h: int | None = None) -> None:
        self.y += (h if h is not None else self.row_h) + self.px(5)

    def field_rect(self) -> pygame.Rect:
        return self.rect(self.x + self.label_w, self.width - self.label_w - self.px(20))

    def text(
        self, label: str, value: Any, name: str, numbers: bool = False, tip: str | None = None
    ) -> Any:
        self.label_at(label)
        element = self.w.entry(
            self.group,
            self.field_rect(),
            "" if value is None else str(value),
            container=self.window,
            name=name,
            numbers=numbers,
            tip=tip,
        )
        self.next()
        return element

    def choice(
        self,
        label: str,
        choices: Sequence[str | tuple[str, str]],
        current: str | None,
        name: str,
        call: Callable[[str], None] | None = None,
    ) -> Any:
        self.label_at(label)
        element = self.w.dropdown(
            self.group, self.field_rect(), choices, current, call, container=self.window, name=name
        )
        self.next()
        return element

    def check(
        self, label: str, checked: bool, name: str, call: Callable[[bool], None] | None = None
    ) -> Any:
        self.label_at(label)
        r = self.field_rect()
        element = self.w.checkbox(
            self.group, pygame.Rect(r.x, r.y, r.w, r.h), "", checked, call, self.window, name
        )
        self.next()
        return element

    def area(self, label: str, text: str, name: str, h: int) -> Any:
        self.label_at(label)
        r = self.field_rect()
        element = self.w.text_area(
            self.group, pygame.Rect(r.x, r.y, r.w, h), text, container=self.window, name=name
        )
        self.next(h)
        return element

    def note(self, html: str, h: int | None = None) -> None:
        h = h or self.px(40)
        self.w.text_box(
            self.group,
            pygame.Rect(self.x, self.y, self.width - self.px(20), h),
            f"<font pixel_size={self.px(14)}>{html}</font>",
            container=self.window,
        )
        self.next(h)

    def buttons(self, items: Buttons, x: int | None = None, width: int | None = None) -> None:
        x = self.x if x is None else x
        width = (self.width - self.px(20)) if width is None else width
        gap = self.px(6)
        bw = (width - gap * (len(items) - 1)) // len(items)
        for i, (text, call) in enumerate(items):
            self.w.button(
                self.group,
                self.rect(x + i * (bw + gap), bw, self.px(32)),
                text,
                call,
                container=self.window,
                object_id="#ed",
                name=text,
            )
        self.next(self.px(32))

    def get(self, name: str) -> str:
        element = self.w.field(self.group, name)
        return text_of(element) if element is not None else ""


class WindowsMixin:
    # --- windows ------------------------------------------------------------------------------
    def form_window(
        self, group: str, title: str, width: int, height: int, blocking: bool = False
    ) -> tuple[Any, int]:
        px = self.px
        sw, sh = self.app.window.get_size()
        w, h = min(px(width), sw - px(20)), min(px(height), sh - px(20))
        old = self.widgets.windows.get(group)
        topleft = ((sw - w) // 2, max(px(44), (sh - h) // 2))
        if old is not None and old.alive() and hasattr(old, "asked_at"):
            # the same place (pygame_gui's rect includes a shadow: keep the asked-for
            # corner, moved by however far the window was dragged)
            asked, made = old.asked_at
            topleft = (asked[0] + old.rect.x - made[0], asked[1] + old.rect.y - made[1])
            topleft = (max(0, min(sw - px(80), topleft[0])), max(0, min(sh - px(60), topleft[1])))
        rect = pygame.Rect(topleft, (w, h))
        window = self.widgets.window(group, rect, title, blocking=blocking)
        window.asked_at = (topleft, window.rect.topleft)
        self._unfitted = getattr(self, "_unfitted", set()) | {group}
        return window, w

    def fit_windows(self) -> None:
        """Shrink each new form window to its content (once its widgets are made)."""
        for group in getattr(self, "_unfitted", ()):
            window = self.widgets.windows.get(group)
            elements = (
                [
                    e
                    for e in self.widgets.groups.get(group, [])
                    if e.alive() and getattr(e, "ui_container", None) is window.get_container()
                ]
                if window is not None and window.alive()
                else []
            )
            if not elements:
                continue
            # a drop-down's list opens inside the window: leave it the room to
            bottom = max(
                e.get_relative_rect().bottom
                + (
                    min(self.px(320), len(e.option_ids) * self.px(26) + self.px(6))
                    if hasattr(e, "option_ids")
                    else 0
                )
                for e in elements
            )
            bottom += self.px(12)
            inner = window.get_container().get_rect().h
            if abs(bottom - inner) > 2:
                size = window.get_relative_rect().size
                window.set_dimensions((size[0], size[1] + bottom - inner))
        self._unfitted = set()

    def close_form(self, group: str) -> None:
        self.widgets.clear(group)

    def close_top_window(self) -> bool:
        live = [g for g, win in self.widgets.windows.items() if win.alive()]
        if not live:
            return False
        self.close_form(live[-1])
        return True

    def _form(self, group: str) -> Form:
        """A reader for a form window's fields."""
        return Form(self, group, self.widgets.windows.get(group), 0)

    def centred_rect(self, width: int, height: int) -> pygame.Rect:
        """A dialog's rectangle (`width` x `height`, unscaled) in the middle of the window."""
        px = self.px
        sw, sh = self.app.window.get_size()
        return pygame.Rect((sw - px(width)) // 2, (sh - px(height)) // 2, px(width), px(height))

    # --- a list of ids beside the chosen one's fields -----------------------------------------
    def choose_item(self, attr: str, ids: list[str], index: int | None) -> str | None:
        """The id a list form shows, kept in `attr`: the `index`th (a problem's), else the
        one shown before, else the first."""
        if index is not None and 0 <= index < len(ids):
            setattr(self, attr, ids[index])
        chosen = getattr(self, attr, None)
        if chosen not in ids:
            chosen = ids[0] if ids else None
        setattr(self, attr, chosen)
        return chosen

    def pick_form_item(self, attr: str, text: str, reopen: Callable[[], None]) -> None:
        setattr(self, attr, text)
        reopen()

    def list_form(
        self,
        group: str,
        title: str,
        size: tuple[int, int],
        ids: list[str],
        chosen: str | None,
        pick: Callable[[str], None],
        list_h: int,
        rows: Sequence[Buttons],
        label_w: int = 110,
        list_w: int = 170,
    ) -> Form:
        """A window with the list of `ids` on the left (`chosen` picked; a click calls
        `pick`) and `rows` of buttons under it; returns the form, right of the list, for
        the chosen one's fields."""
        window, width = self.form_window(group, title, *size)
        px = self.px
        lw = px(list_w)
        self.widgets.selection(
            group,
            pygame.Rect(px(10), px(8), lw, px(list_h)),
            ids,
            pick,
            container=window,
            name="list",
            chosen=chosen,
        )
        left = Form(self, group, window, width)
        left.y = px(list_h + 16)
        for row in rows:
            left.buttons(row, width=lw)
        form = Form(self, group, window, width, label_w=label_w)
        form.x = lw + px(20)
        form.width = width - lw - px(10)
        return form

    def id_change(self, form: Form, section: str, ref: str) -> dict[str, Any] | None:
        """The changes an Apply starts with, from the form's "id" field: {"id": new} for a
        new id, {} for the same (or none), None (and a message) when another of the
        `section` has it."""
        new_id = form.get("id").strip()
        if not new_id or new_id == ref:
            return {}
        if new_id in self.session.doc.ids(section):
            self.say(f"The {section} id {new_id} is taken", DANGER)
            return None
        return {"id": new_id}

    # --- questions ----------------------------------------------------------------------------
    def ask(self, title: str, html: str, buttons: Buttons) -> None:
        window, width = self.form_window("ask", title, 500, 230, blocking=True)
        form = Form(self, "ask", window, width)
        form.note(html, self.px(110))

        def wrap(call):
            def run():
                self.close_form("ask")
                call()

            return run

        form.buttons([(text, wrap(call)) for text, call in buttons])

    def open_help(self) -> None:
        window, width = self.form_window("help", "Map editor: keys and tools", 640, 520)
        form = Form(self, "help", window, width)
        form.note(HELP.replace("\n", "<br>"), self.px(430))
