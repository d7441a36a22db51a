"""The screen's `Overlay` drawn on the board: ranges, paths and markers.

Under the units: the movement range (tiles coloured by the AP left, outlined, drawn
once onto its own picture and reused while it stays the same), the tiles enemies
watch, a grenade's blast and scatter, the planned path. Over them: known patrols'
next steps and lamps' sweeps, noise rings with the enemies that would hear, the
hovered tile, the path's end with its cost, reticles on targets, and labels.
"""

from __future__ import annotations

import math

import pygame

from ..core.light import is_powered
from ..core.patrol import next_waypoint
from ..core.state import GameState
from . import palette as pal
from .board_frame import BoardFrame
from .overlay import Overlay, Pos
from .shapes import arrow_head, chevron, dashed_circle, dashed_rect, disc
from .sideview import SideView
from .sprites import Sprites

REACH_LAYER_MAX_PX = 1920 * 1080  # a range pre-drawn as one picture at most this large
Bounds = tuple[int, int, int, int]  # tiles x0, y0, x1, y1 (x1, y1 past the end)


class OverlayLayer:
    """Draws an `Overlay`; keeps the movement range's pre-drawn picture between frames."""

    def __init__(self) -> None:
        self._reach_cache: tuple | None = None  # (key, (picture, top-left tile) or None)

    def forget(self) -> None:
        """Throw the pre-drawn movement range away (its look changed)."""
        self._reach_cache = None

    def draw_under(self, f: BoardFrame, overlay: Overlay) -> None:
        """The parts of the overlay the units stand on."""
        surface, tp, bx, by = f.surface, f.tp, f.bx, f.by
        x0, y0, x1, y1 = f.bounds
        colour_blind = f.colour_blind
        if overlay.reachable:
            layer = self._reach_layer(f.sprites, overlay.reachable, tp, colour_blind)
            if layer is not None:  # the whole range pre-drawn: one blit a frame
                image, (rx, ry) = layer
                surface.blit(image, (bx + rx * tp, by + ry * tp))
            else:
                _reach_tiles(
                    surface, f.sprites, colour_blind, overlay.reachable, tp, bx, by, f.bounds
                )
        if overlay.watched:
            tick = f.sprites.cached(
                ("watched", tp, colour_blind), lambda: _watched_tile(tp, colour_blind)
            )
            blits = [
                (tick, (bx + x * tp, by + y * tp))
                for x, y in overlay.watched
                if x0 <= x < x1 and y0 <= y < y1
            ]
            if blits:
                surface.fblits(blits)
        if overlay.blast is not None:
            (cx, cy), blast, scatter = overlay.blast
            fill = f.sprites.cached(
                ("blast", tp, colour_blind), lambda: _blast_tile(tp, colour_blind)
            )
            blits = [
                (fill, (bx + x * tp, by + y * tp))
                for y in range(max(y0, cy - blast), min(y1, cy + blast + 1))
                for x in range(max(x0, cx - blast), min(x1, cx + blast + 1))
            ]
            if blits:
                surface.fblits(blits)
            width = max(1, tp // 12)
            reach = scatter + blast
            dashed_rect(
                surface,
                pal.SCATTER,
                pygame.Rect(
                    bx + (cx - scatter) * tp,
                    by + (cy - scatter) * tp,
                    (2 * scatter + 1) * tp,
                    (2 * scatter + 1) * tp,
                ),
                width,
                tp // 3,
            )
            if reach > blast:
                dashed_rect(
                    surface,
                    pal.BLAST,
                    pygame.Rect(
                        bx + (cx - reach) * tp,
                        by + (cy - reach) * tp,
                        (2 * reach + 1) * tp,
                        (2 * reach + 1) * tp,
                    ),
                    width,
                    tp // 5,
                )
        if overlay.path:
            pts = [(bx + x * tp + tp // 2, by + y * tp + tp // 2) for x, y in overlay.path]
            if len(pts) > 1:
                pygame.draw.lines(surface, pal.PATH_SHADOW, False, pts, max(3, tp // 6))
                pygame.draw.lines(surface, pal.PATH, False, pts, max(1, tp // 12))
            for p in pts[1:-1]:
                pygame.draw.circle(surface, pal.PATH, p, max(2, tp // 12))

    def _reach_layer(
        self, sprites: Sprites, reachable: dict[Pos, int], tp: int, colour_blind: bool
    ) -> tuple[pygame.Surface, Pos] | None:
        """The movement range drawn once onto its own surface (tiles coloured by AP left,
        outlined), kept while the range and zoom stay the same. A range larger than
        about a 1080p screen is drawn tile by tile instead: at high zoom its picture
        would be tens of MB, and making it stalled the first frame at that zoom."""
        key = (len(reachable), hash(frozenset(reachable.items())), tp, colour_blind)
        cached = self._reach_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        xs = [p[0] for p in reachable]
        ys = [p[1] for p in reachable]
        x0, y0 = min(xs), min(ys)
        w, h = (max(xs) - x0 + 1) * tp, (max(ys) - y0 + 1) * tp
        layer = None
        if w * h <= REACH_LAYER_MAX_PX:
            image = pygame.Surface((w + 2, h + 2), pygame.SRCALPHA)
            _reach_tiles(image, sprites, colour_blind, reachable, tp, -x0 * tp, -y0 * tp, None)
            image = image.convert_alpha() if pygame.display.get_surface() is not None else image
            layer = (image, (x0, y0))
        self._reach_cache = (key, layer)
        return layer

    def draw_over(self, f: BoardFrame, overlay: Overlay) -> None:
        """The parts of the overlay drawn over the units."""
        surface, state, view, tp, bx, by = f.surface, f.state, f.view, f.tp, f.bx, f.by
        if overlay.intent:
            _draw_intent(f)
        for (cx, cy), radius in overlay.noise_rings:
            centre = (bx + cx * tp + tp // 2, by + cy * tp + tp // 2)
            r = int((radius + 0.5) * tp)
            if f.colour_blind:
                dashed_circle(surface, pal.NOISE, centre, r, max(2, tp // 10), 24)
            else:
                ring = f.sprites.cached(("noise-fill", r), lambda r=r: disc(r, (*pal.NOISE, 28)))
                surface.blit(ring, (centre[0] - r, centre[1] - r))
                pygame.draw.circle(surface, pal.NOISE, centre, r, max(1, tp // 14))
            label = f.text(f"noise {radius}", max(10, tp * 3 // 8), pal.NOISE, shadow=True)
            surface.blit(
                label, (centre[0] - label.get_width() // 2, centre[1] - r - label.get_height())
            )
            heard = f.sprites.status("heard", tp)
            for pos in _known_enemy_positions(state, view):
                dx, dy = pos[0] - cx, pos[1] - cy
                if dx * dx + dy * dy <= radius * radius:
                    surface.blit(
                        heard,
                        (
                            bx + pos[0] * tp + tp // 2 - heard.get_width() // 2,
                            by + pos[1] * tp - heard.get_height() // 2,
                        ),
                    )
        if overlay.hover is not None:
            hx, hy = overlay.hover
            r = pygame.Rect(bx + hx * tp, by + hy * tp, tp, tp)
            pygame.draw.rect(surface, pal.PATH_SHADOW, r.inflate(2, 2), max(1, tp // 16) + 1)
            pygame.draw.rect(surface, pal.HOVER, r, max(1, tp // 16))
        if overlay.path:
            _path_end(f, overlay)
        if overlay.target is not None:
            unit = state.units.get(overlay.target)
            if unit is not None and unit.on_map and view.knows_unit(unit):
                size = f.catalog.units[unit.type_id].size
                _reticle(
                    surface,
                    (bx + unit.x * tp + size * tp // 2, by + unit.y * tp + size * tp // 2),
                    size * tp,
                )
        if overlay.target_object is not None:
            obj = state.objects.get(overlay.target_object)
            if obj is not None:
                _reticle(surface, (bx + obj.x * tp + tp // 2, by + obj.y * tp + tp // 2), tp)
        for (x, y), text in overlay.labels:
            label = f.text(text, max(10, tp * 3 // 8), (255, 255, 255), shadow=True, box=True)
            surface.blit(
                label,
                (bx + x * tp + tp // 2 - label.get_width() // 2, by + y * tp - label.get_height()),
            )


def _reach_tile(
    sprites: Sprites, colour_blind: bool, tp: int, bucket: int, colour: pal.RGB
) -> pygame.Surface:
    def make():
        surf = pygame.Surface((tp, tp), pygame.SRCALPHA)
        if colour_blind:
            surf.blit(pal.pattern_tile(pal.REACH_PATTERNS[bucket], tp, colour, 220), (0, 0))
        else:
            surf.fill((*colour, 70))
            pygame.draw.rect(surf, (*colour, 130), surf.get_rect(), max(1, tp // 16))
        return surf

    return sprites.cached(("reach", tp, bucket, colour, colour_blind), make)


def _reach_tiles(
    surface: pygame.Surface,
    sprites: Sprites,
    colour_blind: bool,
    reachable: dict[Pos, int],
    tp: int,
    bx: int,
    by: int,
    bounds: Bounds | None,
) -> None:
    """The movement range's tiles (those in `bounds`, or all) and its outline."""
    ap_max = max(reachable.values(), default=0)
    blits = []
    for (x, y), left in reachable.items():
        if bounds is None or (bounds[0] <= x < bounds[2] and bounds[1] <= y < bounds[3]):
            bucket, colour = pal.reach_colour(left, ap_max, colour_blind)
            tile = _reach_tile(sprites, colour_blind, tp, bucket, colour)
            blits.append((tile, (bx + x * tp, by + y * tp)))
    if blits:
        surface.fblits(blits)
    width = max(2, tp // 10) if colour_blind else max(1, tp // 16)
    colour = (255, 255, 255) if colour_blind else (200, 255, 200)
    line = pygame.draw.line
    for x, y in reachable:  # the outline: edges towards tiles out of range
        left, top = bx + x * tp, by + y * tp
        if (x, y - 1) not in reachable:
            line(surface, colour, (left, top), (left + tp, top), width)
        if (x, y + 1) not in reachable:
            line(surface, colour, (left, top + tp), (left + tp, top + tp), width)
        if (x - 1, y) not in reachable:
            line(surface, colour, (left, top), (left, top + tp), width)
        if (x + 1, y) not in reachable:
            line(surface, colour, (left + tp, top), (left + tp, top + tp), width)


def _path_end(f: BoardFrame, overlay: Overlay) -> None:
    """The planned path's end: a dot, the AP it costs, whether it is lit or watched."""
    surface, view, tp = f.surface, f.view, f.tp
    end = overlay.path[-1]
    ex, ey = f.bx + end[0] * tp, f.by + end[1] * tp
    pygame.draw.circle(surface, pal.PATH_SHADOW, (ex + tp // 2, ey + tp // 2), tp // 5 + 2)
    pygame.draw.circle(surface, pal.PATH, (ex + tp // 2, ey + tp // 2), tp // 5)
    marks = []
    lit = view.ambient_lit or bool(view.lit[end[1], end[0]])
    if not view.ambient_lit:
        marks.append("lit" if lit else "dark")
    if overlay.watched and tuple(end) in overlay.watched:
        marks.append("watched")
    x = ex + tp
    if overlay.path_cost is not None:
        label = f.text(
            f"{overlay.path_cost} AP",
            max(11, tp * 7 // 16),
            (255, 255, 255),
            shadow=True,
            box=True,
        )
        surface.blit(label, (x, ey - label.get_height() // 2))
        x += label.get_width() + 2
    for name in marks:
        icon = f.sprites.status(name, max(tp, 32))
        surface.blit(icon, (x, ey - icon.get_height() // 2))
        x += icon.get_width() + 1


def _reticle(surface: pygame.Surface, centre: tuple[int, int], span: int) -> None:
    r = span // 2 + 2
    w = max(2, span // 12)
    pygame.draw.circle(surface, pal.PATH_SHADOW, centre, r + 1, w + 2)
    pygame.draw.circle(surface, pal.TARGET, centre, r, w)
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        a = (centre[0] + dx * (r - span // 5), centre[1] + dy * (r - span // 5))
        b = (centre[0] + dx * (r + span // 5), centre[1] + dy * (r + span // 5))
        pygame.draw.line(surface, pal.TARGET, a, b, w)


def _known_enemy_positions(state: GameState, view: SideView) -> list[Pos]:
    if view.side is None:
        return []
    out = []
    know = view.knowledge
    for uid in know.spotted:
        unit = state.units.get(uid)
        if unit is not None and unit.on_map:
            out.append((unit.x, unit.y))
    out += [(g.x, g.y) for g in know.ghosts.values() if g.unit not in know.spotted]
    return out


def _draw_intent(f: BoardFrame) -> None:
    """Faint arrows along the next steps of known patrols; arcs where lamps shine."""
    surface, state, view, tp, bx, by = f.surface, f.state, f.view, f.tp, f.bx, f.by
    catalog = f.catalog
    width = max(1, tp // 16)
    for unit in state.units.values():
        if (
            not unit.patrol
            or not unit.on_map
            or not view.knows_unit(unit)
            or view.is_friend(unit)
            and view.side is not None
        ):
            continue
        if unit.alertness == "alert" and view.side is not None:
            continue  # an alert unit has left its beat
        route = [tuple(p) for p in unit.patrol]
        goal = next_waypoint(unit.pos, route)
        utype = catalog.units[unit.type_id]
        steps = max(1, utype.ap // 2 // max(1, catalog.step_straight))
        path = _line(unit.pos, goal)[: steps + 1]
        for (ax, ay), (cx, cy) in zip(path, path[1:], strict=False):
            a = (bx + ax * tp + tp // 2, by + ay * tp + tp // 2)
            c = (bx + cx * tp + tp // 2, by + cy * tp + tp // 2)
            chevron(surface, pal.INTENT, a, c, tp, width)
    for obj in state.objects.values():
        if obj.kind != "spotlight" or not view.knows_tile(obj.pos) or not is_powered(state, obj):
            continue
        radius = int(obj.props.get("radius", 4))
        cone = int(obj.props.get("cone", 360))
        direction = float(obj.props.get("direction", 0))
        sweep = float(obj.props.get("sweep", 0))
        centre = (bx + obj.x * tp + tp // 2, by + obj.y * tp + tp // 2)
        r = (radius + 0.5) * tp
        half = cone / 2 + sweep / 2
        if cone >= 360:
            dashed_circle(surface, pal.SWEEP, centre, int(r), width, 32)
            continue
        a0, a1 = direction - half, direction + half
        for a in (a0, a1):
            end = (
                centre[0] + r * math.cos(math.radians(a)),
                centre[1] + r * math.sin(math.radians(a)),
            )
            pygame.draw.line(surface, pal.SWEEP, centre, end, width)
        steps = max(4, int(half / 5))
        arc = [
            (
                centre[0] + r * math.cos(math.radians(a0 + (a1 - a0) * i / steps)),
                centre[1] + r * math.sin(math.radians(a0 + (a1 - a0) * i / steps)),
            )
            for i in range(steps + 1)
        ]
        pygame.draw.lines(surface, pal.SWEEP, False, arc, width)
        if sweep:
            for end, back in ((arc[-1], arc[-2]), (arc[0], arc[1])):
                arrow_head(surface, pal.SWEEP, back, end, max(4, tp // 4))


def _watched_tile(tp: int, colour_blind: bool) -> pygame.Surface:
    surf = pygame.Surface((tp, tp), pygame.SRCALPHA)
    if colour_blind:
        surf.blit(pal.pattern_tile("backhatch", tp, pal.WATCHED, 160), (0, 0))
        return surf
    surf.fill((*pal.WATCHED, 34))
    k = max(3, tp // 5)
    w = max(1, tp // 16)
    for x, y, dx, dy in (
        (0, 0, 1, 1),
        (tp - 1, 0, -1, 1),
        (0, tp - 1, 1, -1),
        (tp - 1, tp - 1, -1, -1),
    ):
        pygame.draw.line(surf, (*pal.WATCHED, 200), (x, y), (x + dx * k, y), w)
        pygame.draw.line(surf, (*pal.WATCHED, 200), (x, y), (x, y + dy * k), w)
    return surf


def _blast_tile(tp: int, colour_blind: bool) -> pygame.Surface:
    surf = pygame.Surface((tp, tp), pygame.SRCALPHA)
    if colour_blind:
        surf.blit(pal.pattern_tile("cross", tp, pal.BLAST, 220), (0, 0))
    else:
        surf.fill((*pal.BLAST, 80))
        pygame.draw.rect(surf, (*pal.BLAST, 160), surf.get_rect(), 1)
    return surf


def _line(a: Pos, b: Pos) -> list[Pos]:
    """King's-move steps from a to b (diagonal first), a included."""
    out = [a]
    x, y = a
    while (x, y) != tuple(b):
        x += (b[0] > x) - (b[0] < x)
        y += (b[1] > y) - (b[1] < y)
        out.append((x, y))
    return out
