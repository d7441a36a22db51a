"""The map editor's Squads form: the list of squads (`[[squad]]`), and the chosen one's id,
name and side, with the units in it; adding and deleting squads. A new id renames every
unit's `squad`; deleting a squad leaves its units in no squad. A unit joins a squad in
its own panel (Squad), or a selection of units becomes one (Group squad).

Part of `EditorScreen` (a mixin, through `FormsMixin`).
"""

from __future__ import annotations

from html import escape

from ..editor import things
from ..editor.document import MapDocument, iter_tables


def squad_members(doc: MapDocument, squad_id: str) -> list[str]:
    """The ids of the units in a squad, in file order."""
    ids = doc.unit_ids()
    return [ids[i] for i, unit in iter_tables(doc, "unit") if unit.get("squad") == squad_id]


class SquadsFormMixin:
    def open_squads_form(self, index: int | None = None) -> None:
        doc = self.session.doc
        ids = doc.ids("squad")
        chosen = self.choose_item("form_squad", ids, index)
        form = self.list_form(
            "squads",
            "Squads",
            (640, 380),
            ids,
            chosen,
            lambda t: self.pick_form_item("form_squad", t, self.open_squads_form),
            list_h=250,
            rows=[[("Add squad", self.add_form_squad)]],
            label_w=70,
        )
        squad = doc.get("squad", chosen) if chosen else None
        if squad is None:
            form.note(
                "No squads yet. Add one here, or select units on the map and press "
                "<i>Group squad</i>; a unit joins a squad in its panel.",
                self.px(80),
            )
            form.buttons([("Close", lambda: self.close_form("squads"))])
            return
        form.text("Id", chosen, "id", tip="Renaming it renames its units' squad too")
        form.text("Name", squad.get("name", ""), "name", tip="Shown to players (default: the id)")
        side_ids = doc.ids("side")
        side = squad.get("side")
        choices = [(s, s) for s in side_ids]
        if isinstance(side, str) and side not in side_ids:
            choices.append((f"{side} (no such side)", side))
        form.choice("Side", choices, side, "side")
        members = squad_members(doc, chosen)
        others = [m for m in members if (doc.get("unit", m) or {}).get("side") != side]
        text = escape(", ".join(members)) if members else "none yet: a unit joins in its panel"
        warning = (
            f"<br><font color='#fac85a'>Not of its side: {escape(', '.join(others))}</font>"
            if others
            else ""
        )
        form.note(f"<b>Units ({len(members)})</b>: {text}{warning}", self.px(92))
        form.buttons([("Apply", self.apply_squad), ("Delete", self.delete_form_squad)])
        form.buttons([("Close", lambda: self.close_form("squads"))])

    def add_form_squad(self) -> None:
        """A new squad, of the side of the squad shown (else of the side being placed)."""
        doc = self.session.doc
        shown = doc.get("squad", self.form_squad) if getattr(self, "form_squad", None) else None
        side_ids = doc.ids("side")
        side = shown.get("side") if shown else self.unit_side
        if side not in side_ids:
            side = side_ids[0] if side_ids else ""
        if self.do(things.add_squad(doc, side)):
            self.form_squad = doc.ids("squad")[-1]
            self.say(f"Squad {self.form_squad} added")
            self.open_squads_form()

    def apply_squad(self) -> None:
        doc = self.session.doc
        ref = self.form_squad
        squad = doc.get("squad", ref) if ref else None
        if squad is None:
            return
        form = self._form("squads")
        changes = self.id_change(form, "squad", ref)
        if changes is None:
            return
        name = form.get("name").strip()
        if name != squad.get("name", ""):
            changes["name"] = name or None
        side = form.get("side")
        if side and side != squad.get("side"):
            changes["side"] = side
        if not changes:
            self.say("Nothing changed")
            return
        new = changes.get("id", ref)
        if self.do(things.update_squad(doc, ref, **changes), f"Squad {new} changed"):
            self.form_squad = new
            self.open_squads_form()

    def delete_form_squad(self) -> None:
        doc = self.session.doc
        ref = self.form_squad
        if not ref or doc.get("squad", ref) is None:
            return
        count = len(squad_members(doc, ref))
        freed = f"; its {count} unit{'s' if count != 1 else ''} in no squad" if count else ""
        if self.do(things.remove_squad(doc, ref), f"Squad {ref} deleted{freed}"):
            self.form_squad = None
            self.open_squads_form()
