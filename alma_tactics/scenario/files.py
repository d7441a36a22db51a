"""Finding, checking, reading and writing scenario files (built-in ones live in `scenarios/`).

- `validate(path)` lists every problem of a file as `Problem`s (`FILE:LINE:COL:
  message`), in reading order, and never raises for a bad file;
- `load_scenario(path)` gives a `Scenario`, or raises `ScenarioError` with those
  problems;
- `save_scenario(scenario, path)` writes the document back (atomically); loading
  what it wrote gives the same document, and saving that again the same bytes.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import RulesError, TomlSource, dotted, load_catalog
from ..core.catalog import Catalog
from ..core.state import GameState
from ..folders import scenarios_dir
from .build import build_state, object_id, unit_id
from .checks import Checked, check_document
from .problems import Problem, ScenarioError
from .writer import dumps, write_text_atomic

SCENARIO_DIR = scenarios_dir()
DEFAULT_COLOURS = {"alliance": "#3c8cdc", "calendrea": "#c8503c"}
OTHER_COLOURS = ("#50b45a", "#d2aa3c", "#a064c8", "#3cb4b4")
_TOML_SCALARS = (str, int, float, bool, datetime.date, datetime.time)  # datetime is a date


@dataclass
class Scenario:
    """A checked scenario file: its document, and what screens show of it."""

    path: Path
    doc: dict

    # --- the scenario list and the briefing -------------------------------------------------
    @property
    def name(self) -> str:
        return self.path.stem.replace("_", "-")

    @property
    def meta(self) -> dict[str, Any]:
        return self.doc.get("scenario", {})

    @property
    def title(self) -> str:
        return self.meta.get("title", self.name)

    @property
    def author(self) -> str:
        return self.meta.get("author", "")

    @property
    def description(self) -> str:
        return self.meta.get("description", "")

    @property
    def briefing(self) -> str:
        return self.meta.get("briefing", "")

    @property
    def version(self) -> int:
        return self.meta.get("version", 1)

    @property
    def ambient(self) -> str:
        return self.meta.get("ambient", "day")

    @property
    def width(self) -> int:
        return self.doc["map"]["width"]

    @property
    def height(self) -> int:
        return self.doc["map"]["height"]

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) in tiles."""
        return self.width, self.height

    # --- the forces, the goals, the story -----------------------------------------------------
    @property
    def sides(self) -> list[dict[str, Any]]:
        """Each side with every default filled in: id, name, faction, controller,
        difficulty, colour, alertness, alarm, team, deploy (rectangles)."""
        sides = []
        given = {s["colour"].lower() for s in self.doc.get("side", []) if s.get("colour")}
        for s in self.doc.get("side", []):
            colour = s.get("colour")
            if not colour:  # the faction's colour for its first side, then others
                colour = DEFAULT_COLOURS.get(s["faction"], "")
                if not colour or colour in given:
                    free = [c for c in OTHER_COLOURS if c not in given]
                    colour = free[0] if free else OTHER_COLOURS[len(sides) % len(OTHER_COLOURS)]
                given.add(colour)
            sides.append(
                {
                    "id": s["id"],
                    "name": s.get("name", s["id"]),
                    "faction": s["faction"],
                    "controller": s.get("controller", "human"),
                    "difficulty": s.get("difficulty", "normal"),
                    "colour": colour,
                    "alertness": s.get("alertness", "alert"),
                    "alarm": s.get("alarm", False),
                    "team": s.get("team") or s["faction"],
                    "deploy": [list(r) for r in s.get("deploy", [])],
                }
            )
        return sides

    def side(self, side_id: str) -> dict[str, Any]:
        for s in self.sides:
            if s["id"] == side_id:
                return s
        raise KeyError(side_id)

    @property
    def colours(self) -> dict[str, str]:
        """Side id -> "#rrggbb"."""
        return {s["id"]: s["colour"] for s in self.sides}

    @property
    def objectives(self) -> list[dict[str, Any]]:
        """id, text, kind ("primary" | "secondary") and side of each objective."""
        return [
            {"id": o["id"], "text": o["text"], "kind": o.get("kind", "primary"), "side": o["side"]}
            for o in self.doc.get("objective", [])
        ]

    def objectives_for(self, side_id: str) -> list[dict[str, Any]]:
        return [o for o in self.objectives if o["side"] == side_id]

    @property
    def areas(self) -> dict[str, dict[str, Any]]:
        """Area id -> {"name", "rect"}."""
        return {
            a["id"]: {"name": a.get("name", a["id"]), "rect": list(a["rect"])}
            for a in self.doc.get("area", [])
        }

    @property
    def squads(self) -> dict[str, dict[str, Any]]:
        """Squad id -> {"name", "side", "units": [unit ids in file order]}."""
        squads = {
            q["id"]: {"name": q.get("name", q["id"]), "side": q["side"], "units": []}
            for q in self.doc.get("squad", [])
        }
        for n, u in enumerate(self.doc.get("unit", []), start=1):
            if u.get("squad") in squads:
                squads[u["squad"]]["units"].append(unit_id(u, n))
        return squads

    @property
    def unit_names(self) -> dict[str, str]:
        """Unit id -> the name the file gives it (heroes, named sentries)."""
        return {
            unit_id(u, n): u["name"]
            for n, u in enumerate(self.doc.get("unit", []), start=1)
            if u.get("name")
        }

    @property
    def object_labels(self) -> dict[str, str]:
        """Object id -> its `label` (objective markers, crates)."""
        return {
            object_id(o, n): o["label"]
            for n, o in enumerate(self.doc.get("object", []), start=1)
            if o.get("label")
        }

    @property
    def story(self) -> dict[str, Any]:
        """The story's own numbers for the after-action report (`[story]`), or {}."""
        return copy.deepcopy(self.doc.get("story", {}))

    @property
    def unit_count(self) -> dict[str, int]:
        """Side id -> units it starts with (riders in transports included)."""
        counts = {s["id"]: 0 for s in self.doc.get("side", [])}
        for u in self.doc.get("unit", []):
            counts[u["side"]] = counts.get(u["side"], 0) + 1
        return counts

    # --- playing it ----------------------------------------------------------------------------
    def new_state(self, seed: int = 0, catalog: Catalog | None = None) -> GameState:
        return build_state(catalog or load_catalog(), self.doc, seed)


