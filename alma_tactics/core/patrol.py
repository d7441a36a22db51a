"""How a patrol route is read: where a sentry on a looping route heads next.

The computer player walks sentries by it and the screen draws their telegraphed
intent by it, so both must read a route the same way.
"""

from __future__ import annotations

from .grid import Pos


def next_waypoint(pos: Pos, route: list[Pos]) -> Pos:
    """The waypoint after the leg of the (looping) route that `pos` is nearest to."""
    route = [tuple(p) for p in route]
    if len(route) == 1:
        return route[0]
    best, best_d = 0, None
    for i, a in enumerate(route):
        b = route[(i + 1) % len(route)]
        d = segment_distance(pos, a, b)
        if best_d is None or d < best_d:
            best, best_d = i, d
    target = route[(best + 1) % len(route)]
    if tuple(pos) == target:
        target = route[(best + 2) % len(route)]
    return target


def segment_distance(p: Pos, a: Pos, b: Pos) -> float:
    """Euclidean distance from point `p` to the segment a-b."""
    ax, ay, bx, by, px, py = *a, *b, *p
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    cx, cy = ax + t * dx, ay + t * dy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5
