"""Line art the board's markers share: dashed segments, rectangles and circles, patrol
chevrons, arrowheads and filled discs.

`pygame.draw` has no dashes; the colour-blind fog outlines (`fog`) and the overlay's
blast, noise and lamp-sweep markers (`overlay_layer`) all need them.
"""

from __future__ import annotations

import math

import pygame

Point = tuple[float, float]
Colour = tuple[int, ...]  # RGB, or RGBA on an alpha surface


def segment(
    surf: pygame.Surface, colour: Colour, a: Point, b: Point, width: int, dash: int
) -> None:
    """A line from `a` to `b`; dashed with `dash`-pixel dashes, solid if `dash` is 0."""
    if not dash:
        pygame.draw.line(surf, colour, a, b, width)
        return
    length = math.dist(a, b)
    n = max(1, int(length // dash))
    for i in range(0, n, 2):
        t0, t1 = i / n, min(1.0, (i + 1) / n)
        pygame.draw.line(
            surf,
            colour,
            (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
            (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1),
            width,
        )


def dashed_rect(
    surf: pygame.Surface, colour: Colour, rect: pygame.Rect, width: int, dash: int
) -> None:
    corners = [rect.topleft, rect.topright, rect.bottomright, rect.bottomleft]
    for i in range(4):
        segment(surf, colour, corners[i], corners[(i + 1) % 4], width, max(2, dash))


def dashed_circle(
    surf: pygame.Surface, colour: Colour, centre: Point, r: int, width: int, segments: int
) -> None:
    segments = max(segments, int(2 * math.pi * r / max(6, width * 4)))
    segments += segments % 2
    for i in range(0, segments, 2):
        a0, a1 = 2 * math.pi * i / segments, 2 * math.pi * (i + 1) / segments
        pygame.draw.line(
            surf,
            colour,
            (centre[0] + r * math.cos(a0), centre[1] + r * math.sin(a0)),
            (centre[0] + r * math.cos(a1), centre[1] + r * math.sin(a1)),
            width,
        )


def chevron(surf: pygame.Surface, colour: Colour, a: Point, b: Point, tp: int, width: int) -> None:
    """A `>` halfway from `a` to `b`, pointing at `b`, sized for `tp`-pixel tiles."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1
    ux, uy = dx / n, dy / n
    s = tp * 0.18
    tip = (mx + ux * s, my + uy * s)
    left = (mx - ux * s - uy * s, my - uy * s + ux * s)
    right = (mx - ux * s + uy * s, my - uy * s - ux * s)
    pygame.draw.lines(surf, colour, False, [left, tip, right], width + 1)


def arrow_head(surf: pygame.Surface, colour: Colour, back: Point, tip: Point, size: int) -> None:
    dx, dy = tip[0] - back[0], tip[1] - back[1]
    n = math.hypot(dx, dy) or 1
    ux, uy = dx / n, dy / n
    left = (tip[0] - ux * size - uy * size * 0.6, tip[1] - uy * size + ux * size * 0.6)
    right = (tip[0] - ux * size + uy * size * 0.6, tip[1] - uy * size - ux * size * 0.6)
    pygame.draw.polygon(surf, colour, [tip, left, right])


def disc(r: int, colour: Colour) -> pygame.Surface:
    """A filled circle of radius `r` on its own alpha surface."""
    surf = pygame.Surface((2 * r + 1, 2 * r + 1), pygame.SRCALPHA)
    pygame.draw.circle(surf, colour, (r, r), r)
    return surf
