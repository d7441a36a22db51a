"""The map document the editor works on: a terrain layer plus the rest of a scenario file.

`MapDocument` holds the map as a numpy `uint8` array of terrain kind indexes
(`terrain[y, x]`, the order of `assets/rules/terrain.toml`) and everything else
of the scenario document (docs/scenario-format.md) as the plain dicts and lists
TOML gives: `[scenario]`, `[[side]]`, `[[squad]]`, `[[unit]]`, `[[object]]`,
`[[area]]`, `[[objective]]`, `[[trigger]]`, `[story]`. `to_doc()` gives the
document `alma_tactics.scenario.save_scenario` writes; `from_doc()` reads one
back, so open -> save writes the bytes `save_scenario` would.

The document is changed only by edits (`editor.edits`), each of which returns
its own undo; nothing here validates: a document may hold problems while it is
being drawn (`editor.problems` lists them).
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..content import load_catalog
from ..core.catalog import Catalog
from ..scenario import FORMAT_VERSION, save_scenario
from ..scenario.build import map_rows, object_id, trigger_id, unit_id
from ..scenario.files import DEFAULT_COLOURS
from ..scenario.schema import TOP_LEVEL  # the tables of a scenario, in file order

DEFAULT_KIND = 0  # "open": index 0 of terrain.toml is the default tile (what erase paints)
MAX_SIDE = 1024  # the format's largest map side
SECTIONS = ("side", "squad", "unit", "object", "area", "objective", "trigger")  # [[arrays]]
# Characters a legend may gain when a terrain's own character is taken by the legend.
_SPARE_CHARS = "abcdefghijklmopqrstuwxyzACDEFGIJKLMNOQRSUWXYZ0123456789!$&*-/;<>?@|"


class MapFormatError(ValueError):
    """A document whose map cannot be read into a terrain layer; `.problems` says why."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Changes:
    """What changed since the screen last asked (`MapDocument.take_changes`).

    `rect` bounds the terrain cells that changed, `[x0, y0, x1, y1]` inclusive
    (None: no terrain change); `sections` names the changed parts of the document
    ("unit", "object", "side", "scenario", "map", ...); `full` means redraw
    everything (the map was resized or replaced).
    """

    full: bool = False
    rect: tuple[int, int, int, int] | None = None
    sections: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return self.full or self.rect is not None or bool(self.sections)


