"""The editor's map document: new, open, to_doc / from_doc, save -> load, problems.

`YARD` is a small scenario using every part of the format (a legend, squads, a
2x2 brute, a transport with a rider, id-less units and objects, a linked and a
self-powered lamp, areas, objectives, triggers naming all of them, a story);
the other test_editor_* modules import it, `yard()` and `snapshot()` from here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from alma_tactics.editor import MapDocument, MapFormatError, problems
from alma_tactics.scenario import (
    builtin_scenarios,
    load_scenario,
    save_scenario,
    scenario_text,
    validate,
)

YARD = '''\
[scenario]
title = "Editor yard"
author = "Tests"
description = "A small yard for the editor."
briefing = """
Take the hut.
"""
version = 1
ambient = "night"

[map]
width = 12
height = 8
rows = """
............
..####......
..#__#..s...
..#__+......
..####..TT..
........TT..
.,,,........
............
"""
[map.legend]
"s" = "rough"

[[side]]
id = "alliance"
name = "Alliance"
faction = "alliance"
controller = "human"
colour = "#3c8cdc"
deploy = [[0, 0, 1, 7]]

[[side]]
id = "calendrea"
faction = "calendrea"
controller = "ai"
difficulty = "hard"
alertness = "unaware"

[[squad]]
id = "alpha"
side = "alliance"
name = "Alpha"

[[unit]]
id = "davis"
type = "davis"
side = "alliance"
at = [0, 2]
facing = 2
squad = "alpha"
inventory = { emp = 3 }

[[unit]]
type = "marine"
side = "alliance"
at = [0, 4]
squad = "alpha"
ammo = { assault_rifle = 10 }

[[unit]]
id = "truck"
type = "truck"
side = "alliance"
at = [0, 0]

[[unit]]
type = "marine"
side = "alliance"
carried_by = "truck"

[[unit]]
id = "sentry"
type = "sentry"
side = "calendrea"
at = [7, 1]
name = "Old Rusk"
patrol = [[7, 1], [7, 6]]

[[unit]]
id = "brute"
type = "brute"
side = "calendrea"
at = [10, 5]

[[object]]
id = "gen"
kind = "generator"
at = [3, 2]
hp = 20

[[object]]
id = "lamp"
kind = "spotlight"
at = [6, 1]
radius = 4
direction = 0
cone = 90
generator = "gen"

[[object]]
kind = "spotlight"
at = [11, 0]
self_powered = true

[[object]]
kind = "crate"
at = [9, 7]
contents = { smoke = 2 }

[[object]]
id = "cp"
kind = "marker"
at = [4, 3]
label = "The hut"

[[area]]
id = "hut"
name = "The hut"
rect = [2, 1, 5, 4]

[[objective]]
id = "take_hut"
text = "Take the hut"
side = "alliance"

[[trigger]]
id = "taken"
when = [{ enters = { side = "alliance", area = "hut" } }]
then = [
  { message = "The hut is ours." },
  { objective = { id = "take_hut", status = "done" } },
  { victory = "alliance" },
]

[[trigger]]
when = [{ destroyed = "u2" }, { turn = 3 }]
then = [
  { reinforce = { side = "calendrea", units = [{ type = "soldier", at = [11, 7], id = "late" }] } },
]

[[trigger]]
when = [{ alarm = "calendrea" }]
then = [{ alertness = { side = "calendrea", level = "alert" } }]

[story]
losses = { alliance = 1, calendrea = 4 }
text = "In the story nobody saw them."
'''


def yard(tmp_path: Path | None = None) -> MapDocument:
    """The YARD document (written to `tmp_path`/yard.toml and opened, if given)."""
    if tmp_path is None:
        import tomllib

        return MapDocument.from_doc(tomllib.loads(YARD))
    path = tmp_path / "yard.toml"
    path.write_text(YARD, encoding="utf-8")
    return MapDocument.open(path)


def snapshot(doc: MapDocument) -> tuple[str, bytes, tuple[int, int]]:
    """Everything that must come back exactly: the file's text and the terrain layer."""
    return scenario_text(doc.to_doc()), doc.terrain.tobytes(), doc.terrain.shape


def test_the_yard_is_a_valid_scenario(tmp_path: Path) -> None:
    path = tmp_path / "yard.toml"
    path.write_text(YARD, encoding="utf-8")
    assert validate(path) == []
    assert problems(yard()) == []


