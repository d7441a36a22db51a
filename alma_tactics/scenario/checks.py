"""Every check of a scenario document, each problem placed at FILE:LINE:COL.

`check_document` walks the whole document once and collects every problem it
finds (keys, types, ranges, the map's characters and size, references between
sides, units, objects, areas, objectives and triggers, where units stand) rather
than stopping at the first, so an author fixes a file in one pass. The contract
is docs/scenario-format.md; keep the two in step.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import TomlSource, dotted
from ..content.schema import suggestion, type_name
from ..content.toml_source import PathPart
from ..core.catalog import FACTIONS, Catalog, TerrainKind, UnitType
from ..core.units import ALERTNESS
from .build import object_id, split_rows, unit_id
from .positions import Positions
from .problems import Problem

FORMAT_VERSION = 1  # the newest `[scenario] version` this code reads
AMBIENTS = ("day", "dusk", "night")
CONTROLLERS = ("human", "ai")
DIFFICULTIES = ("easy", "normal", "hard")
OBJECT_KINDS = ("spotlight", "generator", "charge", "crate", "marker")
OBJECTIVE_KINDS = ("primary", "secondary")
OBJECTIVE_STATUSES = ("open", "done", "failed")
BLOCKING_OBJECTS = ("generator", "crate")  # units cannot stand on these
MAX_MAP_SIDE = 1024
MAX_MAP_PROBLEMS = 50  # per map: a badly broken map says so without a flood
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

TOP_LEVEL = (
    "scenario",
    "map",
    "side",
    "squad",
    "unit",
    "object",
    "area",
    "objective",
    "trigger",
    "story",
)

# key -> (kind, required). Kinds are read by Checker.value.
Spec = dict[str, tuple[str, bool]]
SCENARIO_KEYS: Spec = {
    "title": ("str", True),
    "author": ("text", False),
    "description": ("text", True),
    "briefing": ("text", False),
    "version": ("int", True),
    "ambient": ("str", False),
}
MAP_KEYS: Spec = {
    "width": ("int", True),
    "height": ("int", True),
    "rows": ("text", True),
    "legend": ("table", False),
}
SIDE_KEYS: Spec = {
    "id": ("str", True),
    "name": ("str", False),
    "faction": ("str", True),
    "controller": ("str", False),
    "difficulty": ("str", False),
    "colour": ("str", False),
    "alertness": ("str", False),
    "alarm": ("bool", False),
    "team": ("str", False),
    "deploy": ("rects", False),
    "ai": ("table", False),
}
# `[[side]] ai = { ... }`: hints for the computer player (see ai/commander.py)
SIDE_AI_KEYS: Spec = {
    "base": ("str", False),
    "defend": ("list", False),
    "keep": ("int", False),
    "attack": ("str", False),
    "wait_turns": ("int", False),
}
SQUAD_KEYS: Spec = {"id": ("str", True), "side": ("str", True), "name": ("str", False)}
UNIT_KEYS: Spec = {
    "id": ("str", False),
    "type": ("str", True),
    "side": ("str", True),
    "at": ("pos", False),  # required unless the unit starts in a transport
    "facing": ("int", False),
    "name": ("str", False),
    "squad": ("str", False),
    "alertness": ("str", False),
    "patrol": ("positions", False),
    "ammo": ("counts", False),
    "inventory": ("counts", False),
    "carried_by": ("str", False),
}
OBJECT_COMMON: Spec = {
    "id": ("str", False),
    "kind": ("str", True),
    "at": ("pos", True),
    "side": ("str", False),
    "hp": ("int", False),
    "on": ("bool", False),
    "label": ("text", False),
}
OBJECT_KEYS: dict[str, Spec] = {
    "spotlight": {
        "radius": ("int", False),
        "direction": ("number", False),
        "cone": ("number", False),
        "elevation": ("int", False),
        "generator": ("str", False),
        "self_powered": ("bool", False),
    },
    "generator": {},
    "charge": {},
    "crate": {"contents": ("counts", False)},
    "marker": {},
}
AREA_KEYS: Spec = {"id": ("str", True), "name": ("str", False), "rect": ("rect", True)}
OBJECTIVE_KEYS: Spec = {
    "id": ("str", True),
    "text": ("str", True),
    "kind": ("str", False),
    "side": ("str", True),
}
TRIGGER_KEYS: Spec = {
    "id": ("str", False),
    "once": ("bool", False),
    "when": ("list", True),
    "then": ("list", True),
}
STORY_KEYS: Spec = {"losses": ("table", False), "text": ("text", False), "turns": ("int", False)}
LOSS_KINDS = ("infantry", "mechs", "vehicles")

CONDITIONS = ("turn", "enters", "destroyed", "alarm", "no_units", "held", "attacked")
EFFECTS = (
    "message",
    "reinforce",
    "controller",
    "alertness",
    "victory",
    "defeat",
    "reveal",
    "objective",
)
REINFORCEMENT_KEYS: Spec = {"type": ("str", True), "at": ("pos", True), "id": ("str", False)}

_MISSING = object()


@dataclass
class Checked:
    """What a check learnt that loading needs: the map rows in their normal form."""

    problems: list[Problem]
    rows: str | None = None  # "row\nrow\n...\n" when the rows could be read


@dataclass
class _Unit:
    index: int
    table: dict[str, Any]
    id: str
    utype: UnitType | None = None
    side: str | None = None
    at: tuple[int, int] | None = None
    carried_by: str | None = None


@dataclass
class _Refs:
    """The ids a document defines, for checking what refers to them."""

    sides: dict[str, dict[str, Any]] = field(default_factory=dict)
    squads: dict[str, str | None] = field(default_factory=dict)  # id -> side
    things: dict[str, str] = field(default_factory=dict)  # unit/object id -> where defined
    objects: dict[str, str] = field(default_factory=dict)  # object id -> kind
    areas: set[str] = field(default_factory=set)
    objectives: set[str] = field(default_factory=set)
    triggers: set[str] = field(default_factory=set)
    reinforcements: set[str] = field(default_factory=set)  # ids reinforcements arrive with


def check_document(src: TomlSource, catalog: Catalog) -> Checked:
    """Every problem of a parsed scenario file, in reading order."""
    checker = Checker(src, catalog)
    checker.run()
    problems = sorted(checker.problems, key=lambda p: (p.line, p.col))
    return Checked(problems, checker.normal_rows)


class Checker:
    def __init__(self, src: TomlSource, catalog: Catalog) -> None:
        self.src = src
        self.doc = src.data
        self.catalog = catalog
        self.path = str(src.path)
        self.positions = Positions(src.text)
        self.problems: list[Problem] = []
        self.refs = _Refs()
        self.width: int | None = None
        self.height: int | None = None
        self.rows: list[str] = []
        self.normal_rows: str | None = None
        self.terrain: dict[str, TerrainKind] = {k.char: k for k in catalog.terrain}
        self.units: list[_Unit] = []
        self.blocking: dict[tuple[int, int], str] = {}  # tile -> blocking object id

    # --- reporting -------------------------------------------------------------------------
    def problem(self, table: Sequence[PathPart], keys: Sequence[PathPart], message: str) -> None:
        """Record `message` at the value `keys` of table `table` (named in the message)."""
        line, col = self.positions.at(table, keys)
        name = dotted((*table, *keys))
        self.problems.append(
            Problem(self.path, line, col, f"{name}: {message}" if name else message)
        )

    def problem_at(self, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, col, message))

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
            if good is not _MISSING:
                values[key] = good
        for key, (_, required) in spec.items():
            if required and key not in table:
                self.problem(table_path, (), f"missing required key '{key}'")
        return values

    def value(self, table: Sequence[PathPart], keys: Sequence[PathPart], value: Any, kind: str):
        """`value` read as `kind`, or _MISSING (reported) when it is not one."""
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
                return self._bad(table, keys, f"must be {shape} (integers), not {_show(value)}")
            return tuple(value)
        if kind in ("positions", "rects"):
            if not isinstance(value, list):
                return self._bad(table, keys, f"must be an array, not {got}")
            item = "pos" if kind == "positions" else "rect"
            items = [self.value(table, (*keys, i), v, item) for i, v in enumerate(value)]
            return [v for v in items if v is not _MISSING]
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
        raise AssertionError(kind)  # pragma: no cover - the specs above use only these

    def _bad(self, table: Sequence[PathPart], keys: Sequence[PathPart], message: str) -> object:
        self.problem(table, keys, message)
        return _MISSING

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
        value = self.doc.get(name)
        if value is None:
            if required:
                self.problem((), (), f"missing table [{name}]")
            return None
        if not isinstance(value, dict):
            self.problem((name,), (), f"must be a table ([{name}]), not {type_name(value)}")
            return None
        return value

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
            return f"{_show(list(at))} puts {what} off the map ({self.map_size()})"
        for tile in tiles:
            terrain = self.terrain_at(tile)
            if terrain is None:
                continue
            ok = terrain.flyable if utype.flies else terrain.move_cost > 0
            if not ok:
                where = _show(list(tile))
                return f"{utype.id} cannot stand on {terrain.id} ('{terrain.char}') at {where}"
        return None

    # --- the document -------------------------------------------------------------------------
    def run(self) -> None:
        for key in self.doc:
            if key not in TOP_LEVEL:
                self.problem((), (key,), f"unknown table '{key}'{suggestion(key, TOP_LEVEL)}")
        self.check_scenario()
        self.check_map()
        self.check_sides()
        self.check_squads()
        self.check_areas()
        self.check_side_hints()
        self.check_objects()
        self.check_units()
        self.check_objectives()
        self.check_triggers()
        self.check_story()

    def check_scenario(self) -> None:
        table = self.table("scenario", required=True)
        if table is None:
            return
        values = self.fields(("scenario",), table, SCENARIO_KEYS)
        version = values.get("version")
        if version is not None:
            if version > FORMAT_VERSION:
                self.problem(
                    ("scenario",),
                    ("version",),
                    f"version {version} is newer than this game reads ({FORMAT_VERSION}): "
                    "update alma-tactics",
                )
            elif version < 1:
                self.problem(("scenario",), ("version",), "must be at least 1")
        if "ambient" in values:
            self.choice(("scenario",), ("ambient",), values["ambient"], AMBIENTS)

    # --- map ------------------------------------------------------------------------------------
    def check_map(self) -> None:
        table = self.table("map", required=True)
        if table is None:
            return
        path = ("map",)
        values = self.fields(path, table, MAP_KEYS)
        for key in ("width", "height"):
            size = values.get(key)
            if size is not None and not 1 <= size <= MAX_MAP_SIDE:
                self.problem(path, (key,), f"must be between 1 and {MAX_MAP_SIDE}, not {size}")
                del values[key]
        self.width, self.height = values.get("width"), values.get("height")
        if self.width is None or self.height is None:
            self.width = self.height = None
        for char, terrain_id in values.get("legend", {}).items():
            self.check_legend(char, terrain_id)
        if "rows" in values:
            self.check_rows(values["rows"])

    def check_legend(self, char: str, terrain_id: Any) -> None:
        path = ("map", "legend")
        if len(char) != 1 or not char.isprintable() or char.isspace():
            self.problem(path, (char,), "a legend key must be one printable, non-space character")
            return
        if not isinstance(terrain_id, str):
            self.problem(
                path, (char,), f"must be a terrain id (a string), not {type_name(terrain_id)}"
            )
            return
        ids = [k.id for k in self.catalog.terrain]
        if self.choice(path, (char,), terrain_id, ids, "terrain"):
            self.terrain[char] = self.catalog.terrain_by_id(terrain_id)

    def check_rows(self, raw: str) -> None:
        numbered = split_rows(raw)
        self.rows = [row for _, row in numbered]
        self.normal_rows = "".join(row + "\n" for row in self.rows)

        def rows_at() -> tuple[int, int]:
            return self.positions.at(("map",), ("rows",))

        def where(line_index: int, x: int) -> tuple[int, int]:
            return self.positions.map_char(line_index, x) or rows_at()

        budget = MAX_MAP_PROBLEMS
        if self.height is not None and len(self.rows) != self.height:
            message = f"map.rows: the map has {len(self.rows)} rows, but height is {self.height}"
            if len(self.rows) > self.height:
                self.problem_at(*where(numbered[self.height][0], 0), message)
            else:
                self.problem_at(*rows_at(), message)
            budget -= 1
        known = set(self.terrain)
        hidden = 0
        last_hidden = (0, 0)
        for y, (line_index, row) in enumerate(numbered):
            if self.width is not None and len(row) != self.width:
                wide = "wider" if len(row) > self.width else "narrower"
                x = min(len(row), self.width)
                if budget > 0:
                    self.problem_at(
                        *where(line_index, x),
                        f"map.rows: row {y} is {len(row)} wide, {wide} than width = {self.width}",
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
                    self.problem_at(
                        *where(line_index, x),
                        f"map.rows: unknown terrain character {char!r} at [{x}, {y}] "
                        "(not in assets/rules/terrain.toml, nor in [map.legend])",
                    )
                    budget -= 1
                else:
                    hidden += 1
                    last_hidden = where(line_index, x)
        if hidden:  # placed at the last one, so it sorts after those shown
            self.problem_at(*last_hidden, f"map.rows: ... and {hidden} more problems in the rows")

    # --- sides and squads ---------------------------------------------------------------------
    def check_sides(self) -> None:
        if not self.doc.get("side"):
            where = ("side",) if "side" in self.doc else ()
            self.problem(where, (), "a scenario needs at least one [[side]]")
        for index, table in self.array("side"):
            path = ("side", index)
            values = self.fields(path, table, SIDE_KEYS)
            side_id = values.get("id")
            if side_id is not None:
                if side_id in self.refs.sides:
                    self.problem(path, ("id",), f"duplicate side id '{side_id}'")
                else:
                    self.refs.sides[side_id] = values
            for key, allowed in (
                ("faction", FACTIONS),
                ("controller", CONTROLLERS),
                ("difficulty", DIFFICULTIES),
                ("alertness", ALERTNESS),
            ):
                if key in values:
                    self.choice(path, (key,), values[key], allowed)
            colour = values.get("colour")
            if colour is not None and not COLOUR.fullmatch(colour):
                self.problem(
                    path, ("colour",), f"must be a colour like \"#3c8cdc\", not '{colour}'"
                )
            for i, rect in enumerate(values.get("deploy", ())):
                self.check_rect(path, ("deploy", i), rect)

    def check_squads(self) -> None:
        for index, table in self.array("squad"):
            path = ("squad", index)
            values = self.fields(path, table, SQUAD_KEYS)
            side = values.get("side")
            if side is not None and not self.side_ref(path, ("side",), side):
                side = None
            squad_id = values.get("id")
            if squad_id is not None:
                if squad_id in self.refs.squads:
                    self.problem(path, ("id",), f"duplicate squad id '{squad_id}'")
                else:
                    self.refs.squads[squad_id] = side

    def side_ref(self, table: Sequence[PathPart], keys: Sequence[PathPart], side: Any) -> bool:
        """Does `side` name a `[[side]]`? Reported if not."""
        if not isinstance(side, str):
            self.problem(table, keys, f"must be a side id (a string), not {type_name(side)}")
            return False
        return self.choice(table, keys, side, self.refs.sides, "side")

    def check_rect(self, table: Sequence[PathPart], keys: Sequence[PathPart], rect) -> bool:
        x0, y0, x1, y1 = rect
        if x0 > x1 or y0 > y1:
            self.problem(
                table, keys, f"{_show(list(rect))} is not [x0, y0, x1, y1] with x0 <= x1, y0 <= y1"
            )
            return False
        if not (self.on_map((x0, y0)) and self.on_map((x1, y1))):
            self.problem(table, keys, f"{_show(list(rect))} is off the map ({self.map_size()})")
            return False
        return True

    # --- areas --------------------------------------------------------------------------------
    def check_areas(self) -> None:
        for index, table in self.array("area"):
            path = ("area", index)
            values = self.fields(path, table, AREA_KEYS)
            if "rect" in values:
                self.check_rect(path, ("rect",), values["rect"])
            area_id = values.get("id")
            if area_id is not None:
                if area_id in self.refs.areas:
                    self.problem(path, ("id",), f"duplicate area id '{area_id}'")
                self.refs.areas.add(area_id)

    def check_side_hints(self) -> None:
        """`[[side]] ai = { base = A, defend = [A, ...], keep = N, attack = A,
        wait_turns = N }`: after the areas, since it names them."""
        for index, table in self.array("side"):
            if "ai" not in table or not isinstance(table["ai"], dict):
                continue  # a wrong type is reported with the side's other keys
            path = ("side", index)
            values = self.sub(path, ("ai",), table["ai"], SIDE_AI_KEYS)
            if values is None:
                continue
            base = values.get("base")
            if base is not None:
                self.area_ref(path, ("ai", "base"), base)
            defend = values.get("defend", [])
            seen: set[str] = set()
            for i, area in enumerate(defend):
                keys = ("ai", "defend", i)
                if not isinstance(area, str):
                    self.area_ref(path, keys, area)
                elif area == base:
                    self.problem(path, keys, f"'{area}' is the base itself: leave it out")
                elif area in seen:
                    self.problem(path, keys, f"'{area}' is named twice")
                else:
                    self.area_ref(path, keys, area)
                    seen.add(area)
            keep = values.get("keep")
            if keep is not None and keep < 0:
                self.problem(path, ("ai", "keep"), f"must be a count (0 or more), not {keep}")
            attack = values.get("attack")
            if attack is not None:
                self.area_ref(path, ("ai", "attack"), attack)
            wait = values.get("wait_turns")
            if wait is not None and wait < 0:
                self.problem(path, ("ai", "wait_turns"), f"must be 0 or more, not {wait}")

    # --- objects ------------------------------------------------------------------------------
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

    def check_objects(self) -> None:
        spotlights: list[tuple[tuple[str, int], dict[str, Any], dict[str, Any]]] = []
        for index, table in self.array("object"):
            path = ("object", index)
            kind = table.get("kind")
            if isinstance(kind, str) and kind in OBJECT_KINDS:
                spec = {**OBJECT_COMMON, **OBJECT_KEYS[kind]}
            else:
                spec = OBJECT_COMMON
                if isinstance(kind, str):
                    self.choice(path, ("kind",), kind, OBJECT_KINDS)
                    kind = None
            values = self.fields(path, table, spec)
            thing_id = object_id(table, index + 1) if isinstance(table.get("id", ""), str) else None
            if thing_id:
                self.define_thing(path, ("id",) if "id" in table else (), thing_id)
                if kind is not None:
                    self.refs.objects[thing_id] = kind
            at = values.get("at")
            if at is not None and not self.on_map(at):
                self.problem(path, ("at",), f"{_show(list(at))} is off the map ({self.map_size()})")
            elif at is not None and kind in BLOCKING_OBJECTS and thing_id:
                self.blocking.setdefault(at, thing_id)
            if "side" in values:
                self.side_ref(path, ("side",), values["side"])
            hp = values.get("hp")
            if hp is not None and hp < 0:
                self.problem(path, ("hp",), f"must not be negative (got {hp})")
            if kind == "generator" and "hp" not in table:
                self.problem(path, (), "a generator needs hp (at least 1): with none it is wrecked")
            elif kind == "generator" and hp == 0:
                self.problem(path, ("hp",), "a generator needs at least 1 hp: with 0 it is wrecked")
            if kind == "spotlight":
                self.check_spotlight_numbers(path, values)
                spotlights.append((path, table, values))
        for path, table, values in spotlights:
            self.check_feed(path, table, values)

    def check_spotlight_numbers(self, path: tuple[str, int], values: dict[str, Any]) -> None:
        radius = values.get("radius")
        if radius is not None and radius < 1:
            self.problem(path, ("radius",), f"must be at least 1, not {radius}")
        direction = values.get("direction")
        if direction is not None and not 0 <= direction < 360:
            self.problem(path, ("direction",), f"must be degrees from 0 up to 360, not {direction}")
        cone = values.get("cone")
        if cone is not None and not 0 < cone <= 360:
            self.problem(
                path, ("cone",), f"must be degrees, more than 0 and at most 360, not {cone}"
            )
        elevation = values.get("elevation")
        if elevation is not None and elevation < 0:
            self.problem(path, ("elevation",), f"must not be negative (got {elevation})")

    def check_feed(
        self, path: tuple[str, int], table: dict[str, Any], values: dict[str, Any]
    ) -> None:
        feed = values.get("generator")
        if feed is None:
            if values.get("self_powered") is not True and "generator" not in table:
                self.problem(
                    path,
                    (),
                    'the spotlight is fed by no generator: add generator = "ID" '
                    "(or self_powered = true for a lamp with its own power)",
                )
            return
        if values.get("self_powered") is True:
            self.problem(
                path, ("self_powered",), "is true, but a generator feeds it too: choose one"
            )
        kind = self.refs.objects.get(feed)
        if kind is None:
            generators = [o for o, k in self.refs.objects.items() if k == "generator"]
            self.problem(
                path,
                ("generator",),
                f"no generator '{feed}' in the [[object]]s{suggestion(feed, generators)}",
            )
        elif kind != "generator":
            self.problem(path, ("generator",), f"'{feed}' is a {kind}, not a generator")

    # --- units --------------------------------------------------------------------------------
    def check_units(self) -> None:
        for index, table in self.array("unit"):
            path = ("unit", index)
            values = self.fields(path, table, UNIT_KEYS)
            raw_id = table.get("id", "")
            unit = _Unit(index, table, unit_id(table, index + 1) if isinstance(raw_id, str) else "")
            if unit.id:
                self.define_thing(path, ("id",) if "id" in table else (), unit.id)
            utype = values.get("type")
            if utype is not None and self.choice(
                path, ("type",), utype, self.catalog.units, "unit type"
            ):
                unit.utype = self.catalog.units[utype]
            if "side" in values and self.side_ref(path, ("side",), values["side"]):
                unit.side = values["side"]
            unit.at = values.get("at")
            if "at" not in table and "carried_by" not in table:
                self.problem(path, (), "missing required key 'at'")
            unit.carried_by = values.get("carried_by")
            facing = values.get("facing")
            if facing is not None and not 0 <= facing <= 7:
                self.problem(
                    path, ("facing",), f"must be 0..7 (N, NE, E, SE, S, SW, W, NW), not {facing}"
                )
            if "alertness" in values:
                self.choice(path, ("alertness",), values["alertness"], ALERTNESS)
            squad = values.get("squad")
            if squad is not None and self.choice(
                path, ("squad",), squad, self.refs.squads, "squad"
            ):
                squad_side = self.refs.squads[squad]
                if unit.side and squad_side and squad_side != unit.side:
                    self.problem(
                        path,
                        ("squad",),
                        f"squad '{squad}' is of side '{squad_side}', not '{unit.side}'",
                    )
            if unit.utype is not None:
                for i, waypoint in enumerate(values.get("patrol", ())):
                    why = self.stand_problem(unit.utype, waypoint)
                    if why:
                        self.problem(path, ("patrol", i), f"waypoint {why}")
                self.check_ammo(path, unit.utype, values.get("ammo", {}))
            self.units.append(unit)
        self.check_carriers()
        self.check_placement()

    def check_ammo(self, path: tuple[str, int], utype: UnitType, ammo: dict[str, int]) -> None:
        magazines = self.catalog.magazines(utype)
        for weapon, count in ammo.items():
            if weapon not in magazines:
                self.problem(
                    path,
                    ("ammo", weapon),
                    f"{utype.id} has no weapon '{weapon}' that takes ammunition"
                    f"{suggestion(weapon, magazines)}",
                )
            elif count > magazines[weapon]:
                self.problem(
                    path,
                    ("ammo", weapon),
                    f"{count} rounds do not fit the magazine of {magazines[weapon]}",
                )

    def check_carriers(self) -> None:
        by_id = {u.id: u for u in self.units if u.id}
        riders: dict[str, int] = {}
        for unit in self.units:
            if unit.carried_by is None:
                continue
            path = ("unit", unit.index)
            carrier = by_id.get(unit.carried_by)
            if carrier is None:
                transports = [u.id for u in self.units if u.utype and u.utype.capacity]
                self.problem(
                    path,
                    ("carried_by",),
                    f"no unit '{unit.carried_by}'{suggestion(unit.carried_by, transports)}",
                )
            elif carrier is unit:
                self.problem(path, ("carried_by",), "a unit cannot carry itself")
            elif carrier.utype is not None and not carrier.utype.capacity:
                self.problem(
                    path,
                    ("carried_by",),
                    f"'{carrier.id}' ({carrier.utype.id}) is not a transport",
                )
            elif carrier.carried_by is not None:
                self.problem(
                    path,
                    ("carried_by",),
                    f"'{carrier.id}' is itself carried: transports do not nest",
                )
            elif unit.side and carrier.side and unit.side != carrier.side:
                self.problem(
                    path,
                    ("carried_by",),
                    f"'{carrier.id}' belongs to side '{carrier.side}', not '{unit.side}'",
                )
            else:
                riders[carrier.id] = riders.get(carrier.id, 0) + 1
                capacity = carrier.utype.capacity if carrier.utype else None
                if capacity is not None and riders[carrier.id] == capacity + 1:
                    self.problem(
                        path,
                        ("carried_by",),
                        f"'{carrier.id}' is full: a {carrier.utype.id} carries {capacity}",
                    )

    def check_placement(self) -> None:
        """Units stand on the map, on ground they can stand on, apart from each other."""
        taken: dict[tuple[int, int], _Unit] = {}
        for unit in self.units:
            if unit.carried_by is not None or unit.at is None or unit.utype is None:
                continue
            path = ("unit", unit.index)
            why = self.stand_problem(unit.utype, unit.at)
            if why:
                self.problem(path, ("at",), why)
                continue
            size = unit.utype.size
            clashes: list[_Unit] = []
            for dy in range(size):
                for dx in range(size):
                    tile = (unit.at[0] + dx, unit.at[1] + dy)
                    other = taken.get(tile)
                    if other is not None and other not in clashes:
                        clashes.append(other)
                    taken.setdefault(tile, unit)
                    thing = self.blocking.get(tile)
                    if thing is not None and not unit.utype.flies:
                        self.problem(
                            path, ("at",), f"stands on the {self.refs.objects[thing]} '{thing}'"
                        )
            for other in clashes:
                self.problem(
                    path,
                    ("at",),
                    f"overlaps unit '{other.id}' ({dotted(('unit', other.index))}, "
                    f"at {_show(list(other.at))})",
                )

    # --- objectives ---------------------------------------------------------------------------
    def check_objectives(self) -> None:
        for index, table in self.array("objective"):
            path = ("objective", index)
            values = self.fields(path, table, OBJECTIVE_KEYS)
            if "kind" in values:
                self.choice(path, ("kind",), values["kind"], OBJECTIVE_KINDS)
            if "side" in values:
                self.side_ref(path, ("side",), values["side"])
            objective_id = values.get("id")
            if objective_id is not None:
                if objective_id in self.refs.objectives:
                    self.problem(path, ("id",), f"duplicate objective id '{objective_id}'")
                self.refs.objectives.add(objective_id)

    # --- triggers -----------------------------------------------------------------------------
    def check_triggers(self) -> None:
        triggers = list(self.array("trigger"))
        # reinforcements' own ids may be named by `destroyed`, so collect them first
        for index, table in triggers:
            for keys, thing in _reinforcement_ids(table):
                path = ("trigger", index)
                self.define_thing(path, keys, thing)
                self.refs.reinforcements.add(thing)
                if table.get("once", True) is False:
                    self.problem(
                        path,
                        keys,
                        "a trigger with once = false may fire again, and a second unit "
                        "cannot take the same id: leave the id out",
                    )
        for index, table in triggers:
            path = ("trigger", index)
            values = self.fields(path, table, TRIGGER_KEYS)
            trigger_id = values.get("id")
            if trigger_id is not None:
                if trigger_id in self.refs.triggers:
                    self.problem(path, ("id",), f"duplicate trigger id '{trigger_id}'")
                self.refs.triggers.add(trigger_id)
            for key, kinds, check in (
                ("when", CONDITIONS, self.check_condition),
                ("then", EFFECTS, self.check_effect),
            ):
                items = values.get(key)
                if items is None:
                    continue
                if not items:
                    what = "condition (e.g. { turn = 1 })" if key == "when" else "effect"
                    self.problem(path, (key,), f"needs at least one {what}")
                for j, item in enumerate(items):
                    self.check_step(path, (key, j), item, kinds, check)

    def check_step(
        self,
        path: tuple[str, int],
        keys: tuple[str, int],
        item: Any,
        kinds: Sequence[str],
        check: Callable[[tuple[str, int], tuple[PathPart, ...], str, Any], None],
    ) -> None:
        what = "condition" if keys[0] == "when" else "effect"
        if not isinstance(item, dict) or len(item) != 1:
            example = "{ turn = 5 }" if what == "condition" else '{ message = "..." }'
            self.problem(path, keys, f"each {what} is a table with one key, like {example}")
            return
        ((kind, arg),) = item.items()
        if kind not in kinds:
            listed = ", ".join(kinds)
            self.problem(
                path,
                (*keys, kind),
                f"unknown {what} '{kind}'{suggestion(kind, kinds)} (one of: {listed})",
            )
            return
        check(path, (*keys, kind), kind, arg)

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
            if good is not _MISSING:
                values[key] = good
        for key, (_, required) in spec.items():
            if required and key not in arg:
                self.problem(path, keys, f"missing required key '{key}'")
        return values

    def refs_in(
        self, path: tuple[str, int], keys: tuple[PathPart, ...], values: dict[str, Any]
    ) -> None:
        """Check the usual references of an argument: side, area."""
        if "side" in values:
            self.side_ref(path, (*keys, "side"), values["side"])
        if "area" in values:
            self.area_ref(path, (*keys, "area"), values["area"])

    def area_ref(self, path: tuple[str, int], keys: tuple[PathPart, ...], area: Any) -> None:
        if not isinstance(area, str):
            self.problem(path, keys, f"must be an area id (a string), not {type_name(area)}")
        else:
            self.choice(path, keys, area, self.refs.areas, "area")

    def check_condition(
        self, path: tuple[str, int], keys: tuple[PathPart, ...], kind: str, arg: Any
    ) -> None:
        if kind == "turn":
            turn = self.value(path, keys, arg, "int")
            if turn is not _MISSING and turn < 1:
                self.problem(path, keys, f"must be a turn number (1 or more), not {turn}")
        elif kind in ("enters", "held"):
            spec: Spec = {"side": ("str", True), "area": ("str", True)}
            if kind == "held":
                spec["turns"] = ("int", True)
            values = self.sub(path, keys, arg, spec)
            if values is not None:
                self.refs_in(path, keys, values)
                turns = values.get("turns")
                if turns is not None and turns < 1:
                    self.problem(path, (*keys, "turns"), f"must be at least 1, not {turns}")
        elif kind == "destroyed":
            if self.value(path, keys, arg, "str") is _MISSING:
                return
            if arg not in self.refs.reinforcements:  # a reinforcement's id may be named too
                self.choice(path, keys, arg, self.refs.things, "unit or object")
        elif kind in ("alarm", "no_units"):
            self.side_ref(path, keys, arg)
        elif kind == "attacked":
            self.area_ref(path, keys, arg)

    def check_effect(
        self, path: tuple[str, int], keys: tuple[PathPart, ...], kind: str, arg: Any
    ) -> None:
        if kind == "message":
            self.value(path, keys, arg, "str")
        elif kind in ("victory", "defeat"):
            self.side_ref(path, keys, arg)
        elif kind == "controller":
            values = self.sub(path, keys, arg, {"side": ("str", True), "to": ("str", True)})
            if values is not None:
                self.refs_in(path, keys, values)
                if "to" in values:
                    self.choice(path, (*keys, "to"), values["to"], CONTROLLERS)
        elif kind == "alertness":
            values = self.sub(path, keys, arg, {"side": ("str", True), "level": ("str", True)})
            if values is not None:
                self.refs_in(path, keys, values)
                if "level" in values:
                    self.choice(path, (*keys, "level"), values["level"], ALERTNESS)
        elif kind == "reveal":
            values = self.sub(path, keys, arg, {"side": ("str", True), "area": ("str", True)})
            if values is not None:
                self.refs_in(path, keys, values)
        elif kind == "objective":
            values = self.sub(path, keys, arg, {"id": ("str", True), "status": ("str", True)})
            if values is not None:
                if "id" in values:
                    self.choice(
                        path, (*keys, "id"), values["id"], self.refs.objectives, "objective"
                    )
                if "status" in values:
                    self.choice(path, (*keys, "status"), values["status"], OBJECTIVE_STATUSES)
        elif kind == "reinforce":
            self.check_reinforce(path, keys, arg)

    def check_reinforce(self, path: tuple[str, int], keys: tuple[PathPart, ...], arg: Any) -> None:
        values = self.sub(path, keys, arg, {"side": ("str", True), "units": ("list", True)})
        if values is None:
            return
        self.refs_in(path, keys, values)
        units = values.get("units")
        if units is None:
            return
        if not units:
            self.problem(path, (*keys, "units"), "needs at least one { type = T, at = [x, y] }")
        for k, spec in enumerate(units):
            unit_keys = (*keys, "units", k)
            got = self.sub(path, unit_keys, spec, REINFORCEMENT_KEYS)
            if got is None:
                continue
            if "type" in got:
                self.choice(
                    path, (*unit_keys, "type"), got["type"], self.catalog.units, "unit type"
                )
            if "at" in got and not self.on_map(got["at"]):
                self.problem(
                    path,
                    (*unit_keys, "at"),
                    f"{_show(list(got['at']))} is off the map ({self.map_size()})",
                )

    # --- story --------------------------------------------------------------------------------
    def check_story(self) -> None:
        table = self.table("story", required=False)
        if table is None:
            return
        path = ("story",)
        values = self.fields(path, table, STORY_KEYS)
        turns = values.get("turns")
        if turns is not None and turns < 1:
            self.problem(path, ("turns",), f"must be at least 1, not {turns}")
        names = {*self.refs.sides, *(s.get("faction") for s in self.refs.sides.values())}
        names.discard(None)
        for who, lost in values.get("losses", {}).items():
            keys = ("losses", who)
            self.choice(path, keys, who, sorted(names), "side or faction")
            if isinstance(lost, dict):
                for kind, count in lost.items():
                    self.choice(path, (*keys, kind), kind, LOSS_KINDS)
                    if type(count) is not int or count < 0:
                        self.problem(path, (*keys, kind), "must be a count (an integer >= 0)")
            elif type(lost) is not int or lost < 0:
                self.problem(
                    path,
                    keys,
                    "must be a count (an integer >= 0) or a table like { infantry = N, mechs = N }",
                )


def _reinforcement_ids(trigger: dict[str, Any]) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    """(keys, id) of each reinforcement a trigger's effects give an explicit id."""
    effects = trigger.get("then")
    for j, effect in enumerate(effects if isinstance(effects, list) else ()):
        spec = effect.get("reinforce") if isinstance(effect, dict) else None
        units = spec.get("units") if isinstance(spec, dict) else None
        for k, unit in enumerate(units if isinstance(units, list) else ()):
            if isinstance(unit, dict) and isinstance(unit.get("id"), str) and unit["id"]:
                yield ("then", j, "reinforce", "units", k, "id"), unit["id"]


def _ints(value: Any, size: int) -> bool:
    return isinstance(value, list) and len(value) == size and all(type(v) is int for v in value)


def _show(value: Any) -> str:
    """A value as TOML-ish text for messages: [2, 10], 'x', true."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)