class MapDocument:
    """A scenario being edited: `terrain` (uint8 [H, W] kind indexes) and `data`.

    `data` is the scenario document with `[map]` rows, width and height taken
    out (they live in `terrain`); read it freely, change it only through edits.
    """

    def __init__(self, catalog: Catalog, terrain: np.ndarray, data: dict[str, Any]) -> None:
        self.catalog = catalog
        self.terrain = np.ascontiguousarray(terrain, dtype=np.uint8)
        self.data = data
        self.path: Path | None = None  # where it was opened from or last saved to
        self.revision = 0  # counts applied edits (undo and redo too): caches key on it
        self._declared_empty: set[str] = set()  # `[[x]]` arrays the source wrote as `x = []`
        self._source_rows: tuple[np.ndarray, str, Any] | None = None
        self._damage_full = False
        self._damage_rect: list[int] | None = None
        self._damage_sections: set[str] = set()

    # --- making one ---------------------------------------------------------------------------
    @classmethod
    def new(
        cls,
        width: int,
        height: int,
        ambient: str = "day",
        title: str = "Untitled map",
        catalog: Catalog | None = None,
        fill: int = DEFAULT_KIND,
        sides: Iterable[str] = ("alliance", "calendrea"),
    ) -> MapDocument:
        """An empty map of `fill` terrain with one side per faction in `sides`
        (the first human, the others ai)."""
        if not (1 <= width <= MAX_SIDE and 1 <= height <= MAX_SIDE):
            raise ValueError(f"a map is 1..{MAX_SIDE} tiles a side, not {width}x{height}")
        catalog = catalog or load_catalog()
        side_tables = []
        for n, faction in enumerate(sides):
            side_id = faction if faction not in [s["id"] for s in side_tables] else f"{faction}{n}"
            side = {"id": side_id, "name": side_id.capitalize(), "faction": faction}
            side["controller"] = "human" if n == 0 else "ai"
            if faction in DEFAULT_COLOURS:
                side["colour"] = DEFAULT_COLOURS[faction]
            side_tables.append(side)
        doc = {
            "scenario": {
                "title": title,
                "description": "",
                "briefing": "",
                "version": FORMAT_VERSION,
                "ambient": ambient,
            },
            "map": {"width": width, "height": height, "rows": ""},
            "side": side_tables,
        }
        terrain = np.full((height, width), fill, np.uint8)
        return cls._build(catalog, terrain, doc)

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], catalog: Catalog | None = None) -> MapDocument:
        """The document of a scenario (as TOML or `load_scenario` gives it).

        Only the map must be readable (size, rows, characters); every other
        problem is kept as it is, for the problem list to show. Raises
        `MapFormatError` when the map is not readable.
        """
        catalog = catalog or load_catalog()
        terrain = read_terrain(doc, catalog)
        document = cls._build(catalog, terrain, doc)
        rows = "".join(row + "\n" for row in map_rows(doc))
        legend = copy.deepcopy(doc["map"].get("legend"))
        document._source_rows = (document.terrain.copy(), rows, legend)
        return document

    @classmethod
    def _build(cls, catalog: Catalog, terrain: np.ndarray, doc: Mapping[str, Any]) -> MapDocument:
        data: dict[str, Any] = {}
        for key, value in doc.items():
            data[key] = copy.deepcopy(value)
        table = data.get("map") if isinstance(data.get("map"), dict) else {}
        table = dict(table)
        for key in ("width", "height", "rows"):  # placeholders keep the keys' order
            table.setdefault(key, None)
            table[key] = None
        data["map"] = table
        declared_empty = {k for k in SECTIONS if isinstance(doc.get(k), list) and not doc[k]}
        for key in SECTIONS:
            if key not in data:
                data = _insert_key(data, key, [])
        document = cls(catalog, terrain, data)
        document._declared_empty = declared_empty
        return document

    @classmethod
    def open(cls, path: str | Path, catalog: Catalog | None = None) -> MapDocument:
        """Read a scenario file, even one with problems (but a readable map).

        Raises `MapFormatError` (TOML syntax, unreadable map) or `OSError`.
        """
        path = Path(path)
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise MapFormatError([f"{path}: TOML syntax error: {exc}"]) from None
        except UnicodeDecodeError:
            raise MapFormatError([f"{path}: not valid UTF-8"]) from None
        try:
            document = cls.from_doc(doc, catalog)
        except MapFormatError as exc:
            raise MapFormatError([f"{path}: {p}" for p in exc.problems]) from None
        document.path = path
        return document

    def save(self, path: str | Path | None = None) -> Path:
        """Write the document (atomically) with `save_scenario`; problems do not stop it."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no path to save to: use save(path)")
        save_scenario(self.to_doc(), target)
        self.path = target
        return target

    # --- reading it ---------------------------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        """The scenario document (a fresh deep copy) `save_scenario` writes."""
        doc: dict[str, Any] = {}
        for key, value in self.data.items():
            if key == "map":
                doc["map"] = self._map_table()
            elif key in SECTIONS and value == [] and key not in self._declared_empty:
                continue  # an empty [[array]] is simply absent from the file
            else:
                doc[key] = copy.deepcopy(value)
        return doc

    def rows(self) -> list[str]:
        """The map as rows of terrain characters (as the file will write it)."""
        return self._rows_text(self._kind_chars()[0]).splitlines()

    @property
    def width(self) -> int:
        return int(self.terrain.shape[1])

    @property
    def height(self) -> int:
        return int(self.terrain.shape[0])

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    def on_map(self, x: int, y: int) -> bool:
        return 0 <= x < self.width and 0 <= y < self.height

    @property
    def scenario(self) -> dict[str, Any]:
        """`[scenario]`: title, author, description, briefing, version, ambient."""
        value = self.data.get("scenario")
        return value if isinstance(value, dict) else {}

    @property
    def title(self) -> str:
        return str(self.scenario.get("title", ""))

    @property
    def ambient(self) -> str:
        return str(self.scenario.get("ambient", "day"))

    @property
    def legend(self) -> dict[str, str]:
        value = self.data["map"].get("legend")
        return value if isinstance(value, dict) else {}

    def section(self, name: str) -> list[dict[str, Any]]:
        """The tables of `[[name]]` (a live list: do not change it, use edits)."""
        value = self.data.get(name)
        return value if isinstance(value, list) else []

    @property
    def sides(self) -> list[dict[str, Any]]:
        return self.section("side")

    @property
    def squads(self) -> list[dict[str, Any]]:
        return self.section("squad")

    @property
    def units(self) -> list[dict[str, Any]]:
        return self.section("unit")

    @property
    def objects(self) -> list[dict[str, Any]]:
        return self.section("object")

    @property
    def areas(self) -> list[dict[str, Any]]:
        return self.section("area")

    @property
    def objectives(self) -> list[dict[str, Any]]:
        return self.section("objective")

    @property
    def triggers(self) -> list[dict[str, Any]]:
        return self.section("trigger")

    @property
    def story(self) -> dict[str, Any]:
        value = self.data.get("story")
        return value if isinstance(value, dict) else {}

    # --- ids ----------------------------------------------------------------------------------
    def unit_ids(self) -> list[str]:
        """Each unit's id in order: its own, or the default `u<n>`."""
        return [_str_id(unit_id, t, n) for n, t in enumerate(self.units, start=1)]

    def object_ids(self) -> list[str]:
        return [_str_id(object_id, t, n) for n, t in enumerate(self.objects, start=1)]

    def trigger_ids(self) -> list[str]:
        return [_str_id(trigger_id, t, n) for n, t in enumerate(self.triggers, start=1)]

    def ids(self, section: str) -> list[str]:
        """The ids of a section's tables, in order (defaults included for units,
        objects and triggers)."""
        if section == "unit":
            return self.unit_ids()
        if section == "object":
            return self.object_ids()
        if section == "trigger":
            return self.trigger_ids()
        return [str(t.get("id", "")) if isinstance(t, dict) else "" for t in self.section(section)]

    def thing_ids(self) -> set[str]:
        """Every id in the unit/object namespace, reinforcements' ids included."""
        taken = {*self.unit_ids(), *self.object_ids()}
        for trigger in self.triggers:
            for effect in _as_list(trigger.get("then") if isinstance(trigger, dict) else None):
                spec = effect.get("reinforce") if isinstance(effect, dict) else None
                units = spec.get("units") if isinstance(spec, dict) else None
                for unit in _as_list(units):
                    if isinstance(unit, dict) and isinstance(unit.get("id"), str):
                        taken.add(unit["id"])
        return taken

    def new_id(self, section: str, stem: str) -> str:
        """A fresh id for `section` made from `stem` (`sentry3`, `area2`...)."""
        taken = self.thing_ids() if section in ("unit", "object") else set(self.ids(section))
        if section == "trigger":
            taken |= {str(t.get("id")) for t in self.triggers if isinstance(t, dict)}
        stem = stem or section
        n = 1
        while f"{stem}{n}" in taken:
            n += 1
        return f"{stem}{n}"

    def index_of(self, section: str, ref: str | int) -> int:
        """The index of a section's table by id (or by index); KeyError if none."""
        tables = self.section(section)
        if isinstance(ref, int) and not isinstance(ref, bool):
            if 0 <= ref < len(tables):
                return ref
            raise KeyError(f"no {section} number {ref}")
        ids = self.ids(section)
        if ref in ids:
            return ids.index(ref)
        raise KeyError(f"no {section} '{ref}'")

    def get(self, section: str, ref: str | int) -> dict[str, Any] | None:
        """A section's table by id or index, or None."""
        try:
            return self.section(section)[self.index_of(section, ref)]
        except KeyError:
            return None

    def find(self, section: str, ref: str | int) -> dict[str, Any]:
        """A section's table by id or index; KeyError if there is none."""
        return self.section(section)[self.index_of(section, ref)]

    # --- terrain queries ----------------------------------------------------------------------
    def kind_at(self, x: int, y: int) -> int:
        return int(self.terrain[y, x])

    def unit_size(self, unit: Mapping[str, Any]) -> int:
        utype = self.catalog.units.get(unit.get("type")) if isinstance(unit, Mapping) else None
        return utype.size if utype is not None else 1

    # --- the screen's damage list -------------------------------------------------------------
    def take_changes(self) -> Changes:
        """What changed since the last call (for redrawing only that)."""
        rect = tuple(self._damage_rect) if self._damage_rect is not None else None
        changes = Changes(self._damage_full, rect, frozenset(self._damage_sections))
        self._damage_full = False
        self._damage_rect = None
        self._damage_sections = set()
        return changes

    def touch_cells(self, x0: int, y0: int, x1: int, y1: int) -> None:
        r = self._damage_rect
        if r is None:
            self._damage_rect = [x0, y0, x1, y1]
        else:
            r[0], r[1], r[2], r[3] = min(r[0], x0), min(r[1], y0), max(r[2], x1), max(r[3], y1)

    def touch(self, section: str) -> None:
        self._damage_sections.add(section)

    def touch_all(self) -> None:
        self._damage_full = True
        self._damage_sections.update(self.data)

    # --- writing the map ----------------------------------------------------------------------
    def _map_table(self) -> dict[str, Any]:
        chars, added = self._kind_chars()
        table: dict[str, Any] = {}
        for key, value in self.data["map"].items():
            if key == "width":
                table[key] = self.width
            elif key == "height":
                table[key] = self.height
            elif key == "rows":
                table[key] = self._rows_text(chars)
            elif key == "legend" and isinstance(value, dict):
                table[key] = {**value, **added}
            else:
                table[key] = copy.deepcopy(value)
        if added and "legend" not in table:
            table["legend"] = added
        return table

    def _rows_text(self, chars: list[str]) -> str:
        source = self._source_rows
        same_legend = source is not None and source[2] == self.data["map"].get("legend")
        if source is not None and same_legend and np.array_equal(source[0], self.terrain):
            return source[1]  # untouched: keep the file's own characters (legend aliases)
        codes = np.array([ord(c) for c in chars] + [0], dtype="<u4")
        grid = np.empty((self.height, self.width + 1), dtype="<u4")
        grid[:, :-1] = codes[self.terrain]
        grid[:, -1] = ord("\n")
        return grid.tobytes().decode("utf-32-le")

    def _kind_chars(self) -> tuple[list[str], dict[str, str]]:
        """The character written for each terrain kind, and legend entries that needs.

        A kind's own character, unless the legend gives that character to another
        kind; then a legend key naming the kind, else a new legend entry.
        """
        legend = {k: v for k, v in self.legend.items() if isinstance(v, str)}
        chars: list[str] = []
        added: dict[str, str] = {}
        used = set(self.catalog_chars()) | set(legend)
        for kind in self.catalog.terrain:
            if legend.get(kind.char, kind.id) == kind.id:
                chars.append(kind.char)
                continue
            alias = next((c for c, tid in legend.items() if tid == kind.id), None)
            if alias is None:
                alias = next(c for c in _SPARE_CHARS if c not in used)
                used.add(alias)
                added[alias] = kind.id
            chars.append(alias)
        return chars, added

    def catalog_chars(self) -> list[str]:
        return [k.char for k in self.catalog.terrain]


