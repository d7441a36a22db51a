"""A designer who never read the file format builds the small "two sentries" stealth puzzle
(scenarios/two_sentries.toml) from scratch in the map editor, by scripted clicks, keys
and typing only: a walled yard with a gate, a lamp on the wall fed by a generator inside,
two sentries with crossing beats, two marines in the dark, the radio mast, named areas,
objectives and the triggers that win or lose it. The saved file validates, loads, and
plays: computer players on both sides play a few turns of it.

Screenshots go to $ALMA_UI_SHOTS (if set).
"""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from ui_support import field, shooter  # noqa: E402

from alma_tactics.ai import AiPlayer  # noqa: E402
from alma_tactics.match import Match  # noqa: E402
from alma_tactics.scenario import load_scenario, validate  # noqa: E402
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

BRIEFING = (
    "Take out the sentries silently, use your knives if you can. Get one marine to the "
    "radio mast without the alarm being raised. Dawn comes at turn 21."
)

shot = shooter("editor-designer-")


def set_field(app, editor, group: str, name: str, value: str) -> None:
    element = field(editor, group, name)
    if hasattr(element, "option_ids"):
        choose(app, element, value)
    else:
        type_into(app, element, value, enter=False)


def paint(app, editor, tool_key: int, terrain: str, *tiles) -> None:
    press(app, tool_key)
    click(app, editor.terrain_buttons[app.catalog.terrain_by_id(terrain).index])
    for tile in tiles:
        if len(tile) == 4:
            drag_tiles(app, tile[:2], tile[2:])
        else:
            click_tile(app, *tile)


def place_unit(app, editor, type_name: str, side: str, at, unit_id: str, facing: str = "E"):
    press(app, pygame.K_u)
    choose(app, field(editor, "props", "place_type"), type_name)
    choose(app, field(editor, "props", "place_side"), side)
    click_tile(app, *at)
    type_into(app, field(editor, "props", "id"), unit_id)
    choose(app, field(editor, "props", "facing"), facing)
    assert editor.selected == ("unit", unit_id)


def patrol(app, editor, unit_id: str, *waypoints) -> None:
    assert editor.selected == ("unit", unit_id)
    press(app, pygame.K_p)
    for tile in waypoints:
        click_tile(app, *tile)
    press(app, pygame.K_RETURN)


def add_trigger(app, editor, trigger_id: str, when, then) -> None:
    """Add a trigger in the form: its conditions and effects, each with its arguments."""
    click(app, field(editor, "triggers", "Add trigger"))
    type_into(app, field(editor, "triggers", "trigger_id"), trigger_id, enter=False)
    click(app, field(editor, "triggers", "Rename"))
    for part, steps in (("when", when), ("then", then)):
        for kind, args in steps:
            choose(app, field(editor, "triggers", f"{part}_kind"), kind)
            click(app, field(editor, "triggers", f"add_{part}"))
            for key, value in args.items():
                set_field(app, editor, "triggers", f"arg_{key}", value)
            click(app, field(editor, "triggers", "Apply step"))
        # the new trigger's own first step (turn 1 / a message) goes
        listing = field(editor, "triggers", f"{part}_list")
        pick(app, listing, listing.item_list[0]["text"])
        click(app, field(editor, "triggers", f"remove_{part}"))


