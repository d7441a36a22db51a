"""Where the game keeps the user's files: settings, saves, editor autosaves.

Folders come from platformdirs; `ALMA_TACTICS_CONFIG_DIR` and `ALMA_TACTICS_DATA_DIR`
override them (tests point them at a temporary folder). Kept outside `ui` so that
headless parts (the editor model, the command line) need no display code.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "alma-tactics"


def config_dir() -> Path:
    override = os.environ.get("ALMA_TACTICS_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    override = os.environ.get("ALMA_TACTICS_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def saves_dir() -> Path:
    return data_dir() / "saves"
