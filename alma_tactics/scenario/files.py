"""Finding and reading scenario files (built-in ones live in `scenarios/`)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..content import load_catalog
from ..core.catalog import Catalog
from ..core.state import GameState
from .build import build_state

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"


@dataclass
class Scenario:
    path: Path
    doc: dict

    @property
    def name(self) -> str:
        return self.path.stem.replace("_", "-")

    @property
    def title(self) -> str:
        return self.doc.get("scenario", {}).get("title", self.name)

    @property
    def description(self) -> str:
        return self.doc.get("scenario", {}).get("description", "")

    def new_state(self, seed: int = 0, catalog: Catalog | None = None) -> GameState:
        return build_state(catalog or load_catalog(), self.doc, seed)


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    with path.open("rb") as f:
        return Scenario(path, tomllib.load(f))


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
