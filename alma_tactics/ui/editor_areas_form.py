"""The map editor's Named areas form: the list of areas (drawn on the map with the Area
tool), and the chosen one's id, name and corners; drawing a new one, deleting one.

Part of `EditorScreen` (a mixin, through `FormsMixin`).
"""

from __future__ import annotations

from ..editor import script
from .editor_theme import DANGER


class AreasFormMixin:
    def open_areas_form(self, index: int | None = None) -> None:
        doc = self.session.doc
        ids = doc.ids("area")
        chosen = self.choose_item("chosen_area", ids, index)
        form = self.list_form(
            "areas",
            "Named areas",
            (600, 380),
            ids,
            chosen,
            lambda t: self.pick_form_item("chosen_area", t, self.open_areas_form),
            list_h=250,
            rows=[[("Draw a new one", self.draw_new_area)]],
            label_w=80,
        )
        area = doc.get("area", chosen) if chosen else None
        if area is None:
            form.note("No areas yet: draw one on the map with the Area tool (A).", self.px(60))
            form.buttons([("Close", lambda: self.close_form("areas"))])
            return
        form.text("Id", chosen, "id")
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
        changes = self.id_change(form, "area", ref)
        if changes is None:
            return
        name = form.get("name").strip()
        if name != area.get("name", ""):
            changes["name"] = name or None
        try:
            rect = [int(form.get(k)) for k in ("x0", "y0", "x1", "y1")]
        except ValueError:
            self.say("The corners are whole numbers", DANGER)
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
