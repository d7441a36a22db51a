"""Every check of a scenario document, each problem placed at FILE:LINE:COL.

`check_document` walks the whole document once and collects every problem it
finds (keys, types, ranges, the map's characters and size, references between
sides, units, objects, areas, objectives and triggers, where units stand) rather
than stopping at the first, so an author fixes a file in one pass. The contract
is docs/scenario-format.md; keep the two in step.

The checks themselves live by what they check: map_checks, side_checks,
thing_checks (objects and units), script_checks (areas, objectives, triggers,
story), on the shared `checker.Checker`; the format's keys are in schema. This
module runs them in the order their references need.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content import TomlSource
from ..content.schema import suggestion
from ..core.catalog import Catalog
from .checker import Checker
from .map_checks import check_map
from .problems import Problem
from .schema import AMBIENTS, CONDITIONS, EFFECTS, FORMAT_VERSION, SCENARIO_KEYS, TOP_LEVEL
from .script_checks import check_areas, check_objectives, check_story, check_triggers
from .side_checks import check_side_hints, check_sides, check_squads
from .thing_checks import check_objects, check_units

__all__ = ["CONDITIONS", "EFFECTS", "FORMAT_VERSION", "Checked", "check_document"]


@dataclass
class Checked:
    """What a check learnt that loading needs: the map rows in their normal form."""

    problems: list[Problem]
    rows: str | None = None  # "row\nrow\n...\n" when the rows could be read


def check_document(src: TomlSource, catalog: Catalog) -> Checked:
    """Every problem of a parsed scenario file, in reading order."""
    checker = Checker(src, catalog)
    for key in checker.doc:
        if key not in TOP_LEVEL:
            checker.problem((), (key,), f"unknown table '{key}'{suggestion(key, TOP_LEVEL)}")
    _check_scenario(checker)
    check_map(checker)  # first: the rest is placed on it
    check_sides(checker)
    check_squads(checker)
    check_areas(checker)
    check_side_hints(checker)  # names areas
    check_objects(checker)
    check_units(checker)  # after objects: they share ids, and some block tiles
    check_objectives(checker)
    check_triggers(checker)  # names all of the above
    check_story(checker)
    problems = sorted(checker.problems, key=lambda p: (p.line, p.col))
    return Checked(problems, checker.normal_rows)


def _check_scenario(c: Checker) -> None:
    table = c.table("scenario", required=True)
    if table is None:
        return
    values = c.fields(("scenario",), table, SCENARIO_KEYS)
    version = values.get("version")
    if version is not None:
        if version > FORMAT_VERSION:
            c.problem(
                ("scenario",),
                ("version",),
                f"version {version} is newer than this game reads ({FORMAT_VERSION}): "
                "update alma-tactics",
            )
        elif version < 1:
            c.problem(("scenario",), ("version",), "must be at least 1")
    if "ambient" in values:
        c.choice(("scenario",), ("ambient",), values["ambient"], AMBIENTS)
