"""What the battle screen wants highlighted on the board this frame (all optional).

The screen fills one in from the rules (`rules.check`, `movement.reachable`, ...);
the board only draws it. The movement range is pre-drawn once and reused while its
tiles and AP values stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Pos = tuple[int, int]


@dataclass
class Overlay:
    selected: str | None = None  # unit id: a ring under it
    reachable: dict[Pos, int] | None = None  # tile -> AP left after moving there
    path: list[Pos] | None = None  # tiles from the unit to the hovered tile
    path_cost: int | None = None  # AP the path costs (shown at its end)
    hover: Pos | None = None  # the tile under the mouse
    target: str | None = None  # unit id aimed at: a reticle
    noise_rings: list[tuple[Pos, int]] = field(default_factory=list)  # centre, radius
    blast: tuple[Pos, int, int] | None = None  # centre, blast radius, scatter radius
    watched: set[Pos] | None = None  # tiles known enemies watch
    intent: bool = False  # known sentry patrols' next steps and spotlight sweeps
    target_object: str | None = None  # object id aimed at (a generator, a lamp)
    labels: list[tuple[Pos, str]] = field(default_factory=list)  # short texts on tiles
