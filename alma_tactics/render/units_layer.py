"""The units on the board as the side knows them, with their marks.

Each known unit is drawn on its side's stand (or as a hot infrared silhouette when
only the side's thermal sight picks it out), riders on top of the brute they ride;
round it go the selection ring, its status icons (alertness, overwatch, wounds, ...),
what it carries, its health pips and, for the side's own, its action-point pips.
"""

from __future__ import annotations

import math

import pygame

from ..core.catalog import UnitType
from ..core.state import GameState
from ..core.units import Unit
from . import palette as pal
from .board_frame import BoardFrame
from .overlay import Overlay
from .sideview import SideView
from .sprites import Sprites

Blits = list[tuple[pygame.Surface, tuple[int, int]]]


def draw_units(f: BoardFrame, overlay: Overlay | None, hidden: set[str]) -> None:
    """Every unit the side knows in view, but those in `hidden` (the animator's)."""
    surface, state, view, tp, bx, by = f.surface, f.state, f.view, f.tp, f.bx, f.by
    x0, y0, x1, y1 = f.bounds
    sprites = f.sprites
    units_cat = f.catalog.units
    selected = overlay.selected if overlay is not None else None
    blits: Blits = []
    extras: Blits = []
    riders: list[Unit] = []
    cargo: dict[str, int] = {}
    for unit in state.units.values():
        if unit.carried_by and unit.hp > 0:
            cargo[unit.carried_by] = cargo.get(unit.carried_by, 0) + 1
    for unit in state.units.values():
        if unit.hp <= 0 or unit.carried_by or unit.id in hidden:
            continue
        if not (x0 - 2 <= unit.x < x1 and y0 - 2 <= unit.y < y1):
            continue
        if not view.knows_unit(unit):
            continue
        if unit.mounted_on:
            riders.append(unit)
            continue
        utype = units_cat[unit.type_id]
        size = utype.size
        px, py = bx + unit.x * tp, by + unit.y * tp
        friend = view.is_friend(unit)
        if view.infrared_only(unit, size):
            blits.append((sprites.infrared(unit.type_id, unit.facing, tp), (px, py)))
            continue
        style = f.style_of(state, unit.side)
        if unit.id == selected:
            _selection_ring(surface, px, py, tp * size, f.time)
        blits.append((sprites.unit(unit.type_id, unit.facing, tp, style), (px, py)))
        _unit_marks(extras, f, unit, utype, px, py, friend, cargo.get(unit.id, 0))
    for rider in riders:
        brute = state.units.get(rider.mounted_on)
        if brute is None or brute.id in hidden:
            continue
        size = units_cat[brute.type_id].size
        px = bx + brute.x * tp + (size - 1) * tp // 2
        py = by + brute.y * tp + (size - 1) * tp // 2 - tp // 4
        style = f.style_of(state, rider.side)
        blits.append((sprites.unit(rider.type_id, rider.facing, tp, style), (px, py)))
        _unit_marks(extras, f, rider, units_cat[rider.type_id], px, py, view.is_friend(rider), 0)
    if blits:
        surface.fblits(blits)
    if extras:
        surface.fblits(extras)


