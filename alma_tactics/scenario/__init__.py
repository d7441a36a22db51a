"""Scenario files: TOML documents describing a map, its sides, units, objects and triggers.

The format is docs/scenario-format.md. `validate(path)` lists a file's problems
(each `FILE:LINE:COL: message`, with the offending `key`), `validate_document(doc)`
those of a document in memory, `load_scenario(path)` reads a valid file (or
raises `ScenarioError`), `save_scenario(scenario, path)` writes one back.
"""

from .build import build_state
from .checks import FORMAT_VERSION
from .files import (
    Scenario,
    builtin_scenarios,
    find_scenario,
    load_scenario,
    save_scenario,
    scenario_text,
    validate,
    validate_document,
)
from .problems import Problem, ScenarioError

__all__ = [
    "FORMAT_VERSION",
    "Problem",
    "Scenario",
    "ScenarioError",
    "build_state",
    "builtin_scenarios",
    "find_scenario",
    "load_scenario",
    "save_scenario",
    "scenario_text",
    "validate",
    "validate_document",
]
