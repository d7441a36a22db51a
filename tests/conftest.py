"""Shared fixtures: the shipped rules catalog, a quick Hypothesis profile, and the UI tests'
temporary folders, app and battle (helpers for those are in ui_support.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# every UI test runs headless, whichever test module pygame is first imported by
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest
from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))  # so tests can `import maps`

import ui_support  # noqa: E402

from alma_tactics.core.catalog import Catalog  # noqa: E402

settings.register_profile(
    "alma",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("alma")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    import maps

    return maps.catalog()


# --- the UI tests ---------------------------------------------------------------------------------
# (each UI test module skips itself without pygame and pygame_gui, so these import them lazily)


@pytest.fixture
def dirs(tmp_path, monkeypatch) -> Path:
    """`tmp_path`, with the app's config/ and data/ folders under it and SDL's dummy driver."""
    return ui_support.use_temp_dirs(monkeypatch, tmp_path)


@pytest.fixture
def new_app(dirs):
    """A real App on the temporary folders, not started yet (no screen); closed afterwards."""
    from alma_tactics.ui.app import App

    app = App()
    yield app
    app.close()


@pytest.fixture
def app(new_app):
    """A real App started on the main menu, one frame run. A module that wants the app not
    started yet overrides this with `new_app`."""
    from alma_tactics.ui.driver import frames

    new_app.start()
    frames(new_app)
    return new_app


@pytest.fixture
def battle(monkeypatch, tmp_path):
    """(app, screen): a real App showing the night-yard BattleScreen, the alliance human
    (see `open_battle` in test_ui_battle_support.py); closed afterwards."""
    from test_ui_battle_support import open_battle

    app, screen = open_battle(monkeypatch, tmp_path)
    yield app, screen
    app.close()
