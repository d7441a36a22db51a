"""The map editor's Sides form: the list of sides, and the chosen one's id, name,
faction, controller, difficulty, colour (with a colour picker), alertness, alarm and
team; beside them, for a side the computer plays, its hints (`ai`: the base it sends
help from, the areas it defends, the garrison it keeps, the area it attacks, the turns
it waits); adding and removing sides; painting a side's deployment zone.

Part of `EditorScreen` (a mixin, through `FormsMixin`).
"""

from __future__ import annotations

import contextlib
from typing import Any

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UISelectionList
from pygame_gui.windows import UIColourPickerDialog

from ..editor import sides
from ..editor.document import MapDocument
from ..editor.edits import batch
from .editor_theme import DANGER
from .editor_windows import Form

FACTIONS = ("alliance", "calendrea")
HINTS_X = 650  # where the hints column starts (unscaled)
HINTS_NOTE = (
    "From its <b>base</b> it sends help to the areas it <b>defends</b> (click to tick), "
    "<b>keeping</b> a garrison (default 6). <b>Attack</b>: its goal. Empty: not said."
)


def computer_plays(doc: MapDocument, side_id: str) -> bool:
    """Does the computer play the side at some point (so hints matter): its controller is
    ai, it has hints already, or a trigger hands it to the computer?"""
    side = doc.get("side", side_id) or {}
    if side.get("controller") == "ai" or "ai" in side:
        return True
    for trigger in doc.triggers:
        steps = trigger.get("then") if isinstance(trigger, dict) else None
        for step in steps if isinstance(steps, list) else []:
            arg = step.get("controller") if isinstance(step, dict) else None
            if isinstance(arg, dict) and arg.get("side") == side_id and arg.get("to") == "ai":
                return True
    return False


def area_choices(doc: MapDocument, current: Any) -> list[tuple[str, str]]:
    """A hint's drop-down: none, the areas, and a name that is no area (so it shows)."""
    areas = doc.ids("area")
    choices = [("(none)", "")] + [(a, a) for a in areas]
    if isinstance(current, str) and current and current not in areas:
        choices.append((f"{current} (no such area)", current))
    return choices


class SidesFormMixin:
    def open_sides_form(self, index: int | None = None) -> None:
        doc = self.session.doc
        ids = doc.ids("side")
        chosen = self.choose_item("form_side", ids, index)
        form = self.list_form(
            "sides",
            "Sides",
            (980, 500),
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
        self.hints_column(form, chosen)
        form.width = px(HINTS_X) - form.x
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

    def hints_column(self, form: Form, side_id: str) -> None:
        """The computer player's hints, right of the side's fields (a note for a side only
        people play)."""
        doc, px = self.session.doc, self.px
        column = Form(self, "sides", form.window, form.x + form.width - px(HINTS_X))
        column.x, column.label_w = px(HINTS_X), px(80)
        self.widgets.label(
            "sides",
            column.rect(column.x, column.width - px(20), px(22)),
            "Computer player hints",
            container=form.window,
            object_id="#ed_head",
        )
        column.next(px(22))
        self.hints_shown = computer_plays(doc, side_id)
        if not self.hints_shown:
            column.note(
                "People play this side. Hand it to the computer (Controller: computer) and "
                "Apply to tell it what the battle is about: what to defend, what to attack.",
                px(110),
            )
            return
        hints = sides.ai_hints(doc, side_id)
        column.choice("Base", area_choices(doc, hints.get("base")), hints.get("base", ""), "base")
        column.choice(
            "Attack", area_choices(doc, hints.get("attack")), hints.get("attack", ""), "attack"
        )
        column.label_at("Defend")
        defend = hints.get("defend") if isinstance(hints.get("defend"), list) else []
        items = doc.ids("area") + [
            a for a in defend if isinstance(a, str) and a not in doc.ids("area")
        ]
        r = column.field_rect()
        element = UISelectionList(
            pygame.Rect(r.x, r.y, r.w, px(108)),
            items,
            manager=self.widgets.manager,
            container=form.window,
            allow_multi_select=True,
            default_selection=[a for a in items if a in defend] or None,
            object_id=ObjectID(object_id="#ed_list"),
        )
        self.widgets.add("sides", element, name="defend")
        column.next(px(108))
        column.text("Keep", hints.get("keep"), "keep", numbers=True, tip="Riders the base keeps")
        column.text(
            "Wait turns",
            hints.get("wait_turns"),
            "wait_turns",
            numbers=True,
            tip="It lies low for its first N turns",
        )
        if not doc.areas:
            column.note("No named areas yet: draw some with the Area tool (A).", px(44))
        column.note(HINTS_NOTE, px(92))

    def hint_changes(self, side_id: str) -> dict[str, Any] | None:
        """The hints the form changes ({} for none), or None (and a message) when a number
        is not one."""
        if not getattr(self, "hints_shown", False):
            return {}
        form = self._form("sides")
        hints = sides.ai_hints(self.session.doc, side_id)
        changes: dict[str, Any] = {}
        for key in ("base", "attack"):
            value, old = form.get(key) or None, hints.get(key)
            if value is None and old is not None and not isinstance(old, str):
                continue  # not a name: the drop-down cannot show it, so it is left alone
            if value != old:
                changes[key] = value
        for key, words in (("keep", "Keep"), ("wait_turns", "Wait turns")):
            text = form.get(key).strip()
            if text == ("" if hints.get(key) is None else str(hints.get(key))):
                continue  # as shown: left exactly as it is
            try:
                value = int(text) if text else None
            except ValueError:
                self.say(f"{words}: a whole number (or nothing)", DANGER)
                return None
            if value != hints.get(key):
                changes[key] = value
        element = self.widgets.field("sides", "defend")
        if element is not None:
            ticked = element.get_multi_selection()
            old = hints.get("defend") if isinstance(hints.get("defend"), list) else []
            kept = [a for a in old if not isinstance(a, str) or a in ticked]
            new = kept + [a for a in ticked if a not in old]
            if new != old:
                changes["defend"] = new or None
        return changes

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
        hints = self.hint_changes(side_id)
        if hints is None:
            return
        if not changes and not hints:
            self.say("Nothing changed")
            return
        edit = batch(
            [
                sides.update_side(doc, side_id, **changes) if changes else None,
                sides.set_ai_hints(doc, side_id, **hints) if hints else None,
            ],
            f"Change side {side_id}",
        )
        if self.do(edit, f"Side {side_id} changed"):
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
