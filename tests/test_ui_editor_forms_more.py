"""The map editor's Squads form, the Sides form's computer player hints and the Story form,
driven with real clicks and typing (SDL's dummy video driver): each change is one
undoable step, the live problem list stays empty, and the saved file validates and loads.

Screenshots go to $ALMA_UI_SHOTS (if set) as editor-more-*.png.
"""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from ui_support import field, open_editor, shooter  # noqa: E402

from alma_tactics.editor import script, sides  # noqa: E402
from alma_tactics.scenario import load_scenario, validate, validate_document  # noqa: E402
from alma_tactics.ui.editor_driver import (  # noqa: E402
    choose,
    click,
    click_tile,
    drag_tiles,
    frames,
    pick,
    press,
    type_into,
)

CTRL = pygame.KMOD_CTRL
shot = shooter("editor-more-")


@pytest.fixture
def app(new_app):
    return new_app  # not started: each test opens the editor


def place(app, editor, type_name: str, side: str, at) -> str:
    """Place a unit with the Unit tool; its id."""
    press(app, pygame.K_u)
    choose(app, field(editor, "props", "place_type"), type_name)
    choose(app, field(editor, "props", "place_side"), side)
    click_tile(app, *at)
    assert editor.selected is not None and editor.selected[0] == "unit"
    return editor.selected[1]


def draw_area(app, editor, rect, area_id: str) -> None:
    press(app, pygame.K_a)
    drag_tiles(app, rect[:2], rect[2:])
    type_into(app, field(editor, "props", "id"), area_id)


def no_problems(editor) -> None:
    assert editor.current_problems(sync=True) == []
    assert validate_document(editor.session.doc.to_doc()) == []


def test_squads_are_added_renamed_given_a_side_and_deleted_in_their_form(app, dirs):
    editor = open_editor(app)
    doc = editor.session.doc
    guard = place(app, editor, "Calendrea soldier", "calendrea", (20, 10))
    first = place(app, editor, "Marine", "alliance", (4, 4))
    second = place(app, editor, "Marine", "alliance", (5, 4))
    press(app, pygame.K_ESCAPE)
    # a squad, named, in the form (of the side units are being placed for)
    click(app, editor.top_buttons["Squads"])
    click(app, field(editor, "squads", "Add squad"))
    assert doc.squads == [{"id": "squad1", "side": "alliance"}]
    type_into(app, field(editor, "squads", "id"), "alpha", enter=False)
    type_into(app, field(editor, "squads", "name"), "Alpha team", enter=False)
    click(app, field(editor, "squads", "Apply"))
    assert doc.squads == [{"id": "alpha", "side": "alliance", "name": "Alpha team"}]
    assert editor.session.history.undo_label == "Change squad squad1"  # one step
    press(app, pygame.K_ESCAPE)
    # its units join in their own panel
    press(app, pygame.K_s)
    for unit in (first, second):
        click_tile(app, *doc.get("unit", unit)["at"])
        assert editor.selected == ("unit", unit)
        choose(app, field(editor, "props", "squad"), "alpha")
    assert [u.get("squad") for u in doc.units] == [None, "alpha", "alpha"]
    press(app, pygame.K_ESCAPE)
    # a rename follows into the units; the form lists them
    click(app, editor.top_buttons["Squads"])
    type_into(app, field(editor, "squads", "id"), "bravo", enter=False)
    click(app, field(editor, "squads", "Apply"))
    assert doc.ids("squad") == ["bravo"]
    assert [u.get("squad") for u in doc.units] == [None, "bravo", "bravo"]
    no_problems(editor)
    shot(app, "squads")
    # a second squad, of the other side; the guard joins it
    click(app, field(editor, "squads", "Add squad"))
    assert doc.squads[-1] == {"id": "squad1", "side": "alliance"}
    choose(app, field(editor, "squads", "side"), "calendrea")
    type_into(app, field(editor, "squads", "name"), "Gate watch", enter=False)
    click(app, field(editor, "squads", "Apply"))
    assert doc.squads[-1] == {"id": "squad1", "side": "calendrea", "name": "Gate watch"}
    # a taken id is refused
    type_into(app, field(editor, "squads", "id"), "bravo", enter=False)
    click(app, field(editor, "squads", "Apply"))
    assert doc.ids("squad") == ["bravo", "squad1"]
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_s)
    click_tile(app, 20, 10)
    assert editor.selected == ("unit", guard)
    choose(app, field(editor, "props", "squad"), "squad1")
    assert doc.get("unit", guard)["squad"] == "squad1"
    press(app, pygame.K_ESCAPE)
    # deleting bravo frees its units; undo brings it and them back
    click(app, editor.top_buttons["Squads"])
    pick(app, field(editor, "squads", "list"), "bravo")
    before = doc.to_doc()
    click(app, field(editor, "squads", "Delete"))
    assert doc.ids("squad") == ["squad1"]
    assert [u.get("squad") for u in doc.units] == ["squad1", None, None]
    assert "squad" not in doc.get("unit", first)
    no_problems(editor)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_z, mod=CTRL)
    assert doc.to_doc() == before
    path = dirs / "squads.toml"
    doc.save(path)
    assert validate(path) == []
    assert load_scenario(path).squads["bravo"]["units"] == [first, second]


