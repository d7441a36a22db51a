"""The map editor's forms for the map as a whole: its words (title, author, description,
briefing; a button opens the story's form) and light, and its size (resized keeping
content at an anchor).

Part of `EditorScreen` (a mixin, through `FormsMixin`).
"""

from __future__ import annotations

import pygame

from ..editor import regions, script
from ..editor.regions import Anchor
from .editor_theme import DANGER
from .editor_windows import Form

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


class MapFormsMixin:
    # --- the map's words ----------------------------------------------------------------------
    def open_map_form(self) -> None:
        doc = self.session.doc
        meta = doc.scenario
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
        form.label_at("Story")
        self.widgets.button(
            "map",
            form.field_rect(),
            "Text, turns, losses...",
            self.open_story_form,
            "The story's own numbers, for the after-action report",
            container=window,
            object_id="#ed",
            name="Story",
        )
        form.next()
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
        self.say("Map details applied" if done else "Nothing changed")
        if done:
            self.close_form("map")

    # --- the map's size -----------------------------------------------------------------------
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
            self.say("A map is 1 to 1024 tiles a side", DANGER)
            return
        self.close_form("resize")
        if self.do(edit, f"Resized to {width}\u00d7{height}"):
            self.selection = None
            self.centre_map()
