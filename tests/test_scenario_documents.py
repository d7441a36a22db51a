"""Checking a document held in memory (`validate_document`), and `Problem.key`, the key a
problem is about, which tools read instead of parsing the message."""

from __future__ import annotations

import copy
import pickle
import tomllib
from pathlib import Path

import pytest
from test_scenario_checks import check, where
from test_scenario_files import BASE, replaced

from alma_tactics.scenario import (
    Problem,
    ScenarioError,
    save_scenario,
    scenario_text,
    validate,
    validate_document,
)


def base_doc() -> dict:
    return tomllib.loads(BASE)


# --- validate_document ---------------------------------------------------------------------------


def test_a_valid_document_has_no_problems(catalog) -> None:
    assert validate_document(base_doc(), catalog=catalog) == []


def test_a_broken_document_names_the_key_placed_in_the_text_it_would_write(catalog) -> None:
    doc = base_doc()
    doc["unit"][5]["type"] = "brut"
    doc["trigger"][0]["when"][0]["enters"]["area"] = "hat"
    found = validate_document(doc, name="yard.toml", catalog=catalog)
    assert [p.key for p in found] == ["unit[5].type", "trigger[0].when[0].enters.area"]
    assert found[0].message == "unit[5].type: unknown unit type 'brut' (did you mean 'brute'?)"
    text = scenario_text(doc)
    assert (found[0].line, found[0].col) == where(text, 'type = "brut"')
    assert (found[1].line, found[1].col) == where(text, 'area = "hat"')
    assert str(found[0]) == f"yard.toml:{found[0].line}:{found[0].col}: {found[0].message}"


def test_it_says_what_validate_says_of_the_saved_file(tmp_path: Path, catalog) -> None:
    doc = base_doc()
    doc["unit"][0]["at"] = [3, 1]  # on a wall
    doc["map"]["rows"] = doc["map"]["rows"].replace("s", "?")
    del doc["side"][1]["faction"]
    path = save_scenario(doc, tmp_path / "broken.toml")
    found = validate_document(doc, name=str(path), catalog=catalog)
    assert len(found) == 3
    assert found == validate(path, catalog)


def test_the_document_is_left_as_it_was(catalog) -> None:
    doc = base_doc()
    doc["unit"][1]["at"] = (0, 4)  # a tuple, as code may build it: written as an array
    before = copy.deepcopy(doc)
    assert validate_document(doc, catalog=catalog) == []
    assert doc == before


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        (
            lambda d: d["unit"][0].update(at=[1, None]),
            "unit[0].at[1]",
            "unit[0].at[1]: None cannot be written in TOML",
        ),
        (
            lambda d: d["scenario"].update(title=object()),
            "scenario.title",
            "scenario.title: a value of type object cannot be written in TOML",
        ),
        (lambda d: d["map"].update({3: "x"}), "map", "map: key 3 is not a string"),
    ],
)
def test_a_value_toml_cannot_hold_is_a_problem_not_a_traceback(
    catalog, change, key: str, message: str
) -> None:
    doc = base_doc()
    change(doc)
    assert validate_document(doc, name="m", catalog=catalog) == [Problem("m", 1, 1, message, key)]


# --- Problem.key ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('type = "brute"', 'type = "brut"', "unit[5].type"),
        ('name = "Old Rusk"', 'nmae = "Old Rusk"', "unit[4].nmae"),
        ("patrol = [[7, 1], [7, 4]]", "patrol = [[7, 1], [7, 40]]", "unit[4].patrol[1]"),
        ('side = "alliance"\nat = [0, 4]', "at = [0, 4]", "unit[1]"),  # no side
        ("..#__#..s.", "..#__#..?.", "map.rows"),
        ('area = "hut" } }]', 'area = "hat" } }]', "trigger[0].when[0].enters.area"),
        ("losses = { alliance = 0,", "losses = { alliance = -1,", "story.losses.alliance"),
        ("[scenario]", "[scenery]", ""),  # the missing [scenario] is about the whole file
        ("version = 1", "version = 1 1", ""),  # a syntax error
    ],
)
def test_problem_key_names_the_key_the_message_starts_with(
    tmp_path: Path, old: str, new: str, key: str
) -> None:
    found = check(tmp_path, replaced(old, new))
    assert key in [p.key for p in found], "\n".join(f"{p.key!r} {p}" for p in found)
    for problem in found:
        if problem.key:
            assert problem.message.startswith(problem.key + ": ")
        assert str(problem) == f"{problem.path}:{problem.line}:{problem.col}: {problem.message}"


def test_a_problem_keeps_its_key_across_a_process_boundary() -> None:
    error = ScenarioError([Problem("a.toml", 3, 1, "unit[0].at: off the map", "unit[0].at")])
    assert pickle.loads(pickle.dumps(error)).problems[0].key == "unit[0].at"
