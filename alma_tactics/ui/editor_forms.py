"""The map editor's form windows: a new map, open, save as, the map's words (title,
description, briefing, light, story), its size, the sides, named areas, objectives
and triggers (when -> then, as the scenario format allows), the play-test's sides,
help, and the questions (unsaved work, a recovered autosave).

Each form edits the document only through the model's edits (`editor.script`,
`editor.sides`, `editor.regions`), one undoable step per Apply.

Part of `EditorScreen` (a mixin).
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pygame
from pygame_gui.windows import UIColourPickerDialog, UIFileDialog

from ..editor import regions, script, sides
from ..editor.regions import Anchor
from . import editor_files as files
from .editor_widgets import text_of
from .menu_screen import markup
from .settings import data_dir

FACTIONS = ("alliance", "calendrea")
ALERTNESS = ("unaware", "suspicious", "alert")
STATUSES = ("open", "done", "failed")
CONDITION_HELP = {
    "turn": "the turn number is at least N",
    "enters": "a unit of the side stands in the area",
    "destroyed": "that unit or object is dead or destroyed",
    "alarm": "the side has raised the alarm",
    "no_units": "the side has no living units",
    "held": "the side held the area, no enemy in it, N turns in a row",
    "attacked": "an enemy of the area's holder attacked in it",
}
EFFECT_HELP = {
    "message": "show a message to every side",
    "reinforce": "units arrive (type x y; type x y ...)",
    "controller": "hand a side to the computer (or back)",
    "alertness": "every unit of the side becomes that alert",
    "victory": "the side wins",
    "defeat": "the side loses",
    "reveal": "the side has seen the area",
    "objective": "mark an objective open, done or failed",
}
ANCHOR_LABELS = {
    Anchor.TOP_LEFT: "NW",
    Anchor.TOP: "N",
    Anchor.TOP_RIGHT: "NE",
    Anchor.LEFT: "W",
    Anchor.CENTER: "mid",
    Anchor.RIGHT: "E",
    Anchor.BOTTOM_LEFT: "SW",
    Anchor.BOTTOM: "S",
    Anchor.BOTTOM_RIGHT: "SE",
}
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

    def text(self, label: str, value: Any, name: str, numbers: bool = False, tip=None):
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

    def choice(self, label: str, choices, current, name: str, call=None):
        self.label_at(label)
        element = self.w.dropdown(
            self.group, self.field_rect(), choices, current, call, container=self.window, name=name
        )
        self.next()
        return element

    def check(self, label: str, checked: bool, name: str, call=None):
        self.label_at(label)
        r = self.field_rect()
        element = self.w.checkbox(
            self.group, pygame.Rect(r.x, r.y, r.w, r.h), "", checked, call, self.window, name
        )
        self.next()
        return element

    def area(self, label: str, text: str, name: str, h: int):
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

    def buttons(self, items: Sequence[tuple[str, Callable[[], None]]], x=None, width=None) -> None:
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


class FormsMixin:
    # --- windows ------------------------------------------------------------------------------
    def form_window(self, group: str, title: str, width: int, height: int, blocking=False):
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

    # --- questions ----------------------------------------------------------------------------
    def ask(self, title: str, html: str, buttons: Sequence[tuple[str, Callable[[], None]]]) -> None:
        window, width = self.form_window("ask", title, 500, 230, blocking=True)
        form = Form(self, "ask", window, width)
        form.note(html, self.px(110))

        def wrap(call):
            def run():
                self.close_form("ask")
                call()

            return run

        form.buttons([(text, wrap(call)) for text, call in buttons])

    def unsaved_then(self, action: Callable[[], None], title: str = "Unsaved changes") -> None:
        """Run `action`, after asking to save the unsaved work first."""
        if not self.session.dirty:
            action()
            return
        name = self.session.caption.rstrip("*")

        def save_first():
            self.after_save = action
            if self.save():
                self.after_save = None
                action()

        self.ask(
            title,
            f"<b>{markup(name)}</b> has unsaved changes. Save them first?",
            [("Save", save_first), ("Don't save", action), ("Cancel", lambda: None)],
        )

    def open_recovery(self, found) -> None:
        when = datetime.datetime.fromtimestamp(found.saved_at).strftime("%H:%M on %d %b")
        source = found.source.name if found.source else "a map never saved"
        title = markup(found.title or "an untitled map")

        def recover():
            session = type(self.session).recover(self.autosaver, self.app.catalog)
            if session is None:
                self.say("The autosave is gone", (255, 110, 90))
                return
            self.use(session, recovered=True)
            self.say(f"Recovered {found.title or 'the map'} (autosaved {when}): save it!")

        def discard():
            self.autosaver.discard()
            self.say("Autosave discarded")

        self.ask(
            "Recover unsaved work?",
            f"The editor closed without saving <b>{title}</b> ({markup(source)}). "
            f"Its working copy was autosaved at {when}.",
            [("Recover", recover), ("Discard", discard)],
        )

    def open_help(self) -> None:
        window, width = self.form_window("help", "Map editor: keys and tools", 640, 520)
        form = Form(self, "help", window, width)
        form.note(HELP.replace("\n", "<br>"), self.px(430))

    # --- files --------------------------------------------------------------------------------
    def ask_new(self) -> None:
        self.unsaved_then(self.open_new_form, "New map")

    def open_new_form(self) -> None:
        window, width = self.form_window("new", "New map", 420, 270)
        form = Form(self, "new", window, width)
        form.text("Width", 32, "width", numbers=True, tip="1..1024 tiles")
        form.text("Height", 20, "height", numbers=True)
        form.choice(
            "Light", [("day", "day"), ("dusk", "dusk"), ("night", "night")], "night", "ambient"
        )
        form.text("Name", "Untitled map", "title")
        form.buttons(
            [("Create", self.create_from_form), ("Cancel", lambda: self.close_form("new"))]
        )

    def create_from_form(self) -> None:
        get = lambda n: Form.get(self._form("new"), n)  # noqa: E731
        try:
            width, height = int(get("width")), int(get("height"))
            if not (1 <= width <= 1024 and 1 <= height <= 1024):
                raise ValueError
        except ValueError:
            self.say("A map is 1 to 1024 tiles a side", (255, 110, 90))
            return
        title = get("title").strip() or "Untitled map"
        ambient = get("ambient") or "day"
        self.close_form("new")
        self.new_map(width, height, ambient, title)

    def _form(self, group: str) -> Form:
        """A reader for a form window's fields."""
        return Form(self, group, self.widgets.windows.get(group), 0)

    def ask_open(self) -> None:
        self.unsaved_then(self.open_open_form, "Open a map")

    def open_open_form(self) -> None:
        window, width = self.form_window("open", "Open a scenario", 560, 380)
        form = Form(self, "open", window, width, label_w=60)
        start = str(self.session.path or (files.recent_files() or [Path.cwd() / "map.toml"])[0])
        form.text("File", start, "path")
        form.buttons(
            [
                ("Browse...", lambda: self.browse("open")),
                ("Open", self.open_from_form),
                ("Cancel", lambda: self.close_form("open")),
            ]
        )
        recent = [str(p) for p in files.recent_files()]
        form.label_at("Recent (double-click to open)", w=width - self.px(20))
        form.next(self.px(22))
        self.widgets.selection(
            "open",
            pygame.Rect(form.x, form.y, width - self.px(20), self.px(170)),
            recent,
            lambda text: self.widgets.field("open", "path").set_text(text),
            container=window,
            double=lambda text: self.open_path(Path(text)),
        )

    def open_from_form(self) -> None:
        path = Path(self._form("open").get("path").strip()).expanduser()
        self.open_path(path)

    def open_path(self, path: Path) -> None:
        if not path.is_file():
            self.say(f"No file {path}", (255, 110, 90))
            return
        if self.load_file(path):
            self.close_form("open")

    def ask_save_as(self) -> None:
        window, width = self.form_window("saveas", "Save as", 560, 200)
        form = Form(self, "saveas", window, width, label_w=60)
        path = self.session.path
        if path is None:
            slug = re.sub(r"[^a-z0-9]+", "_", self.session.doc.title.lower()).strip("_") or "map"
            path = data_dir() / "maps" / f"{slug}.toml"
        form.text("File", str(path), "path")
        form.note("A thumbnail (the same name, .png) is written beside it.", self.px(34))
        form.buttons(
            [
                ("Browse...", lambda: self.browse("saveas")),
                ("Save", self.save_from_form),
                ("Cancel", lambda: self.close_form("saveas")),
            ]
        )

    def save_from_form(self) -> None:
        text = self._form("saveas").get("path").strip()
        if not text:
            return
        path = Path(text).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.say(f"Cannot make {path.parent}: {exc}", (255, 110, 90))
            return
        if self.save_to(path):
            self.close_form("saveas")
            action, self.after_save = getattr(self, "after_save", None), None
            if action is not None:
                action()

    def browse(self, group: str) -> None:
        entry = self.widgets.field(group, "path")
        start = entry.get_text() if entry is not None else str(Path.cwd())
        px = self.px
        sw, sh = self.app.window.get_size()
        rect = pygame.Rect((sw - px(520)) // 2, (sh - px(460)) // 2, px(520), px(460))
        self.widgets.clear("browse")
        dialog = UIFileDialog(
            rect,
            self.app.ui,
            "Choose a scenario file",
            allowed_suffixes={".toml"},
            initial_file_path=start,
            allow_existing_files_only=group == "open",
        )
        self.widgets.windows["browse"] = dialog
        self._browse_for = group

    def file_picked(self, path: str) -> None:
        group = getattr(self, "_browse_for", None)
        entry = self.widgets.field(group, "path") if group else None
        if entry is not None:
            entry.set_text(path)

    # --- the map's words ----------------------------------------------------------------------
    def open_map_form(self) -> None:
        doc = self.session.doc
        meta, story = doc.scenario, doc.story
        window, width = self.form_window("map", "The map: title, briefing, light", 620, 560)
        form = Form(self, "map", window, width)
        form.text("Title", meta.get("title", ""), "title")
        form.text("Author", meta.get("author", ""), "author")
        form.text(
            "Description",
            meta.get("description", ""),
            "description",
            tip="One line for the scenario list",
        )
        form.choice(
            "Light",
            [("day", "day"), ("dusk", "dusk"), ("night", "night")],
            meta.get("ambient", "day"),
            "ambient",
        )
        form.area("Briefing", meta.get("briefing", ""), "briefing", self.px(170))
        form.area(
            "Story", story.get("text", "") if isinstance(story, dict) else "", "story", self.px(90)
        )
        form.buttons([("Apply", self.apply_map_form), ("Close", lambda: self.close_form("map"))])

    def apply_map_form(self) -> None:
        doc = self.session.doc
        form = self._form("map")
        meta = doc.scenario
        changes = {}
        for key in ("title", "author", "description", "briefing", "ambient"):
            value = form.get(key)
            if key == "briefing" and value and not value.endswith("\n"):
                value += "\n"
            old = meta.get(key)
            if key == "author" and not value and old is None:
                continue
            if value != (old if old is not None else ""):
                changes[key] = value if (value or key in ("description", "title")) else None
        done = self.do(script.set_meta(doc, **changes)) if changes else False
        story = form.get("story").strip()
        old_story = doc.story.get("text", "") if isinstance(doc.story, dict) else ""
        if story != old_story:
            done = self.do(script.set_story(doc, text=story or None)) or done
        self.say("Map details applied" if done else "Nothing changed")
        if done:
            self.close_form("map")

    def open_resize_form(self) -> None:
        doc = self.session.doc
        window, width = self.form_window("resize", "Resize the map", 420, 330)
        form = Form(self, "resize", window, width)
        form.text("Width", doc.width, "width", numbers=True)
        form.text("Height", doc.height, "height", numbers=True)
        form.label_at("Keep at")
        self.resize_anchor = getattr(self, "resize_anchor", Anchor.TOP_LEFT)
        px = self.px
        bx = form.x + form.label_w
        for anchor, text in ANCHOR_LABELS.items():
            col, row = anchor.value
            rect = pygame.Rect(bx + col * px(40), form.y + row * px(34), px(36), px(30))
            button = self.widgets.button(
                "resize",
                rect,
                text,
                lambda a=anchor: self.set_anchor(a),
                tip=anchor.name.replace("_", " ").lower(),
                container=window,
                object_id="#ed",
                name=f"anchor_{anchor.name}",
            )
            if anchor is self.resize_anchor:
                button.select()
        form.next(px(34) * 3)
        form.buttons(
            [("Resize", self.resize_from_form), ("Cancel", lambda: self.close_form("resize"))]
        )

    def set_anchor(self, anchor: Anchor) -> None:
        self.resize_anchor = anchor
        for other in Anchor:
            button = self.widgets.field("resize", f"anchor_{other.name}")
            if button is not None:
                (button.select if other is anchor else button.unselect)()

    def resize_from_form(self) -> None:
        form = self._form("resize")
        try:
            width, height = int(form.get("width")), int(form.get("height"))
            edit = regions.resize(self.session.doc, width, height, self.resize_anchor)
        except ValueError:
            self.say("A map is 1 to 1024 tiles a side", (255, 110, 90))
            return
        self.close_form("resize")
        if self.do(edit, f"Resized to {width}\u00d7{height}"):
            self.selection = None
            self.centre_map()

    # --- sides --------------------------------------------------------------------------------
    def open_sides_form(self, index: int | None = None) -> None:
        doc = self.session.doc
        ids = doc.ids("side")
        if index is not None and 0 <= index < len(ids):
            self.form_side = ids[index]
        chosen = getattr(self, "form_side", None)
        if chosen not in ids:
            chosen = ids[0] if ids else None
        self.form_side = chosen
        window, width = self.form_window("sides", "Sides", 660, 500)
        px = self.px
        list_w = px(170)
        self.widgets.selection(
            "sides",
            pygame.Rect(px(10), px(8), list_w, px(300)),
            ids,
            lambda t: self.pick_form_item("sides", "form_side", t, self.open_sides_form),
            container=window,
            name="list",
            chosen=chosen,
        )
        form = Form(self, "sides", window, width, label_w=100)
        form.y = px(316)
        form.width = list_w + px(20)
        form.buttons([("+ Alliance", lambda: self.add_side("alliance"))], width=list_w)
        form.buttons([("+ Calendrea", lambda: self.add_side("calendrea"))], width=list_w)
        form.buttons([("Remove", self.remove_form_side)], width=list_w)
        side = doc.get("side", chosen) if chosen else None
        if side is None:
            return
        form = Form(self, "sides", window, width, label_w=100)
        form.x = list_w + px(20)
        form.width = width - list_w - px(10)
        form.text("Id", chosen, "id")
        form.text("Name", side.get("name", ""), "name")
        form.choice("Faction", FACTIONS, side.get("faction", "alliance"), "faction")
        form.choice(
            "Controller",
            [("human", "human"), ("computer (ai)", "ai")],
            side.get("controller", "human"),
            "controller",
        )
        form.choice(
            "Difficulty", ["easy", "normal", "hard"], side.get("difficulty", "normal"), "difficulty"
        )
        form.label_at("Colour")
        r = form.field_rect()
        self.widgets.entry(
            "sides",
            pygame.Rect(r.x, r.y, r.w - px(70), r.h),
            side.get("colour", ""),
            container=window,
            name="colour",
        )
        self.widgets.button(
            "sides",
            pygame.Rect(r.right - px(64), r.y, px(64), r.h),
            "Pick...",
            self.pick_colour,
            container=window,
            object_id="#ed",
        )
        form.next()
        form.choice(
            "Alertness",
            [("alert (default)", "alert"), ("suspicious", "suspicious"), ("unaware", "unaware")],
            side.get("alertness", "alert"),
            "alertness",
        )
        form.check("Alarm raised", bool(side.get("alarm", False)), "alarm")
        form.text(
            "Team",
            side.get("team", ""),
            "team",
            tip="Sides of one team are friends (default: the faction)",
        )
        form.buttons([("Apply", self.apply_side), ("Deployment zone", self.paint_zone_of_side)])
        form.buttons([("Close", lambda: self.close_form("sides"))])

    def pick_form_item(self, group: str, attr: str, text: str, reopen) -> None:
        setattr(self, attr, text)
        reopen()

    def add_side(self, faction: str) -> None:
        doc = self.session.doc
        if self.do(sides.add_side(doc, faction, controller="ai" if doc.sides else "human")):
            self.form_side = doc.ids("side")[-1]
            self.say(f"Side {self.form_side} added")
            self.open_sides_form()

    def remove_form_side(self) -> None:
        doc = self.session.doc
        side = getattr(self, "form_side", None)
        removed = f"Side {side} removed, with its units"
        if side in doc.ids("side") and self.do(sides.remove_side(doc, side), removed):
            self.form_side = None
            self.open_sides_form()

    def apply_side(self) -> None:
        doc = self.session.doc
        side_id = self.form_side
        side = doc.get("side", side_id)
        if side is None:
            return
        form = self._form("sides")
        changes: dict[str, Any] = {}
        new_id = form.get("id").strip()
        if new_id and new_id != side_id:
            if new_id in doc.ids("side"):
                self.say(f"The side id {new_id} is taken", (255, 110, 90))
                return
            changes["id"] = new_id
        defaults = {
            "controller": "human",
            "difficulty": "normal",
            "alertness": "alert",
            "team": "",
            "colour": "",
            "name": "",
        }
        for key in ("name", "faction", "controller", "difficulty", "colour", "alertness", "team"):
            value = form.get(key).strip()
            if value != str(side.get(key, defaults.get(key, ""))):
                changes[key] = value or None
        alarm = form.get("alarm") == "true"
        if alarm != bool(side.get("alarm", False)):
            changes["alarm"] = alarm or None
        if not changes:
            self.say("Nothing changed")
            return
        if self.do(sides.update_side(doc, side_id, **changes), f"Side {side_id} changed"):
            if "id" in changes:
                self.form_side = changes["id"]
                if self.unit_side == side_id:
                    self.unit_side = changes["id"]
            self.open_sides_form()

    def pick_colour(self) -> None:
        entry = self.widgets.field("sides", "colour")
        colour = pygame.Color("#808080")
        if entry is not None:
            with contextlib.suppress(ValueError):
                colour = pygame.Color(entry.get_text())
        px = self.px
        sw, sh = self.app.window.get_size()
        rect = pygame.Rect((sw - px(420)) // 2, (sh - px(400)) // 2, px(420), px(400))
        self.widgets.clear("colour")
        self.widgets.windows["colour"] = UIColourPickerDialog(
            rect, self.app.ui, initial_colour=colour, window_title="Side colour"
        )

    def colour_picked(self, colour: pygame.Color) -> None:
        entry = self.widgets.field("sides", "colour")
        if entry is not None:
            entry.set_text(f"#{colour.r:02x}{colour.g:02x}{colour.b:02x}")

    def paint_zone_of_side(self) -> None:
        self.deploy_side = self.form_side or self.deploy_side
        self.close_form("sides")
        self.set_tool("deploy")
        self.say(f"Drag {self.deploy_side}'s deployment zone on the map")

    # --- areas --------------------------------------------------------------------------------
    def open_areas_form(self, index: int | None = None) -> None:
        doc = self.session.doc
        ids = doc.ids("area")
        if index is not None and 0 <= index < len(ids):
            self.chosen_area = ids[index]
        if self.chosen_area not in ids:
            self.chosen_area = ids[0] if ids else None
        window, width = self.form_window("areas", "Named areas", 600, 380)
        px = self.px
        list_w = px(170)
        self.widgets.selection(
            "areas",
            pygame.Rect(px(10), px(8), list_w, px(250)),
            ids,
            lambda t: self.pick_form_item("areas", "chosen_area", t, self.open_areas_form),
            container=window,
            name="list",
            chosen=self.chosen_area,
        )
        form = Form(self, "areas", window, width)
        form.y = px(266)
        form.buttons([("Draw a new one", self.draw_new_area)], width=list_w)
        area = doc.get("area", self.chosen_area) if self.chosen_area else None
        form = Form(self, "areas", window, width, label_w=80)
        form.x = list_w + px(20)
        form.width = width - list_w - px(10)
        if area is None:
            form.note("No areas yet: draw one on the map with the Area tool (A).", px(60))
            form.buttons([("Close", lambda: self.close_form("areas"))])
            return
        form.text("Id", self.chosen_area, "id")
        form.text("Name", area.get("name", ""), "name")
        rect = area.get("rect") if isinstance(area.get("rect"), list) else [0, 0, 0, 0]
        for i, key in enumerate(("x0", "y0", "x1", "y1")):
            form.text(key, rect[i] if i < len(rect) else 0, key, numbers=True)
        form.buttons([("Apply", self.apply_area), ("Delete", self.delete_form_area)])
        form.buttons([("Close", lambda: self.close_form("areas"))])

    def draw_new_area(self) -> None:
        self.close_form("areas")
        self.set_tool("area")
        self.say("Drag the new area on the map")

    def apply_area(self) -> None:
        doc = self.session.doc
        ref = self.chosen_area
        area = doc.get("area", ref) if ref else None
        if area is None:
            return
        form = self._form("areas")
        changes: dict[str, Any] = {}
        new_id = form.get("id").strip()
        if new_id and new_id != ref:
            if new_id in doc.ids("area"):
                self.say(f"The area id {new_id} is taken", (255, 110, 90))
                return
            changes["id"] = new_id
        name = form.get("name").strip()
        if name != area.get("name", ""):
            changes["name"] = name or None
        try:
            rect = [int(form.get(k)) for k in ("x0", "y0", "x1", "y1")]
        except ValueError:
            self.say("The corners are whole numbers", (255, 110, 90))
            return
        if rect != area.get("rect"):
            changes["rect"] = rect
        if changes and self.do(script.update_area(doc, ref, **changes), f"Area {ref} changed"):
            self.chosen_area = changes.get("id", ref)
            self.open_areas_form()

    def delete_form_area(self) -> None:
        if self.chosen_area is not None:
            self.delete_area()
            self.open_areas_form()

    # --- objectives ---------------------------------------------------------------------------
    def open_objectives_form(self, index: int | None = None) -> None:
        doc = self.session.doc
        ids = doc.ids("objective")
        if index is not None and 0 <= index < len(ids):
            self.form_objective = ids[index]
        chosen = getattr(self, "form_objective", None)
        if chosen not in ids:
            chosen = ids[0] if ids else None
        self.form_objective = chosen
        window, width = self.form_window("objectives", "Objectives", 640, 380)
        px = self.px
        list_w = px(170)
        self.widgets.selection(
            "objectives",
            pygame.Rect(px(10), px(8), list_w, px(250)),
            ids,
            lambda t: self.pick_form_item(
                "objectives", "form_objective", t, self.open_objectives_form
            ),
            container=window,
            name="list",
            chosen=chosen,
        )
        form = Form(self, "objectives", window, width)
        form.y = px(266)
        form.buttons([("Add", self.add_objective)], width=list_w)
        goal = doc.get("objective", chosen) if chosen else None
        form = Form(self, "objectives", window, width, label_w=70)
        form.x = list_w + px(20)
        form.width = width - list_w - px(10)
        if goal is None:
            form.note("No objectives yet. Add one; a trigger marks it done or failed.", px(60))
            form.buttons([("Close", lambda: self.close_form("objectives"))])
            return
        form.text("Id", chosen, "id")
        form.text("Text", goal.get("text", ""), "text", tip="What the player is told to do")
        form.choice("Kind", ["primary", "secondary"], goal.get("kind", "primary"), "kind")
        form.choice("Side", doc.ids("side"), goal.get("side"), "side")
        form.buttons([("Apply", self.apply_objective), ("Delete", self.delete_objective)])
        form.buttons([("Close", lambda: self.close_form("objectives"))])

    def add_objective(self) -> None:
        doc = self.session.doc
        side_ids = doc.ids("side")
        side = next(
            (s["id"] for s in doc.sides if s.get("controller", "human") == "human"),
            side_ids[0] if side_ids else "",
        )
        if self.do(script.add_objective(doc, "Win the battle", side)):
            self.form_objective = doc.ids("objective")[-1]
            self.open_objectives_form()

    def apply_objective(self) -> None:
        doc = self.session.doc
        ref = self.form_objective
        goal = doc.get("objective", ref) if ref else None
        if goal is None:
            return
        form = self._form("objectives")
        changes: dict[str, Any] = {}
        new_id = form.get("id").strip()
        if new_id and new_id != ref:
            if new_id in doc.ids("objective"):
                self.say(f"The objective id {new_id} is taken", (255, 110, 90))
                return
            changes["id"] = new_id
        for key, default in (("text", ""), ("kind", "primary"), ("side", "")):
            value = form.get(key)
            if value != goal.get(key, default):
                changes[key] = value
        if changes and self.do(script.update_objective(doc, ref, **changes), "Objective changed"):
            self.form_objective = changes.get("id", ref)
            self.open_objectives_form()

    def delete_objective(self) -> None:
        ref = self.form_objective
        if ref and self.do(script.remove_objective(self.session.doc, ref), "Objective deleted"):
            self.form_objective = None
            self.open_objectives_form()

    # --- triggers -----------------------------------------------------------------------------
    def open_triggers_form(self, index: int | None = None) -> None:
        doc = self.session.doc
        ids = doc.trigger_ids()
        if index is not None and 0 <= index < len(ids):
            self.form_trigger = ids[index]
            self.form_step = None
        chosen = getattr(self, "form_trigger", None)
        if chosen not in ids:
            chosen = ids[0] if ids else None
            self.form_step = None
        self.form_trigger = chosen
        window, width = self.form_window("triggers", "Triggers: when ... then ...", 800, 580)
        px = self.px
        list_w = px(160)
        self.widgets.selection(
            "triggers",
            pygame.Rect(px(10), px(8), list_w, px(330)),
            ids,
            self.pick_trigger,
            container=window,
            name="list",
            chosen=chosen,
        )
        form = Form(self, "triggers", window, width)
        form.y = px(346)
        form.buttons([("Add trigger", self.add_trigger)], width=list_w)
        form.buttons(
            [("Up", lambda: self.move_trigger(-1)), ("Down", lambda: self.move_trigger(1))],
            width=list_w,
        )
        form.buttons([("Delete", self.delete_trigger)], width=list_w)
        form.buttons([("Close", lambda: self.close_form("triggers"))], width=list_w)
        trigger = doc.get("trigger", chosen) if chosen else None
        right = Form(self, "triggers", window, width, label_w=70)
        right.x = list_w + px(20)
        right.width = width - list_w - px(10)
        inner = right.width - px(20)
        if trigger is None:
            right.note(
                "No triggers yet. A trigger is <i>when</i> conditions (all must hold) "
                "and <i>then</i> effects, in order; it fires once unless told otherwise."
                " Add one on the left.",
                px(80),
            )
            return
        right.label_at("Id")
        r = right.field_rect()
        self.widgets.entry(
            "triggers",
            pygame.Rect(r.x, r.y, px(150), r.h),
            chosen,
            container=window,
            name="trigger_id",
        )
        self.widgets.checkbox(
            "triggers",
            pygame.Rect(r.x + px(160), r.y, r.h, r.h),
            "",
            trigger.get("once", True) is not False,
            self.set_trigger_once,
            window,
            "once",
        )
        self.widgets.label(
            "triggers",
            pygame.Rect(r.x + px(160) + r.h, r.y, px(110), r.h),
            "fires only once",
            container=window,
            object_id="#ed_label",
        )
        self.widgets.button(
            "triggers",
            pygame.Rect(r.right - px(80), r.y, px(80), r.h),
            "Rename",
            self.rename_trigger,
            container=window,
            object_id="#ed",
            name="Rename",
        )
        right.next()
        for part, title, kinds, helps in (
            ("when", "When (all of these hold)", script.CONDITION_KINDS, CONDITION_HELP),
            ("then", "Then (in order)", script.EFFECT_KINDS, EFFECT_HELP),
        ):
            right.label_at(title, w=inner)
            right.next(px(20))
            steps = trigger.get(part) if isinstance(trigger.get(part), list) else []
            items = [f"{n}. {script.describe_step(s)}" for n, s in enumerate(steps, start=1)]
            chosen_step = None
            if self.form_step and self.form_step[0] == part and self.form_step[1] < len(items):
                chosen_step = items[self.form_step[1]]
            self.widgets.selection(
                "triggers",
                pygame.Rect(right.x, right.y, inner, px(92)),
                items,
                lambda t, part=part: self.pick_step(part, t),
                container=window,
                chosen=chosen_step,
                name=f"{part}_list",
            )
            right.next(px(92))
            kind_w = px(150)
            self.widgets.dropdown(
                "triggers",
                pygame.Rect(right.x, right.y, kind_w, px(28)),
                list(kinds),
                kinds[0],
                None,
                container=window,
                name=f"{part}_kind",
            )
            bw = (inner - kind_w - px(12)) // 2
            self.widgets.button(
                "triggers",
                pygame.Rect(right.x + kind_w + px(6), right.y, bw, px(28)),
                "Add " + ("condition" if part == "when" else "effect"),
                lambda part=part: self.add_step(part),
                tip="Add a step of the kind on the left: "
                + "; ".join(f"{k}: {helps[k]}" for k in kinds),
                container=window,
                object_id="#ed",
                name=f"add_{part}",
            )
            self.widgets.button(
                "triggers",
                pygame.Rect(right.x + kind_w + bw + px(12), right.y, bw, px(28)),
                "Remove chosen",
                lambda part=part: self.remove_step(part),
                container=window,
                object_id="#ed",
                name=f"remove_{part}",
            )
            right.next()
        if self.form_step is not None:
            self.step_fields(right, trigger, window)

    def pick_trigger(self, text: str) -> None:
        self.form_trigger = text
        self.form_step = None
        self.open_triggers_form()

    def pick_step(self, part: str, text: str) -> None:
        try:
            n = int(text.split(".", 1)[0]) - 1
        except ValueError:
            return
        self.form_step = None if self.form_step == (part, n) else (part, n)
        self.open_triggers_form()

    def add_trigger(self) -> None:
        doc = self.session.doc
        trigger_id = doc.new_id("trigger", "trigger")
        when = [script.condition_template(doc, "turn")]
        then = [script.effect_template(doc, "message")]
        then[0]["message"] = "Something happens."
        if self.do(script.add_trigger(doc, when, then, trigger_id=trigger_id), "Trigger added"):
            self.form_trigger = trigger_id
            self.form_step = ("when", 0)
            self.open_triggers_form()

    def delete_trigger(self) -> None:
        ref = self.form_trigger
        if ref and self.do(script.remove_trigger(self.session.doc, ref), f"Trigger {ref} deleted"):
            self.form_trigger = None
            self.open_triggers_form()

    def move_trigger(self, step: int) -> None:
        doc = self.session.doc
        ref = self.form_trigger
        if ref is None:
            return
        index = doc.index_of("trigger", ref)
        if self.do(script.move_trigger(doc, ref, index + step)):
            self.open_triggers_form()

    def set_trigger_once(self, once: bool) -> None:
        ref = self.form_trigger
        if ref is not None:
            self.do(script.update_trigger(self.session.doc, ref, once=None if once else False))

    def rename_trigger(self) -> None:
        doc = self.session.doc
        ref = self.form_trigger
        new = self._form("triggers").get("trigger_id").strip()
        if not ref or not new or new == ref:
            return
        if new in doc.trigger_ids():
            self.say(f"The trigger id {new} is taken", (255, 110, 90))
            return
        if self.do(script.update_trigger(doc, ref, id=new), f"Trigger renamed {new}"):
            self.form_trigger = new
            self.open_triggers_form()

    def add_step(self, part: str) -> None:
        doc = self.session.doc
        ref = self.form_trigger
        if ref is None:
            return
        kind = self._form("triggers").get(f"{part}_kind")
        template = (
            script.condition_template(doc, kind)
            if part == "when"
            else script.effect_template(doc, kind)
        )
        if kind == "message":
            template = {"message": "Something happens."}
        if self.do(script.add_step(doc, ref, part, template)):
            steps = doc.get("trigger", ref).get(part, [])
            self.form_step = (part, len(steps) - 1)
            self.open_triggers_form()

    def remove_step(self, part: str) -> None:
        doc = self.session.doc
        ref = self.form_trigger
        if ref is None or not self.form_step or self.form_step[0] != part:
            self.say("Choose the step to remove in its list")
            return
        if self.do(script.remove_step(doc, ref, part, self.form_step[1])):
            self.form_step = None
            self.open_triggers_form()

    # --- one condition or effect --------------------------------------------------------------
    def step_fields(self, form: Form, trigger: dict, window) -> None:
        part, n = self.form_step
        steps = trigger.get(part) if isinstance(trigger.get(part), list) else []
        if n >= len(steps) or not isinstance(steps[n], dict) or len(steps[n]) != 1:
            return
        ((kind, arg),) = steps[n].items()
        px = self.px
        helps = CONDITION_HELP if part == "when" else EFFECT_HELP
        form.label_at(f"Step {n + 1}: {kind} ({helps.get(kind, '')})", w=form.width - px(20))
        form.next(px(20))
        self.step_kind = (kind, isinstance(arg, dict))
        fields = list(arg.items()) if isinstance(arg, dict) else [(kind, arg)]
        self.step_keys = []
        for key, value in fields:
            self.step_keys.append(key)
            self.step_field(form, kind, key, value)
        form.buttons([("Apply step", self.apply_step)], width=form.width - px(20))

    def step_field(self, form: Form, kind: str, key: str, value: Any) -> None:
        name = f"arg_{key}"
        choices = self.step_choices(kind, key)
        label = key
        if key == kind:  # a plain value: say what it is
            label = {"turn": "turn", "destroyed": "unit/object", "attacked": "area"}.get(
                kind, "text" if kind == "message" else "side"
            )
        if choices is not None:
            current = str(value) if value is not None else ""
            if current and current not in [c[1] for c in choices]:
                choices = [(f"{current} (unknown)", current), *choices]
            form.choice(label, choices, current, name)
        elif key == "units":
            text = "; ".join(
                f"{u.get('type', '?')} {u.get('at', [0, 0])[0]} {u.get('at', [0, 0])[1]}"
                + (f" {u['id']}" if u.get("id") else "")
                for u in (value if isinstance(value, list) else [])
                if isinstance(u, dict)
            )
            form.text("units", text, name, tip="TYPE X Y [ID]; ...  e.g. soldier 3 4; sentry 5 6")
        else:
            numbers = key in ("turn", "turns") or isinstance(value, int)
            form.text(label, value if value is not None else "", name, numbers=numbers)

    def step_choices(self, kind: str, key: str) -> list[tuple[str, str]] | None:
        doc = self.session.doc
        if key == "side" or (key == kind and kind in ("alarm", "no_units", "victory", "defeat")):
            return [(s, s) for s in doc.ids("side")]
        if key == "area" or (key == kind and kind == "attacked"):
            return [(a, a) for a in doc.ids("area")]
        if key == kind == "destroyed":
            return [(t, t) for t in sorted(doc.thing_ids())]
        if kind == "objective" and key == "id":
            return [(o, o) for o in doc.ids("objective")]
        if key == "status":
            return [(s, s) for s in STATUSES]
        if key == "to":
            return [("human", "human"), ("computer (ai)", "ai")]
        if key == "level":
            return [(a, a) for a in ALERTNESS]
        return None

    def apply_step(self) -> None:
        doc = self.session.doc
        ref = self.form_trigger
        if ref is None or self.form_step is None:
            return
        part, n = self.form_step
        kind, is_table = self.step_kind
        form = self._form("triggers")
        values: dict[str, Any] = {}
        trigger = doc.get("trigger", ref)
        old = trigger[part][n][kind]
        for key in self.step_keys:
            text = form.get(f"arg_{key}")
            if key == "units":
                try:
                    values[key] = parse_units(text)
                except ValueError as exc:
                    self.say(str(exc), (255, 110, 90))
                    return
            elif (
                key in ("turn", "turns")
                or (
                    isinstance(old, dict)
                    and isinstance(old.get(key), int)
                    and not isinstance(old.get(key), bool)
                )
                or (not is_table and isinstance(old, int) and not isinstance(old, bool))
            ):
                try:
                    values[key] = int(text)
                except ValueError:
                    self.say(f"{key}: a whole number, please", (255, 110, 90))
                    return
            else:
                values[key] = text
        arg = values if is_table else values[kind]
        if isinstance(old, dict) and is_table:
            arg = {**copy.deepcopy(old), **values}
        if self.do(script.set_step(doc, ref, part, n, {kind: arg}), "Step applied"):
            self.open_triggers_form()
        else:
            self.say("Nothing changed")

    # --- play-test ----------------------------------------------------------------------------
    def open_playtest_form(self) -> None:
        doc = self.session.doc
        window, width = self.form_window("playtest", "Play-test", 420, 150 + 34 * len(doc.sides))
        form = Form(self, "playtest", window, width, label_w=150)
        humans = self.playtest_humans
        for side in doc.sides:
            sid = side.get("id", "")
            human = (
                sid in humans if humans is not None else side.get("controller", "human") == "human"
            )
            form.choice(
                sid,
                [("played here", "human"), ("computer", "ai")],
                "human" if human else "ai",
                f"side_{sid}",
            )
        form.text("Seed", self.playtest_seed, "seed", numbers=True)
        form.buttons(
            [
                ("Start (F5)", self.playtest_from_form),
                ("Cancel", lambda: self.close_form("playtest")),
            ]
        )

    def playtest_from_form(self) -> None:
        doc = self.session.doc
        form = self._form("playtest")
        self.playtest_humans = [
            s.get("id") for s in doc.sides if form.get(f"side_{s.get('id')}") == "human"
        ]
        with contextlib.suppress(ValueError):
            self.playtest_seed = int(form.get("seed"))
        self.close_form("playtest")
        self.playtest()


def parse_units(text: str) -> list[dict[str, Any]]:
    """`"soldier 3 4; sentry 5 6 s9"` -> reinforcement unit tables."""
    units = []
    for part in text.split(";"):
        words = part.split()
        if not words:
            continue
        if len(words) not in (3, 4) or not all(w.lstrip("-").isdigit() for w in words[1:3]):
            raise ValueError(f"'{part.strip()}': write TYPE X Y (and maybe an id)")
        unit: dict[str, Any] = {"type": words[0], "at": [int(words[1]), int(words[2])]}
        if len(words) == 4:
            unit["id"] = words[3]
        units.append(unit)
    return units


__all__ = ["FormsMixin", "HELP", "parse_units"]
