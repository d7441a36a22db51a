"""The map editor's mouse tools: what a press, a drag and a release on the map do with
each tool, and the preview each draws. Every change goes through the model's tool
functions (`alma_tactics.editor.painting`, `things`, `sides`, `script`, `regions`)
and `EditorSession.do`, so each one is undoable; a drag that changes the document
on every mouse move (a brush stroke, aiming a lamp) is one undo step.

Part of `EditorScreen` (a mixin: it reads and sets the screen's state).
"""

from __future__ import annotations

import math
from typing import Any

import pygame

from ..editor import painting, regions, script, sides, things
from ..editor.document import DEFAULT_KIND
from ..editor.painting import Shape, Symmetry
from .editor_view import (
    SELECT_COLOUR,
    Marks,
    cone_handles,
    dashed_rect,
    draw_cells,
    draw_clip,
    light_shape,
    unit_size,
)

# name, label, key, tip
TOOLS = (
    (
        "select",
        "Select",
        "s",
        "Pick units and objects (drag to move), or drag a region to copy, "
        "mirror, rotate, move or delete",
    ),
    ("brush", "Brush", "b", "Paint terrain; [ and ] change the size"),
    ("line", "Line", "l", "Drag a straight line of terrain"),
    ("rect", "Rect", "r", "Drag a rectangle of terrain (filled or outline)"),
    ("fill", "Fill", "f", "Fill the connected area of one terrain"),
    ("pick", "Pick", "i", "Eyedropper: take the terrain under the mouse"),
    ("erase", "Erase", "e", "Paint open ground"),
    ("unit", "Unit", "u", "Place units (type and side on the right); drag one to move it"),
    (
        "object",
        "Object",
        "o",
        "Place spotlights (drag to aim), generators, guard towers, "
        "charges, crates, objective markers",
    ),
    ("route", "Route", "p", "Click a unit, then click its patrol's waypoints"),
    ("link", "Link", "k", "Click a spotlight, then the generator that feeds it"),
    ("area", "Area", "a", "Drag a named area"),
    ("deploy", "Deploy", "d", "Drag a side's deployment zone"),
)
TERRAIN_TOOLS = {"brush", "line", "rect", "fill", "pick", "erase"}
PLACE_KINDS = (
    "spotlight",
    "generator",
    "tower",
    "transport:truck",
    "transport:land_transport",
    "transport:drop_ship",
    "charge",
    "crate",
    "marker",
)
PLACE_LABELS = {
    "spotlight": "Spotlight",
    "generator": "Generator",
    "tower": "Guard tower",
    "transport:truck": "Truck (a unit)",
    "transport:land_transport": "Land transport (a unit)",
    "transport:drop_ship": "Drop ship (a unit)",
    "charge": "Charge",
    "crate": "Crate",
    "marker": "Objective marker",
}
HANDLE_PX = 10  # how near a click must be to a lamp's handle


