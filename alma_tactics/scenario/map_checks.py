"""Checks of `[map]`: its size, its legend and the characters of its rows.

They run before everything placed on the map, since those checks need the
map's size and terrain (`Checker.width`, `.height`, `.rows`, `.terrain`).
Problems in the rows point at the character itself, not at `rows =`.
"""

from __future__ import annotations

from typing import Any

from ..content.schema import type_name
from .build import split_rows
from .checker import Checker
from .schema import MAP_KEYS, MAX_MAP_PROBLEMS, MAX_MAP_SIDE


def check_map(c: Checker) -> None:
    table = c.table("map", required=True)
    if table is None:
        return
    path = ("map",)
    values = c.fields(path, table, MAP_KEYS)
    for key in ("width", "height"):
        size = values.get(key)
        if size is not None and not 1 <= size <= MAX_MAP_SIDE:
            c.problem(path, (key,), f"must be between 1 and {MAX_MAP_SIDE}, not {size}")
            del values[key]
    c.width, c.height = values.get("width"), values.get("height")
    if c.width is None or c.height is None:
        c.width = c.height = None
    for char, terrain_id in values.get("legend", {}).items():
        _check_legend(c, char, terrain_id)
    if "rows" in values:
        _check_rows(c, values["rows"])


def _check_legend(c: Checker, char: str, terrain_id: Any) -> None:
    path = ("map", "legend")
    if len(char) != 1 or not char.isprintable() or char.isspace():
        c.problem(path, (char,), "a legend key must be one printable, non-space character")
        return
    if not isinstance(terrain_id, str):
        c.problem(path, (char,), f"must be a terrain id (a string), not {type_name(terrain_id)}")
        return
    ids = [k.id for k in c.catalog.terrain]
    if c.choice(path, (char,), terrain_id, ids, "terrain"):
        c.terrain[char] = c.catalog.terrain_by_id(terrain_id)


def _check_rows(c: Checker, raw: str) -> None:
    numbered = split_rows(raw)
    c.rows = [row for _, row in numbered]
    c.normal_rows = "".join(row + "\n" for row in c.rows)

    def rows_at() -> tuple[int, int]:
        return c.positions.at(("map",), ("rows",))

    def where(line_index: int, x: int) -> tuple[int, int]:
        return c.positions.map_char(line_index, x) or rows_at()

    key = "map.rows"
    budget = MAX_MAP_PROBLEMS
    if c.height is not None and len(c.rows) != c.height:
        message = f"the map has {len(c.rows)} rows, but height is {c.height}"
        if len(c.rows) > c.height:
            c.problem_at(*where(numbered[c.height][0], 0), key, message)
        else:
            c.problem_at(*rows_at(), key, message)
        budget -= 1
    known = set(c.terrain)
    hidden = 0
    last_hidden = (0, 0)
    for y, (line_index, row) in enumerate(numbered):
        if c.width is not None and len(row) != c.width:
            wide = "wider" if len(row) > c.width else "narrower"
            x = min(len(row), c.width)
            if budget > 0:
                c.problem_at(
                    *where(line_index, x),
                    key,
                    f"row {y} is {len(row)} wide, {wide} than width = {c.width}",
                )
                budget -= 1
            else:
                hidden += 1
                last_hidden = where(line_index, x)
        if set(row) <= known:
            continue
        for x, char in enumerate(row):
            if char in known:
                continue
            if budget > 0:
                c.problem_at(
                    *where(line_index, x),
                    key,
                    f"unknown terrain character {char!r} at [{x}, {y}] "
                    "(not in assets/rules/terrain.toml, nor in [map.legend])",
                )
                budget -= 1
            else:
                hidden += 1
                last_hidden = where(line_index, x)
    if hidden:  # placed at the last one, so it sorts after those shown
        c.problem_at(*last_hidden, key, f"... and {hidden} more problems in the rows")
