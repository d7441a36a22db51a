"""Where the game's files are: its own data (rules, art, sounds, scenarios) and the
user's (settings, saves, editor autosaves).

The game's data sits beside the package in a checkout (`assets/`, `scenarios/`); an
installed wheel puts the same folders under `<prefix>/share/alma-tactics/` (see
pyproject.toml's data-files). The user's folders come from platformdirs;
`ALMA_TACTICS_CONFIG_DIR` and `ALMA_TACTICS_DATA_DIR` override them (tests point them
at a temporary folder). Kept outside `ui` so that headless parts (the editor model,
the command line) need no display code.
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

import platformdirs

APP_NAME = "alma-tactics"
CHECKOUT = Path(__file__).resolve().parents[1]  # the repository, when run from one


def game_data_root() -> Path:
    """The folder holding `assets/` and `scenarios/`: the checkout's, else an install's."""
    if (CHECKOUT / "assets" / "rules").is_dir():
        return CHECKOUT
    for root in _install_roots():
        if (root / "assets" / "rules").is_dir():
            return root
    return CHECKOUT  # nothing found: errors then name the checkout's missing folder


def _install_roots() -> list[Path]:
    """Where an installed wheel's data-files land: the environment's prefix, the user's."""
    roots = [Path(sysconfig.get_path("data")) / "share" / APP_NAME]
    user = sysconfig.get_preferred_scheme("user")
    roots.append(Path(sysconfig.get_path("data", user)) / "share" / APP_NAME)
    return roots


def assets_dir() -> Path:
    return game_data_root() / "assets"


def scenarios_dir() -> Path:
    return game_data_root() / "scenarios"


def config_dir() -> Path:
    override = os.environ.get("ALMA_TACTICS_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    override = os.environ.get("ALMA_TACTICS_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def saves_dir() -> Path:
    return data_dir() / "saves"
