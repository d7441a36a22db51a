"""The map editor screen driven with real mouse and key events (SDL's dummy video driver).

The issue's walk-through: paint a wall with the rectangle tool, place a sentry and its
route, add a spotlight linked to a generator, set a trigger, save, validate the file
with `alma-tactics validate`, load it back, play-test it for a turn and come back; then
undo and redo, the dirty marker and the warning before closing unsaved work, autosave
and recovery after a crash, the live problem list, symmetry, copy and paste between
maps, resizing, the light preview, and the forms.

Screenshots go to $ALMA_UI_SHOTS (if set) as editor-*.png.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from ui_support import field as button  # noqa: E402
from ui_support import open_editor, shooter  # noqa: E402

from alma_tactics.editor import painting  # noqa: E402
from alma_tactics.scenario import validate  # noqa: E402
from alma_tactics.ui import editor_files  # noqa: E402
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
shot = shooter("editor-")


@pytest.fixture
def app(new_app):
    return new_app  # not started: each test opens its first screen


def windows(editor) -> list[str]:
    return [group for group, window in editor.widgets.windows.items() if window.alive()]


def tool(app, editor, name: str) -> None:
    click(app, editor.tool_buttons[name])
    assert editor.tool == name


def terrain(app, editor, terrain_id: str) -> None:
    click(app, editor.terrain_buttons[app.catalog.terrain_by_id(terrain_id).index])


def play_a_turn(app, battle) -> None:
    """End the human side's turn and let the computer play until it is the human's again."""
    start = battle.state.turn
    press(app, pygame.K_RETURN, n=3)
    if battle.modal is not None:  # "units still have AP": end anyway
        press(app, pygame.K_RETURN, n=3)
    for _ in range(3000):
        state = battle.state
        if state.winner or (state.turn > start and state.active_side.id in battle.human_sides):
            return
        frames(app, 1)
    raise AssertionError("the computer's turn did not end")


# --- opening the editor -------------------------------------------------------------------------


def test_the_main_menu_and_the_edit_command_open_the_editor(app, dirs):
    from alma_tactics.ui.app import first_screen

    app.start()
    frames(app)
    click(app, app.screen.buttons["Map editor"])
    assert type(app.screen).__name__ == "EditorScreen"
    assert app.screen.session.doc.size == (32, 20) and not app.screen.session.dirty
    shot(app, "new-map")
    target = dirs / "fresh.toml"
    args = argparse.Namespace(command="edit", editor=True, file=str(target))
    screen = first_screen(app, args, None)
    assert type(screen).__name__ == "EditorScreen"
    app.switch(screen)
    frames(app)
    assert screen.session.path == target  # `edit NEW.toml`: a new map that saves there
    raid = first_screen(
        app,
        argparse.Namespace(command="edit", editor=True, file="scenarios/two_sentries.toml"),
        None,
    )
    app.switch(raid)
    frames(app)
    assert raid.session.doc.title == "Two sentries" and raid.problem_list == []
    shot(app, "two-sentries")


# --- the walk-through -------------------------------------------------------------------


def test_paint_place_link_script_save_validate_load_and_play_test(app, dirs):
    editor = open_editor(app)
    doc = editor.session.doc
    # a walled yard: the rectangle tool, Filled unticked
    tool(app, editor, "rect")
    terrain(app, editor, "wall")
    click(app, button(editor, "props", "filled"))
    assert editor.rect_filled is False
    drag_tiles(app, (12, 3), (24, 14))
    rows = doc.rows()
    assert rows[3][12:25] == "#" * 13 and rows[14][12:25] == "#" * 13
    assert rows[8][12] == rows[8][24] == "#" and rows[8][13:24] == "." * 11
    assert editor.session.dirty and editor.session.caption.endswith("*")
    # a sentry of the Calendrea, and its beat
    press(app, pygame.K_u)
    choose(app, button(editor, "props", "place_type"), "Calendrea sentry")
    choose(app, button(editor, "props", "place_side"), "calendrea")
    click_tile(app, 8, 8)
    assert doc.units[-1] == {"id": "sentry1", "type": "sentry", "side": "calendrea", "at": [8, 8]}
    press(app, pygame.K_p)
    assert editor.route_unit == "sentry1"  # the selected unit's route
    for x, y in ((8, 1), (27, 1), (27, 17), (8, 17)):
        click_tile(app, x, y)
    press(app, pygame.K_RETURN)
    assert doc.get("unit", "sentry1")["patrol"] == [[8, 1], [27, 1], [27, 17], [8, 17]]
    # and a marine for the Alliance, to play
    press(app, pygame.K_u)
    choose(app, button(editor, "props", "place_type"), "Marine")
    choose(app, button(editor, "props", "place_side"), "alliance")
    click_tile(app, 2, 18)
    # a spotlight aimed west by dragging, a generator, and the link clicked between them
    press(app, pygame.K_o)
    choose(app, button(editor, "props", "place_kind"), "Spotlight")
    drag_tiles(app, (12, 9), (6, 9))
    lamp = doc.get("object", "lamp1")
    assert lamp["direction"] == 180 and lamp["radius"] == 6 and "generator" not in lamp
    assert any("lamp1" in p.message or p.key.startswith("object[0]") for p in editor.problem_list)
    choose(app, button(editor, "props", "place_kind"), "Generator")
    click_tile(app, 18, 6)
    assert doc.get("object", "gen1")["kind"] == "generator"
    press(app, pygame.K_k)
    click_tile(app, 12, 9)
    click_tile(app, 18, 6)
    assert doc.get("object", "lamp1")["generator"] == "gen1"
    # a spotlight's cone widened by its edge handle
    tool(app, editor, "select")
    click_tile(app, 12, 9)
    assert editor.selected == ("object", "lamp1")
    from alma_tactics.ui.editor_view import Marks, cone_handles

    m = Marks(app.window, editor.map_rect, editor.camera, None)
    edge = cone_handles(m, doc.get("object", "lamp1"))["edge_a"]
    from alma_tactics.ui.editor_driver import drag

    lamp_px = m.centre(12, 9)
    drag(app, edge, (lamp_px[0] - 3 * m.tp, lamp_px[1] - 3 * m.tp))  # 45 degrees off west
    assert doc.get("object", "lamp1")["cone"] == 90
    shot(app, "walkthrough-map")
    # the light preview: night, generator on, then off
    press(app, pygame.K_n)
    assert editor.view.mode == "night_on" and editor.view.state.ambient == "night"
    frames(app, 2)
    from alma_tactics.core.light import lit_mask

    assert lit_mask(editor.view.state)[9, 9]
    shot(app, "light-on")
    press(app, pygame.K_n)
    assert editor.view.mode == "night_off" and not lit_mask(editor.view.state).any()
    shot(app, "light-off")
    press(app, pygame.K_n)
    assert editor.view.mode == "edit"
    # a trigger: when turn 5, then the Calendrea win
    click(app, editor.top_buttons["Triggers"])
    click(app, button(editor, "triggers", "Add trigger"))
    type_into(app, button(editor, "triggers", "arg_turn"), "5", enter=False)
    click(app, button(editor, "triggers", "Apply step"))
    choose(app, button(editor, "triggers", "then_kind"), "victory")
    click(app, button(editor, "triggers", "add_then"))
    choose(app, button(editor, "triggers", "arg_victory"), "calendrea")
    click(app, button(editor, "triggers", "Apply step"))
    assert doc.triggers == [
        {
            "id": "trigger1",
            "when": [{"turn": 5}],
            "then": [{"message": "Something happens."}, {"victory": "calendrea"}],
        }
    ]
    shot(app, "trigger-form")
    press(app, pygame.K_ESCAPE)
    assert windows(editor) == []
    assert editor.problem_list == []
    # save (it asks where the first time), then validate with the command
    press(app, pygame.K_s, mod=CTRL)
    assert windows(editor) == ["saveas"]
    path = dirs / "maps" / "yard.toml"
    type_into(app, button(editor, "saveas", "path"), str(path), enter=False)
    click(app, button(editor, "saveas", "Save"))
    assert path.exists() and path.with_suffix(".png").exists()
    assert not editor.session.dirty and editor.session.caption == "yard.toml"
    script = Path(sys.executable).with_name("alma-tactics")  # the installed command
    command = [str(script)] if script.exists() else [sys.executable, "-m", "alma_tactics"]
    command += ["validate", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == f"{path}: ok"
    saved = doc.to_doc()
    # load it back, through the Open form
    click(app, editor.top_buttons["New"])
    click(app, button(editor, "new", "Create"))
    assert editor.session.doc.units == []
    press(app, pygame.K_o, mod=CTRL)
    type_into(app, button(editor, "open", "path"), str(path), enter=False)
    click(app, button(editor, "open", "Open"))
    assert editor.session.path == path and editor.session.doc.to_doc() == saved
    # play-test for a turn, and back to the editor unchanged
    history = editor.session.history.undo_count
    press(app, pygame.K_F5, n=3)
    battle = app.screen
    assert type(battle).__name__ == "BattleScreen" and battle.human_sides == ["alliance"]
    frames(app, 5)
    shot(app, "playtest")
    play_a_turn(app, battle)
    assert battle.state.turn == 2
    press(app, pygame.K_ESCAPE)
    assert battle.modal is not None and battle.modal["kind"] == "pause"
    quit_button = next(
        b for b, call in battle.modal["callbacks"].items() if b.text == "Quit to menu"
    )
    click(app, quit_button)
    yes = next(b for b, call in battle.modal["callbacks"].items() if b.text == "Quit")
    click(app, yes)
    assert app.screen is editor
    assert editor.session.doc.to_doc() == saved and not editor.session.dirty
    assert editor.session.history.undo_count == history
    assert "Play-test over" in editor.message[0]
    shot(app, "back-from-playtest")


# --- undo, the dirty marker, leaving ------------------------------------------------------------


def test_undo_and_redo_keep_two_hundred_steps_and_the_dirty_marker(app):
    editor = open_editor(app)
    doc = editor.session.doc
    tool(app, editor, "brush")
    terrain(app, editor, "forest")
    before = doc.terrain.copy()
    cells = [(x, y) for y in range(1, 19) for x in range(1, 31)][:205]
    for x, y in cells:
        click_tile(app, x, y, n=1)
    frames(app, 2)
    assert editor.session.history.undo_count == 205
    assert (doc.terrain == app.catalog.terrain_by_id("forest").index).sum() == 205
    assert pygame.display.get_caption()[0].startswith("Untitled map*")
    for _ in range(205):
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=pygame.K_z, mod=CTRL, unicode="", scancode=0)
        )
    frames(app, 3)
    assert (doc.terrain == before).all() and not editor.session.dirty
    assert not editor.session.caption.endswith("*")
    press(app, pygame.K_y, mod=CTRL)
    assert doc.kind_at(1, 1) == app.catalog.terrain_by_id("forest").index
    assert editor.session.dirty
    click(app, editor.top_buttons["Undo"])
    assert not editor.session.dirty
    click(app, editor.top_buttons["Redo"])
    assert editor.session.dirty


def test_unsaved_work_is_asked_about_before_leaving(app, dirs):
    editor = open_editor(app)
    tool(app, editor, "fill")
    terrain(app, editor, "rough")
    click_tile(app, 3, 3)
    assert editor.session.dirty
    press(app, pygame.K_ESCAPE)
    assert windows(editor) == ["ask"]
    shot(app, "unsaved-question")
    click(app, button(editor, "ask", "Cancel"))
    assert app.screen is editor and windows(editor) == []
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the window's close button
    frames(app, 2)
    assert app.running and windows(editor) == ["ask"]
    click(app, button(editor, "ask", "Cancel"))
    click(app, editor.top_buttons["Exit"])
    click(app, button(editor, "ask", "Don't save"))
    assert type(app.screen).__name__ == "MainMenu"
    assert not (dirs / "data" / "editor" / "autosave.toml").exists()  # a clean exit


def test_the_working_copy_is_autosaved_and_recovered_after_a_crash(app, dirs):
    editor = open_editor(app)
    tool(app, editor, "rect")
    terrain(app, editor, "water")
    drag_tiles(app, (2, 2), (6, 5))
    editor.session.autosave_seconds = 0.0  # "every minute", without waiting one
    frames(app, 2)
    working = dirs / "data" / "editor" / "autosave.toml"
    assert working.exists()
    # a crash: the process ends without the screen closing anything
    app.screen = None
    app.running = False
    app.close()
    from alma_tactics.ui.app import App

    again = App()
    try:
        editor = open_editor(again)
        assert windows(editor) == ["ask"]
        shot(again, "recovery")
        click(again, button(editor, "ask", "Recover"))
        water = again.catalog.terrain_by_id("water").index
        assert editor.session.doc.kind_at(4, 4) == water and editor.session.dirty
    finally:
        again.close()


# --- problems -----------------------------------------------------------------------------------


def test_problems_are_listed_live_and_a_click_jumps_to_the_tile(app, dirs):
    editor = open_editor(app, "scenarios/two_sentries.toml")
    assert editor.problem_list == []
    tool(app, editor, "brush")
    terrain(app, editor, "wall")
    editor.camera.x = editor.camera.y = 0
    click_tile(app, 10, 10)  # under sentry_gate
    frames(app, 2)
    assert [p.key for p in editor.problem_list] == ["unit[3].at"]
    assert editor.problems_label.text.startswith("Problems (1)")
    editor.camera.x, editor.camera.y = 20, 15  # look elsewhere, then click the problem
    pick(app, editor.problems_box, editor.problems_box.item_list[0]["text"])
    assert editor.selected == ("unit", "sentry_gate")
    tile = editor.tile_at(editor.map_rect.center)
    assert abs(tile[0] - 10) <= 1 and abs(tile[1] - 10) <= 1
    shot(app, "problem")
    # saving with a problem warns, and saves
    target = dirs / "broken.toml"
    editor.session.doc.path = target
    press(app, pygame.K_s, mod=CTRL)
    assert target.exists() and not editor.session.dirty
    assert "1 problem" in editor.message[0]
    assert [p.message.split(": ", 1)[1] for p in validate(target)] == [
        p.message.split(": ", 1)[1] for p in editor.problem_list
    ]


# --- painting helpers: symmetry, selections, paste between maps, resize -------------------------


def test_symmetry_copy_paste_between_maps_mirror_and_resize(app):
    editor = open_editor(app)
    doc = editor.session.doc
    wall = app.catalog.terrain_by_id("wall").index
    tool(app, editor, "brush")
    terrain(app, editor, "wall")
    press(app, pygame.K_h)
    press(app, pygame.K_RIGHTBRACKET)
    press(app, pygame.K_RIGHTBRACKET)
    assert editor.brush_size == 3
    drag_tiles(app, (4, 4), (4, 8))
    assert doc.kind_at(4, 6) == doc.kind_at(27, 6) == wall  # x and 31 - x
    assert (doc.terrain == wall).sum() == 2 * 3 * 7
    shot(app, "symmetry")
    press(app, pygame.K_h)
    # select, copy, a new map, paste
    press(app, pygame.K_s)
    drag_tiles(app, (3, 3), (6, 9))
    assert editor.selection == (3, 3, 6, 9)
    press(app, pygame.K_c, mod=CTRL)
    press(app, pygame.K_n, mod=CTRL)
    click(app, button(editor, "ask", "Don't save"))
    type_into(app, button(editor, "new", "width"), "20", enter=False)
    type_into(app, button(editor, "new", "height"), "12", enter=False)
    click(app, button(editor, "new", "Create"))
    doc = editor.session.doc
    assert doc.size == (20, 12) and not (doc.terrain == wall).any()
    press(app, pygame.K_v, mod=CTRL)
    click_tile(app, 1, 1)
    assert (doc.terrain == wall).sum() == 21 and doc.kind_at(2, 2) == wall
    # mirror the pasted selection left-right: the wall moves to its other side
    assert editor.selection == (1, 1, 4, 7)
    press(app, pygame.K_m)
    assert doc.kind_at(4, 2) == wall and doc.kind_at(1, 2) != wall
    # a quarter turn clockwise: the 4x7 selection becomes 7x4, the wall its top rows
    press(app, pygame.K_PERIOD)
    assert editor.selection == (1, 1, 7, 4)
    assert all(doc.kind_at(x, 2) == wall for x in range(1, 8)) and doc.kind_at(1, 5) != wall
    press(app, pygame.K_z, mod=CTRL)
    assert editor.session.history.undo_label == "Mirror selection"
    # resize to 24 wide, keeping the content at the right
    click(app, editor.top_buttons["Resize"])
    type_into(app, button(editor, "resize", "width"), "24", enter=False)
    click(app, button(editor, "resize", "anchor_TOP_RIGHT"))
    click(app, button(editor, "resize", "Resize"))
    assert doc.size == (24, 12) and doc.kind_at(7, 2) == wall
    press(app, pygame.K_z, mod=CTRL)
    assert doc.size == (20, 12)


# --- forms --------------------------------------------------------------------------------------


def test_sides_areas_objectives_and_the_map_words_in_forms(app):
    editor = open_editor(app)
    doc = editor.session.doc
    # sides: a third side, handed to the computer, in another colour; a deployment zone
    click(app, editor.top_buttons["Sides"])
    click(app, button(editor, "sides", "+ Alliance"))
    assert doc.ids("side") == ["alliance", "calendrea", "alliance1"]
    type_into(app, button(editor, "sides", "name"), "Militia", enter=False)
    choose(app, button(editor, "sides", "controller"), "computer (ai)")
    choose(app, button(editor, "sides", "difficulty"), "hard")
    type_into(app, button(editor, "sides", "colour"), "#50b45a", enter=False)
    click(app, button(editor, "sides", "Apply"))
    militia = doc.get("side", "alliance1")
    assert militia["name"] == "Militia" and militia["controller"] == "ai"
    assert militia["difficulty"] == "hard" and militia["colour"] == "#50b45a"
    shot(app, "sides-form")
    click(app, button(editor, "sides", "Deployment zone"))
    assert editor.tool == "deploy" and editor.deploy_side == "alliance1"
    drag_tiles(app, (0, 0), (3, 19))
    assert doc.get("side", "alliance1")["deploy"] == [[0, 0, 3, 19]]
    # an area, dragged and named in the panel
    press(app, pygame.K_a)
    drag_tiles(app, (20, 5), (26, 10))
    assert doc.areas == [{"id": "area1", "rect": [20, 5, 26, 10]}]
    type_into(app, button(editor, "props", "id"), "depot")
    type_into(app, button(editor, "props", "name"), "The depot")
    assert doc.areas == [{"id": "depot", "name": "The depot", "rect": [20, 5, 26, 10]}]
    shot(app, "areas")
    # an objective
    click(app, editor.top_buttons["Objectives"])
    click(app, button(editor, "objectives", "Add"))
    type_into(app, button(editor, "objectives", "text"), "Hold the depot", enter=False)
    click(app, button(editor, "objectives", "Apply"))
    assert doc.objectives == [{"id": "objective1", "text": "Hold the depot", "side": "alliance"}]
    press(app, pygame.K_ESCAPE)
    # title, description, briefing, light
    click(app, editor.top_buttons["Map"])
    type_into(app, button(editor, "map", "title"), "Depot", enter=False)
    type_into(app, button(editor, "map", "description"), "Hold it till dawn.", enter=False)
    click(app, button(editor, "map", "briefing"), n=2)
    for ch in "Dig in.":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    frames(app, 2)
    choose(app, button(editor, "map", "ambient"), "night")
    click(app, button(editor, "map", "Apply"))
    meta = doc.scenario
    assert (meta["title"], meta["description"], meta["ambient"]) == (
        "Depot",
        "Hold it till dawn.",
        "night",
    )
    assert meta["briefing"] == "Dig in.\n"
    assert editor.session.history.undo_label.startswith("Scenario")


def test_the_unit_panel_sets_name_kit_ammo_squad_transport_and_facing(app):
    editor = open_editor(app)
    doc = editor.session.doc
    press(app, pygame.K_u)
    choose(app, button(editor, "props", "place_type"), "Transport truck")
    click_tile(app, 10, 10)
    choose(app, button(editor, "props", "place_type"), "Marine")
    click_tile(app, 5, 5)
    assert editor.selected == ("unit", "marine1")
    type_into(app, button(editor, "props", "name"), "Corporal Rye")
    type_into(app, button(editor, "props", "kit"), "emp=2, smoke=1")
    type_into(app, button(editor, "props", "ammo"), "assault_rifle=12")
    press(app, pygame.K_PERIOD)
    press(app, pygame.K_PERIOD)
    unit = doc.get("unit", "marine1")
    assert unit["name"] == "Corporal Rye" and unit["facing"] == 2
    assert unit["inventory"] == {"emp": 2, "smoke": 1} and unit["ammo"] == {"assault_rifle": 12}
    shot(app, "unit-panel")
    # a squad of two: a second marine in the same squad
    choose(app, button(editor, "props", "place_type"), "Marine")
    press(app, pygame.K_ESCAPE)
    click_tile(app, 6, 5)
    press(app, pygame.K_s)
    drag_tiles(app, (4, 4), (7, 6))
    click(app, button(editor, "props", "Group squad"))
    assert {u.get("squad") for u in doc.units if u["type"] == "marine"} == {"squad1"}
    # into the truck, and out again; moved by dragging; deleted
    click_tile(app, 5, 5)
    choose(app, button(editor, "props", "carrier"), "truck1")
    assert doc.get("unit", "marine1")["carried_by"] == "truck1"
    assert "at" not in doc.get("unit", "marine1")
    click_tile(app, 6, 5)
    drag_tiles(app, (6, 5), (12, 4))
    assert doc.get("unit", "marine2")["at"] == [12, 4]
    press(app, pygame.K_DELETE)
    assert doc.get("unit", "marine2") is None
    press(app, pygame.K_z, mod=CTRL)
    assert doc.get("unit", "marine2")["at"] == [12, 4]


def test_painting_tools_line_fill_eyedropper_and_erase(app):
    editor = open_editor(app)
    doc = editor.session.doc
    road = app.catalog.terrain_by_id("road").index
    tool(app, editor, "line")
    terrain(app, editor, "road")
    drag_tiles(app, (0, 10), (31, 10))
    assert all(doc.kind_at(x, 10) == road for x in range(32))
    press(app, pygame.K_f)
    terrain(app, editor, "forest")
    click_tile(app, 5, 2)  # the top half: the road splits the map
    forest = app.catalog.terrain_by_id("forest").index
    assert doc.kind_at(5, 2) == forest and doc.kind_at(5, 15) != forest
    press(app, pygame.K_i)
    click_tile(app, 8, 10)
    assert editor.terrain == road and editor.tool == "fill"  # back to the last paint tool
    press(app, pygame.K_e)
    click_tile(app, 5, 2)
    assert doc.kind_at(5, 2) == painting.DEFAULT_KIND
    shot(app, "tools")


def test_objects_of_every_kind_and_recent_files(app, dirs):
    editor = open_editor(app)
    doc = editor.session.doc
    press(app, pygame.K_o)
    for kind, label, tile in (
        ("charge", "Charge", (3, 3)),
        ("crate", "Crate", (5, 3)),
        ("marker", "Objective marker", (7, 3)),
        ("generator", "Generator", (9, 3)),
    ):
        choose(app, button(editor, "props", "place_kind"), label)
        click_tile(app, *tile)
        assert doc.objects[-1]["kind"] == kind and doc.objects[-1]["at"] == list(tile)
    type_into(app, button(editor, "props", "hp"), "35")
    assert doc.objects[-1]["hp"] == 35
    choose(app, button(editor, "props", "place_kind"), "Guard tower")
    click_tile(app, 11, 3)
    assert doc.kind_at(11, 3) == app.catalog.terrain_by_id("tower").index
    choose(app, button(editor, "props", "place_kind"), "Drop ship (a unit)")
    click_tile(app, 14, 10)
    assert doc.units[-1] == {
        "id": "drop_ship1",
        "type": "drop_ship",
        "side": "calendrea",
        "at": [14, 10],
    }
    assert editor.selected == ("unit", "drop_ship1")
    click_tile(app, 5, 3)  # the crate: its contents and label
    assert editor.selected == ("object", "crate1")
    type_into(app, button(editor, "props", "contents"), "emp=1, smoke=2")
    type_into(app, button(editor, "props", "label"), "Supplies")
    crate = doc.get("object", "crate1")
    assert crate["contents"] == {"emp": 1, "smoke": 2} and crate["label"] == "Supplies"
    press(app, pygame.K_DELETE)
    assert doc.get("object", "crate1") is None
    shot(app, "objects")
    # saved files come back through the Recent files menu
    first, second = dirs / "one.toml", dirs / "two.toml"
    editor.session.doc.path = first
    press(app, pygame.K_s, mod=CTRL)
    press(app, pygame.K_n, mod=CTRL)
    click(app, button(editor, "new", "Create"))
    editor.session.doc.path = second
    press(app, pygame.K_s, mod=CTRL)
    assert [p.name for p in editor_files.recent_files()] == [
        "two.toml",
        "one.toml",
    ]
    choose(app, editor.recent, "one.toml")
    assert editor.session.path == first and len(editor.session.doc.objects) == 3


def test_a_field_typed_in_counts_when_the_map_is_clicked(app):
    editor = open_editor(app)
    doc = editor.session.doc
    press(app, pygame.K_u)
    click_tile(app, 4, 4)
    click_tile(app, 8, 4)
    click_tile(app, 4, 4)
    assert editor.selected == ("unit", "marine1")
    type_into(app, button(editor, "props", "name"), "Sergeant Cole", enter=False)
    click_tile(app, 8, 4)  # no Enter: the click on the other marine applies it first
    assert doc.get("unit", "marine1")["name"] == "Sergeant Cole"
    assert "name" not in doc.get("unit", "marine2")
    assert editor.selected == ("unit", "marine2")


def test_a_play_test_that_ends_comes_back_with_its_result(app):
    editor = open_editor(app)
    press(app, pygame.K_u)
    click_tile(app, 3, 3)  # a marine of the Alliance
    choose(app, button(editor, "props", "place_type"), "Calendrea soldier")
    choose(app, button(editor, "props", "place_side"), "calendrea")
    click_tile(app, 9, 3)
    click(app, editor.top_buttons["Triggers"])
    click(app, button(editor, "triggers", "Add trigger"))  # when turn 1 ...
    choose(app, button(editor, "triggers", "then_kind"), "victory")
    click(app, button(editor, "triggers", "add_then"))  # ... the Alliance wins
    press(app, pygame.K_ESCAPE)
    before = editor.session.doc.to_doc()
    # the play-test form: both sides by the computer
    click(app, editor.top_buttons["Play-test"])
    choose(app, button(editor, "playtest", "side_alliance"), "computer")
    started = []
    start_playtest = app.start_playtest

    def spy(scenario, seed, human_sides, back):
        started.append(human_sides)
        return start_playtest(scenario, seed, human_sides, back)

    app.start_playtest = spy
    click(app, button(editor, "playtest", "Start (F5)"))
    for _ in range(3000):
        if app.screen is editor:
            break
        frames(app, 1)
    assert started == [[]]  # nobody plays: the computers fight it out
    assert app.screen is editor
    assert editor.message[0].startswith("Play-test over on turn")
    assert "Alliance won" in editor.message[0]
    assert editor.session.doc.to_doc() == before


BROKEN = """
[scenario]
title = "Broken"
description = ""
version = 1
ambient = "night"

[map]
width = 6
height = 4
rows = \"\"\"
......
.####.
......
......
\"\"\"

[[side]]
id = "alliance"
faction = "alliance"
colour = "blue-ish"

[[unit]]
type = "brut"
side = "alliance"
at = [1, 1]

[[unit]]
type = "marine"
side = "nobody"
at = [9, 9]

[[unit]]
type = "marine"
side = "alliance"
at = [2, 2]
patrol = [[40, 40], "x"]

[[object]]
kind = "spotlight"
at = [3, 3]
generator = "nowhere"
"""


def test_a_file_full_of_problems_opens_draws_and_lists_them(app, dirs):
    path = dirs / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    editor = open_editor(app, path)
    assert editor.session.path == path
    keys = [p.key for p in editor.problem_list]
    assert "unit[0].type" in keys and "unit[1].side" in keys and "object[0].generator" in keys
    assert len(editor.view.state.units) == 1  # only the marine that can be drawn
    press(app, pygame.K_n)  # the night preview copes too
    frames(app, 2)
    shot(app, "broken-file")
    assert editor.view.mode == "night_on"
