"""The editor model's squads, side computer-player hints and story numbers: each edit undoes
and redoes exactly; renaming a squad renames its units' `squad`, deleting one frees them;
hints round-trip through save and load and validate (an empty hint drops its key, an
empty table drops `ai`, renaming an area renames the hints naming it); story edits keep
the losses they do not touch, counts by kind and unknown keys included."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_editor_document import snapshot, yard

from alma_tactics.editor import History, MapDocument, problems
from alma_tactics.editor import script as X
from alma_tactics.editor import sides as S
from alma_tactics.editor import things as T
from alma_tactics.scenario import load_scenario, validate, validate_document


def with_areas(doc: MapDocument) -> MapDocument:
    """The yard with two more areas for the hints to name."""
    for area_id, rect in (("gate", (8, 0, 11, 2)), ("field", (6, 5, 11, 7))):
        History(doc).do(X.add_area(doc, rect, area_id=area_id))
    return doc


EDITS = {
    # squads
    "add squad": lambda d: T.add_squad(d, "calendrea", name="Watch", squad_id="watch"),
    "rename squad": lambda d: T.update_squad(d, "alpha", id="bravo"),
    "name squad": lambda d: T.update_squad(d, "alpha", name="Alpha team"),
    "unname squad": lambda d: T.update_squad(d, "alpha", name=None),
    "squad side": lambda d: T.update_squad(d, "alpha", side="calendrea"),
    "delete squad": lambda d: T.remove_squad(d, "alpha"),
    # hints
    "first hints": lambda d: S.set_ai_hints(d, "calendrea", base="hut", defend=["gate"], keep=2),
    "change hints": lambda d: S.set_ai_hints(d, "alliance", attack="field", wait_turns=None),
    "drop every hint": lambda d: S.set_ai_hints(d, "alliance", attack=None, wait_turns=None),
    "rename a hinted area": lambda d: X.update_area(d, "gate", id="east_gate"),
    # story
    "story turns": lambda d: X.set_story(d, turns=12),
    "a count": lambda d: X.set_losses(d, {"alliance": 3}),
    "counts by kind": lambda d: X.set_losses(d, {"calendrea": {"infantry": 3, "mechs": 1}}),
    "drop a count": lambda d: X.set_losses(d, {"alliance": None}),
    "drop every count": lambda d: X.set_losses(d, {"alliance": None, "calendrea": None}),
}


def hinted_yard() -> MapDocument:
    doc = with_areas(yard())
    side = doc.index_of("side", "alliance")
    History(doc).do(S.set_ai_hints(doc, side, attack="gate", wait_turns=2))
    return doc


@pytest.mark.parametrize("name", list(EDITS))
def test_every_edit_undoes_and_redoes_exactly(name: str) -> None:
    doc = hinted_yard()
    original, original_doc = snapshot(doc), doc.to_doc()
    history = History(doc)
    edit = EDITS[name](doc)
    assert edit is not None, "the edit should change something"
    assert history.do(edit)
    done, done_doc = snapshot(doc), doc.to_doc()
    assert done != original
    assert history.undo()
    assert snapshot(doc) == original and doc.to_doc() == original_doc
    assert history.redo()
    assert snapshot(doc) == done and doc.to_doc() == done_doc
    assert history.undo_label


# --- squads -----------------------------------------------------------------------------------


def test_renaming_a_squad_renames_its_units_squad() -> None:
    doc = yard()
    History(doc).do(T.update_squad(doc, "alpha", id="bravo", name="Bravo"))
    assert doc.squads == [{"id": "bravo", "side": "alliance", "name": "Bravo"}]
    assert [u.get("squad") for u in doc.units] == ["bravo", "bravo", None, None, None, None]
    assert problems(doc) == []


def test_deleting_a_squad_frees_its_units() -> None:
    doc = yard()
    History(doc).do(T.remove_squad(doc, "alpha"))
    assert doc.squads == [] and all("squad" not in u for u in doc.units)
    assert "squad" not in doc.to_doc() and problems(doc) == []


def test_a_squad_of_the_other_side_is_a_problem_until_its_units_follow() -> None:
    doc = yard()
    history = History(doc)
    history.do(T.update_squad(doc, "alpha", side="calendrea"))
    assert any(p.section == "unit" and "squad" in p.message for p in problems(doc))
    history.undo()
    assert problems(doc) == []


# --- the computer player's hints --------------------------------------------------------------


def test_hints_round_trip_through_save_and_load_and_validate(tmp_path: Path) -> None:
    doc = with_areas(yard())
    history = History(doc)
    hints = {"base": "hut", "defend": ["gate", "field"], "keep": 3, "attack": "gate"}
    history.do(S.set_ai_hints(doc, "calendrea", **hints, wait_turns=0))
    assert S.ai_hints(doc, "calendrea") == {**hints, "wait_turns": 0}
    assert list(doc.find("side", "calendrea"))[-1] == "ai"
    assert validate_document(doc.to_doc()) == [] and problems(doc) == []
    path = doc.save(tmp_path / "hinted.toml")
    assert 'ai = { base = "hut", defend = ["gate", "field"], keep = 3' in path.read_text()
    assert validate(path) == []
    scenario = load_scenario(path)
    loaded = next(s for s in scenario.doc["side"] if s["id"] == "calendrea")
    assert loaded["ai"] == {**hints, "wait_turns": 0}
    reopened = MapDocument.open(path)
    assert snapshot(reopened) == snapshot(doc)


def test_an_empty_hint_drops_its_key_and_an_empty_table_drops_ai() -> None:
    doc = with_areas(yard())
    history = History(doc)
    history.do(S.set_ai_hints(doc, "calendrea", base="hut", defend=["gate"], keep=4))
    history.do(S.set_ai_hints(doc, "calendrea", defend=[], keep=None))
    assert doc.find("side", "calendrea")["ai"] == {"base": "hut"}
    assert S.set_ai_hints(doc, "calendrea", base="hut", keep=None) is None  # nothing changes
    history.do(S.set_ai_hints(doc, "calendrea", base=None))
    assert "ai" not in doc.find("side", "calendrea")
    assert S.set_ai_hints(doc, "calendrea", base=None, defend=[]) is None
    assert S.ai_hints(doc, "calendrea") == {}


def test_hints_the_editor_does_not_know_are_kept() -> None:
    doc = with_areas(yard())
    history = History(doc)
    history.do(S.update_side(doc, "calendrea", ai={"keep": 2, "mood": "grim"}))
    history.do(S.set_ai_hints(doc, "calendrea", keep=None, base="hut"))
    assert doc.find("side", "calendrea")["ai"] == {"mood": "grim", "base": "hut"}
    assert any("mood" in p.message for p in problems(doc))  # reported, not destroyed


def test_bad_hints_are_reported_by_the_problem_list() -> None:
    doc = with_areas(yard())
    History(doc).do(S.set_ai_hints(doc, "calendrea", base="hut", defend=["hut"], keep=-1))
    messages = [p.message for p in problems(doc)]
    assert any("base itself" in m for m in messages) and any("count" in m for m in messages)


def test_renaming_or_removing_an_area_follows_the_hints() -> None:
    doc = with_areas(yard())
    history = History(doc)
    history.do(S.set_ai_hints(doc, "calendrea", base="hut", defend=["gate", "field"]))
    history.do(S.set_ai_hints(doc, "alliance", attack="gate"))
    history.do(X.update_area(doc, "gate", id="east_gate"))
    assert S.ai_hints(doc, "calendrea")["defend"] == ["east_gate", "field"]
    assert S.ai_hints(doc, "alliance") == {"attack": "east_gate"}
    assert problems(doc) == []
    history.do(X.remove_area(doc, "field"))
    assert any("field" in p.message for p in problems(doc))  # left for the problem list


# --- the story --------------------------------------------------------------------------------


def test_story_edits_keep_counts_by_kind_and_unknown_keys() -> None:
    doc = yard()
    history = History(doc)
    history.do(X.set_losses(doc, {"calendrea": {"infantry": 3, "mechs": 1}}))
    history.do(X.set_story(doc, mood="grim"))  # not the format's: kept, and reported
    history.do(X.set_losses(doc, {"alliance": 2}))
    history.do(X.set_story(doc, text="Changed.", turns=9))
    assert doc.story == {
        "losses": {"alliance": 2, "calendrea": {"infantry": 3, "mechs": 1}},
        "text": "Changed.",
        "mood": "grim",
        "turns": 9,
    }
    history.do(X.set_losses(doc, {"alliance": None}))
    assert doc.story["losses"] == {"calendrea": {"infantry": 3, "mechs": 1}}
    history.do(X.set_story(doc, mood=None))
    assert problems(doc) == []


def test_losses_keep_their_order_and_new_ones_go_last() -> None:
    doc = yard()
    history = History(doc)
    history.do(X.set_losses(doc, {"calendrea": 7, "alliance": 5}))
    assert list(doc.story["losses"].items()) == [("alliance", 5), ("calendrea", 7)]
    history.do(S.add_side(doc, "calendrea", side_id="militia"))
    history.do(X.set_losses(doc, {"militia": 1}))
    assert list(doc.story["losses"]) == ["alliance", "calendrea", "militia"]
    assert X.set_losses(doc, {"militia": 1}) is None


def test_an_emptied_story_is_removed_and_a_new_one_is_made(tmp_path: Path) -> None:
    doc = yard()
    history = History(doc)
    history.do(X.set_losses(doc, {"alliance": None, "calendrea": None}))
    history.do(X.set_story(doc, text=None))
    assert "story" not in doc.data and "story" not in doc.to_doc()
    history.do(X.set_story(doc, turns=14))
    history.do(X.set_losses(doc, {"calendrea": {"infantry": 12}}))
    assert doc.story == {"losses": {"calendrea": {"infantry": 12}}, "turns": 14}
    path = doc.save(tmp_path / "story.toml")
    assert validate(path) == []
    assert load_scenario(path).story == doc.story
