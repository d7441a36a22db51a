"""Small hand-made battlefields for tests, and ASCII drawings of what a side sees.

A map is drawn as rows of terrain characters (see assets/rules/terrain.toml) in
which a unit is a marker character that is not a terrain character (lower-case
letters and digits work). `units` says what each marker is: `(type, side)` or
`(type, side, terrain_char_under_it)` (open ground by default). The unit's id is
its marker, so a failure message reads like the map. A 2x2 unit (a brute) is
marked once, at its top-left tile; the other three tiles keep their terrain.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from alma_tactics.content import load_catalog
from alma_tactics.core import sight
from alma_tactics.core.catalog import Catalog
from alma_tactics.core.grid import Grid, Pos
from alma_tactics.core.state import GameState
from alma_tactics.core.units import MapObject, Side, Unit

ALLIANCE = Side(id="alliance", name="Alliance", faction="alliance")
CALENDREA = Side(id="calendrea", name="Calendrea", faction="calendrea")


def default_sides() -> list[Side]:
    return [Side(**vars(ALLIANCE)), Side(**vars(CALENDREA))]


def duel_sides() -> list[Side]:
    """Two Alliance sides on different teams: human against human (warm blood)."""
    return [
        Side(id="blue", name="Blue", faction="alliance", team="blue"),
        Side(id="red", name="Red", faction="alliance", team="red"),
    ]


def catalog() -> Catalog:
    return load_catalog()


def make_state(
    rows: Sequence[str],
    units: dict[str, tuple] | None = None,
    *,
    sides: list[Side] | None = None,
    objects: Iterable[MapObject] = (),
    ambient: str = "day",
    seed: int = 0,
    cat: Catalog | None = None,
    refresh: bool = True,
) -> GameState:
    """A GameState from ASCII rows with unit markers; sight refreshed unless told not."""
    cat = cat or catalog()
    units = units or {}
    terrain_rows: list[str] = []
    placed: list[Unit] = []
    for y, row in enumerate(rows):
        out = []
        for x, ch in enumerate(row):
            spec = units.get(ch)
            if spec is None:
                out.append(ch)
                continue
            type_id, side = spec[0], spec[1]
            out.append(spec[2] if len(spec) > 2 else ".")
            utype = cat.units[type_id]
            placed.append(Unit.spawn(ch, utype, side, (x, y)))
        terrain_rows.append("".join(out))
    missing = set(units) - {u.id for u in placed}
    if missing:
        raise ValueError(f"markers not on the map: {sorted(missing)}")
    grid = Grid.from_rows(cat, terrain_rows)
    for unit in placed:
        off = [t for t in unit.footprint(cat.units[unit.type_id].size) if not grid.in_bounds(t)]
        if off:
            raise ValueError(f"unit {unit.id} reaches off the map at {off}")
    state = GameState(
        cat, grid, sides or default_sides(), placed, list(objects), seed=seed, ambient=ambient
    )
    if refresh:
        sight.refresh(state)
    return state


def spotlight(obj_id: str, at: Pos, *, radius: int = 4, generator: str = "", **props) -> MapObject:
    props = {"radius": radius, **props}
    if generator:
        props["generator"] = generator
    return MapObject(id=obj_id, kind="spotlight", x=at[0], y=at[1], props=props)


def generator(obj_id: str, at: Pos, hp: int = 20) -> MapObject:
    return MapObject(id=obj_id, kind="generator", x=at[0], y=at[1], hp=hp)


def place(state: GameState, unit_id: str, pos: Pos) -> None:
    """Teleport a unit (test set-up only) and tell the caches."""
    unit = state.units[unit_id]
    unit.x, unit.y = pos
    state.units_changed()


# --- drawing --------------------------------------------------------------------------------


def mask_rows(mask: np.ndarray, yes: str = "*", no: str = ".") -> list[str]:
    """A bool [y, x] array as rows of `yes`/`no` characters."""
    return ["".join(yes if v else no for v in row) for row in np.asarray(mask, dtype=bool)]


def view_mask(state: GameState, unit_id: str, layer: str = "seen") -> np.ndarray:
    """One unit's View (`seen` or `infrared`) placed on a whole-map bool array."""
    view = sight.vision_of(state).views[unit_id]
    part = getattr(view, layer)
    full = np.zeros((state.grid.height, state.grid.width), dtype=bool)
    if part is not None:
        h, w = part.shape
        full[view.y0 : view.y0 + h, view.x0 : view.x0 + w] = part
    return full


def draw(state: GameState, side: str | None = None, fog: str = " ") -> list[str]:
    """The board as rows: terrain characters with units on top.

    Smoke is `*`. With `side`, the board as that side knows it: tiles it does not
    see now are `fog`, enemies it does not see are left out, ghosts are `?`.
    """
    chars = [list(row) for row in state.grid.rows()]
    for y, x in zip(*np.nonzero(state.grid.smoke), strict=True):
        chars[y][x] = "*"
    if side is not None:
        seen = sight.visible_tiles(state, side)
        for y, x in zip(*np.nonzero(~seen), strict=True):
            chars[y][x] = fog
        for ghost in state.knowledge[side].ghosts.values():
            chars[ghost.y][ghost.x] = "?"
    for unit in state.units.values():
        if not unit.on_map:
            continue
        hidden = side is not None and unit.id not in state.knowledge[side].spotted
        if hidden and state.are_enemies(side, unit.side):
            continue
        mark = unit.id if len(unit.id) == 1 else "@"
        for x, y in unit.footprint(state.size(unit)):
            chars[y][x] = mark
    return ["".join(row) for row in chars]


def show(rows: Sequence[str]) -> str:
    """Rows framed for a readable assertion message."""
    width = max((len(r) for r in rows), default=0)
    edge = "+" + "-" * width + "+"
    return "\n".join([edge, *("|" + r.ljust(width) + "|" for r in rows), edge])


# --- reading events ---------------------------------------------------------------------------


def walked(events, unit_id: str) -> list[Pos]:
    """Every tile `unit_id` stepped onto, in order, over all its UnitMoved events."""
    from alma_tactics.core.events import UnitMoved

    return [
        tuple(p) for e in events if isinstance(e, UnitMoved) and e.unit == unit_id for p in e.path
    ]


def ap_spent(events, unit_id: str) -> int:
    from alma_tactics.core.events import UnitMoved

    return sum(e.ap_spent for e in events if isinstance(e, UnitMoved) and e.unit == unit_id)


def of_type(events, kind) -> list:
    return [e for e in events if isinstance(e, kind)]
