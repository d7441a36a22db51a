"""Helpers shared by the UI tests (no tests here); the `dirs`, `new_app`, `app` and `battle`
fixtures built on them are in conftest.py.

Nothing here imports pygame at import time, so conftest.py can import this module in a
session without pygame too.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path


def use_temp_dirs(monkeypatch, tmp_path: Path) -> Path:
    """Point the app at config/ and data/ folders under `tmp_path` (created when written to),
    under SDL's dummy video driver; the `dirs` fixture and `open_battle` use this."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("ALMA_TACTICS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ALMA_TACTICS_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def shooter(prefix: str = "") -> Callable[..., None]:
    """A `shot(app, name)` for one test module: it saves the app's window as
    $ALMA_UI_SHOTS/<prefix><name>.png when ALMA_UI_SHOTS is set, and does nothing otherwise."""

    def shot(app, name: str) -> None:
        folder = os.environ.get("ALMA_UI_SHOTS")
        if folder:
            import pygame

            Path(folder).mkdir(parents=True, exist_ok=True)
            pygame.image.save(app.window, str(Path(folder) / f"{prefix}{name}.png"))

    return shot


def play_args(*argv: str) -> argparse.Namespace:
    """The command line `alma-tactics *argv`, parsed."""
    from alma_tactics.cli import build_parser

    return build_parser().parse_args(list(argv))


def field(editor, group: str, name: str):
    """The editor's widget `name` in the window or panel `group`; failing if there is none."""
    element = editor.widgets.field(group, name)
    assert element is not None, f"no {name!r} in {group}"
    return element


def open_editor(app, path=None):
    """Start the app on the map editor (`path`: a scenario file to open); the screen."""
    from alma_tactics.ui.driver import frames

    app.start(app.editor_screen(path))
    frames(app, 3)
    assert type(app.screen).__name__ == "EditorScreen"
    return app.screen