class ToolsMixin:
    # --- mouse --------------------------------------------------------------------------------
    def map_press(self, event) -> None:
        self.mouse = event.pos
        tile = self.tile_at(event.pos)
        self.hover = tile
        if event.button in (2, 3):
            self.drag = {"kind": "pan", "last": event.pos, "button": event.button}
            return
        if self.drag is not None:
            return
        mods = pygame.key.get_mods() | getattr(event, "mod", 0)
        self.press(tile, event.pos, bool(mods & pygame.KMOD_SHIFT), bool(mods & pygame.KMOD_CTRL))

    def map_motion(self, event) -> None:
        self.mouse = event.pos
        inside = self.map_rect.collidepoint(event.pos)
        tile = self.tile_at(event.pos)
        self.hover = tile if inside and self.session.doc.on_map(*tile) else None
        drag = self.drag
        if drag is None:
            return
        if drag["kind"] == "pan":
            dx, dy = event.pos[0] - drag["last"][0], event.pos[1] - drag["last"][1]
            drag["last"] = event.pos
            self.camera.pan(-dx, -dy)
            self.clamp_camera()
            return
        self.drag_to(tile, event.pos)

    def map_release(self, event) -> None:
        drag = self.drag
        if drag is None:
            return
        if drag["kind"] == "pan":
            if event.button == drag["button"]:
                self.drag = None
            return
        if event.button != 1:
            return
        self.mouse = event.pos
        self.drag_to(self.tile_at(event.pos), event.pos)
        self.release(self.tile_at(event.pos))

    def cancel_drag(self) -> None:
        drag, self.drag = self.drag, None
        if drag is not None and drag.get("stroke"):
            self.session.end_stroke()

    # --- pressing -----------------------------------------------------------------------------
    def press(self, tile, pixel, shift: bool, ctrl: bool) -> None:
        doc = self.session.doc
        x, y = tile
        tool = self.tool
        if self.pasting:
            self.paste_at(x, y)
            return
        if tool in ("brush", "erase"):
            label = "Paint" if tool == "brush" else "Erase"
            self.session.begin_stroke(label)
            self.drag = {"kind": "paint", "last": tile, "stroke": True}
            self.dab(x, y, x, y)
        elif tool in ("line", "rect"):
            self.drag = {"kind": tool, "start": tile, "end": tile, "outline": shift}
        elif tool == "fill":
            if doc.on_map(x, y):
                kind = self.paint_kind()
                self.do(painting.flood_fill(doc, x, y, kind, self.symmetry), "Filled")
        elif tool == "pick":
            if doc.on_map(x, y):
                self.terrain = painting.pick(doc, x, y)
                self.say(f"Picked {self.app.catalog.terrain[self.terrain].name}")
                self.set_tool(self.last_terrain_tool)
        elif tool == "route":
            self.route_click(x, y)
        elif tool == "link":
            self.link_click(x, y)
        elif tool in ("area", "deploy"):
            self.drag = {"kind": tool, "start": tile, "end": tile, "cut": shift or ctrl}
        elif tool in ("select", "unit", "object"):
            self.pick_or_place(tile, pixel, shift)

    def pick_or_place(self, tile, pixel, shift: bool) -> None:
        doc = self.session.doc
        x, y = tile
        handle = self.handle_at(pixel)
        if handle is not None:
            self.session.begin_stroke("Aim light")
            self.drag = {"kind": "aim", "id": self.selected[1], "handle": handle, "stroke": True}
            return
        found = things.things_at(doc, x, y) if doc.on_map(x, y) else []
        if self.tool == "object":
            found = [f for f in found if f[0] == "object"] or found
        if found:
            section, index = found[0]
            thing_id = doc.ids(section)[index]
            self.selected = (section, thing_id)
            at = doc.section(section)[index].get("at", [x, y])
            self.drag = {
                "kind": "move",
                "section": section,
                "id": thing_id,
                "start": tile,
                "end": tile,
                "offset": (x - at[0], y - at[1]) if isinstance(at, list) else (0, 0),
            }
            self.refresh_panel()
            return
        if self.tool == "select":
            if self.selection is not None and _inside(tile, self.selection):
                self.drag = {"kind": "region", "start": tile, "end": tile}
            else:
                self.selected = None
                self.drag = {"kind": "select", "start": tile, "end": tile}
            self.refresh_panel()
        elif self.tool == "unit":
            self.place_unit(x, y)
        elif self.tool == "object":
            self.place_object(x, y)

    def handle_at(self, pixel) -> str | None:
        obj = self.selected_object()
        if obj is None or obj.get("kind") != "spotlight":
            return None
        m = Marks(pygame.Surface((1, 1)), self.map_rect, self.camera, None)
        best = None
        for name, (hx, hy) in cone_handles(m, obj).items():
            d = math.hypot(pixel[0] - hx, pixel[1] - hy)
            if d <= self.px(HANDLE_PX) and (best is None or d < best[0]):
                best = (d, name)
        return best[1] if best else None

    # --- placing ------------------------------------------------------------------------------
    def place_unit(self, x: int, y: int) -> None:
        doc = self.session.doc
        if not doc.on_map(x, y):
            return
        if self.unit_side not in doc.ids("side"):
            self.say("Add a side first (Sides...)", (255, 110, 90))
            return
        utype = self.app.catalog.units.get(self.unit_type)
        if utype is None:
            return
        facing = self.unit_facing
        images = things.unit_images(
            doc, self.unit_side, x, y, Symmetry(self.symmetry).value, utype.size, facing
        )
        if images:  # symmetry on: the unit and its mirror images are one undo step
            self.session.begin_stroke(f"Add {utype.id} (mirrored)")
        edit = things.add_unit(doc, utype.id, self.unit_side, x, y, facing=facing or None)
        if self.do(edit):
            new_id = doc.unit_ids()[-1]
            for side, ix, iy, ifacing in images:
                self.do(things.add_unit(doc, utype.id, side, ix, iy, facing=ifacing or None))
            self.selected = ("unit", new_id)
            mirrored = f" (and {len(images)} mirrored)" if images else ""
            self.say(f"Placed {utype.name} {new_id} for {self.unit_side}{mirrored}")
            self.refresh_panel()
        if images:
            self.session.end_stroke()

    def place_object(self, x: int, y: int) -> None:
        doc = self.session.doc
        if not doc.on_map(x, y):
            return
        kind = self.object_kind
        if kind == "tower":
            self.do(painting.place_tower(doc, x, y, self.symmetry), "Guard tower built")
            return
        if kind.startswith("transport:"):
            self.place_transport(kind.split(":", 1)[1], x, y)
            return
        if kind == "spotlight":
            generator = things.nearest_generator(doc, x, y)
            self.session.begin_stroke("Add spotlight")
            self.do(things.add_spotlight(doc, x, y, direction=0, cone=90, generator=generator))
            new_id = doc.object_ids()[-1]
            self.selected = ("object", new_id)
            self.drag = {"kind": "aim", "id": new_id, "handle": "aim", "stroke": True, "new": True}
            note = f", fed by {generator}" if generator else " (no generator yet: Link it, K)"
            self.say(f"Spotlight {new_id}{note}; drag to aim it, its edges set the width")
            self.refresh_panel()
            return
        if kind == "generator":
            edit = things.add_generator(doc, x, y)
        elif kind == "charge":
            edit = things.add_charge(doc, x, y)
        elif kind == "crate":
            edit = things.add_crate(doc, x, y, {"smoke": 1})
        else:
            edit = things.add_marker(doc, x, y, "Objective")
        if self.do(edit):
            new_id = doc.object_ids()[-1]
            self.selected = ("object", new_id)
            self.say(f"Placed {PLACE_LABELS.get(kind, kind)} {new_id}")
            self.refresh_panel()

    def place_transport(self, type_id: str, x: int, y: int) -> None:
        """A transport is a unit: of the first side of its faction (riders board it from
        their own panel, "Rides in")."""
        doc = self.session.doc
        utype = self.app.catalog.units.get(type_id)
        if utype is None:
            return
        side = next(
            (s.get("id") for s in doc.sides if s.get("faction") == utype.faction),
            self.unit_side,
        )
        if side not in doc.ids("side"):
            self.say("Add a side first (Sides...)", (255, 110, 90))
            return
        if self.do(things.add_unit(doc, type_id, side, x, y)):
            self.selected = ("unit", doc.unit_ids()[-1])
            self.say(f"{utype.name} {self.selected[1]} for {side}: give riders 'Rides in' it")
            self.refresh_panel()

    # --- dragging -----------------------------------------------------------------------------
    def drag_to(self, tile, pixel) -> None:
        drag = self.drag
        if drag is None:
            return
        kind = drag["kind"]
        if kind == "paint":
            if tile != drag["last"]:
                lx, ly = drag["last"]
                self.dab(lx, ly, *tile)
                drag["last"] = tile
        elif kind == "aim":
            self.aim(drag, pixel)
        elif "end" in drag:
            drag["end"] = tile

    def dab(self, x0: int, y0: int, x1: int, y1: int) -> None:
        doc = self.session.doc
        kind = self.paint_kind()
        if (x0, y0) == (x1, y1):
            edit = painting.brush(
                doc, x1, y1, kind, self.brush_size, self.brush_shape, self.symmetry
            )
        else:  # a fast drag: join the dabs
            edit = painting.line(
                doc, x0, y0, x1, y1, kind, self.brush_size, self.brush_shape, self.symmetry
            )
        self.do(edit)

    def paint_kind(self) -> int:
        return DEFAULT_KIND if self.tool == "erase" else self.terrain

    def aim(self, drag: dict[str, Any], pixel) -> None:
        """A lamp's aim handle sets its direction and reach, an edge handle its width."""
        doc = self.session.doc
        obj = doc.get("object", drag["id"])
        if obj is None or not isinstance(obj.get("at"), list):
            return
        m = Marks(pygame.Surface((1, 1)), self.map_rect, self.camera, None)
        cx, cy = m.centre(*obj["at"])
        dx, dy = pixel[0] - cx, pixel[1] - cy
        distance = math.hypot(dx, dy) / m.tp
        if distance < 0.6:
            return  # too close to the lamp to tell a direction
        angle = math.degrees(math.atan2(dy, dx)) % 360
        radius, direction, cone = light_shape(obj)
        if drag["handle"] == "aim":
            new_direction = round(angle / 5) * 5 % 360
            new_radius = max(1, min(20, round(distance)))
            changes = {}
            if new_direction != direction:
                changes["direction"] = new_direction
            if new_radius != radius:
                changes["radius"] = new_radius
            if changes:
                self.do(things.update_object(doc, drag["id"], **changes))
        else:
            off = abs((angle - direction + 180) % 360 - 180)
            new_cone = max(10, min(360, round(off * 2 / 5) * 5))
            if new_cone != cone:
                self.do(things.update_object(doc, drag["id"], cone=new_cone))

    # --- releasing ----------------------------------------------------------------------------
    def release(self, tile) -> None:
        drag, self.drag = self.drag, None
        if drag is None:
            return
        doc = self.session.doc
        kind = drag["kind"]
        if drag.get("stroke"):
            self.session.end_stroke()
        if kind == "line":
            (x0, y0), (x1, y1) = drag["start"], drag["end"]
            edit = painting.line(
                doc,
                x0,
                y0,
                x1,
                y1,
                self.paint_kind(),
                self.brush_size,
                self.brush_shape,
                self.symmetry,
            )
            self.do(edit, "Line drawn")
        elif kind == "rect":
            (x0, y0), (x1, y1) = drag["start"], drag["end"]
            filled = self.rect_filled and not drag.get("outline")
            self.do(
                painting.rectangle(doc, x0, y0, x1, y1, self.paint_kind(), filled, self.symmetry),
                "Rectangle drawn" if filled else "Outline drawn",
            )
        elif kind == "select":
            box = regions.clip_rect(doc, [*drag["start"], *drag["end"]])
            self.selection = box
            self.selected = None
            if box is not None:
                w, h = box[2] - box[0] + 1, box[3] - box[1] + 1
                self.say(f"Selected {w}\u00d7{h} at ({box[0]}, {box[1]}): Ctrl+C copies")
            self.refresh_panel()
        elif kind == "region":
            (sx, sy), (ex, ey) = drag["start"], drag["end"]
            if (sx, sy) != (ex, ey) and self.selection is not None:
                box = self.selection
                if self.do(regions.move_region(doc, box, ex - sx, ey - sy), "Selection moved"):
                    moved = [box[0] + ex - sx, box[1] + ey - sy, box[2] + ex - sx, box[3] + ey - sy]
                    self.selection = regions.clip_rect(doc, moved)
        elif kind == "move":
            self.finish_move(drag)
        elif kind == "area":
            box = regions.clip_rect(doc, [*drag["start"], *drag["end"]])
            if box is not None:
                area_id = doc.new_id("area", "area")
                if self.do(script.add_area(doc, box, area_id=area_id)):
                    self.chosen_area = area_id
                    self.say(f"Area {area_id} added: name it on the right")
                    self._panel_key = None
        elif kind == "deploy":
            box = regions.clip_rect(doc, [*drag["start"], *drag["end"]])
            side = self.deploy_side
            if box is not None and side in doc.ids("side"):
                if drag.get("cut") or self.deploy_cut:
                    self.do(sides.cut_deploy(doc, side, box), f"Cut from {side}'s zone")
                else:
                    self.do(sides.add_deploy_zone(doc, side, box), f"{side} deploys there")
            elif side not in doc.ids("side"):
                self.say("Choose a side for the zone first", (255, 110, 90))
        elif kind == "aim" and drag.get("new"):
            self.refresh_panel()

    def finish_move(self, drag: dict[str, Any]) -> None:
        doc = self.session.doc
        if drag["end"] == drag["start"]:
            return
        x = drag["end"][0] - drag["offset"][0]
        y = drag["end"][1] - drag["offset"][1]
        if not doc.on_map(x, y):
            return
        if drag["section"] == "unit":
            self.do(things.move_unit(doc, drag["id"], x, y), f"Moved {drag['id']}")
        else:
            self.do(things.move_object(doc, drag["id"], x, y), f"Moved {drag['id']}")

    # --- routes and links ---------------------------------------------------------------------
    def route_click(self, x: int, y: int) -> None:
        doc = self.session.doc
        if not doc.on_map(x, y):
            return
        if self.route_unit is None:
            found = [f for f in things.things_at(doc, x, y) if f[0] == "unit"]
            if not found:
                self.say("Click the unit whose patrol route to draw")
                return
            self.route_unit = doc.unit_ids()[found[0][1]]
            self.selected = ("unit", self.route_unit)
            self.say(f"Route of {self.route_unit}: click waypoints; Enter or Esc when done")
            self.refresh_panel()
            return
        if self.do(things.add_waypoint(doc, self.route_unit, x, y)):
            count = len(doc.get("unit", self.route_unit).get("patrol", []))
            self.say(f"Waypoint {count} of {self.route_unit} at ({x}, {y})")

    def remove_last_waypoint(self) -> None:
        doc = self.session.doc
        unit = doc.get("unit", self.route_unit) if self.route_unit else None
        patrol = unit.get("patrol") if unit else None
        if isinstance(patrol, list) and patrol:
            self.do(things.remove_waypoint(doc, self.route_unit, len(patrol) - 1))

    def clear_route(self) -> None:
        ref = self.route_unit or (self.selected[1] if self.selected_unit() is not None else None)
        if ref is not None:
            self.do(things.set_patrol(self.session.doc, ref, None), f"Route of {ref} cleared")

    def finish_route(self) -> None:
        if self.route_unit is not None:
            self.say(f"Route of {self.route_unit} done")
        self.route_unit = None
        self.refresh_panel()

    def draw_route_for_selected(self) -> None:
        if self.selected_unit() is not None:
            unit_id = self.selected[1]
            self.set_tool("route")
            self.route_unit = unit_id
            self.say(f"Route of {unit_id}: click waypoints; Enter or Esc when done")
            self.refresh_panel()

    def link_click(self, x: int, y: int) -> None:
        doc = self.session.doc
        found = (
            [f for f in things.things_at(doc, x, y) if f[0] == "object"] if doc.on_map(x, y) else []
        )
        if not found:
            self.link_from = None
            self.say("Click a spotlight, then its generator (or a generator, then its lamps)")
            return
        oid = doc.object_ids()[found[0][1]]
        kind = doc.objects[found[0][1]].get("kind")
        source = doc.get("object", self.link_from) if self.link_from else None
        source_kind = source.get("kind") if source else None
        if kind == "spotlight" and source_kind == "generator":
            self.do(things.link_light(doc, oid, self.link_from), f"{oid} fed by {self.link_from}")
        elif kind == "generator" and source_kind == "spotlight":
            self.do(things.link_light(doc, self.link_from, oid), f"{self.link_from} fed by {oid}")
            self.link_from = None
        elif kind in ("spotlight", "generator"):
            self.link_from = oid
            other = "its generator" if kind == "spotlight" else "the lamps it feeds"
            self.say(f"{oid} chosen: now click {other}")
        else:
            self.say(f"{oid} is a {kind}: only spotlights and generators link")

    # --- the selected thing, the selected region ----------------------------------------------
    def delete_selected(self) -> None:
        doc = self.session.doc
        if self.selected is not None:
            section, ref = self.selected
            edit = (
                things.remove_unit(doc, ref)
                if section == "unit"
                else things.remove_object(doc, ref)
            )
            if self.do(edit, f"Deleted {ref}"):
                self.selected = None
                self.refresh_panel()
        elif self.selection is not None:
            self.do(regions.delete_region(doc, self.selection), "Selection cleared")

    def turn_selected(self, steps: int) -> None:
        doc = self.session.doc
        if self.pasting and self.clip is not None:
            transform = regions.Transform.ROTATE_CW if steps > 0 else regions.Transform.ROTATE_CCW
            self.clip = self.clip.transformed(transform)
            return
        unit, obj = self.selected_unit(), self.selected_object()
        if unit is not None:
            self.do(things.turn_unit(doc, self.selected[1], steps))
        elif obj is not None and obj.get("kind") == "spotlight":
            _, direction, _ = light_shape(obj)
            self.do(things.aim_light(doc, self.selected[1], direction + 45 * steps))
        elif self.selection is not None:
            self.rotate_selection(steps > 0)

    def mirror_selected(self, vertical: bool = False) -> None:
        if self.pasting and self.clip is not None:
            flip = regions.Transform.FLIP_V if vertical else regions.Transform.FLIP_H
            self.clip = self.clip.transformed(flip)
        elif self.selection is not None:
            self.mirror_selection(vertical)

    def mirror_selection(self, vertical: bool = False) -> None:
        if self.selection is not None:
            edit = regions.flip_region(self.session.doc, self.selection, horizontal=not vertical)
            self.do(edit, "Mirrored")

    def rotate_selection(self, clockwise: bool = True) -> None:
        if self.selection is None:
            return
        doc = self.session.doc
        try:
            edit = regions.rotate_region(doc, self.selection, clockwise)
        except ValueError as exc:
            self.say(str(exc), (255, 110, 90))
            return
        if self.do(edit, "Rotated"):
            x0, y0, x1, y1 = self.selection
            self.selection = (x0, y0, x0 + y1 - y0, y0 + x1 - x0)

    def copy_selection(self) -> bool:
        if self.selection is None:
            self.say("Select a region first (Select tool, S)")
            return False
        self.clip = regions.copy_region(self.session.doc, self.selection)
        units, objects = len(self.clip.units), len(self.clip.objects)
        self.say(
            f"Copied {self.clip.width}\u00d7{self.clip.height}"
            f" with {units} unit(s) and {objects} object(s): Ctrl+V pastes, here or in another map"
        )
        return True

    def cut_selection(self) -> None:
        if self.copy_selection():
            self.do(regions.delete_region(self.session.doc, self.selection), "Cut")

    def start_paste(self) -> None:
        if self.clip is None:
            self.say("Nothing copied yet (Ctrl+C copies a selection)")
            return
        if self.tool != "select":
            self.set_tool("select")
        self.pasting = True
        self.say("Click where the copy's top-left corner goes (, . turn it, M mirrors it)")

    def paste_at(self, x: int, y: int) -> None:
        doc = self.session.doc
        clip = self.clip
        self.pasting = False
        if clip is None:
            return
        if self.do(regions.paste(doc, clip, x, y), "Pasted"):
            self.selection = regions.clip_rect(doc, [x, y, x + clip.width - 1, y + clip.height - 1])
            self.selected = None
            self.refresh_panel()

    def group_selection(self) -> None:
        doc = self.session.doc
        if self.selection is None:
            return
        units = [doc.unit_ids()[i] for s, i in things.things_in(doc, self.selection) if s == "unit"]
        if not units:
            self.say("No units in the selection")
            return
        side = doc.get("unit", units[0]).get("side")
        same = [u for u in units if doc.get("unit", u).get("side") == side]
        squad = doc.new_id("squad", "squad")
        if self.do(things.group_units(doc, same, squad_id=squad)):
            self.say(f"{len(same)} unit(s) of {side} grouped into {squad}")

    def make_symmetric(self) -> None:
        if self.symmetry is Symmetry.NONE:
            self.say("Choose a symmetry first (H, V)")
            return
        self.do(painting.symmetrize(self.session.doc, self.symmetry), "The map is symmetric now")

    # --- previews -----------------------------------------------------------------------------
    def draw_tool_preview(self, m: Marks) -> None:
        doc = self.session.doc
        drag, colour = self.drag, self.terrain_colour()
        if self.selection is not None:
            r = m.box(*self.selection)
            dashed_rect(m.surface, SELECT_COLOUR, r, 2, 8)
        if self.pasting and self.clip is not None and self.hover is not None:
            draw_clip(m, self.clip.terrain, *self.hover, self._colours)
            return
        if drag is None:
            hover = self.hover
            if hover is None:
                return
            if self.tool in ("brush", "erase"):
                cells = painting.brush_cells(*hover, self.brush_size, self.brush_shape)
                cells = painting.clip_cells(doc, painting.mirror_cells(doc, cells, self.symmetry))
                draw_cells(m, cells, colour, 70)
            elif self.tool in ("line", "rect", "fill", "pick", "area", "deploy", "route"):
                pygame.draw.rect(m.surface, (255, 255, 255), m.tile_rect(*hover), 2)
            elif self.tool == "unit":
                size = self.app.catalog.units[self.unit_type].size
                pygame.draw.rect(m.surface, (255, 255, 255), m.tile_rect(*hover, size, size), 2)
            return
        kind = drag["kind"]
        if kind == "line":
            cells = painting.stamp(
                painting.line_cells(*drag["start"], *drag["end"]),
                self.brush_size,
                self.brush_shape,
            )
            cells = painting.clip_cells(doc, painting.mirror_cells(doc, cells, self.symmetry))
            draw_cells(m, cells, colour, 130)
        elif kind == "rect":
            filled = self.rect_filled and not drag.get("outline")
            cells = painting.rect_cells(*drag["start"], *drag["end"], filled)
            cells = painting.clip_cells(doc, painting.mirror_cells(doc, cells, self.symmetry))
            draw_cells(m, cells, colour, 130)
        elif kind in ("select", "area", "deploy"):
            r = m.box(*drag["start"], *drag["end"])
            tint = {"select": SELECT_COLOUR, "area": (120, 230, 255)}.get(kind, (255, 160, 90))
            m.fill(r, (*tint, 50))
            dashed_rect(m.surface, tint, r, 2, 8)
            w = abs(drag["end"][0] - drag["start"][0]) + 1
            h = abs(drag["end"][1] - drag["start"][1]) + 1
            m.label(f"{w}\u00d7{h}", (r.right + 4, r.bottom + 2), tint)
        elif kind == "region" and self.selection is not None:
            dx = drag["end"][0] - drag["start"][0]
            dy = drag["end"][1] - drag["start"][1]
            x0, y0, x1, y1 = self.selection
            r = m.box(x0 + dx, y0 + dy, x1 + dx, y1 + dy)
            dashed_rect(m.surface, (255, 255, 255), r, 2, 6)
        elif kind == "move" and drag["end"] != drag["start"]:
            x = drag["end"][0] - drag["offset"][0]
            y = drag["end"][1] - drag["offset"][1]
            table = doc.get(drag["section"], drag["id"]) or {}
            size = unit_size(doc, table) if drag["section"] == "unit" else 1
            r = m.tile_rect(x, y, size, size)
            pygame.draw.rect(m.surface, SELECT_COLOUR, r, 3)

    def terrain_colour(self) -> tuple[int, int, int]:
        index = DEFAULT_KIND if self.tool == "erase" else self.terrain
        return tuple(int(c) for c in self._colours[index])


def _inside(tile, box) -> bool:
    return box[0] <= tile[0] <= box[2] and box[1] <= tile[1] <= box[3]


__all__ = ["PLACE_KINDS", "PLACE_LABELS", "TERRAIN_TOOLS", "TOOLS", "ToolsMixin", "Shape"]