def _selection_ring(surface: pygame.Surface, px: int, py: int, span: int, time: float) -> None:
    pulse = 0.5 + 0.5 * math.sin(time * 5)
    r = span // 2 + max(1, span // 16) + round(pulse * span / 20)
    centre = (px + span // 2, py + span // 2)
    pygame.draw.circle(surface, pal.PATH_SHADOW, centre, r + 1, max(2, span // 10))
    pygame.draw.circle(surface, pal.SELECTED, centre, r, max(1, span // 14))


def unit_icons(state: GameState, view: SideView, unit: Unit) -> list[str]:
    """The status icons a unit shows, in order (the screen's tooltips can reuse this)."""
    icons = []
    if unit.alertness != "alert":
        icons.append(unit.alertness)
    elif not view.is_friend(unit) or (view.side is None and unit.side != state.sides[0].id):
        icons.append("alert")
    if unit.overwatch or "overwatch" in unit.status:
        icons.append("overwatch")
    if unit.mounted_on:
        icons.append("mounted")
    for name in ("emp", "stunned", "bleeding", "hamstrung", "dodging", "tail_severed"):
        if name in unit.status:
            icons.append(name)
    return icons


def _unit_marks(
    out: Blits,
    f: BoardFrame,
    unit: Unit,
    utype: UnitType,
    px: int,
    py: int,
    friend: bool,
    carried: int,
) -> None:
    """A unit's status icons, cargo count and pips, added to `out`."""
    tp, view = f.tp, f.view
    span = tp * utype.size
    sprites = f.sprites
    if tp >= 20:
        isz = sprites.icon_px(tp)
        others = 0
        for name in unit_icons(f.state, view, unit):
            if name in ("unaware", "suspicious", "alert"):
                pos = (px - isz // 4, py - isz // 4)
            elif others < 3:
                pos = (px + span - isz + isz // 4, py - isz // 4 + others * (isz - 1))
                others += 1
            else:
                continue
            out.append((sprites.status(name, tp), pos))
        if carried:
            cargo_icon = sprites.status("cargo", tp)
            out.append((cargo_icon, (px - isz // 4, py + span - isz)))
            count = f.text(str(carried), max(10, isz + 2), (255, 255, 255), shadow=True)
            out.append((count, (px + isz * 3 // 4, py + span - isz)))
    # pips: health for every known unit, action points for the side's own
    hp_max = max(1, utype.hp)
    bar_h = max(2, tp // 11)
    y_hp = py + span - bar_h - 1
    out.append((_hp_bar(sprites, f.colour_blind, unit.hp, hp_max, span, bar_h), (px + 2, y_hp)))
    if friend and (view.side is None or unit.side == view.side) and utype.ap > 0:
        out.append((_ap_bar(sprites, unit.ap, utype.ap, span, bar_h), (px + 2, y_hp - bar_h - 1)))


def _hp_bar(
    sprites: Sprites, colour_blind: bool, hp: int, hp_max: int, span: int, bar_h: int
) -> pygame.Surface:
    total = min(10, hp_max)
    per = hp_max / total
    filled = min(total, max(0, math.ceil(hp / per - 1e-9)))
    frac = hp / hp_max
    colour = (90, 220, 90) if frac > 0.6 else (240, 200, 60) if frac > 0.3 else (240, 70, 50)
    if colour_blind:
        colour = (245, 245, 245)
    key = ("hp", filled, total, span, bar_h, colour)
    return sprites.cached(key, lambda: _pip_bar(filled, total, span - 4, bar_h, colour))


def _ap_bar(sprites: Sprites, ap: int, ap_max: int, span: int, bar_h: int) -> pygame.Surface:
    per = 4
    total = max(1, min(10, ap_max // per))
    filled = min(total, max(0, ap // per))
    colour = (90, 210, 250)
    key = ("ap", filled, total, span, bar_h)
    return sprites.cached(key, lambda: _pip_bar(filled, total, (span - 4) * 2 // 3, bar_h, colour))


def _pip_bar(filled: int, total: int, width: int, height: int, colour: pal.RGB) -> pygame.Surface:
    width = max(total * 2, width)
    surf = pygame.Surface((width, height + 2), pygame.SRCALPHA)
    surf.fill((0, 0, 0, 200))
    gap = 1 if width >= total * 3 else 0
    pip_w = (width - 2 - gap * (total - 1)) / total
    dim = tuple(max(0, c // 4) for c in colour)
    for i in range(total):
        x = 1 + round(i * (pip_w + gap))
        x_end = 1 + round(i * (pip_w + gap) + pip_w)
        pygame.draw.rect(surf, colour if i < filled else dim, (x, 1, max(1, x_end - x), height))
    return surf