def test_the_sides_form_edits_a_computer_players_hints(app, dirs):
    editor = open_editor(app)
    doc = editor.session.doc
    for rect, area_id in (
        ((2, 2, 8, 8), "base"),
        ((12, 2, 16, 6), "mast"),
        ((12, 12, 16, 16), "pad"),
        ((22, 10, 28, 16), "camp"),
    ):
        draw_area(app, editor, rect, area_id)
    click(app, editor.top_buttons["Sides"])
    # people play the alliance: a note instead of the hints
    assert editor.widgets.field("sides", "base") is None
    pick(app, field(editor, "sides", "list"), "calendrea")
    choose(app, field(editor, "sides", "base"), "base")
    choose(app, field(editor, "sides", "attack"), "camp")
    defend = field(editor, "sides", "defend")
    pick(app, defend, "pad")
    pick(app, defend, "mast")
    type_into(app, field(editor, "sides", "keep"), "4", enter=False)
    type_into(app, field(editor, "sides", "wait_turns"), "2", enter=False)
    type_into(app, field(editor, "sides", "name"), "Garrison", enter=False)
    before = doc.to_doc()
    click(app, field(editor, "sides", "Apply"))
    side = doc.get("side", "calendrea")
    assert side["name"] == "Garrison"
    assert side["ai"] == {
        "base": "base",
        "defend": ["mast", "pad"],  # ticked ones in the areas' order
        "keep": 4,
        "attack": "camp",
        "wait_turns": 2,
    }
    assert editor.session.history.undo_label == "Change side calendrea"  # one step
    no_problems(editor)
    shot(app, "sides-hints")
    path = dirs / "hints.toml"
    doc.save(path)
    assert validate(path) == []
    loaded = load_scenario(path)
    assert next(s for s in loaded.doc["side"] if s["id"] == "calendrea")["ai"] == side["ai"]
    # an empty field drops its key; an unticked area leaves the list
    type_into(app, field(editor, "sides", "keep"), "", enter=False)
    pick(app, field(editor, "sides", "defend"), "pad")
    choose(app, field(editor, "sides", "attack"), "(none)")
    click(app, field(editor, "sides", "Apply"))
    assert doc.get("side", "calendrea")["ai"] == {
        "base": "base",
        "defend": ["mast"],
        "wait_turns": 2,
    }
    # every hint gone: no `ai` at all
    choose(app, field(editor, "sides", "base"), "(none)")
    pick(app, field(editor, "sides", "defend"), "mast")
    type_into(app, field(editor, "sides", "wait_turns"), "", enter=False)
    click(app, field(editor, "sides", "Apply"))
    assert "ai" not in doc.get("side", "calendrea")
    # a word for a number is refused, nothing changes
    type_into(app, field(editor, "sides", "keep"), "-", enter=False)
    revision = doc.revision
    click(app, field(editor, "sides", "Apply"))
    assert doc.revision == revision and editor.message[0].startswith("Keep")
    press(app, pygame.K_ESCAPE)
    for _ in range(3):
        press(app, pygame.K_z, mod=CTRL)
    assert doc.to_doc() == before
    # the alliance handed to the computer gets hints too
    click(app, editor.top_buttons["Sides"])
    pick(app, field(editor, "sides", "list"), "alliance")
    choose(app, field(editor, "sides", "controller"), "computer (ai)")
    click(app, field(editor, "sides", "Apply"))
    choose(app, field(editor, "sides", "attack"), "mast")
    click(app, field(editor, "sides", "Apply"))
    assert doc.get("side", "alliance")["ai"] == {"attack": "mast"}
    # renaming an area (in the Areas form) renames the hints naming it
    press(app, pygame.K_ESCAPE)
    click(app, editor.top_buttons["Areas"])
    pick(app, field(editor, "areas", "list"), "mast")
    type_into(app, field(editor, "areas", "id"), "radio_mast", enter=False)
    click(app, field(editor, "areas", "Apply"))
    assert doc.get("side", "alliance")["ai"] == {"attack": "radio_mast"}
    no_problems(editor)


