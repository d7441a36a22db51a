"""The map editor's right-hand panel: the properties of the selected unit or object (name,
kit, ammo, squad, transport; a spotlight's reach, aim, cone and power), of the
selected region, or of the current tool. A field takes effect when Enter is
pressed or the field is left; a choice at once. Rebuilt only when what it shows
changes.

Part of `EditorScreen` (a mixin).
"""

from __future__ import annotations

from typing import Any

import pygame

from ..editor import script, sides, things
from ..editor.painting import Shape, Symmetry
from .editor_tools import PLACE_KINDS, PLACE_LABELS, TOOLS
from .pictures import font

FACINGS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
ROW, GAP, LABEL_W = 26, 4, 84
TERRAIN_HELP = {
    "brush": "Drag to paint. [ and ] change the size, H and V mirror the strokes.",
    "line": "Drag from one end to the other. The brush size sets the thickness.",
    "rect": "Drag from corner to corner. Untick Filled (or hold Shift) for an outline: "
    "walls round a yard.",
    "fill": "Click: the connected area of that terrain becomes the chosen one.",
    "pick": "Click a tile to take its terrain.",
    "erase": "Drag to paint open ground.",
}


def parse_counts(text: str) -> dict[str, int]:
    """`"emp=2, smoke=1"` -> {"emp": 2, "smoke": 1}; ValueError says what is wrong."""
    out: dict[str, int] = {}
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, count = part.partition("=")
        if not sep:
            name, _, count = part.rpartition(" ")
        name, count = name.strip(), count.strip()
        if not name or not count.lstrip("-").isdigit():
            raise ValueError(f"'{part}' is not NAME=COUNT")
        out[name] = int(count)
    return out