# --- checking and loading --------------------------------------------------------------------


def _problems_of(error: RulesError, path: Path) -> list[Problem]:
    return [Problem.parse(text, path) for text in error.problems]


def _check(path: Path, catalog: Catalog | None) -> tuple[TomlSource | None, Checked]:
    """Parse and check `path`: (its source when it parsed, what the check found)."""
    try:
        src = TomlSource.read(path)
    except RulesError as exc:  # unreadable, not UTF-8, or a TOML syntax error
        return None, Checked(_problems_of(exc, path))
    except RecursionError:  # absurdly deep nesting: tomllib recurses
        return None, Checked([Problem(str(path), 1, 1, "TOML syntax error: nested too deeply")])
    return src, _check_source(src, catalog)


def _check_source(src: TomlSource, catalog: Catalog | None) -> Checked:
    """`check_document`, with the rules loaded if need be, never raising."""
    if catalog is None:
        try:
            catalog = load_catalog()
        except RulesError as exc:  # the rules files themselves are broken
            return Checked(_problems_of(exc, src.path))
    try:
        return check_document(src, catalog)
    except Exception as exc:  # pragma: no cover - a bug in a check must not be a traceback
        message = f"internal error while checking ({type(exc).__name__}: {exc}); please report it"
        return Checked([Problem(str(src.path), 1, 1, message)])


def validate(path: str | Path, catalog: Catalog | None = None) -> list[Problem]:
    """Every problem of the scenario file at `path`, in reading order ([] if none)."""
    return _check(Path(path), catalog)[1].problems


def validate_document(
    doc: Mapping[str, Any], *, name: str = "<scenario>", catalog: Catalog | None = None
) -> list[Problem]:
    """Every problem of a scenario document held in memory (say, the editor's), in order.

    It is exactly what `validate` says of the file `save_scenario(doc, name)`
    would write: line and column are in that text (`scenario_text(doc)`), not in
    any file the document was once read from; `name` only labels the problems.
    A value TOML cannot hold (None, an object, a key that is not a string) is a
    problem at 1:1 naming its key. Never raises for a bad document.
    """
    try:
        text = dumps(doc)
    except (TypeError, ValueError, AttributeError) as exc:  # tomli_w refuses a value
        return list(_unwritable(doc, name)) or [
            Problem(name, 1, 1, f"the document cannot be written as TOML: {exc}")
        ]
    try:
        src = TomlSource.parse(text, Path(name))
    except RulesError as exc:  # pragma: no cover - the writer always writes valid TOML
        return [Problem.parse(p, name) for p in exc.problems]
    return _check_source(src, catalog).problems


def _unwritable(node: Any, name: str, parts: tuple[str | int, ...] = ()) -> Iterator[Problem]:
    """A problem for each value under `node` that TOML cannot hold (None, objects...)."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if isinstance(key, str):
                yield from _unwritable(value, name, (*parts, key))
            else:
                yield _at_key(name, parts, f"key {key!r} is not a string")
    elif isinstance(node, list | tuple):
        for i, value in enumerate(node):
            yield from _unwritable(value, name, (*parts, i))
    elif not isinstance(node, _TOML_SCALARS):
        what = "None" if node is None else f"a value of type {type(node).__name__}"
        yield _at_key(name, parts, f"{what} cannot be written in TOML")


def _at_key(name: str, parts: tuple[str | int, ...], message: str) -> Problem:
    """A problem about the key at `parts`, with no text to place it in (so at 1:1)."""
    key = dotted(parts)
    return Problem(name, 1, 1, f"{key}: {message}" if key else message, key)


def load_scenario(path: str | Path, catalog: Catalog | None = None) -> Scenario:
    """The scenario at `path`; raises `ScenarioError` listing every problem if invalid.

    The document is kept as TOML gives it, except that `[map] rows` is put in
    its normal form ("row\\nrow\\n...\\n", no blank lines), which is what
    `save_scenario` writes.
    """
    path = Path(path)
    src, checked = _check(path, catalog)
    if checked.problems or src is None:
        raise ScenarioError(checked.problems)
    doc = src.data
    if checked.rows is not None:
        doc["map"]["rows"] = checked.rows
    return Scenario(path, doc)


def scenario_text(scenario: Scenario | dict) -> str:
    """The TOML text `save_scenario` writes."""
    doc = scenario.doc if isinstance(scenario, Scenario) else scenario
    return dumps(doc)


def save_scenario(scenario: Scenario | dict, path: str | Path) -> Path:
    """Write a scenario (or a bare document) to `path`, atomically. Returns the path."""
    path = Path(path)
    write_text_atomic(path, scenario_text(scenario))
    return path


# --- the built-in ones ------------------------------------------------------------------------


def builtin_scenarios() -> list[Path]:
    return sorted(SCENARIO_DIR.glob("*.toml"))


def find_scenario(name_or_path: str) -> Path:
    """A built-in scenario by name (`outpost-raid`) or a path to a file."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        return path
    candidate = SCENARIO_DIR / (name_or_path.replace("-", "_") + ".toml")
    if candidate.exists():
        return candidate
    raise FileNotFoundError(f"no scenario named {name_or_path!r} (try `alma-tactics list`)")
