"""Scenario files: loading, the Scenario a screen reads, building a state, saving.

`BASE` is a small scenario using every part of the format; the other
test_scenario_* modules import it (and `write`) from here and break it on purpose.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from alma_tactics.core import actions as act
from alma_tactics.match import Match
from alma_tactics.scenario import (
    Problem,
    Scenario,
    ScenarioError,
    builtin_scenarios,
    find_scenario,
    load_scenario,
    save_scenario,
    scenario_text,
    validate,
)

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
NIGHT_YARD = SCENARIOS / "night_yard.toml"

BASE = '''\
# A small yard that uses every part of the format.
[scenario]
title = "Test yard"
author = "Tests"
description = "A small yard for tests."
briefing = """
Take the hut.
Quietly, "if you can"."""
version = 1
ambient = "night"

[map]
width = 10
height = 6
rows = """
..........
..####....
..#__#..s.
..#__+....
..####....
..........
"""
[map.legend]
"s" = "rough"

[[side]]
id = "alliance"
name = "Alliance"
faction = "alliance"
controller = "human"
colour = "#3c8cdc"
deploy = [[0, 0, 1, 5]]

[[side]]
id = "calendrea"
name = "Calendrea"
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
at = [0, 0]
carried_by = "truck"

[[unit]]
id = "sentry"
type = "sentry"
side = "calendrea"
at = [7, 1]
name = "Old Rusk"
patrol = [[7, 1], [7, 4]]

[[unit]]
id = "brute"
type = "brute"
side = "calendrea"
at = [8, 4]

[[object]]
id = "gen"
kind = "generator"
at = [3, 2]
hp = 20

[[object]]
id = "lamp"
kind = "spotlight"
at = [2, 1]
radius = 4
direction = 0
cone = 90
generator = "gen"

[[object]]
kind = "spotlight"
at = [9, 0]
self_powered = true

[[object]]
id = "hut_marker"
kind = "marker"
at = [4, 3]
label = "The hut"

[[area]]
id = "hut"
name = "The hut"
rect = [3, 2, 4, 3]

[[objective]]
id = "take_hut"
text = "Take the hut"
kind = "primary"
side = "alliance"

[[objective]]
id = "no_alarm"
text = "Do not raise the alarm"
kind = "secondary"
side = "alliance"

[[trigger]]
id = "hut_taken"
when = [{ enters = { side = "alliance", area = "hut" } }]
then = [
  { message = "The hut is ours." },
  { objective = { id = "take_hut", status = "done" } },
  { victory = "alliance" },
]

[[trigger]]
when = [{ turn = 3 }]
then = [
  { message = "Dawn." },
  { reinforce = { side = "calendrea", units = [{ type = "soldier", at = [9, 5] }] } },
]

[story]
losses = { alliance = 0, calendrea = 2 }
text = "In the story nobody died."
'''


def write(tmp_path: Path, text: str = BASE, name: str = "test.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def replaced(old: str, new: str, text: str = BASE) -> str:
    """`text` with its only `old` replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} is not unique in the test scenario"
    return text.replace(old, new)


# --- loading ------------------------------------------------------------------------------------


def test_the_base_scenario_and_every_shipped_one_is_valid(tmp_path: Path) -> None:
    assert validate(write(tmp_path)) == []
    shipped = builtin_scenarios()
    assert NIGHT_YARD in shipped
    for path in shipped:
        assert validate(path) == [], path


def test_scenario_exposes_what_the_screens_show(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path))
    assert scenario.name == "test"
    assert scenario.title == "Test yard"
    assert scenario.author == "Tests"
    assert scenario.description == "A small yard for tests."
    assert scenario.briefing == 'Take the hut.\nQuietly, "if you can".'
    assert scenario.version == 1 and scenario.ambient == "night"
    assert scenario.size == (10, 6)
    alliance, calendrea = scenario.sides
    assert alliance["colour"] == "#3c8cdc" and alliance["deploy"] == [[0, 0, 1, 5]]
    assert calendrea["colour"].startswith("#") and calendrea["difficulty"] == "hard"
    assert calendrea["team"] == "calendrea" and calendrea["alertness"] == "unaware"
    assert scenario.colours["alliance"] == "#3c8cdc"
    assert [o["id"] for o in scenario.objectives] == ["take_hut", "no_alarm"]
    assert [o["kind"] for o in scenario.objectives_for("alliance")] == ["primary", "secondary"]
    assert scenario.areas == {"hut": {"name": "The hut", "rect": [3, 2, 4, 3]}}
    assert scenario.squads == {
        "alpha": {"name": "Alpha", "side": "alliance", "units": ["davis", "u2"]}
    }
    assert scenario.unit_names == {"sentry": "Old Rusk"}
    assert scenario.object_labels == {"hut_marker": "The hut"}
    assert scenario.story == {
        "losses": {"alliance": 0, "calendrea": 2},
        "text": "In the story nobody died.",
    }
    assert scenario.unit_count == {"alliance": 4, "calendrea": 2}


