"""Scenario files: TOML documents describing a map, its sides, units and objects."""

from .build import build_state
from .files import Scenario, builtin_scenarios, find_scenario, load_scenario

__all__ = ["Scenario", "build_state", "builtin_scenarios", "find_scenario", "load_scenario"]
