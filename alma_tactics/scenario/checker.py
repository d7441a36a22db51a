"""What every scenario check shares: the document, the problems found, and the helpers.

A `Checker` is one pass over one document. The check modules (map_checks,
side_checks, thing_checks, script_checks) are functions of it; here live what
several of them need: reporting a problem at a key, reading a value as a kind
of `schema.Spec`, the ids defined so far (`Refs`), and the map's places.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import TomlSource, dotted
from ..content.schema import suggestion, type_name
from ..content.toml_source import PathPart
from ..core.catalog import Catalog, TerrainKind, UnitType
from .positions import Positions
from .problems import Problem
from .schema import Spec

MISSING = object()  # what `Checker.value` gives for a value it reported as bad


@dataclass
class UnitEntry:
    """One `[[unit]]` as far as it could be read, for the checks that compare units."""

    index: int
    table: dict[str, Any]
    id: str
    utype: UnitType | None = None
    side: str | None = None
    at: tuple[int, int] | None = None
    carried_by: str | None = None


@dataclass
class Refs:
    """The ids a document defines, for checking what refers to them."""

    sides: dict[str, dict[str, Any]] = field(default_factory=dict)
    squads: dict[str, str | None] = field(default_factory=dict)  # id -> side
    things: dict[str, str] = field(default_factory=dict)  # unit/object id -> where defined
    objects: dict[str, str] = field(default_factory=dict)  # object id -> kind
    areas: set[str] = field(default_factory=set)
    objectives: set[str] = field(default_factory=set)
    triggers: set[str] = field(default_factory=set)
    reinforcements: set[str] = field(default_factory=set)  # ids reinforcements arrive with


class Checker:
    """One document being checked: what the checks learnt so far, and their problems."""

    def __init__(self, src: TomlSource, catalog: Catalog) -> None:
        self.src = src
        self.doc = src.data
        self.catalog = catalog
        self.path = str(src.path)
        self.positions = Positions(src.text)
        self.problems: list[Problem] = []
        self.refs = Refs()
        self.width: int | None = None
        self.height: int | None = None
        self.rows: list[str] = []
        self.normal_rows: str | None = None
        self.terrain: dict[str, TerrainKind] = {k.char: k for k in catalog.terrain}
        self.units: list[UnitEntry] = []
        self.blocking: dict[tuple[int, int], str] = {}  # tile -> blocking object id

    # --- reporting -------------------------------------------------------------------------
    def problem(self, table: Sequence[PathPart], keys: Sequence[PathPart], message: str) -> None:
        """Record `message` at the value `keys` of table `table` (named in the message)."""
        line, col = self.positions.at(table, keys)
        name = dotted((*table, *keys))
        self.problems.append(
            Problem(self.path, line, col, f"{name}: {message}" if name else message, name)
        )

    def new_id(self, table: Sequence[PathPart], kind: str, ident: object, seen) -> bool:
        """Whether the table's `id` is not among `seen` (the ids of its kind so far);
        a repeated one is reported as a duplicate."""
        if ident in seen:
            self.problem(table, ("id",), f"duplicate {kind} id '{ident}'")
            return False
        return True

    def problem_at(self, line: int, col: int, key: str, message: str) -> None:
        """Record `message` about `key` at a place found otherwise (a map character)."""
        self.problems.append(Problem(self.path, line, col, f"{key}: {message}", key))

    # --- reading values ---------------------------------------------------------------------
    def fields(
        self, table_path: Sequence[PathPart], table: dict[str, Any], spec: Spec
    ) -> dict[str, Any]:
        """The good values of `table` under `spec`; every bad or unknown key is reported."""
        values: dict[str, Any] = {}
        for key, value in table.items():
            if key not in spec:
                self.problem(table_path, (key,), f"unknown key '{key}'{suggestion(key, spec)}")
                continue
            good = self.value(table_path, (key,), value, spec[key][0])
            if good is not MISSING:
                values[key] = good
        for key, (_, required) in spec.items():
            if required and key not in table:
                self.problem(table_path, (), f"missing required key '{key}'")
        return values

    def sub(
        self, path: tuple[str, int], keys: tuple[PathPart, ...], arg: Any, spec: Spec
    ) -> dict[str, Any] | None:
        """An inline-table argument (`{ side = S, area = A }`), read with `spec`."""
        if not isinstance(arg, dict):
            shape = ", ".join(f"{k} = ..." for k, (_, required) in spec.items() if required)
            self.problem(path, keys, f"must be an inline table {{ {shape} }}, not {type_name(arg)}")
            return None
        values: dict[str, Any] = {}
        for key, value in arg.items():
            if key not in spec:
                self.problem(path, (*keys, key), f"unknown key '{key}'{suggestion(key, spec)}")
                continue
            good = self.value(path, (*keys, key), value, spec[key][0])
            if good is not MISSING:
                values[key] = good
        for key, (_, required) in spec.items():
            if required and key not in arg:
                self.problem(path, keys, f"missing required key '{key}'")
        return values

    def value(
        self, table: Sequence[PathPart], keys: Sequence[PathPart], value: Any, kind: str
    ) -> Any:
        """`value` read as `kind`, or MISSING (reported) when it is not one."""
        got = type_name(value)
        if kind in ("str", "text"):
            if not isinstance(value, str):
                return self._bad(table, keys, f"must be a string, not {got}")
            if kind == "str" and not value.strip():
                return self._bad(table, keys, "must not be empty")
            return value
        if kind == "int":
            if type(value) is not int:
                return self._bad(table, keys, f"must be an integer, not {got}")
            return value
        if kind == "number":
            if type(value) not in (int, float) or not math.isfinite(value):
                return self._bad(table, keys, f"must be a number, not {got}")
            return value
        if kind == "bool":
            if type(value) is not bool:
                return self._bad(table, keys, f"must be true or false, not {got}")
            return value
        if kind == "table":
            if not isinstance(value, dict):
                return self._bad(table, keys, f"must be a table, not {got}")
            return value
        if kind == "list":
            if not isinstance(value, list):
                return self._bad(table, keys, f"must be an array, not {got}")
            return value
        if kind in ("pos", "rect"):
            size = 2 if kind == "pos" else 4
            if not _ints(value, size):
                shape = "[x, y]" if kind == "pos" else "[x0, y0, x1, y1]"
                return self._bad(table, keys, f"must be {shape} (integers), not {show(value)}")
            return tuple(value)
        if kind in ("positions", "rects"):
            if not isinstance(value, list):
                return self._bad(table, keys, f"must be an array, not {got}")
            item = "pos" if kind == "positions" else "rect"
            items = [self.value(table, (*keys, i), v, item) for i, v in enumerate(value)]
            return [v for v in items if v is not MISSING]
        if kind == "counts":
            if not isinstance(value, dict):
                return self._bad(table, keys, f"must be an inline table of name = count, not {got}")
            good = {}
            for name, count in value.items():
                if type(count) is not int or count < 0:
                    self.problem(table, (*keys, name), "must be a count (an integer >= 0)")
                else:
                    good[name] = count
            return good
        raise AssertionError(kind)  # pragma: no cover - the specs use only these

    def _bad(self, table: Sequence[PathPart], keys: Sequence[PathPart], message: str) -> object:
        self.problem(table, keys, message)
        return MISSING

    def choice(
        self,
        table: Sequence[PathPart],
        keys: Sequence[PathPart],
        value: Any,
        allowed: Collection[str],
        what: str = "",
    ) -> bool:
        """Is `value` one of `allowed`? If not, report it with the closest one."""
        if not isinstance(value, str):
            self.problem(table, keys, f"must be a string, not {type_name(value)}")
            return False
        if value in allowed:
            return True
        if what:
            message = f"unknown {what} '{value}'{suggestion(str(value), allowed)}"
        else:
            options = ", ".join(f"'{a}'" for a in allowed)
            message = f"'{value}' is not one of {options}{suggestion(str(value), allowed)}"
        self.problem(table, keys, message)
        return False

    def array(self, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """The tables of the top-level array `[[name]]`, with their indexes."""
        value = self.doc.get(name)
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(
                (name,), (), f"must be an array of tables ([[{name}]]), not {type_name(value)}"
            )
            return
        for index, table in enumerate(value):
            if isinstance(table, dict):
                yield index, table
            else:
                self.problem((name, index), (), f"must be a table, not {type_name(table)}")

    def table(self, name: str, required: bool) -> dict[str, Any] | None:
        """The top-level table `[name]`, or None (reported when it is required or not one)."""
        value = self.doc.get(name)
        if value is None:
            if required:
                self.problem((), (), f"missing table [{name}]")
            return None
        if not isinstance(value, dict):
            self.problem((name,), (), f"must be a table ([{name}]), not {type_name(value)}")
            return None
        return value

    # --- references ---------------------------------------------------------------------------
    def side_ref(self, table: Sequence[PathPart], keys: Sequence[PathPart], side: Any) -> bool:
        """Does `side` name a `[[side]]`? Reported if not."""
        if not isinstance(side, str):
            self.problem(table, keys, f"must be a side id (a string), not {type_name(side)}")
            return False
        return self.choice(table, keys, side, self.refs.sides, "side")

    def area_ref(self, path: Sequence[PathPart], keys: Sequence[PathPart], area: Any) -> None:
        """Does `area` name an `[[area]]`? Reported if not."""
        if not isinstance(area, str):
            self.problem(path, keys, f"must be an area id (a string), not {type_name(area)}")
        else:
            self.choice(path, keys, area, self.refs.areas, "area")

    def define_thing(
        self, path: Sequence[PathPart], keys: Sequence[PathPart], thing_id: str
    ) -> bool:
        """Claim a unit/object id; a clash with an earlier one is reported."""
        earlier = self.refs.things.get(thing_id)
        if earlier is not None:
            explicit = keys and keys[-1] == "id"
            how = "" if explicit else " (its default id)"
            self.problem(path, keys, f"duplicate id '{thing_id}'{how}: {earlier} has it too")
            return False
        self.refs.things[thing_id] = dotted(path)
        return True

    # --- places -------------------------------------------------------------------------------
    def on_map(self, pos: Sequence[int]) -> bool:
        if self.width is None or self.height is None:
            return True  # the map's size is itself wrong: that problem is reported
        return 0 <= pos[0] < self.width and 0 <= pos[1] < self.height

    def map_size(self) -> str:
        return f"the map is {self.width}x{self.height}"

    def terrain_at(self, pos: tuple[int, int]) -> TerrainKind | None:
        """The terrain at `pos`, or None where the map itself is broken or short."""
        x, y = pos
        if 0 <= y < len(self.rows) and 0 <= x < len(self.rows[y]):
            return self.terrain.get(self.rows[y][x])
        return None

    def stand_problem(self, utype: UnitType, at: tuple[int, int]) -> str | None:
        """Why a unit of `utype` could not stand with its top-left tile at `at`, if so."""
        tiles = [(at[0] + dx, at[1] + dy) for dy in range(utype.size) for dx in range(utype.size)]
        off = [t for t in tiles if not self.on_map(t)]
        if off:
            what = f"its {utype.size}x{utype.size} footprint" if utype.size > 1 else "it"
            return f"{show(list(at))} puts {what} off the map ({self.map_size()})"
        for tile in tiles:
            terrain = self.terrain_at(tile)
            if terrain is None:
                continue
            ok = terrain.flyable if utype.flies else terrain.move_cost > 0
            if not ok:
                where = show(list(tile))
                return f"{utype.id} cannot stand on {terrain.id} ('{terrain.char}') at {where}"
        return None

    def check_rect(
        self, table: Sequence[PathPart], keys: Sequence[PathPart], rect: Sequence[int]
    ) -> bool:
        """Is `rect` ordered and on the map? Reported if not."""
        x0, y0, x1, y1 = rect
        if x0 > x1 or y0 > y1:
            self.problem(
                table, keys, f"{show(list(rect))} is not [x0, y0, x1, y1] with x0 <= x1, y0 <= y1"
            )
            return False
        if not (self.on_map((x0, y0)) and self.on_map((x1, y1))):
            self.problem(table, keys, f"{show(list(rect))} is off the map ({self.map_size()})")
            return False
        return True


def _ints(value: Any, size: int) -> bool:
    return isinstance(value, list) and len(value) == size and all(type(v) is int for v in value)


def show(value: Any) -> str:
    """A value as TOML-ish text for messages: [2, 10], 'x', true."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)