@pytest.mark.parametrize("path", builtin_scenarios(), ids=lambda p: p.stem)
def test_open_to_doc_is_what_load_scenario_reads(path: Path) -> None:
    """open -> to_doc gives the loader's document, and the bytes save_scenario writes."""
    doc = MapDocument.open(path)
    loaded = load_scenario(path)
    assert doc.to_doc() == loaded.doc
    assert scenario_text(doc.to_doc()) == scenario_text(loaded.doc)
    assert problems(doc) == []


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    doc = yard(tmp_path)
    out = tmp_path / "saved.toml"
    doc.save(out)
    assert doc.path == out
    assert validate(out) == []
    again = MapDocument.open(out)
    assert again.to_doc() == doc.to_doc()
    assert np.array_equal(again.terrain, doc.terrain)
    assert load_scenario(out).doc == doc.to_doc()
    again.save(tmp_path / "twice.toml")
    assert (tmp_path / "twice.toml").read_bytes() == out.read_bytes()


def test_terrain_is_kind_indexes(catalog) -> None:
    doc = yard()
    assert doc.terrain.dtype == np.uint8
    assert doc.size == (12, 8)
    assert doc.kind_at(2, 1) == catalog.terrain_by_id("wall").index
    assert doc.kind_at(8, 2) == catalog.terrain_by_id("rough").index  # the legend's "s"
    assert doc.rows()[2] == "..#__#..s..."  # untouched: the file's own characters


def test_an_edited_map_writes_canonical_characters(catalog) -> None:
    doc = yard()
    doc.terrain[0, 0] = catalog.terrain_by_id("forest").index
    rows = doc.to_doc()["map"]["rows"].splitlines()
    assert rows[0] == "T..........."
    assert rows[2] == "..#__#..,..."  # rough is written with its own character now
    assert doc.to_doc()["map"]["legend"] == {"s": "rough"}


def test_a_legend_that_hides_a_terrain_character_gets_an_alias(tmp_path: Path, catalog) -> None:
    """A legend may give '.' to rough ground: open ground then needs another character."""
    doc = MapDocument.from_doc(
        {
            "scenario": {"title": "x", "description": "", "version": 1},
            "map": {"width": 3, "height": 1, "rows": ".,.\n", "legend": {".": "rough"}},
            "side": [{"id": "a", "faction": "alliance"}],
        }
    )
    rough = catalog.terrain_by_id("rough").index
    assert doc.terrain.tolist() == [[rough, rough, rough]]
    doc.terrain[0, 1] = catalog.terrain_by_id("open").index
    table = doc.to_doc()["map"]
    alias = [c for c, t in table["legend"].items() if t == "open"]
    assert len(alias) == 1 and table["rows"] == f",{alias[0]},\n"
    out = tmp_path / "alias.toml"
    doc.save(out)
    assert validate(out) == []
    assert np.array_equal(MapDocument.open(out).terrain, doc.terrain)


def test_new_document(catalog) -> None:
    doc = MapDocument.new(20, 10, "night", "Raid")
    assert doc.size == (20, 10)
    assert (doc.terrain == 0).all()
    data = doc.to_doc()
    assert data["scenario"]["title"] == "Raid"
    assert data["scenario"]["ambient"] == "night"
    assert [s["id"] for s in data["side"]] == ["alliance", "calendrea"]
    assert problems(doc) == []
    with pytest.raises(ValueError):
        MapDocument.new(0, 10)


def test_a_map_that_cannot_be_read_is_refused(tmp_path: Path) -> None:
    bad = YARD.replace("..#__+......", "..#__+..X...")
    path = tmp_path / "bad.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(MapFormatError) as caught:
        MapDocument.open(path)
    assert "unknown terrain character 'X' at [8, 3]" in str(caught.value)
    path.write_text(YARD.replace("width = 12", "width = 13"), encoding="utf-8")
    with pytest.raises(MapFormatError, match="row 0 is 12 wide"):
        MapDocument.open(path)
    path.write_text("[scenario\n", encoding="utf-8")
    with pytest.raises(MapFormatError, match="TOML syntax error"):
        MapDocument.open(path)


