"""What the map editor draws: the document as the board renderer sees it, the light
preview, and the editor's own marks on top (areas, deployment zones, patrol routes,
spotlight cones, generator links, problems, the tool's preview).

The board renderer draws a `GameState`, so the view keeps one built from the
document (`build_state` on a *sanitised* copy: a document being drawn may name an
unknown unit type or stand a unit off the map, and the preview must still draw).
It is rebuilt only after an edit that is not terrain; a terrain-only edit (every
brush dab) patches the state's grid from the document's array instead, so a
painting frame costs the renderer's chunk rebuild and nothing else.

The editor works on the document, never on this state: nothing here is saved.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pygame

from ..core.grid import Grid
from ..core.state import GameState
from ..editor import MapDocument
from ..render import palette as pal
from ..render.board import BoardRenderer
from ..render.camera import Camera
from ..render.overlay import Overlay
from ..scenario import build_state

LIGHT_MODES = ("edit", "night_on", "night_off")
LIGHT_LABELS = {
    "edit": "Light: editing view",
    "night_on": "Light: night, generators on",
    "night_off": "Light: night, generators off",
}
OBJECT_KINDS = ("spotlight", "generator", "charge", "crate", "marker")
ALERTNESS = ("unaware", "suspicious", "alert")
FACTIONS = ("alliance", "calendrea")
AREA_COLOUR = (120, 230, 255)
LINK_COLOUR = (255, 214, 90)
CONE_COLOUR = (255, 226, 120)
PROBLEM_COLOUR = (255, 80, 60)
SELECT_COLOUR = (255, 236, 120)
GRID_COLOUR = (0, 0, 0, 46)


# --- a document the renderer can always draw --------------------------------------------------


def _pos(value: Any) -> tuple[int, int] | None:
    if isinstance(value, list | tuple) and len(value) == 2 and all(type(v) is int for v in value):
        return int(value[0]), int(value[1])
    return None


def _rect(value: Any) -> tuple[int, int, int, int] | None:
    if isinstance(value, list | tuple) and len(value) == 4 and all(type(v) is int for v in value):
        return tuple(int(v) for v in value)  # type: ignore[return-value]
    return None


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def unit_size(doc: MapDocument, unit: Any) -> int:
    """A unit table's footprint (1 for anything odd: a file being drawn may hold it)."""
    if not isinstance(unit, dict) or not isinstance(unit.get("type"), str):
        return 1
    return doc.unit_size(unit)