def test_a_designer_builds_the_two_sentry_puzzle_from_scratch(app, tmp_path):
    click(app, app.screen.buttons["Map editor"])
    editor = app.screen
    assert type(editor).__name__ == "EditorScreen"
    # --- a new night map, its words
    press(app, pygame.K_n, mod=pygame.KMOD_CTRL)
    set_field(app, editor, "new", "width", "32")
    set_field(app, editor, "new", "height", "20")
    set_field(app, editor, "new", "ambient", "night")
    set_field(app, editor, "new", "title", "Two sentries")
    click(app, field(editor, "new", "Create"))
    doc = editor.session.doc
    assert (doc.size, doc.ambient, doc.title) == ((32, 20), "night", "Two sentries")
    click(app, editor.top_buttons["Map"])
    set_field(app, editor, "map", "author", "A designer")
    set_field(app, editor, "map", "description", "Reach the radio mast unheard.")
    click(app, field(editor, "map", "briefing"), n=2)
    for ch in BRIEFING:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    frames(app, 2)
    click(app, field(editor, "map", "Apply"))
    assert doc.scenario["briefing"] == BRIEFING + "\n"
    # --- the yard: a paracrete wall round a floor, a gate of two doors, a pump house
    press(app, pygame.K_r)
    click(app, field(editor, "props", "filled"))  # outline
    paint(app, editor, pygame.K_r, "wall", (17, 3, 30, 16))
    click(app, field(editor, "props", "filled"))  # filled again
    paint(app, editor, pygame.K_r, "floor", (18, 4, 29, 15))
    paint(app, editor, pygame.K_r, "building", (22, 7, 24, 8))
    paint(app, editor, pygame.K_b, "door", (17, 9), (17, 10))
    paint(app, editor, pygame.K_b, "half_wall", (25, 11))
    paint(app, editor, pygame.K_b, "forest", (3, 5, 4, 6), (2, 14, 4, 15))
    paint(app, editor, pygame.K_b, "rough", (6, 2, 9, 2), (7, 17, 10, 17))
    paint(app, editor, pygame.K_b, "rock", (10, 6), (11, 6), (9, 14), (9, 15))
    rows = doc.rows()
    assert rows[3][17:31] == "#" * 14 and rows[9][17] == "+" and rows[7][22:25] == "BBB"
    shot(app, "terrain")
    # --- the sides: the Ghosts, and the yard's sentries, unaware
    click(app, editor.top_buttons["Sides"])
    set_field(app, editor, "sides", "name", "Ghosts")
    click(app, field(editor, "sides", "Apply"))
    pick(app, field(editor, "sides", "list"), "calendrea")
    set_field(app, editor, "sides", "name", "Yard sentries")
    set_field(app, editor, "sides", "alertness", "unaware")
    click(app, field(editor, "sides", "Apply"))
    press(app, pygame.K_ESCAPE)
    assert doc.get("side", "calendrea")["alertness"] == "unaware"
    # --- the units: two marines in the dark, two sentries and their beats, the operator
    place_unit(app, editor, "Marine", "alliance", (1, 9), "marine_1")
    place_unit(app, editor, "Elf marine", "alliance", (1, 11), "marine_2")
    place_unit(app, editor, "Calendrea sentry", "calendrea", (15, 14), "sentry_loop", "N")
    patrol(app, editor, "sentry_loop", (15, 1), (31, 1), (31, 18), (15, 18))
    press(app, pygame.K_u)
    click_tile(app, 10, 10)  # the Place row still says sentry, calendrea
    type_into(app, field(editor, "props", "id"), "sentry_gate")
    choose(app, field(editor, "props", "facing"), "E")
    patrol(app, editor, "sentry_gate", (16, 10), (4, 10))
    place_unit(app, editor, "Calendrea soldier", "calendrea", (25, 13), "operator")
    assert [u["id"] for u in doc.units] == [
        "marine_1",
        "marine_2",
        "sentry_loop",
        "sentry_gate",
        "operator",
    ]
    assert doc.get("unit", "sentry_gate")["patrol"] == [[16, 10], [4, 10]]
    # --- the lamp on the wall by the gate, aimed west, then its generator, linked by clicks
    press(app, pygame.K_o)
    choose(app, field(editor, "props", "place_kind"), "Spotlight")
    drag_tiles(app, (17, 8), (11, 8))
    type_into(app, field(editor, "props", "id"), "lamp_gate")
    set_field(app, editor, "props", "cone", "100")
    press(app, pygame.K_RETURN)
    choose(app, field(editor, "props", "place_kind"), "Generator")
    click_tile(app, 20, 5)
    type_into(app, field(editor, "props", "id"), "generator")
    choose(app, field(editor, "props", "place_kind"), "Objective marker")
    click_tile(app, 27, 13)
    type_into(app, field(editor, "props", "id"), "mast")
    type_into(app, field(editor, "props", "label"), "Radio mast")
    press(app, pygame.K_k)
    click_tile(app, 17, 8)
    click_tile(app, 20, 5)
    lamp = doc.get("object", "lamp_gate")
    assert lamp["generator"] == "generator" and lamp["direction"] == 180
    assert lamp["radius"] == 6 and lamp["cone"] == 100
    # --- the named areas
    press(app, pygame.K_a)
    for rect, area_id, name in (
        ((18, 4, 29, 15), "yard", "The yard"),
        ((26, 12, 28, 14), "mast", "The radio mast"),
    ):
        drag_tiles(app, rect[:2], rect[2:])
        type_into(app, field(editor, "props", "id"), area_id)
        type_into(app, field(editor, "props", "name"), name)
    assert doc.ids("area") == ["yard", "mast"]
    shot(app, "things")
    # --- the objectives
    click(app, editor.top_buttons["Objectives"])
    for goal_id, text in (("reach_mast", "Reach the radio mast"), ("no_alarm", "Raise no alarm")):
        click(app, field(editor, "objectives", "Add"))
        set_field(app, editor, "objectives", "id", goal_id)
        set_field(app, editor, "objectives", "text", text)
        click(app, field(editor, "objectives", "Apply"))
    press(app, pygame.K_ESCAPE)
    assert doc.ids("objective") == ["reach_mast", "no_alarm"]
    # --- the triggers: when -> then
    click(app, editor.top_buttons["Triggers"])
    add_trigger(
        app,
        editor,
        "alarm",
        [("alarm", {"alarm": "calendrea"})],
        [
            ("message", {"message": "A sentry's shout, then the siren."}),
            ("objective", {"id": "no_alarm", "status": "failed"}),
            ("defeat", {"defeat": "alliance"}),
        ],
    )
    add_trigger(
        app,
        editor,
        "at_mast",
        [("enters", {"side": "alliance", "area": "mast"})],
        [
            ("objective", {"id": "reach_mast", "status": "done"}),
            ("objective", {"id": "no_alarm", "status": "done"}),
            ("victory", {"victory": "alliance"}),
        ],
    )
    add_trigger(app, editor, "marines_lost", [("no_units", {})], [("defeat", {})])
    add_trigger(app, editor, "dawn", [("turn", {"turn": "21"})], [("defeat", {})])
    shot(app, "triggers")
    press(app, pygame.K_ESCAPE)
    assert doc.triggers[1] == {
        "id": "at_mast",
        "when": [{"enters": {"side": "alliance", "area": "mast"}}],
        "then": [
            {"objective": {"id": "reach_mast", "status": "done"}},
            {"objective": {"id": "no_alarm", "status": "done"}},
            {"victory": "alliance"},
        ],
    }
    assert doc.triggers[3] == {
        "id": "dawn",
        "when": [{"turn": 21}],
        "then": [{"defeat": "alliance"}],
    }
    assert editor.problem_list == [], [p.message for p in editor.problem_list]
    # --- save it, check it, play it
    path = tmp_path / "puzzle" / "two_sentries_made.toml"
    press(app, pygame.K_s, mod=pygame.KMOD_CTRL)
    set_field(app, editor, "saveas", "path", str(path))
    click(app, field(editor, "saveas", "Save"))
    assert path.exists() and path.with_suffix(".png").exists()
    shot(app, "saved")
    assert validate(path) == []
    scenario = load_scenario(path)
    assert scenario.title == "Two sentries" and scenario.side("calendrea")["controller"] == "ai"
    match = Match(scenario.new_state(3), 3, scenario_doc=scenario.doc, scenario_name="made")
    start = {u.id: u.pos for u in match.state.units.values()}
    players = {s.id: AiPlayer(s.id) for s in match.state.sides}
    for _ in range(2000):
        state = match.state
        if state.winner or state.turn > 4:
            break
        match.submit(players[state.active_side.id].next_action(state))
    assert match.state.turn > 4 or match.state.winner
    moved = [u.id for u in match.state.units.values() if u.pos != start[u.id]]
    assert moved, "nobody moved in four turns"