def test_a_file_with_other_problems_opens_and_saves(tmp_path: Path) -> None:
    """Problems besides the map's are kept, listed, and saved as they are."""
    broken = YARD.replace('type = "brute"', 'type = "brut"').replace('area = "hut"', 'area = "hat"')
    path = tmp_path / "broken.toml"
    path.write_text(broken, encoding="utf-8")
    doc = MapDocument.open(path)
    found = problems(doc)
    keys = [p.key for p in found]
    assert "unit[5].type" in keys
    assert "trigger[0].when[0].enters.area" in keys
    doc.save(tmp_path / "out.toml")
    assert [p.message for p in validate(tmp_path / "out.toml")] == [p.message for p in found]


def test_problems_point_at_tiles(catalog) -> None:
    doc = yard()
    wall = catalog.terrain_by_id("wall").index
    doc.terrain[4, 0] = wall  # under the id-less marine at [0, 4]
    doc.data["unit"][4]["patrol"][1] = [2, 1]  # a waypoint on the wall
    doc.data["area"][0]["rect"] = [2, 1, 15, 4]  # off the map's right edge
    doc.data["unit"][3]["carried_by"] = "nobody"  # a rider: its tile is unknown
    found = {p.key: p for p in problems(doc)}
    assert found["unit[1].at"].tile == (0, 4)
    assert found["unit[1].at"].section == "unit" and found["unit[1].at"].index == 1
    assert found["unit[4].patrol[1]"].tile == (2, 1)
    assert found["area[0].rect"].tile == (2, 1)
    assert found["unit[3].carried_by"].tile is None
    assert all(p.line >= 1 and p.col >= 1 for p in found.values())
    assert found["unit[1].at"].text == "marine cannot stand on wall ('#') at [0, 4]"
    assert str(found["unit[1].at"]) == "unit[1].at: " + found["unit[1].at"].text


def test_problems_of_a_snapshot_for_a_worker_thread(catalog) -> None:
    """The check reads only a to_doc() snapshot, so the document may change meanwhile."""
    import threading

    from alma_tactics.editor import check_snapshot

    doc = yard()
    doc.data["unit"][0]["at"] = [2, 1]
    snap = doc.to_doc()
    result: list = []
    worker = threading.Thread(target=lambda: result.extend(check_snapshot(snap, catalog)))
    worker.start()
    doc.data["unit"][0]["at"] = [0, 2]  # edited meanwhile
    worker.join()
    assert [(p.key, p.tile) for p in result] == [("unit[0].at", (2, 1))]
    assert problems(doc) == []


def test_ids_and_defaults() -> None:
    doc = yard()
    assert doc.unit_ids() == ["davis", "u2", "truck", "u4", "sentry", "brute"]
    assert doc.object_ids() == ["gen", "lamp", "o3", "o4", "cp"]
    assert doc.trigger_ids() == ["taken", "t2", "t3"]
    assert "late" in doc.thing_ids()  # a reinforcement's id is taken too
    assert doc.new_id("unit", "u") == "u1"
    assert doc.new_id("unit", "sentry") == "sentry1"
    assert doc.index_of("unit", "u4") == 3
    assert doc.get("unit", "nobody") is None
    with pytest.raises(KeyError):
        doc.find("area", "nowhere")


def test_take_changes_reports_what_to_redraw() -> None:
    from alma_tactics.editor import History, painting

    doc = yard()
    doc.take_changes()
    history = History(doc)
    history.do(painting.brush(doc, 5, 5, "forest", size=3))
    changes = doc.take_changes()
    assert changes.rect == (4, 4, 6, 6)
    assert "terrain" in changes.sections and not changes.full
    assert not doc.take_changes()


def test_saving_is_atomic_and_uses_the_scenario_writer(tmp_path: Path) -> None:
    doc = yard()
    out = tmp_path / "a.toml"
    doc.save(out)
    assert out.read_text(encoding="utf-8") == scenario_text(doc.to_doc())
    save_scenario(doc.to_doc(), tmp_path / "b.toml")
    assert (tmp_path / "b.toml").read_bytes() == out.read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))


PROGRAM = (
    "import sys; "
    "import alma_tactics.editor; "
    "from alma_tactics.editor import painting, regions, things, sides, script; "
    "assert 'pygame' not in sys.modules, sorted(m for m in sys.modules if 'pygame' in m)"
)


def test_the_editor_imports_without_pygame() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_pygame_probe_can_fail() -> None:
    program = PROGRAM.replace("import sys; ", "import sys; sys.modules['pygame'] = sys; ")
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode != 0
