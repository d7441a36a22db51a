"""The board as text, as one side knows it: for the headless demo, tests and bug reports.

Legend: own units are upper-case letters, seen enemies lower-case, ghosts `?`;
tiles never seen are blank, tiles seen before but not now show `·` for open ground.
"""

from __future__ import annotations

from ..core import sight
from ..core.state import GameState


def unit_letter(state: GameState, unit_type: str) -> str:
    return state.catalog.units[unit_type].name[:1] or "?"


def draw(state: GameState, side: str | None = None) -> str:
    """Rows of characters; `side=None` draws the truth with every unit shown."""
    rows = [list(r) for r in state.grid.rows()]
    if side is not None:
        visible = sight.visible_tiles(state, side)
        explored = state.knowledge[side].explored
        for y, row in enumerate(rows):
            for x, ch in enumerate(row):
                if not explored[y, x]:
                    row[x] = " "
                elif not visible[y, x] and ch == ".":
                    row[x] = "·"
        for ghost in state.knowledge[side].ghosts.values():
            rows[ghost.y][ghost.x] = "?"
    known = state.knowledge[side].spotted if side else None
    for unit in state.units.values():
        if not unit.on_map:
            continue
        mine = side is None or not state.are_enemies(side, unit.side)
        if not mine and known is not None and unit.id not in known:
            continue
        letter = unit_letter(state, unit.type_id)
        own = side is None and unit.side == state.sides[0].id
        letter = letter.upper() if (own or (side and mine)) else letter.lower()
        for x, y in unit.footprint(state.size(unit)):
            rows[y][x] = letter
    return "\n".join("".join(r) for r in rows)
