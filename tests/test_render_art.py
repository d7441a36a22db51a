"""The art in assets/art: every id of the rules has a sprite, and the script that draws
the art reproduces the shipped files byte for byte."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from alma_tactics.render.snapshot import ensure_display  # noqa: E402
from alma_tactics.render.sprites import ART_DIR, Sprites  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OBJECT_KINDS = ("spotlight", "generator", "charge", "crate", "marker", "transport_wreck")
STATUS_NAMES = (
    "unaware",
    "suspicious",
    "alert",
    "overwatch",
    "bleeding",
    "hamstrung",
    "mounted",
    "emp",
    "stunned",
    "ghost",
    "heard",
)


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((ART_DIR / "manifest.json").read_text())


@pytest.fixture(scope="module")
def make_art():
    ensure_display()
    spec = importlib.util.spec_from_file_location(
        "make_art", ROOT / "assets" / "tools" / "make_art.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_art"] = module
    spec.loader.exec_module(module)
    return module


def test_every_rules_id_has_art(catalog, manifest) -> None:
    assert {k.id for k in catalog.terrain} <= set(manifest["terrain"])
    assert set(catalog.units) <= set(manifest["units"])
    assert set(OBJECT_KINDS) <= set(manifest["objects"])
    assert set(STATUS_NAMES) <= set(manifest["status"]["names"])
    for size in manifest["sizes"]:
        for group in ("terrain", "units", "objects", "effects"):
            for entry in manifest[group].values():
                assert (ART_DIR / str(size) / entry["file"]).exists(), entry["file"]


def test_sprites_load_for_every_id_at_every_zoom(catalog) -> None:
    ensure_display()
    sprites = Sprites()
    from alma_tactics.render.palette import SideStyle

    style = SideStyle((60, 140, 220), "round", 1)
    for px in (16, 24, 32, 48, 64):
        for kind in catalog.terrain:
            assert sprites.terrain(kind.id, px, mask=5, variant=1).get_size() == (px, px)
        for type_id, utype in catalog.units.items():
            for facing in range(8):
                span = utype.size * px
                assert sprites.unit(type_id, facing, px, style).get_size() == (span, span)
            assert sprites.ghost(type_id, 0, px).get_size() == (utype.size * px,) * 2
            assert sprites.infrared(type_id, 0, px).get_size() == (utype.size * px,) * 2
        for kind in OBJECT_KINDS:
            for state in sprites.object_states(kind):
                assert sprites.object(kind, px, state, 3).get_size() == (px, px)
        for name in STATUS_NAMES:
            assert sprites.status(name, px).get_width() == sprites.icon_px(px)


def test_facings_are_drawn_turned(catalog) -> None:
    import numpy as np

    ensure_display()
    sprites = Sprites()
    for type_id in ("sniper", "combat_mech", "soldier"):
        north = pygame.surfarray.array_alpha(sprites.figure(type_id, 0, 64)).T.astype(float)
        east = pygame.surfarray.array_alpha(sprites.figure(type_id, 2, 64)).T.astype(float)
        clockwise = np.rot90(north, -1)
        anticlockwise = np.rot90(north, 1)
        # facing east is facing north turned a quarter clockwise (grid.DIRECTIONS order)
        assert np.abs(east - clockwise).mean() < np.abs(east - anticlockwise).mean() * 0.5


@pytest.mark.parametrize(
    ("group", "item"),
    [("terrain", "wall"), ("terrain", "open"), ("units", "marine"), ("units", "brute")],
)
def test_the_art_script_reproduces_the_shipped_files(make_art, catalog, group, item) -> None:
    if group == "terrain":
        sheet = make_art.terrain_sheet(item)
    else:
        sheet = make_art.unit_sheet(item, catalog.units[item].size)
    for size in make_art.SIZES:
        shipped = (ART_DIR / str(size) / group / f"{item}.png").read_bytes()
        assert make_art.png_bytes(sheet.at(size)) == shipped