def show_counts(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    return ", ".join(f"{k}={v}" for k, v in value.items())


class PanelMixin:
    # --- when to rebuild ----------------------------------------------------------------------
    def panel_key(self) -> tuple:
        doc = self.session.doc
        key: tuple = (self.tool, self.pasting, self.clip is not None)
        if self.selected is not None:
            table = doc.get(*self.selected)
            key += ("thing", self.selected, repr(table), tuple(doc.ids("side")))
            if self.selected[0] == "unit":
                key += (tuple(doc.ids("squad")), tuple(doc.unit_ids()), self.unit_type)
            else:
                key += (tuple(doc.object_ids()), self.object_kind)
            return key
        if self.tool == "select":
            return (*key, self.selection)
        if self.tool == "unit":
            return (*key, self.unit_type, self.unit_side, self.unit_facing, tuple(doc.ids("side")))
        if self.tool == "object":
            return (*key, self.object_kind)
        if self.tool == "route":
            unit = doc.get("unit", self.route_unit) if self.route_unit else None
            return (*key, self.route_unit, repr(unit))
        if self.tool == "link":
            return (*key, self.link_from, repr(doc.objects))
        if self.tool == "area":
            return (*key, repr(doc.areas), self.chosen_area)
        if self.tool == "deploy":
            return (*key, self.deploy_side, self.deploy_cut, repr(doc.sides))
        return (*key, self.terrain, self.rect_filled, self.brush_shape, self.symmetry)

    def refresh_panel(self) -> None:
        if self.widgets is None or self.session is None:
            return
        key = self.panel_key()
        if key == self._panel_key:
            self.widgets.poll()
            return
        self._panel_key = key
        self.widgets.clear("props")
        right = self.layout()["right"]
        px = self.px
        self._row_y = right.y + px(6)
        self._row_x = right.x + px(8)
        self._row_w = right.w - px(16)
        self._row_bottom = self.problems_top() - px(4)
        if self.tool == "unit":
            self.place_unit_row()
        elif self.tool == "object":
            self.place_object_row()
        if self.selected is not None and self.session.doc.get(*self.selected) is not None:
            if self.selected[0] == "unit":
                self.unit_form()
            else:
                self.object_form()
            return
        builder = {
            "select": self.select_panel,
            "unit": self.unit_tool_panel,
            "object": self.object_tool_panel,
            "route": self.route_panel,
            "link": self.link_panel,
            "area": self.area_panel,
            "deploy": self.deploy_panel,
        }.get(self.tool, self.terrain_panel)
        builder()

    # --- rows ---------------------------------------------------------------------------------
    def head(self, text: str) -> None:
        px = self.px
        rect = pygame.Rect(self._row_x, self._row_y, self._row_w, px(22))
        face = font(px(15), bold=True)
        if face.size(text)[0] > rect.w - px(4):  # cut it short rather than overflow
            while text and face.size(text + "\u2026")[0] > rect.w - px(4):
                text = text[:-1]
            text += "\u2026"
        self.widgets.label("props", rect, text, object_id="#ed_head")
        self._row_y += px(24)

    def row_rects(self, label: str) -> pygame.Rect:
        """A row: its label on the left; returns the field's rectangle."""
        px = self.px
        y, h = self._row_y, px(ROW)
        self.widgets.label(
            "props", pygame.Rect(self._row_x, y, px(LABEL_W), h), label, object_id="#ed_label"
        )
        self._row_y += h + px(GAP)
        return pygame.Rect(self._row_x + px(LABEL_W), y, self._row_w - px(LABEL_W), h)

    def text_row(self, label, value, call, numbers=False, tip=None, name=""):
        return self.widgets.entry(
            "props", self.row_rects(label), value, call, numbers=numbers, tip=tip, name=name
        )

    def choice_row(self, label, choices, current, call, name=""):
        return self.widgets.dropdown(
            "props", self.row_rects(label), choices, current, call, name=name
        )

    def buttons_row(self, items: list[tuple[str, Any, str]]) -> None:
        """Buttons side by side: (text, callback, tip)."""
        px = self.px
        gap = px(4)
        n = len(items)
        w = (self._row_w - gap * (n - 1)) // n
        for i, (text, call, tip) in enumerate(items):
            rect = pygame.Rect(self._row_x + i * (w + gap), self._row_y, w, px(ROW))
            self.widgets.button("props", rect, text, call, tip, object_id="#ed", name=text)
        self._row_y += px(ROW) + px(GAP)

    def line(self, text: str) -> None:
        """One line of small text."""
        px = self.px
        rect = pygame.Rect(self._row_x, self._row_y, self._row_w, px(20))
        self.widgets.label("props", rect, text, object_id="#ed_dim")
        self._row_y += px(22)

    def note(self, html: str, height: int | None = None) -> None:
        px = self.px
        h = height if height is not None else max(px(40), self._row_bottom - self._row_y)
        if h < px(30):
            return
        rect = pygame.Rect(self._row_x, self._row_y, self._row_w, h)
        self.widgets.text_box("props", rect, f"<font pixel_size={self.px(14)}>{html}</font>")
        self._row_y += h + px(GAP)

    # --- the selected unit --------------------------------------------------------------------
    def place_unit_row(self) -> None:
        doc = self.session.doc
        px = self.px
        y = self._row_y
        h = px(ROW)
        self.widgets.label(
            "props", pygame.Rect(self._row_x, y, px(44), h), "Place", object_id="#ed_label"
        )
        x = self._row_x + px(44)
        tw = (self._row_w - px(44)) * 3 // 5
        types = [(t.name, t.id) for t in self.app.catalog.units.values()]
        self.widgets.dropdown(
            "props",
            pygame.Rect(x, y, tw - px(4), h),
            types,
            self.unit_type,
            self.set_unit_type,
            name="place_type",
        )
        side_ids = doc.ids("side")
        self.widgets.dropdown(
            "props",
            pygame.Rect(x + tw, y, self._row_w - px(44) - tw, h),
            [(s, s) for s in side_ids] or [("(no sides)", "")],
            self.unit_side,
            self.set_unit_side,
            name="place_side",
        )
        self._row_y += h + px(GAP) + px(4)

    def set_unit_type(self, value: str) -> None:
        self.unit_type = value
        self._panel_key = None

    def set_unit_side(self, value: str) -> None:
        self.unit_side = value
        self._panel_key = None

    def unit_tool_panel(self) -> None:
        self.choice_row(
            "Facing",
            [(f, str(i)) for i, f in enumerate(FACINGS)],
            str(self.unit_facing),
            lambda v: setattr(self, "unit_facing", int(v)),
        )
        self.note(
            "Click an empty tile to place the unit above. Click a unit to edit it, drag it "
            "to move it; <b>,</b> and <b>.</b> turn it, <b>Delete</b> removes it. "
            "Transports (truck, land transport, drop ship) are units too: put riders in them "
            "with <i>Rides in</i>. A sentry's beat: the Route tool (<b>P</b>)."
        )

    def unit_form(self) -> None:
        doc = self.session.doc
        ref = self.selected[1]
        unit = doc.get("unit", ref)
        catalog = self.app.catalog
        utype = catalog.units.get(unit.get("type")) if isinstance(unit.get("type"), str) else None
        self.head(f"Unit {ref}" + (f": {utype.name}" if utype else ""))
        self.text_row("Id", ref, lambda v: self.change_unit(id=v.strip() or None), name="id")
        self.text_row(
            "Name",
            unit.get("name", ""),
            lambda v: self.change_unit(name=v.strip() or None),
            name="name",
        )
        types = [(t.name, t.id) for t in catalog.units.values()]
        self.choice_row("Type", types, unit.get("type"), lambda v: self.change_unit(type=v))
        side_ids = doc.ids("side")
        self.choice_row(
            "Side", [(s, s) for s in side_ids], unit.get("side"), lambda v: self.change_unit(side=v)
        )
        facing = unit.get("facing", 0) if type(unit.get("facing", 0)) is int else 0
        r = self.row_rects("Facing")
        turn_w = self.px(34)
        self.widgets.dropdown(
            "props",
            pygame.Rect(r.x, r.y, r.w - 2 * turn_w - self.px(8), r.h),
            [(f, str(i)) for i, f in enumerate(FACINGS)],
            str(facing % 8),
            lambda v: self.do(things.face_unit(doc, ref, int(v))),
            name="facing",
        )
        for n, (text, steps, tip) in enumerate(
            (("<", -1, "Turn left (,)"), (">", 1, "Turn right (.)"))
        ):
            self.widgets.button(
                "props",
                pygame.Rect(r.right - (2 - n) * turn_w - (1 - n) * self.px(4), r.y, turn_w, r.h),
                text,
                lambda steps=steps: self.turn_selected(steps),
                tip,
                object_id="#ed",
            )
        squads = [("(no squad)", "")] + [
            (q, q)
            for q, t in zip(doc.ids("squad"), doc.squads, strict=False)
            if isinstance(t, dict) and t.get("side") == unit.get("side")
        ]
        squads.append(("+ new squad", "__new"))
        self.choice_row("Squad", squads, unit.get("squad", ""), self.change_squad, name="squad")
        self.choice_row(
            "Alertness",
            [
                ("(the side's)", ""),
                ("unaware", "unaware"),
                ("suspicious", "suspicious"),
                ("alert", "alert"),
            ],
            unit.get("alertness", ""),
            lambda v: self.change_unit(alertness=v or None),
        )
        magazines = catalog.magazines(utype) if utype else {}
        kit = dict(utype.inventory) if utype else {}
        self.text_row(
            "Ammo",
            show_counts(unit.get("ammo")),
            lambda v: self.change_counts("ammo", v),
            tip="Rounds in a magazine, e.g. "
            + (show_counts(magazines) or "assault_rifle=30")
            + " (empty: full magazines)",
            name="ammo",
        )
        self.text_row(
            "Kit",
            show_counts(unit.get("inventory")),
            lambda v: self.change_counts("inventory", v),
            tip="Added to the type's kit ("
            + (show_counts(kit) or "nothing")
            + "), e.g. emp=2, smoke=1",
            name="kit",
        )
        carriers = [("(on the map)", "")] + [
            (uid, uid)
            for uid, t in zip(doc.unit_ids(), doc.units, strict=False)
            if uid != ref
            and isinstance(t, dict)
            and t.get("side") == unit.get("side")
            and getattr(catalog.units.get(t.get("type")), "capacity", 0) > 0
        ]
        self.choice_row(
            "Rides in", carriers, unit.get("carried_by", ""), self.change_carrier, name="carrier"
        )
        patrol = unit.get("patrol")
        count = len(patrol) if isinstance(patrol, list) else 0
        self.buttons_row(
            [
                (
                    "Patrol route" if not count else f"Route ({count})",
                    self.draw_route_for_selected,
                    "Click waypoints on the map for this unit's beat (P)",
                ),
                ("Clear route", self.clear_route, "Remove its patrol route"),
                ("Delete", self.delete_selected, "Delete the unit (Delete)"),
            ]
        )

    def change_unit(self, **changes) -> None:
        doc = self.session.doc
        if doc.get("unit", self.selected[1]) is None:
            return
        if "id" in changes:
            new = changes["id"]
            if not new or new == self.selected[1]:
                return
            if new in doc.thing_ids():
                self.say(f"The id {new} is taken", (255, 110, 90))
                self._panel_key = None
                return
        if self.do(things.update_unit(doc, self.selected[1], **changes)):
            if "id" in changes:
                self.selected = ("unit", changes["id"])
            if "type" in changes:
                self.unit_type = changes["type"]
            if "side" in changes:
                self.unit_side = changes["side"]

    def change_counts(self, key: str, text: str) -> None:
        try:
            counts = parse_counts(text)
        except ValueError as exc:
            self.say(str(exc), (255, 110, 90))
            self._panel_key = None
            return
        doc = self.session.doc
        ref = self.selected[1]
        edit = (
            things.set_ammo(doc, ref, counts) if key == "ammo" else things.set_kit(doc, ref, counts)
        )
        self.do(edit)

    def change_squad(self, value: str) -> None:
        doc = self.session.doc
        ref = self.selected[1]
        if value == "__new":
            squad = doc.new_id("squad", "squad")
            self.do(things.group_units(doc, [ref], squad_id=squad), f"{ref} leads {squad}")
        else:
            self.do(things.assign_squad(doc, [ref], value or None))

    def change_carrier(self, value: str) -> None:
        doc = self.session.doc
        ref = self.selected[1]
        if value:
            self.do(things.board(doc, ref, value), f"{ref} rides in {value}")
            return
        unit = doc.get("unit", ref)
        carrier = doc.get("unit", unit.get("carried_by", "")) if unit else None
        at = carrier.get("at") if carrier else None
        if isinstance(at, list) and len(at) == 2:
            x = min(at[0] + 1, doc.width - 1)
            self.do(things.unboard(doc, ref, x, at[1]), f"{ref} stands beside its transport")

    # --- the selected object ------------------------------------------------------------------
    def place_object_row(self) -> None:
        px = self.px
        y, h = self._row_y, px(ROW)
        self.widgets.label(
            "props", pygame.Rect(self._row_x, y, px(44), h), "Place", object_id="#ed_label"
        )
        self.widgets.dropdown(
            "props",
            pygame.Rect(self._row_x + px(44), y, self._row_w - px(44), h),
            [(PLACE_LABELS[k], k) for k in PLACE_KINDS],
            self.object_kind,
            self.set_object_kind,
            name="place_kind",
        )
        self._row_y += h + px(GAP) + px(4)

    def set_object_kind(self, value: str) -> None:
        self.object_kind = value
        self.selected = None
        self._panel_key = None

    def object_tool_panel(self) -> None:
        self.note(
            "Click a tile to place it. A <b>spotlight</b>: press and drag to aim it (the "
            "distance sets its reach); drag the blue handles at its edges to set the cone's "
            "width. It is fed by the nearest generator: the Link tool (<b>K</b>) changes that. "
            "A <b>guard tower</b> is terrain a unit climbs; a <b>transport</b> is a unit "
            "(riders board it from their panel). Press <b>N</b> to see the map at night, "
            "with the generators on, then off."
        )

    def object_form(self) -> None:
        doc = self.session.doc
        ref = self.selected[1]
        obj = doc.get("object", ref)
        kind = obj.get("kind", "?")
        self.head(f"{PLACE_LABELS.get(kind, kind)} {ref}")
        self.text_row("Id", ref, lambda v: self.change_object(id=v.strip() or None), name="id")
        if kind == "spotlight":
            for key, label, default in (
                ("radius", "Reach", 4),
                ("direction", "Direction", 0),
                ("cone", "Cone", 360),
                ("elevation", "Elevation", 2),
            ):
                tip = {
                    "direction": "Degrees: 0 east, 90 south, 180 west, 270 north",
                    "cone": "Width in degrees (360: a disc)",
                    "radius": "Tiles it lights",
                    "elevation": "How high the lamp sits (2: a wall top)",
                }[key]
                self.text_row(
                    label,
                    obj.get(key, default),
                    lambda v, key=key: self.change_number(key, v),
                    numbers=True,
                    tip=tip,
                    name=key,
                )
            gens = [
                (oid, oid)
                for oid, t in zip(doc.object_ids(), doc.objects, strict=False)
                if isinstance(t, dict) and t.get("kind") == "generator"
            ]
            power = obj.get("generator") or ("__self" if obj.get("self_powered") else "")
            self.choice_row(
                "Power",
                [*gens, ("its own power", "__self"), ("(none)", "")],
                power,
                self.change_power,
            )
        elif kind == "generator":
            self.text_row(
                "Hit points",
                obj.get("hp", 20),
                lambda v: self.change_number("hp", v),
                numbers=True,
                name="hp",
            )
            lamps = things.lights_of(doc, ref)
            self.line("Feeds: " + (", ".join(lamps) if lamps else "no lamps yet"))
        elif kind == "crate":
            self.text_row(
                "Contents",
                show_counts(obj.get("contents")),
                self.change_contents,
                tip="e.g. smoke=2, emp=1",
                name="contents",
            )
        if kind in ("marker", "crate"):
            self.text_row(
                "Label",
                obj.get("label", ""),
                lambda v: self.change_object(label=v or None),
                name="label",
            )
        if kind == "charge":
            self.choice_row(
                "Side",
                [("(nobody)", "")] + [(s, s) for s in doc.ids("side")],
                obj.get("side", ""),
                lambda v: self.change_object(side=v or None),
            )
        if kind in ("spotlight", "generator"):
            self.widgets.checkbox(
                "props",
                self.row_rects("Switched on"),
                "",
                obj.get("on", True) is not False,
                lambda on: self.change_object(on=None if on else False),
            )
        items = [("Delete", self.delete_selected, "Delete it (Delete)")]
        if kind == "spotlight":
            items.insert(0, ("Turn <", lambda: self.turn_selected(-1), "45 degrees left (,)"))
            items.insert(1, ("Turn >", lambda: self.turn_selected(1), "45 degrees right (.)"))
        self.buttons_row(items)

    def change_object(self, **changes) -> None:
        doc = self.session.doc
        ref = self.selected[1]
        if doc.get("object", ref) is None:
            return
        if "id" in changes:
            new = changes["id"]
            if not new or new == ref:
                return
            if new in doc.thing_ids():
                self.say(f"The id {new} is taken", (255, 110, 90))
                self._panel_key = None
                return
        if self.do(things.update_object(doc, ref, **changes)) and "id" in changes:
            self.selected = ("object", changes["id"])

    def change_number(self, key: str, text: str) -> None:
        try:
            value = int(text.strip())
        except ValueError:
            self.say(f"{key}: a whole number, please", (255, 110, 90))
            self._panel_key = None
            return
        if key == "direction":
            value %= 360
        self.change_object(**{key: value})

    def change_power(self, value: str) -> None:
        doc = self.session.doc
        ref = self.selected[1]
        if value == "__self":
            self.do(things.unlink_light(doc, ref, self_powered=True), f"{ref} has its own power")
        elif value:
            self.do(things.link_light(doc, ref, value), f"{ref} fed by {value}")
        else:
            self.do(things.unlink_light(doc, ref), f"{ref} has no power")

    def change_contents(self, text: str) -> None:
        try:
            counts = parse_counts(text)
        except ValueError as exc:
            self.say(str(exc), (255, 110, 90))
            return
        self.change_object(contents=counts or None)

    # --- tools --------------------------------------------------------------------------------
    def terrain_panel(self) -> None:
        label = next(lab for t, lab, _, _ in TOOLS if t == self.tool)
        kind = self.app.catalog.terrain[self.terrain]
        self.head(f"{label}: {kind.name}" if self.tool not in ("pick", "erase") else label)
        if self.tool in ("brush", "erase", "line"):
            self.choice_row(
                "Shape",
                [("square", "square"), ("round", "round")],
                self.brush_shape.value,
                lambda v: setattr(self, "brush_shape", Shape(v)),
            )
        if self.tool == "rect":
            self.widgets.checkbox(
                "props",
                self.row_rects("Filled"),
                "",
                self.rect_filled,
                lambda on: setattr(self, "rect_filled", on),
                name="filled",
            )
        if self.symmetry is not Symmetry.NONE:
            self.buttons_row(
                [("Make the map symmetric", self.make_symmetric, "Copy the first half mirrored")]
            )
        self.note(
            TERRAIN_HELP.get(self.tool, "")
            + "<br><br>Right or middle drag pans, the wheel zooms. Ctrl+Z undoes."
        )

    def select_panel(self) -> None:
        doc = self.session.doc
        self.head("Selection")
        box = self.selection
        if box is not None:
            w, h = box[2] - box[0] + 1, box[3] - box[1] + 1
            found = things.things_in(doc, box)
            n_units = sum(1 for s, _ in found if s == "unit")
            n_objects = len(found) - n_units
            self.line(
                f"{w}\u00d7{h} at ({box[0]}, {box[1]}): {n_units} unit(s), {n_objects} object(s)"
            )
            self.buttons_row(
                [
                    ("Copy", self.copy_selection, "Ctrl+C"),
                    ("Cut", self.cut_selection, "Ctrl+X"),
                    ("Delete", self.delete_selected, "Delete"),
                ]
            )
            self.buttons_row(
                [
                    ("Mirror left-right", lambda: self.mirror_selection(False), "M"),
                    ("Flip upside down", lambda: self.mirror_selection(True), "Shift+M"),
                ]
            )
            self.buttons_row(
                [
                    ("Rotate left", lambda: self.rotate_selection(False), "A quarter turn (,)"),
                    ("Rotate right", lambda: self.rotate_selection(True), "A quarter turn (.)"),
                ]
            )
            self.buttons_row(
                [
                    ("Group squad", self.group_selection, "Its units into a new squad"),
                    ("Crop map", self.crop_to_selection, "Cut the map down to the selection"),
                ]
            )
        if self.clip is not None:
            self.buttons_row(
                [("Paste", self.start_paste, "Ctrl+V: then click where it goes (any map)")]
            )
        self.note(
            "Drag on the map to select a region; drag inside it to move it. Click a unit or "
            "an object to edit it, drag it to move it. A copy stays while you open or make "
            "another map."
        )

    def crop_to_selection(self) -> None:
        from ..editor import regions

        if self.selection is not None and self.do(
            regions.crop(self.session.doc, self.selection), "Map cropped"
        ):
            self.selection = None
            self.centre_map()

    def route_panel(self) -> None:
        doc = self.session.doc
        self.head("Patrol route")
        unit = doc.get("unit", self.route_unit) if self.route_unit else None
        if unit is None:
            self.note("Click the unit whose beat to draw (a sentry), then click its waypoints.")
            return
        patrol = unit.get("patrol") if isinstance(unit.get("patrol"), list) else []
        points = "  ".join(f"{n}: ({p[0]}, {p[1]})" for n, p in enumerate(patrol, start=1))
        self.note(
            f"<b>{self.route_unit}</b> walks from where it stands to each waypoint in turn, "
            f"then back to the first.<br>{points or 'No waypoints yet: click the map.'}",
            self.px(110),
        )
        self.buttons_row(
            [
                ("Remove last", self.remove_last_waypoint, "Backspace"),
                ("Clear", self.clear_route, "Remove the whole route"),
                ("Done", self.finish_route, "Enter"),
            ]
        )

    def link_panel(self) -> None:
        doc = self.session.doc
        self.head("Power: lamps and generators")
        lines = []
        for oid, t in zip(doc.object_ids(), doc.objects, strict=False):
            if isinstance(t, dict) and t.get("kind") == "generator":
                lamps = things.lights_of(doc, oid)
                lines.append(f"<b>{oid}</b> feeds {', '.join(lamps) if lamps else 'nothing'}")
        state = (
            f"<b>{self.link_from}</b> chosen: click what it links to."
            if self.link_from
            else "Click a spotlight, then its generator; or a generator, then each lamp it "
            "feeds. A lamp shows <i>no power</i> until it is linked."
        )
        self.note(state + "<br><br>" + "<br>".join(lines or ["No generators yet."]))

    def area_panel(self) -> None:
        doc = self.session.doc
        self.head("Named areas")
        ids = doc.ids("area")
        items = [f"{a}" for a in ids]
        px = self.px
        rect = pygame.Rect(self._row_x, self._row_y, self._row_w, px(96))
        self.widgets.selection(
            "props", rect, items, self.choose_area, chosen=self.chosen_area, name="areas"
        )
        self._row_y += px(100)
        area = doc.get("area", self.chosen_area) if self.chosen_area else None
        if area is not None:
            self.text_row(
                "Id", self.chosen_area, lambda v: self.change_area(id=v.strip()), name="id"
            )
            self.text_row(
                "Name",
                area.get("name", ""),
                lambda v: self.change_area(name=v or None),
                name="name",
            )
            rect = area.get("rect")
            self.line(f"Tiles {rect}")
            self.buttons_row(
                [("Delete area", self.delete_area, "Triggers naming it show a problem")]
            )
        self.note(
            "Drag on the map to add an area. Triggers (<i>enters</i>, <i>held</i>, "
            "<i>attacked</i>), objectives and the computer player's hints name them."
        )

    def choose_area(self, text: str) -> None:
        self.chosen_area = text if text != self.chosen_area else None
        self._panel_key = None

    def change_area(self, **changes) -> None:
        doc = self.session.doc
        ref = self.chosen_area
        if ref is None or doc.get("area", ref) is None:
            return
        if "id" in changes:
            new = changes["id"]
            if not new or new == ref:
                return
            if new in doc.ids("area"):
                self.say(f"The area id {new} is taken", (255, 110, 90))
                self._panel_key = None
                return
        if self.do(script.update_area(doc, ref, **changes)) and "id" in changes:
            self.chosen_area = changes["id"]

    def delete_area(self) -> None:
        if self.chosen_area is not None:
            self.do(script.remove_area(self.session.doc, self.chosen_area), "Area deleted")
            self.chosen_area = None

    def deploy_panel(self) -> None:
        doc = self.session.doc
        self.head("Deployment zones")
        side_ids = doc.ids("side")
        if self.deploy_side not in side_ids and side_ids:
            self.deploy_side = side_ids[0]
        self.choice_row(
            "Side",
            [(s, s) for s in side_ids],
            self.deploy_side,
            lambda v: setattr(self, "deploy_side", v),
        )
        self.widgets.checkbox(
            "props",
            self.row_rects("Cut"),
            "",
            self.deploy_cut,
            lambda on: setattr(self, "deploy_cut", on),
        )
        zones = sides.deploy_zones(doc, self.deploy_side) if self.deploy_side in side_ids else []
        self.note(
            f"{self.deploy_side}: " + ("; ".join(str(list(z)) for z in zones) or "no zone"),
            self.px(48),
        )
        self.buttons_row([("Clear zones", self.clear_zones, "Remove the side's whole zone")])
        self.note(
            "Drag rectangles where the side may set up its units. Tick Cut (or hold Shift) "
            "to take a rectangle out."
        )

    def clear_zones(self) -> None:
        doc = self.session.doc
        if self.deploy_side in doc.ids("side"):
            self.do(sides.set_deploy(doc, self.deploy_side, []), "Zone cleared")