# --- reading the map --------------------------------------------------------------------------


def char_table(catalog: Catalog, legend: Any) -> dict[str, int]:
    """Map character -> terrain kind index: the rules' characters, then the legend's."""
    table = {k.char: k.index for k in catalog.terrain}
    by_id = {k.id: k.index for k in catalog.terrain}
    if isinstance(legend, dict):
        for char, terrain in legend.items():
            if isinstance(terrain, str) and terrain in by_id:
                table[char] = by_id[terrain]
    return table


def read_terrain(doc: Mapping[str, Any], catalog: Catalog) -> np.ndarray:
    """The terrain layer of a document's `[map]`; MapFormatError if it is unreadable."""
    table = doc.get("map")
    if not isinstance(table, dict):
        raise MapFormatError(["[map]: missing (or not a table)"])
    width, height, raw = table.get("width"), table.get("height"), table.get("rows")
    problems = []
    for name, value in (("width", width), ("height", height)):
        if type(value) is not int or not 1 <= value <= MAX_SIDE:
            problems.append(f"map.{name}: must be an integer 1..{MAX_SIDE}, not {value!r}")
    if not isinstance(raw, str):
        problems.append("map.rows: must be a string of map rows")
    if problems:
        raise MapFormatError(problems)
    rows = map_rows({"map": table})
    if len(rows) != height:
        problems.append(f"map.rows: the map has {len(rows)} rows, but height is {height}")
    lookup = char_table(catalog, table.get("legend"))
    terrain = np.zeros((height, width), np.uint8)
    for y, row in enumerate(rows[:height]):
        if len(row) != width:
            problems.append(f"map.rows: row {y} is {len(row)} wide, not {width}")
            continue
        try:
            terrain[y] = [lookup[c] for c in row]
        except KeyError:
            bad = next(c for c in row if c not in lookup)
            problems.append(
                f"map.rows: unknown terrain character {bad!r} at [{row.index(bad)}, {y}]"
            )
        if len(problems) >= 20:
            break
    if problems:
        raise MapFormatError(problems)
    return terrain


