"""The map editor's Sides form: the list of sides, and the chosen one's id, name,
faction, controller, difficulty, colour (with a colour picker), alertness, alarm and
team; adding and removing sides; painting a side's deployment zone.

Part of `EditorScreen` (a mixin, through `FormsMixin`).
"""

from __future__ import annotations

import contextlib

import pygame
from pygame_gui.windows import UIColourPickerDialog

from ..editor import sides

FACTIONS = ("alliance", "calendrea")


class SidesFormMixin:
    def open_sides_form(self, index: int | None = None) -> None:
        doc = self.session.doc
        ids = doc.ids("side")
        chosen = self.choose_item("form_side", ids, index)
        form = self.list_form(
            "sides",
            "Sides",
            (660, 500),
            ids,
            chosen,
            lambda t: self.pick_form_item("form_side", t, self.open_sides_form),
            list_h=300,
            rows=[
                [("+ Alliance", lambda: self.add_side("alliance"))],
                [("+ Calendrea", lambda: self.add_side("calendrea"))],
                [("Remove", self.remove_form_side)],
            ],
            label_w=100,
        )
        side = doc.get("side", chosen) if chosen else None
        if side is None:
            return
        window, px = form.window, self.px
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
        changes = self.id_change(form, "side", side_id)
        if changes is None:
            return
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
        self.widgets.clear("colour")
        self.widgets.windows["colour"] = UIColourPickerDialog(
            self.centred_rect(420, 400),
            self.app.ui,
            initial_colour=colour,
            window_title="Side colour",
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
