"""Shared fixtures: the shipped rules catalog, and a quick Hypothesis profile."""

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
