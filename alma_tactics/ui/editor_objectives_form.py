"""The map editor's Objectives form: the list of objectives, and the chosen one's id,
text, kind and side; adding and deleting them (a trigger marks one done or failed).

Part of `EditorScreen` (a mixin, through `FormsMixin`).
"""

from __future__ import annotations

from ..editor import script


class ObjectivesFormMixin:
    def open_objectives_form(self, index: int | None = None) -> None:
        doc = self.session.doc
        ids = doc.ids("objective")
        chosen = self.choose_item("form_objective", ids, index)
        form = self.list_form(
            "objectives",
            "Objectives",
            (640, 380),
            ids,
            chosen,
            lambda t: self.pick_form_item("form_objective", t, self.open_objectives_form),
            list_h=250,
            rows=[[("Add", self.add_objective)]],
            label_w=70,
        )
        goal = doc.get("objective", chosen) if chosen else None
        if goal is None:
            form.note("No objectives yet. Add one; a trigger marks it done or failed.", self.px(60))
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
        changes = self.id_change(form, "objective", ref)
        if changes is None:
            return
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