def _counts(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {str(k): int(v) for k, v in value.items() if type(v) is int and v >= 0}


def valid_colour(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        pal.parse_colour(value)
    except ValueError:
        return False
    return True


def preview_doc(doc: MapDocument) -> dict[str, Any]:
    """The document made drawable: things the renderer could not draw (unknown types,
    unknown sides, off the map) are left out, bad values get their defaults, every
    unit and object carries its id explicitly (the ids the editor selects by)."""
    catalog = doc.catalog
    width, height = doc.size
    scenario = dict(doc.scenario)
    if scenario.get("ambient") not in catalog.ambient:
        scenario["ambient"] = "day"
    sides: list[dict[str, Any]] = []
    for side in doc.sides:
        if not isinstance(side, dict) or not isinstance(side.get("id"), str) or not side["id"]:
            continue
        if any(s["id"] == side["id"] for s in sides):
            continue
        faction = side.get("faction") if side.get("faction") in FACTIONS else "alliance"
        table = {"id": side["id"], "name": str(side.get("name", side["id"])), "faction": faction}
        table["controller"] = side.get("controller") if side.get("controller") == "ai" else "human"
        if side.get("difficulty") in ("easy", "normal", "hard"):
            table["difficulty"] = side["difficulty"]
        if side.get("alertness") in ALERTNESS:
            table["alertness"] = side["alertness"]
        if isinstance(side.get("team"), str):
            table["team"] = side["team"]
        sides.append(table)
    if not sides:
        sides.append({"id": "_nobody", "name": "Nobody", "faction": "alliance"})
    side_ids = {s["id"] for s in sides}

    def fits(at: tuple[int, int] | None, size: int) -> bool:
        return (
            at is not None
            and at[0] >= 0
            and at[1] >= 0
            and at[0] + size <= width
            and at[1] + size <= height
        )

    units: list[dict[str, Any]] = []
    seen: set[str] = set()
    riders: list[dict[str, Any]] = []
    for uid, unit in zip(doc.unit_ids(), doc.units, strict=False):
        if not isinstance(unit, dict) or not uid or uid in seen:
            continue
        utype = catalog.units.get(unit.get("type")) if _is_str(unit.get("type")) else None
        if utype is None or not _is_str(unit.get("side")) or unit["side"] not in side_ids:
            continue
        table: dict[str, Any] = {"id": uid, "type": utype.id, "side": unit["side"]}
        facing = unit.get("facing", 0)
        table["facing"] = facing % 8 if type(facing) is int else 0
        if unit.get("alertness") in ALERTNESS:
            table["alertness"] = unit["alertness"]
        if isinstance(unit.get("name"), str) and unit["name"]:
            table["name"] = unit["name"]
        if isinstance(unit.get("squad"), str):
            table["squad"] = unit["squad"]
        patrol = unit.get("patrol")
        if isinstance(patrol, list):
            points = [list(p) for p in (_pos(v) for v in patrol) if fits(p, 1)]
            if points:
                table["patrol"] = points
        table["ammo"] = _counts(unit.get("ammo"))
        table["inventory"] = _counts(unit.get("inventory"))
        at = _pos(unit.get("at"))
        if isinstance(unit.get("carried_by"), str) and unit["carried_by"]:
            table["carried_by"] = unit["carried_by"]
            riders.append(table)
        elif fits(at, utype.size):
            table["at"] = list(at)
            units.append(table)
        else:
            continue
        seen.add(uid)
    carriers = {u["id"] for u in units}
    units.extend(r for r in riders if r["carried_by"] in carriers)
    objects: list[dict[str, Any]] = []
    for oid, obj in zip(doc.object_ids(), doc.objects, strict=False):
        if not isinstance(obj, dict) or not oid or oid in seen:
            continue
        at = _pos(obj.get("at"))
        if obj.get("kind") not in OBJECT_KINDS or not fits(at, 1):
            continue
        table = {"id": oid, "kind": obj["kind"], "at": list(at)}
        if isinstance(obj.get("side"), str):
            table["side"] = obj["side"]
        if type(obj.get("hp")) is int and obj["hp"] >= 0:
            table["hp"] = obj["hp"]
        if isinstance(obj.get("on"), bool):
            table["on"] = obj["on"]
        for key in ("radius", "elevation"):
            if type(obj.get(key)) is int:
                table[key] = obj[key]
        for key in ("direction", "cone"):
            if type(obj.get(key)) in (int, float):
                table[key] = obj[key]
        for key in ("generator", "label"):
            if isinstance(obj.get(key), str):
                table[key] = obj[key]
        if obj.get("self_powered") is True:
            table["self_powered"] = True
        objects.append(table)
        seen.add(oid)
    areas = []
    for area in doc.areas:
        rect = _rect(area.get("rect")) if isinstance(area, dict) else None
        if rect is not None and isinstance(area.get("id"), str):
            areas.append({"id": area["id"], "rect": list(rect)})
    return {
        "scenario": scenario,
        "map": {"width": width, "height": height, "rows": ""},
        "side": sides,
        "unit": units,
        "object": objects,
        "area": areas,
    }


def build_preview(doc: MapDocument) -> GameState:
    """A state of the document for drawing (rows are taken from its terrain array)."""
    data = preview_doc(doc)
    chars = np.array([ord(k.char) for k in doc.catalog.terrain], dtype="<u4")
    data["map"]["rows"] = "\n".join(chars[row].tobytes().decode("utf-32-le") for row in doc.terrain)
    return build_state(doc.catalog, data, 0)


def side_colours(doc: MapDocument) -> dict[str, str]:
    return {
        s["id"]: s["colour"]
        for s in doc.sides
        if isinstance(s, dict) and isinstance(s.get("id"), str) and valid_colour(s.get("colour"))
    }


# --- the view ---------------------------------------------------------------------------------


class EditorView:
    """The document's preview state and the renderer that draws it."""

    def __init__(self, catalog, tile: int = 32, colour_blind: bool = False) -> None:
        self.catalog = catalog
        self.tile = tile
        self.colour_blind = colour_blind
        self.renderer = BoardRenderer(catalog, tile=tile, colour_blind=colour_blind)
        self.state: GameState | None = None
        self.mode = "edit"
        self._colours: dict[str, str] = {}
        self._generators: dict[str, bool] = {}
        self._ambient = "day"
        self.rebuilds = 0  # how many times the state was rebuilt (tests, benchmark)
        self.patches = 0  # terrain-only updates

    # --- keeping up with the document ---------------------------------------------------------
    def sync(self, doc: MapDocument) -> bool:
        """Bring the state up to date with the document's changes; True if anything changed."""
        changes = doc.take_changes()
        if self.state is None or changes.full:
            self.rebuild(doc)
            return True
        if not changes:
            return False
        other = set(changes.sections) - {"terrain"}
        if other:
            self.rebuild(doc)
        elif changes.rect is not None:
            self.patch(doc)
        return True

    def rebuild(self, doc: MapDocument) -> None:
        colours = side_colours(doc)
        if colours != self._colours:  # the renderer keeps its side styles: start afresh
            self.renderer = BoardRenderer(
                self.catalog, tile=self.tile, colour_blind=self.colour_blind, side_colours=colours
            )
            self._colours = colours
        self.state = build_preview(doc)
        self._generators = {
            o.id: o.on for o in self.state.objects.values() if o.kind == "generator"
        }
        self._ambient = doc.ambient if doc.ambient in self.catalog.ambient else "day"
        self.rebuilds += 1
        self._apply_mode()

    def patch(self, doc: MapDocument) -> None:
        """Terrain only: a new grid from the document's array (the renderer rebuilds just
        the chunks whose tiles changed)."""
        state = self.state
        assert state is not None
        if state.grid.kind.shape != doc.terrain.shape:
            self.rebuild(doc)
            return
        state.grid = Grid(self.catalog, doc.terrain.copy())
        state.cache.clear()  # the light and sight caches key on the grid's version
        self.patches += 1

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        if self.state is not None:
            self._apply_mode()

    def _apply_mode(self) -> None:
        state = self.state
        if state is None:
            return
        if self.mode == "edit":
            state.ambient = "day"
        else:
            state.ambient = self._ambient if self._ambient != "day" else "night"
        for obj in state.objects.values():
            if obj.kind == "generator":
                obj.on = self._generators.get(obj.id, True) and self.mode != "night_off"
        state.light_version += 1
        state.cache.clear()

    @property
    def night_ambient(self) -> str:
        return self._ambient if self._ambient != "day" else "night"

    # --- drawing ------------------------------------------------------------------------------
    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        camera: Camera,
        overlay: Overlay | None = None,
    ) -> None:
        if self.state is None:
            surface.fill(pal.BACKGROUND, rect)
            return
        self.renderer.draw(surface, rect, self.state, None, camera, overlay)

    def thumbnail(self, size: tuple[int, int]) -> pygame.Surface:
        assert self.state is not None
        return self.renderer.thumbnail(self.state, size)


# --- the editor's marks -----------------------------------------------------------------------


class Marks:
    """Pixel helpers for one frame: tile -> screen for a camera and a view rect."""

    def __init__(self, surface: pygame.Surface, rect: pygame.Rect, camera: Camera, font) -> None:
        self.surface = surface
        self.rect = rect
        self.camera = camera
        self.tp = camera.tile_px
        ox, oy = camera.origin()
        self.bx, self.by = rect.x - ox, rect.y - oy
        self.font = font

    def tile_rect(self, x: int, y: int, w: int = 1, h: int = 1) -> pygame.Rect:
        return pygame.Rect(self.bx + x * self.tp, self.by + y * self.tp, w * self.tp, h * self.tp)

    def centre(self, x: float, y: float) -> tuple[int, int]:
        return round(self.bx + (x + 0.5) * self.tp), round(self.by + (y + 0.5) * self.tp)

    def box(self, x0: int, y0: int, x1: int, y1: int) -> pygame.Rect:
        """The pixel rectangle of tiles x0..x1, y0..y1 (inclusive, either order)."""
        ax, bx = sorted((x0, x1))
        ay, by = sorted((y0, y1))
        return self.tile_rect(ax, ay, bx - ax + 1, by - ay + 1)

    def label(self, text: str, pos: tuple[int, int], colour=(255, 255, 255), anchor="topleft"):
        key = (text, tuple(colour), id(self.font))
        surf = _LABELS.get(key)
        if surf is None:
            fg = self.font.render(text, True, colour)
            surf = pygame.Surface((fg.get_width() + 6, fg.get_height() + 2), pygame.SRCALPHA)
            surf.fill((8, 12, 18, 200))
            surf.blit(fg, (3, 1))
            if len(_LABELS) > 256:
                _LABELS.clear()
            _LABELS[key] = surf
        r = surf.get_rect(**{anchor: pos})
        if r.colliderect(self.surface.get_clip()):
            self.surface.blit(surf, r)
        return r

    def fill(self, r: pygame.Rect, rgba: tuple[int, int, int, int]) -> None:
        r = r.clip(self.rect)
        if r.w <= 0 or r.h <= 0:
            return
        if rgba[3] >= 255:
            self.surface.fill(rgba[:3], r)
        else:
            self.surface.blit(_layer(r.size, tuple(rgba)), r)


_LAYERS: dict[tuple, pygame.Surface] = {}
_LABELS: dict[tuple, pygame.Surface] = {}


def _layer(size: tuple[int, int], rgba: tuple) -> pygame.Surface:
    """A translucent rectangle, cached (the same areas are filled every frame)."""
    key = (size, rgba)
    layer = _LAYERS.get(key)
    if layer is None:
        if len(_LAYERS) > 64:
            _LAYERS.clear()
        layer = _LAYERS[key] = pygame.Surface(size, pygame.SRCALPHA)
        layer.fill(rgba)
    return layer


def dashed_line(surf, colour, a, b, width: int = 1, dash: int = 6) -> None:
    """A dashed line, only the part of it inside the surface's clip (long routes and
    links cross the whole map; only what is on screen is drawn)."""
    bounds = surf.get_clip().inflate(width * 2, width * 2)
    clipped = bounds.clipline(a, b)
    if not clipped:
        return
    (ax, ay), (bx, by) = clipped
    # keep the dashes where they would be on the whole line (steady while scrolling)
    length = math.dist(a, b)
    if length < 1:
        return
    dash = max(4, dash)
    t0 = math.dist(a, (ax, ay)) / length
    t1 = math.dist(a, (bx, by)) / length
    if t0 > t1:
        t0, t1 = t1, t0
    first = int(t0 * length // dash)
    last = int(t1 * length // dash) + 1
    dx, dy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    for i in range(first - first % 2, last, 2):
        s0, s1 = i * dash, min(length, (i + 1) * dash)
        if s1 <= s0:
            continue
        pygame.draw.line(
            surf,
            colour,
            (a[0] + dx * s0, a[1] + dy * s0),
            (a[0] + dx * s1, a[1] + dy * s1),
            width,
        )


def dashed_rect(surf, colour, r: pygame.Rect, width: int = 1, dash: int = 6) -> None:
    pts = [r.topleft, (r.right - 1, r.top), (r.right - 1, r.bottom - 1), (r.left, r.bottom - 1)]
    for i in range(4):
        dashed_line(surf, colour, pts[i], pts[(i + 1) % 4], width, dash)


def draw_grid(m: Marks, width: int, height: int) -> None:
    """Faint tile lines over the map (at zooms where a tile is big enough to tell)."""
    if m.tp < 12:
        return
    x0, y0, x1, y1 = m.camera.visible_tiles(m.rect)
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
    if x0 >= x1 or y0 >= y1:
        return
    layer = pygame.Surface(m.rect.size, pygame.SRCALPHA)
    top, bottom = m.by + y0 * m.tp - m.rect.y, m.by + y1 * m.tp - m.rect.y
    left, right = m.bx + x0 * m.tp - m.rect.x, m.bx + x1 * m.tp - m.rect.x
    for x in range(x0, x1 + 1):
        px = m.bx + x * m.tp - m.rect.x
        pygame.draw.line(layer, GRID_COLOUR, (px, top), (px, bottom))
    for y in range(y0, y1 + 1):
        py = m.by + y * m.tp - m.rect.y
        pygame.draw.line(layer, GRID_COLOUR, (left, py), (right, py))
    m.surface.blit(layer, m.rect.topleft)


def draw_zones(m: Marks, doc: MapDocument, colours: dict[str, tuple[int, int, int]]) -> None:
    """Deployment zones: the side's colour, faint, with a solid edge."""
    for side in doc.sides:
        if not isinstance(side, dict) or not isinstance(side.get("deploy"), list):
            continue
        colour = colours.get(side.get("id"), (200, 200, 200))
        for value in side["deploy"]:
            rect = _rect(value)
            if rect is None:
                continue
            r = m.box(*rect)
            m.fill(r, (*colour, 60))
            pygame.draw.rect(m.surface, colour, r, 2)
            if m.tp >= 12:
                m.label(f"deploy {side['id']}", (r.x + 2, r.bottom - 2), colour, "bottomleft")


def draw_areas(m: Marks, doc: MapDocument, chosen: str | None = None) -> None:
    for area in doc.areas:
        rect = _rect(area.get("rect")) if isinstance(area, dict) else None
        if rect is None:
            continue
        r = m.box(*rect)
        picked = area.get("id") == chosen
        colour = SELECT_COLOUR if picked else AREA_COLOUR
        m.fill(r, (*colour, 34 if not picked else 60))
        dashed_rect(m.surface, colour, r, 2, max(4, m.tp // 3))
        name = str(area.get("name") or area.get("id", ""))
        m.label(f"{name}", (r.x + 2, r.y + 2), colour)


def draw_routes(
    m: Marks,
    doc: MapDocument,
    colours: dict[str, tuple[int, int, int]],
    chosen: str | None = None,
) -> None:
    """Each sentry's beat: unit -> waypoint 1 -> ... -> last, and back (dashed)."""
    ids = doc.unit_ids()
    width = max(2, m.tp // 10)
    for uid, unit in zip(ids, doc.units, strict=False):
        patrol = unit.get("patrol") if isinstance(unit, dict) else None
        if not isinstance(patrol, list) or not patrol:
            continue
        at = _pos(unit.get("at"))
        size = unit_size(doc, unit)
        half = (size - 1) / 2
        points = [p for p in (_pos(v) for v in patrol) if p is not None]
        if not points:
            continue
        colour = colours.get(unit.get("side"), (230, 230, 230))
        if uid == chosen:
            colour = SELECT_COLOUR
        pts = [m.centre(p[0] + half, p[1] + half) for p in points]
        if at is not None:
            start = m.centre(at[0] + half, at[1] + half)
            dashed_line(m.surface, colour, start, pts[0], max(1, width - 1), max(4, m.tp // 4))
        if len(pts) > 1:
            pygame.draw.lines(m.surface, (10, 12, 16), False, pts, width + 2)
            pygame.draw.lines(m.surface, colour, False, pts, width)
            dashed_line(m.surface, colour, pts[-1], pts[0], max(1, width - 1), max(4, m.tp // 4))
        r = max(5, m.tp // 4)
        for n, p in enumerate(pts, start=1):
            pygame.draw.circle(m.surface, (10, 12, 16), p, r + 1)
            pygame.draw.circle(m.surface, colour, p, r)
            text = m.font.render(str(n), True, (10, 12, 16))
            m.surface.blit(text, text.get_rect(center=p))


def cone_points(centre, radius_px: float, direction: float, cone: float) -> list:
    if cone >= 360:
        return [
            (
                centre[0] + radius_px * math.cos(math.radians(a)),
                centre[1] + radius_px * math.sin(math.radians(a)),
            )
            for a in range(0, 360, 10)
        ]
    half = cone / 2
    steps = max(4, int(cone / 8))
    arc = [
        (
            centre[0] + radius_px * math.cos(math.radians(direction - half + cone * i / steps)),
            centre[1] + radius_px * math.sin(math.radians(direction - half + cone * i / steps)),
        )
        for i in range(steps + 1)
    ]
    return [centre, *arc]


def light_shape(obj: dict[str, Any]) -> tuple[int, float, float]:
    """(radius, direction, cone) of a spotlight table, defaults filled in."""
    radius = obj.get("radius", 4)
    direction = obj.get("direction", 0)
    cone = obj.get("cone", 360)
    radius = radius if type(radius) is int else 4
    direction = float(direction) if type(direction) in (int, float) else 0.0
    cone = float(cone) if type(cone) in (int, float) and 0 < cone <= 360 else 360.0
    return radius, direction, cone


def cone_handles(m: Marks, obj: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Where a selected spotlight's handles are: its aim (direction and reach) and the
    two edges of its cone (width)."""
    at = _pos(obj.get("at"))
    if at is None:
        return {}
    radius, direction, cone = light_shape(obj)
    c = m.centre(*at)
    r = (radius + 0.5) * m.tp
    handles = {
        "aim": (
            round(c[0] + r * math.cos(math.radians(direction))),
            round(c[1] + r * math.sin(math.radians(direction))),
        )
    }
    if cone < 360:
        for name, sign in (("edge_a", -1), ("edge_b", 1)):
            a = math.radians(direction + sign * cone / 2)
            handles[name] = (
                round(c[0] + r * 0.8 * math.cos(a)),
                round(c[1] + r * 0.8 * math.sin(a)),
            )
    return handles


def draw_lights(
    m: Marks,
    doc: MapDocument,
    chosen: str | None = None,
    link_from: str | None = None,
) -> None:
    """Spotlight cones (outline), links from lamps to their generators, and the chosen
    lamp's handles."""
    ids = doc.object_ids()
    where = {
        oid: _pos(o.get("at"))
        for oid, o in zip(ids, doc.objects, strict=False)
        if isinstance(o, dict)
    }
    width = max(1, m.tp // 16)
    for oid, obj in zip(ids, doc.objects, strict=False):
        if not isinstance(obj, dict) or obj.get("kind") != "spotlight":
            continue
        at = where.get(oid)
        if at is None:
            continue
        radius, direction, cone = light_shape(obj)
        c = m.centre(*at)
        picked = oid in (chosen, link_from)
        colour = SELECT_COLOUR if picked else CONE_COLOUR
        pts = cone_points(c, (radius + 0.5) * m.tp, direction, cone)
        pygame.draw.lines(m.surface, colour, True, pts, width + (1 if picked else 0))
        gen = obj.get("generator")
        g = where.get(gen) if isinstance(gen, str) else None
        if g is not None:
            gc = m.centre(*g)
            dashed_line(m.surface, (10, 12, 16), c, gc, width + 3, max(5, m.tp // 3))
            dashed_line(m.surface, LINK_COLOUR, c, gc, width + 1, max(5, m.tp // 3))
            pygame.draw.circle(m.surface, LINK_COLOUR, gc, max(3, m.tp // 6), 2)
        elif obj.get("self_powered") is not True and m.tp >= 12:
            m.label("no power", (c[0], c[1] - m.tp // 2), PROBLEM_COLOUR, "midbottom")
        if oid == chosen:
            for name, (hx, hy) in cone_handles(m, obj).items():
                r = max(5, m.tp // 5)
                pygame.draw.circle(m.surface, (10, 12, 16), (hx, hy), r + 2)
                pygame.draw.circle(
                    m.surface, SELECT_COLOUR if name == "aim" else AREA_COLOUR, (hx, hy), r
                )
    if link_from is not None and where.get(link_from) is not None:
        r = m.tile_rect(*where[link_from]).inflate(6, 6)
        pygame.draw.rect(m.surface, LINK_COLOUR, r, 3)


def draw_problem_marks(m: Marks, tiles: Iterable[tuple[int, int]]) -> None:
    size = max(8, m.tp // 3)
    for x, y in set(tiles):
        r = m.tile_rect(x, y)
        if not r.colliderect(m.rect):
            continue
        pygame.draw.rect(m.surface, PROBLEM_COLOUR, r, max(1, m.tp // 14))
        badge = pygame.Rect(r.right - size, r.top, size, size)
        pygame.draw.rect(m.surface, PROBLEM_COLOUR, badge)
        text = m.font.render("!", True, (255, 255, 255))
        m.surface.blit(text, text.get_rect(center=badge.center))


def draw_cells(
    m: Marks,
    cells: tuple[np.ndarray, np.ndarray],
    colour: tuple[int, int, int],
    alpha: int = 90,
) -> None:
    """A translucent mark on each of `cells` (a tool's preview), outlined as one block
    when they form one."""
    xs, ys = cells
    if not len(xs):
        return
    x0, y0, x1, y1 = int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())
    whole = m.box(x0, y0, x1, y1)
    if len(xs) == (x1 - x0 + 1) * (y1 - y0 + 1):
        m.fill(whole, (*colour, alpha))
        pygame.draw.rect(m.surface, (255, 255, 255), whole, 1)
        return
    tile = pygame.Surface((m.tp, m.tp), pygame.SRCALPHA)
    tile.fill((*colour, alpha))
    vx0, vy0, vx1, vy1 = m.camera.visible_tiles(m.rect)
    keep = (xs >= vx0) & (xs < vx1) & (ys >= vy0) & (ys < vy1)
    m.surface.fblits(
        [
            (tile, (m.bx + int(x) * m.tp, m.by + int(y) * m.tp))
            for x, y in zip(xs[keep], ys[keep], strict=True)
        ]
    )


def draw_clip(m: Marks, terrain: np.ndarray, x: int, y: int, colours: np.ndarray) -> None:
    """A paste preview: the clip's terrain in its colours, translucent, at (x, y)."""
    h, w = terrain.shape
    rgb = np.ascontiguousarray(colours[terrain])
    small = pygame.image.frombuffer(rgb.tobytes(), (w, h), "RGB")
    big = pygame.transform.scale(small, (w * m.tp, h * m.tp))
    big.set_alpha(150)
    r = m.tile_rect(x, y, w, h)
    m.surface.blit(big, r)
    dashed_rect(m.surface, SELECT_COLOUR, r, 2, 8)


def draw_symmetry_axes(m: Marks, width: int, height: int, symmetry: str) -> None:
    colour = (255, 120, 220)
    if symmetry in ("horizontal", "both", "point"):
        x = m.bx + width * m.tp / 2
        dashed_line(m.surface, colour, (x, m.by), (x, m.by + height * m.tp), 2, 10)
    if symmetry in ("vertical", "both", "point"):
        y = m.by + height * m.tp / 2
        dashed_line(m.surface, colour, (m.bx, y), (m.bx + width * m.tp, y), 2, 10)


def terrain_colours(catalog, sprites) -> np.ndarray:
    """uint8 [kinds, 3]: each terrain kind's colour (palette swatches, paste previews)."""
    return np.array([sprites.terrain_colour(k.id) for k in catalog.terrain], np.uint8)


def rgb(colour: Any, default=(200, 200, 200)) -> tuple[int, int, int]:
    try:
        return pal.parse_colour(colour)
    except (ValueError, TypeError):
        return default


def doc_colours(doc: MapDocument, view: EditorView) -> dict[str, tuple[int, int, int]]:
    """Side id -> the colour its units are drawn in."""
    state = view.state
    if state is None:
        return {}
    return {sid: style.colour for sid, style in view.renderer.styles(state).items()}


def bounds(points: Sequence[tuple[int, int]]) -> tuple[int, int, int, int]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)
