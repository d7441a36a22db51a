"""Colours, shapes and patterns: side colours, the light and fog model, overlay colours.

A side is told apart three ways, so colour-blind players never rely on hue alone:
its colour (the scenario's, or a default per faction), the *shape* of its units'
stands (round for the Alliance, angular for the Calendrea) and a *pattern* on the
stand (plain, stripes, dots, double ring) that differs between sides of one faction.
The colour-blind / high-contrast setting also swaps the defaults for the Okabe-Ito
palette and draws overlays (movement range, fog, light, noise) as patterns and outlines.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

RGB = tuple[int, int, int]

FACTION_COLOURS: dict[str, RGB] = {"alliance": (60, 140, 220), "calendrea": (210, 120, 45)}
OTHER_COLOURS: tuple[RGB, ...] = (
    (70, 180, 160),
    (140, 120, 220),
    (220, 200, 60),
    (80, 180, 90),
    (220, 90, 160),
    (160, 160, 170),
)
# Okabe & Ito's palette, distinguishable with every common colour vision deficiency
CB_FACTION_COLOURS: dict[str, RGB] = {"alliance": (0, 114, 178), "calendrea": (230, 159, 0)}
CB_OTHER_COLOURS: tuple[RGB, ...] = (
    (86, 180, 233),
    (204, 121, 167),
    (0, 158, 115),
    (240, 228, 66),
    (213, 94, 0),
    (200, 200, 200),
)
FACTION_SHAPES = {"alliance": "round", "calendrea": "angular"}
PATTERN_NAMES = ("plain", "stripes", "dots", "ring")

BACKGROUND: RGB = (10, 11, 14)  # outside the map
UNEXPLORED: RGB = (16, 17, 22)

# --- light and fog: per-tile multipliers of the terrain's daylight colours -----------------
LIGHT_DAY: RGB = (255, 255, 255)
LIGHT_LAMP: RGB = (255, 240, 206)  # under a spotlight at night: warm
LIGHT_NIGHT: RGB = (112, 128, 178)  # in sight at night, unlit: blue and dim
LIGHT_DUSK: RGB = (176, 150, 160)
REMEMBERED = 0.55  # seen before, not now
NEVER_SEEN: RGB = (24, 25, 34)

# --- overlays ---------------------------------------------------------------------------------
REACH_COLOURS: tuple[RGB, ...] = ((70, 200, 90), (210, 200, 60), (230, 130, 40), (220, 60, 50))
CB_REACH_COLOURS: tuple[RGB, ...] = ((0, 158, 115), (86, 180, 233), (240, 228, 66), (230, 159, 0))
PATH: RGB = (250, 250, 240)
PATH_SHADOW: RGB = (10, 12, 16)
HOVER: RGB = (255, 255, 255)
SELECTED: RGB = (255, 236, 120)
TARGET: RGB = (255, 70, 50)
BLAST: RGB = (230, 60, 40)
SCATTER: RGB = (250, 210, 60)
NOISE: RGB = (255, 190, 80)
WATCHED: RGB = (255, 80, 60)
INTENT: RGB = (235, 235, 245)
SWEEP: RGB = (255, 226, 120)
IR_HOT: RGB = (255, 120, 40)
IR_CORE: RGB = (255, 236, 170)
EMP: RGB = (120, 200, 255)
TRACER: RGB = (255, 236, 150)
CAL_TRACER: RGB = (140, 255, 150)
BLOOD = {"warm": "blood_red", "cold": "blood_orange", "mech": "oil"}


@dataclass(frozen=True)
class SideStyle:
    """How a side's units look: colour, stand shape and stand pattern."""

    colour: RGB
    shape: str  # "round" | "angular"
    pattern: int  # index into PATTERN_NAMES


def parse_colour(value: str | RGB | list[int]) -> RGB:
    """'#rrggbb' (or an RGB sequence) as an (r, g, b) tuple."""
    if isinstance(value, str):
        text = value.lstrip("#")
        if len(text) != 6:
            raise ValueError(f"not a #rrggbb colour: {value!r}")
        return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))
    r, g, b = (int(v) for v in list(value)[:3])
    return (r, g, b)


def side_styles(
    sides, given: dict[str, RGB | str] | None = None, colour_blind: bool = False
) -> dict[str, SideStyle]:
    """A style per side: `given` colours win (unless colour-blind mode replaces them);
    the first side of a faction gets the faction's colour, later ones the next free one.
    Patterns count the sides of each shape, so two Alliance sides never look alike."""
    faction_colours = CB_FACTION_COLOURS if colour_blind else FACTION_COLOURS
    others = CB_OTHER_COLOURS if colour_blind else OTHER_COLOURS
    given = {} if colour_blind else {k: parse_colour(v) for k, v in (given or {}).items()}
    used: set[RGB] = set(given.values())
    per_shape: dict[str, int] = {}
    styles: dict[str, SideStyle] = {}
    for side in sides:
        shape = FACTION_SHAPES.get(side.faction, "round")
        pattern = per_shape.get(shape, 0) % len(PATTERN_NAMES)
        per_shape[shape] = per_shape.get(shape, 0) + 1
        colour = given.get(side.id)
        if colour is None:
            colour = faction_colours.get(side.faction)
            if colour is None or colour in used:
                free = [c for c in others if c not in used]
                colour = free[0] if free else others[len(styles) % len(others)]
        used.add(colour)
        styles[side.id] = SideStyle(colour, shape, pattern)
    return styles


def reach_colour(ap_left: int, ap_max: int, colour_blind: bool = False) -> tuple[int, RGB]:
    """The bucket (0 = most AP left) and colour of a reachable tile."""
    colours = CB_REACH_COLOURS if colour_blind else REACH_COLOURS
    if ap_max <= 0:
        return len(colours) - 1, colours[-1]
    frac = ap_left / ap_max
    bucket = 0 if frac >= 0.66 else 1 if frac >= 0.33 else 2 if ap_left > 0 else 3
    return bucket, colours[bucket]


# --- patterns for the colour-blind / high-contrast overlays -----------------------------------
def pattern_tile(kind: str, size: int, colour: RGB, alpha: int = 200) -> pygame.Surface:
    """A `size` square SRCALPHA tile of a pattern: "hatch", "backhatch", "cross", "dots",
    "dense" (dots), "grid", or "solid"."""
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    c = (*colour, alpha)
    step = max(4, size // 4)
    width = max(1, size // 16)
    if kind in ("hatch", "cross"):
        for k in range(-size, size * 2, step):
            pygame.draw.line(surf, c, (k, size), (k + size, 0), width)
    if kind in ("backhatch", "cross"):
        for k in range(-size, size * 2, step):
            pygame.draw.line(surf, c, (k, 0), (k + size, size), width)
    if kind in ("dots", "dense"):
        gap = step if kind == "dots" else max(3, step // 2)
        r = max(1, size // 16)
        for y in range(gap // 2, size, gap):
            for x in range(gap // 2, size, gap):
                pygame.draw.circle(surf, c, (x, y), r)
    if kind == "grid":
        pygame.draw.rect(surf, c, surf.get_rect(), width)
    if kind == "solid":
        surf.fill(c)
    return surf


REACH_PATTERNS = ("dots", "hatch", "cross", "dense")