def test_the_story_form_sets_text_turns_and_losses_and_keeps_the_rest(app, dirs):
    editor = open_editor(app)
    doc = editor.session.doc
    editor.do(sides.update_side(doc, "alliance", id="raiders"))  # "alliance": the faction
    click(app, editor.top_buttons["Map"])
    click(app, field(editor, "map", "Story"))
    click(app, field(editor, "story", "text"), n=2)
    for ch in "They held.":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    frames(app, 2)
    type_into(app, field(editor, "story", "turns"), "12", enter=False)
    type_into(app, field(editor, "story", "loss:raiders"), "3", enter=False)
    type_into(app, field(editor, "story", "loss:calendrea"), "infantry=9, mechs=1", enter=False)
    click(app, field(editor, "story", "Apply"))
    assert doc.story == {
        "losses": {"raiders": 3, "calendrea": {"infantry": 9, "mechs": 1}},
        "text": "They held.",
        "turns": 12,
    }
    assert editor.session.history.undo_label == "Story"  # one step
    no_problems(editor)
    shot(app, "story")
    # a faction's count and a key the form does not know, put there by hand: kept
    editor.do(script.set_losses(doc, {"alliance": 1}))
    editor.do(script.set_story(doc, mood="grim"))
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    click(app, editor.top_buttons["Map"])
    click(app, field(editor, "map", "Story"))
    assert field(editor, "story", "loss:alliance").get_text() == "1"  # a row for the faction
    assert field(editor, "story", "loss:calendrea").get_text() == "infantry=9, mechs=1"
    type_into(app, field(editor, "story", "turns"), "14", enter=False)
    type_into(app, field(editor, "story", "loss:raiders"), "5", enter=False)
    click(app, field(editor, "story", "Apply"))
    assert doc.story == {
        "losses": {"raiders": 5, "calendrea": {"infantry": 9, "mechs": 1}, "alliance": 1},
        "text": "They held.",
        "mood": "grim",
        "turns": 14,
    }
    # a bad count is refused
    type_into(app, field(editor, "story", "loss:raiders"), "lots", enter=False)
    revision = doc.revision
    click(app, field(editor, "story", "Apply"))
    assert doc.revision == revision and "raiders" in editor.message[0]
    # emptying every field removes the story; undo brings it back
    editor.do(script.set_story(doc, mood=None))
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    click(app, editor.top_buttons["Map"])
    click(app, field(editor, "map", "Story"))
    for name in ("turns", "loss:raiders", "loss:calendrea", "loss:alliance"):
        type_into(app, field(editor, "story", name), "", enter=False)
    click(app, field(editor, "story", "text"), n=2)
    press(app, pygame.K_a, mod=CTRL)
    press(app, pygame.K_BACKSPACE)
    click(app, field(editor, "story", "Apply"))
    assert "story" not in doc.data
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_z, mod=CTRL)
    assert doc.story["turns"] == 14 and doc.story["losses"]["alliance"] == 1
    no_problems(editor)
    path = dirs / "story.toml"
    doc.save(path)
    assert validate(path) == []
    assert load_scenario(path).story == doc.story


def test_a_problem_with_a_squad_opens_the_squads_form(app, dirs):
    """Clicking a problem in the list opens the form where it is mended."""
    editor = open_editor(app)
    doc = editor.session.doc
    click(app, editor.top_buttons["Squads"])
    click(app, field(editor, "squads", "Add squad"))
    press(app, pygame.K_ESCAPE)
    doc.squads[0]["side"] = "nobody"  # as a hand-edited file might have it
    doc.revision += 1
    found = editor.current_problems(sync=True)
    n = next(i for i, p in enumerate(found) if p.section == "squad")
    assert editor.widgets.field("squads", "list") is None
    editor.jump_to_problem(f"{n + 1}. {found[n].message}")
    frames(app, 2)
    assert editor.widgets.field("squads", "list") is not None


def test_an_open_form_shows_the_document_again_after_undo_and_redo(app, dirs):
    """Ctrl+Z with the Squads form open: its fields show the undone document, so an
    Apply cannot write the old values back; Ctrl+Y shows the change again."""
    editor = open_editor(app)
    doc = editor.session.doc
    click(app, editor.top_buttons["Squads"])
    click(app, field(editor, "squads", "Add squad"))
    type_into(app, field(editor, "squads", "name"), "Gate watch", enter=False)
    click(app, field(editor, "squads", "Apply"))
    assert doc.squads[0].get("name") == "Gate watch"
    assert field(editor, "squads", "name").get_text() == "Gate watch"
    editor.undo()  # what Ctrl+Z does
    frames(app, 2)
    assert doc.squads[0].get("name") is None
    assert field(editor, "squads", "name").get_text() == ""
    editor.redo()
    frames(app, 2)
    assert field(editor, "squads", "name").get_text() == "Gate watch"


def test_with_symmetry_on_a_placed_unit_gets_its_mirror_image_for_the_other_side(app, dirs):
    """H (horizontal symmetry) and one click with the Unit tool: a Marine for the
    Alliance and its mirror image for the Calendrea, facing the other way; one undo
    takes both back."""
    editor = open_editor(app)
    doc = editor.session.doc
    sides = doc.ids("side")
    assert len(sides) == 2
    press(app, pygame.K_h)  # horizontal symmetry
    first = place(app, editor, "Marine", sides[0], (3, 4))
    units = doc.units
    assert len(units) == 2 and units[0]["id"] == first
    image = units[1]
    assert image["side"] == sides[1] and image["type"] == "marine"
    assert image["at"] == [doc.width - 1 - 3, 4]
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_z, mod=CTRL)
    assert doc.units == []
