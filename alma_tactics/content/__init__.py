"""Unit, weapon and terrain types loaded from `assets/rules/*.toml`.

`load_catalog()` is the one entry point the game uses; `RulesError`,
`TomlSource` and `locate` are shared with the scenario loader so every data
file reports problems the same way (`FILE:LINE:COL: message`).
"""

from __future__ import annotations

from .loader import ASSETS_ENV, RULE_FILES, default_rules_dir, load_catalog
from .toml_source import RulesError, TomlSource, dotted, locate

__all__ = [
    "ASSETS_ENV",
    "RULE_FILES",
    "RulesError",
    "TomlSource",
    "default_rules_dir",
    "dotted",
    "load_catalog",
    "locate",
]