# --- helpers ----------------------------------------------------------------------------------


def _str_id(default, table: Any, n: int) -> str:
    if not isinstance(table, dict):
        return ""
    value = default(table, n)
    return value if isinstance(value, str) else ""


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _insert_key(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """`data` with `key` added after the last key that comes before it in TOP_LEVEL."""
    rank = TOP_LEVEL.index(key)
    keys = list(data)
    at = 0
    for i, existing in enumerate(keys):
        if existing in TOP_LEVEL and TOP_LEVEL.index(existing) < rank:
            at = i + 1
    items = list(data.items())
    items.insert(at, (key, value))
    return dict(items)


def as_pos(value: Any) -> tuple[int, int] | None:
    """`[x, y]` as a tuple, or None when it is not two integers."""
    if isinstance(value, list | tuple) and len(value) == 2 and all(type(v) is int for v in value):
        return int(value[0]), int(value[1])
    return None


def as_rect(value: Any) -> tuple[int, int, int, int] | None:
    if isinstance(value, list | tuple) and len(value) == 4 and all(type(v) is int for v in value):
        x0, y0, x1, y1 = (int(v) for v in value)
        return x0, y0, x1, y1
    return None


def iter_tables(doc: MapDocument, section: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for i, table in enumerate(doc.section(section)):
        if isinstance(table, dict):
            yield i, table
