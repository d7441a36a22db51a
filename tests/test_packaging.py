"""An installed wheel carries the game's data: every file the game reads under assets/
and scenarios/ is listed in pyproject.toml's data-files, and the game finds the
installed copy when it does not run from a checkout."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from alma_tactics import folders

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ("assets/tools/", "scenarios/tools/")


def _shipped() -> list[str]:
    """The data files the game may read at run time (not the tools that draw them)."""
    found = []
    for top in ("assets", "scenarios"):
        for path in (ROOT / top).rglob("*"):
            rel = path.relative_to(ROOT).as_posix()
            if path.is_file() and not rel.startswith(TOOLS) and "__pycache__" not in rel:
                found.append(rel)
    return sorted(found)


def test_every_game_data_file_is_in_the_wheels_data_files() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data_files = config["tool"]["setuptools"]["data-files"]
    missing = []
    for rel in _shipped():
        folder = rel.rsplit("/", 1)[0]
        globs = data_files.get(f"share/{folders.APP_NAME}/{folder}", [])
        if not any(fnmatch.fnmatch(rel, g) for g in globs):
            missing.append(rel)
    assert missing == [], "add these to [tool.setuptools.data-files]"
    assert len(_shipped()) > 100


def test_without_a_checkout_the_installed_data_is_used(tmp_path, monkeypatch) -> None:
    installed = tmp_path / "prefix" / "share" / folders.APP_NAME
    (installed / "assets" / "rules").mkdir(parents=True)
    (installed / "scenarios").mkdir()
    monkeypatch.setattr(folders, "CHECKOUT", tmp_path / "site-packages")
    monkeypatch.setattr(folders, "_install_roots", lambda: [tmp_path / "elsewhere", installed])
    assert folders.assets_dir() == installed / "assets"
    assert folders.scenarios_dir() == installed / "scenarios"


def test_a_checkout_uses_its_own_folders() -> None:
    assert folders.game_data_root() == ROOT
    assert (folders.assets_dir() / "rules" / "units.toml").is_file()
