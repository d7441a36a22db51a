"""What lies on the board besides units: map objects, smoke, and the side's memory.

Map objects (lamps, generators, charges, markers) are drawn in the look of their
state and of the light they stand in, lamps that shine casting a glow; smoke puffs
drift gently; the side's memory is ghosts where enemies were last seen and rings
where it heard something. Only what the side knows is drawn.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from ..core.light import generator_running, is_powered
from ..core.state import GameState
from ..core.units import MapObject
from . import palette as pal
from .board_frame import BoardFrame
from .sideview import SideView
from .sprites import Sprites

# how a thing is tinted by the light it stands in (None: drawn as it is)
LIGHTING_CLASSES = {"bright": None, "dark": (150, 160, 200), "memory": (110, 112, 128)}


def lighting_class(view: SideView, pos: tuple[int, int]) -> str:
    """The light a tile's things are drawn in: "bright", "dark" (unlit at night) or
    "memory" (known, not seen now)."""
    x, y = pos
    if view.visible is not None and not view.visible[y, x]:
        return "memory"
    if view.ambient_lit or view.lit[y, x]:
        return "bright"
    return "dark"


def object_state(state: GameState, obj: MapObject, time: float) -> str:
    """The look an object is drawn in: a lamp on, off or broken, a charge blinking, ..."""
    if obj.kind == "spotlight":
        if obj.status.get("destroyed") or (obj.hp <= 0 and obj.props.get("max_hp", 0) > 0):
            return "broken"
        return "on" if is_powered(state, obj) else "off"
    if obj.kind == "generator":
        if obj.status.get("destroyed") or (obj.hp <= 0 and obj.props.get("max_hp", 0) > 0):
            return "wrecked"
        return "running" if generator_running(obj) else "off"
    if obj.kind == "charge":
        return "armed" if int(time * 2) % 2 == 0 else "blink"
    return "normal"


def draw_objects(f: BoardFrame) -> None:
    surface, state, view, tp, bx, by = f.surface, f.state, f.view, f.tp, f.bx, f.by
    x0, y0, x1, y1 = f.bounds
    blits = []
    glows = []
    labels = []
    for obj in state.objects.values():
        x, y = obj.x, obj.y
        if not (x0 - 1 <= x < x1 + 1 and y0 - 1 <= y < y1 + 1):
            continue
        if not (0 <= y < view.lit.shape[0] and 0 <= x < view.lit.shape[1]):
            continue
        if not view.knows_tile((x, y)):
            continue
        enemy_charge = (
            obj.kind == "charge"
            and view.side is not None
            and bool(obj.side)
            and state.are_enemies(view.side, obj.side)
        )
        if enemy_charge and not view.sees_tile((x, y)):
            continue  # an enemy's charge is known only while it is in sight
        lighting = lighting_class(view, (x, y))
        look = object_state(state, obj, f.time)
        direction = 0
        if obj.kind == "spotlight":
            direction = round(((float(obj.props.get("direction", 90)) + 90) % 360) / 45) % 8
            if look == "on" and not view.ambient_lit:
                glows.append((x, y))
        sprite = f.sprites.object(obj.kind, tp, look, direction, LIGHTING_CLASSES[lighting])
        blits.append((sprite, (bx + x * tp, by + y * tp)))
        label = obj.props.get("label")
        if label and obj.kind == "marker" and tp >= 20:
            labels.append((label, (bx + x * tp + tp // 2, by + y * tp + tp)))
    if glows:
        size = tp * 2
        glow = f.sprites.effect("glow", size)
        surface.fblits(
            [
                (glow, (bx + x * tp + tp // 2 - size // 2, by + y * tp + tp // 2 - size // 2))
                for x, y in glows
            ],
            pygame.BLEND_RGB_ADD,
        )
    if blits:
        surface.fblits(blits)
    for text, (cx, top) in labels:
        label = f.text(text, max(10, tp * 3 // 8), (235, 240, 250), shadow=True)
        surface.blit(label, (cx - label.get_width() // 2, top - 2))


def draw_smoke(f: BoardFrame) -> None:
    view, tp, bx, by = f.view, f.tp, f.bx, f.by
    x0, y0, x1, y1 = f.bounds
    smoke = f.state.grid.smoke[y0:y1, x0:x1]
    if not smoke.any():
        return
    size = tp * 3 // 2
    off = (size - tp) // 2
    blits = []
    t = f.time
    sprites, colour_blind = f.sprites, f.colour_blind
    for y, x in zip(*np.nonzero(smoke), strict=True):
        x, y = int(x) + x0, int(y) + y0
        if not view.knows_tile((x, y)):
            continue
        thick = min(3, int(smoke[y - y0, x - x0]))
        lighting = lighting_class(view, (x, y))
        variant = (x * 7 + y * 13) % 4
        puff = sprites.cached(
            ("smoke", size, variant, thick, lighting, colour_blind),
            lambda v=variant, k=thick, c=lighting: _puff(sprites, size, v, k, c, colour_blind),
        )
        dx = round(math.sin(t * 0.6 + x * 1.7 + y * 0.9) * tp * 0.08)
        dy = round(math.cos(t * 0.5 + x * 0.8 + y * 1.3) * tp * 0.06)
        blits.append((puff, (bx + x * tp - off + dx, by + y * tp - off + dy)))
    if blits:
        f.surface.fblits(blits)


def _puff(
    sprites: Sprites, size: int, variant: int, thick: int, lighting: str, colour_blind: bool
) -> pygame.Surface:
    tint = LIGHTING_CLASSES[lighting]
    puff = sprites.effect("smoke", size, variant, tint).copy()
    puff.set_alpha((0, 120, 180, 235)[thick])
    out = pygame.Surface(puff.get_size(), pygame.SRCALPHA)
    out.blit(puff, (0, 0))
    if colour_blind:
        cross = pal.pattern_tile("cross", size, (240, 240, 240), 90)
        out.blit(cross, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return out


def draw_memory(f: BoardFrame) -> None:
    """Ghosts where enemies were last seen, and the places the side heard something."""
    know = f.view.knowledge
    if know is None:
        return
    surface, state, tp, bx, by, sprites = f.surface, f.state, f.tp, f.bx, f.by, f.sprites
    x0, y0, x1, y1 = f.bounds
    blits = []
    icon = sprites.status("ghost", tp)
    spotted = know.spotted
    for ghost in know.ghosts.values():
        if ghost.unit in spotted or not (x0 - 2 <= ghost.x < x1 and y0 - 2 <= ghost.y < y1):
            continue
        unit = state.units.get(ghost.unit)
        facing = unit.facing if unit is not None else 4
        side_id = unit.side if unit is not None else ""
        shape = f.style_of(state, side_id).shape if side_id else "angular"
        blits.append(
            (
                sprites.ghost(ghost.type_id, facing, tp, shape),
                (bx + ghost.x * tp, by + ghost.y * tp),
            )
        )
        blits.append((icon, (bx + ghost.x * tp + tp - icon.get_width(), by + ghost.y * tp)))
    heard = sprites.status("heard", tp)
    recent = state.turn - 1
    for x, y, turn in know.heard:
        if turn >= recent and x0 <= x < x1 and y0 <= y < y1:
            cx, cy = bx + x * tp + tp // 2, by + y * tp + tp // 2
            pygame.draw.circle(surface, pal.NOISE, (cx, cy), tp * 2 // 3, max(1, tp // 16))
            blits.append((heard, (cx - heard.get_width() // 2, cy - heard.get_height() // 2)))
    if blits:
        surface.fblits(blits)