def test_load_raises_with_every_problem(tmp_path: Path) -> None:
    text = replaced('type = "brute"', 'type = "brut"')
    text = replaced('ambient = "night"', 'ambient = "noon"', text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write(tmp_path, text))
    problems = caught.value.problems
    assert len(problems) == 2 and all(isinstance(p, Problem) for p in problems)
    assert str(caught.value) == "\n".join(str(p) for p in problems)


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    (problem,) = validate(tmp_path / "nowhere.toml")
    assert (problem.line, problem.col) == (1, 1) and "cannot read" in problem.message


def test_find_scenario_by_name_or_path() -> None:
    assert find_scenario("night-yard") == NIGHT_YARD
    assert find_scenario(str(NIGHT_YARD)) == NIGHT_YARD
    with pytest.raises(FileNotFoundError):
        find_scenario("no-such-battle")


# --- building -------------------------------------------------------------------------------------


def test_build_state_from_the_base_scenario(tmp_path: Path) -> None:
    state = load_scenario(write(tmp_path)).new_state(seed=3)
    assert (state.grid.width, state.grid.height) == (10, 6)
    assert state.grid.terrain_at((8, 2)).id == "rough"  # from the legend
    assert state.ambient == "night"
    assert list(state.units) == ["davis", "u2", "truck", "u4", "sentry", "brute"]
    assert state.units["davis"].inventory["emp"] == 3
    assert state.units["davis"].name == "Scott Davis"  # a hero keeps the type's name
    assert state.units["u2"].ammo["assault_rifle"] == 10
    assert state.units["u4"].carried_by == "truck" and state.units["u4"].pos == (0, 0)
    assert not state.units["u4"].on_map
    assert state.units["sentry"].name == "Old Rusk"
    assert state.units["sentry"].alertness == "unaware"  # the side's default
    assert state.units["sentry"].patrol == [[7, 1], [7, 4]]
    assert state.units["davis"].alertness == "alert"
    assert state.side("calendrea").controller == "ai"
    assert state.side("calendrea").difficulty == "hard"
    assert list(state.objects) == ["gen", "lamp", "o3", "hut_marker"]
    assert state.objects["lamp"].props == {
        "radius": 4,
        "direction": 0,
        "cone": 90,
        "generator": "gen",
    }
    assert state.objects["o3"].props == {"self_powered": True}
    assert state.objects["gen"].hp == 20
    assert state.areas == {"hut": [3, 2, 4, 3]}
    assert [o["status"] for o in state.objectives] == ["open", "open"]
    assert [t["id"] for t in state.triggers] == ["hut_taken", "t2"]
    assert all(t["fired"] is False and t["once"] is True for t in state.triggers)
    clone = state.clone()  # everything the scenario put in the state serialises
    assert clone.state_hash() == state.state_hash()


def test_triggers_in_the_state_are_copies(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path))
    state = scenario.new_state()
    state.triggers[0]["then"].append({"message": "changed"})
    assert len(scenario.doc["trigger"][0]["then"]) == 3


def test_night_yard_builds_and_a_match_on_it_plays() -> None:
    scenario = load_scenario(NIGHT_YARD)
    assert scenario.title == "Night yard" and scenario.size == (24, 14)
    match = Match(scenario.new_state(seed=5), seed=5)
    state = match.state
    lamp = state.objects["lamp_west"]
    assert lamp.props["generator"] == "generator"
    davis = state.units["davis"]
    match.submit(act.Move(unit="davis", path=((davis.x + 1, davis.y),)))
    assert match.state.units["davis"].pos == (2, 6)
    for side in ("alliance", "calendrea"):
        match.submit(act.EndTurn(side=side))
    assert match.state.turn == 2
    assert match.rebuild(match.log).state_hash() == match.state.state_hash()


# --- saving ---------------------------------------------------------------------------------------


def round_trip(path: Path, out: Path) -> tuple[Scenario, Scenario, bytes]:
    first = load_scenario(path)
    save_scenario(first, out)
    written = out.read_bytes()
    second = load_scenario(out)
    return first, second, written


@pytest.mark.parametrize("name", ["base", *[p.stem for p in builtin_scenarios()]])
def test_load_save_load_gives_the_same_doc_and_save_is_stable(tmp_path: Path, name: str) -> None:
    source = write(tmp_path) if name == "base" else SCENARIOS / f"{name}.toml"
    out = tmp_path / "saved.toml"
    first, second, written = round_trip(source, out)
    assert second.doc == first.doc
    save_scenario(second, out)
    assert out.read_bytes() == written  # saving a saved file changes nothing
    assert second.new_state(1).state_hash() == first.new_state(1).state_hash()


def test_saved_map_rows_are_a_readable_block(tmp_path: Path) -> None:
    out = tmp_path / "saved.toml"
    save_scenario(load_scenario(write(tmp_path)), out)
    text = out.read_text()
    block = (
        'rows = """\n..........\n..####....\n..#__#..s.\n..#__+....\n..####....\n..........\n"""\n'
    )
    assert block in text
    assert 'briefing = """\nTake the hut.\nQuietly, "if you can"."""' in text
    assert "at = [0, 2]" in text and "patrol = [[7, 1], [7, 4]]" in text
    assert tomllib.loads(text) == load_scenario(out).doc


def test_rows_are_normalised_once(tmp_path: Path) -> None:
    """A blank line or CRLF ends inside the map are formatting, not map rows."""
    text = replaced("..####....\n..........\n", "..####....\n\n..........\n")
    path = write(tmp_path, text.replace("\n", "\r\n"))
    scenario = load_scenario(path)
    assert (
        scenario.doc["map"]["rows"]
        == load_scenario(write(tmp_path, name="b.toml")).doc["map"]["rows"]
    )
    _, _, written = round_trip(path, tmp_path / "saved.toml")
    assert b"\r" not in written and b"\n\n.........." not in written


def test_awkward_strings_survive_a_save(tmp_path: Path) -> None:
    text = replaced(
        'text = "In the story nobody died."',
        'text = """Quotes: \\"\\"\\" and a backslash \\\\ and a tab\\t.\nEnds with a quote\\""""',
    )
    first, second, written = round_trip(write(tmp_path, text), tmp_path / "saved.toml")
    assert second.doc == first.doc
    assert first.story["text"].endswith('quote"')


def test_save_is_atomic_and_keeps_the_file_mode(tmp_path: Path) -> None:
    out = tmp_path / "saved.toml"
    out.write_text("old")
    os.chmod(out, 0o640)
    save_scenario(load_scenario(write(tmp_path)), out)
    assert out.stat().st_mode & 0o777 == 0o640
    # no temporary file is left behind
    assert {p.name for p in tmp_path.iterdir()} == {"test.toml", "saved.toml"}


def test_a_failed_save_leaves_the_old_file_alone(tmp_path: Path) -> None:
    out = tmp_path / "saved.toml"
    out.write_text("old")
    scenario = load_scenario(write(tmp_path))
    scenario.doc["scenario"]["bad"] = object()  # not TOML
    with pytest.raises(TypeError):
        save_scenario(scenario, out)
    assert out.read_text() == "old"
    assert {p.name for p in tmp_path.iterdir()} == {"test.toml", "saved.toml"}


def test_scenario_text_is_what_save_writes(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path))
    out = save_scenario(scenario, tmp_path / "saved.toml")
    assert out.read_text(encoding="utf-8") == scenario_text(scenario)


def test_the_benchmarks_synthetic_scenario_is_valid(tmp_path: Path) -> None:
    import importlib.util

    bench = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_scenario.py"
    spec = importlib.util.spec_from_file_location("bench_scenario", bench)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for size in ((40, 30, 20), (128, 96, 150)):
        path = save_scenario(module.synthetic_doc(*size), tmp_path / "synthetic.toml")
        assert validate(path) == []
