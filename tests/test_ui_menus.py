"""The menu screens driven with real mouse and key events under SDL's dummy video driver.

Set ALMA_UI_SHOTS=/some/folder to also save a screenshot of each screen there.
"""

from __future__ import annotations

import json

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from ui_support import shooter  # noqa: E402

from alma_tactics.ui.driver import battle_unavailable, click, frames, item, press  # noqa: E402

NO_BATTLE = battle_unavailable()
shot = shooter()


def screen_name(app) -> str:
    return type(app.screen).__name__


def to_scenario_list(app):
    click(app, app.screen.buttons["Play a scenario"])
    assert screen_name(app) == "ScenarioListScreen"
    return app.screen


def to_briefing(app, title: str = "Outpost raid"):
    listing = to_scenario_list(app)
    click(app, item(listing.list, title))
    assert listing.selected is not None and listing.selected.title == title
    click(app, listing.start)
    assert screen_name(app) == "BriefingScreen"
    return app.screen


def test_main_menu_has_every_door(app):
    assert screen_name(app) == "MainMenu"
    assert list(app.screen.buttons) == [
        "Play a scenario",
        "Hot-seat",
        "Load game",
        "Map editor",
        "Settings",
        "Quit",
    ]
    shot(app, "main_menu")


def test_scenario_list_shows_the_chosen_scenario(app):
    listing = to_scenario_list(app)
    assert listing.start.is_enabled is False  # nothing chosen yet
    titles = [entry["text"] for entry in listing.list.item_list]
    assert titles[:2] == ["Outpost raid", "The four-target assault"]  # the story first
    click(app, item(listing.list, "Outpost raid"))
    assert listing.title.text == "Outpost raid"
    assert "56 \u00d7 36" in listing.info.text
    assert "walled Calendrea outpost" in listing.text.html_text
    assert listing.thumb.visible
    assert listing.thumb.image.get_width() > 100
    assert listing.start.is_enabled
    shot(app, "scenario_list")
    press(app, pygame.K_ESCAPE)
    assert screen_name(app) == "MainMenu"


def test_briefing_shows_title_words_objectives_and_forces(app):
    briefing = to_briefing(app)
    assert briefing.title.text == "Outpost raid"
    assert "Kathleen Waller" in briefing.briefing.html_text
    details = briefing.details.html_text
    assert "Take the command post" in details  # a primary objective of the raiders
    assert "(secondary)" in details
    assert "19 units" in details and "17 units" in details
    assert briefing.side == "alliance"
    shot(app, "briefing")
    click(app, briefing.error)  # clicking a label does nothing
    assert screen_name(app) == "BriefingScreen"
    press(app, pygame.K_ESCAPE)
    assert screen_name(app) == "ScenarioListScreen"


def test_briefing_side_chooser_changes_the_objectives(app):
    briefing = to_briefing(app)
    click(app, briefing.chooser)  # opens the menu
    option = next(
        b
        for b in briefing.chooser.current_state.options_selection_list.item_list
        if b["text"] == "Calendrea outpost"
    )["button_element"]
    click(app, option)
    assert briefing.side == "calendrea"
    assert "Calendrea outpost</b></font> (you)" in briefing.details.html_text


def test_settings_change_persists_and_reloads(app, tmp_path):
    from alma_tactics.ui.settings import Settings

    click(app, app.screen.buttons["Settings"])
    assert screen_name(app) == "SettingsScreen"
    settings_screen = app.screen
    shot(app, "settings")
    click(app, settings_screen.toggles["mute"])
    assert settings_screen.toggles["mute"].text == "On"
    path = tmp_path / "config" / "settings.json"
    assert json.loads(path.read_text())["mute"] is True
    # rebind "end turn" to E by clicking its button and pressing the key
    click(app, settings_screen.key_buttons["end_turn"])
    assert "press" in settings_screen.key_buttons["end_turn"].text
    press(app, pygame.K_e)
    assert settings_screen.key_buttons["end_turn"].text == "E"
    assert json.loads(path.read_text())["key_bindings"]["end_turn"] == "e"
    # Escape while not rebinding goes back; a fresh load sees both changes
    press(app, pygame.K_ESCAPE)
    assert screen_name(app) == "MainMenu"
    again = Settings.load()
    assert again.mute is True and again.key_name("end_turn") == "e"
    assert again.action_for_key(pygame.K_e) == "end_turn"


def test_ui_scale_change_rebuilds_the_screen_bigger(app):
    click(app, app.screen.buttons["Settings"])
    screen = app.screen
    before = screen.toggles["mute"].rect.height
    scale_menu = next(menu for menu, name in screen.drop_downs.items() if name == "ui_scale")
    click(app, scale_menu)
    option = next(
        b for b in scale_menu.current_state.options_selection_list.item_list if b["text"] == "125 %"
    )["button_element"]
    click(app, option)
    assert app.settings.ui_scale == 1.25
    assert app.screen is screen  # the same screen, rebuilt
    assert screen.toggles["mute"].rect.height > before
    from alma_tactics.ui.settings import Settings

    assert Settings.load().ui_scale == 1.25


def test_load_game_with_a_corrupt_save_shows_why_and_stays(app, tmp_path):
    from alma_tactics.ui.load_game import LoadGameScreen

    saves = tmp_path / "data" / "saves"
    saves.mkdir(parents=True)
    (saves / "broken.json").write_text('{"format": 1, "seed": ')
    click(app, app.screen.buttons["Load game"])
    assert isinstance(app.screen, LoadGameScreen)
    load = app.screen
    row = next(e["text"] for e in load.list.item_list if e["text"].startswith("broken"))
    click(app, item(load.list, row))
    assert "damaged or truncated" in load.error.text
    click(app, load.load)
    assert isinstance(app.screen, LoadGameScreen)
    assert "damaged or truncated" in load.error.text
    shot(app, "load_game")


def test_load_game_lists_a_real_save_with_its_details(app, tmp_path):
    from alma_tactics.ai.simulate import play
    from alma_tactics.match.saves import write_save

    write_save(play("night-yard", 1, turns=2).match, tmp_path / "data" / "saves" / "yard.json")
    click(app, app.screen.buttons["Load game"])
    load = app.screen
    row = next(e["text"] for e in load.list.item_list if e["text"].startswith("yard"))
    click(app, item(load.list, row))
    assert load.error.text == ""
    assert "Seed 1" in load.details.html_text and "actions played" in load.details.html_text
    assert load.load.is_enabled
    if not NO_BATTLE:
        click(app, load.load)
        assert screen_name(app) == "BattleScreen"


def test_the_map_editor_button_opens_the_editor(app):
    click(app, app.screen.buttons["Map editor"])
    assert screen_name(app) == "EditorScreen"


def test_quit_button_stops_the_loop(app):
    click(app, app.screen.buttons["Quit"], n=1)
    frames(app, 1)
    assert app.running is False and app.screen is None


def test_after_action_for_a_finished_simulated_match(app):
    from alma_tactics.ai.simulate import play
    from alma_tactics.scenario import find_scenario, load_scenario

    outcome = play("night-yard", 1, turns=6)
    scenario = load_scenario(find_scenario("night-yard"))
    app.show_after_action(outcome.match, scenario)
    frames(app)
    screen = app.screen
    assert screen_name(app) == "AfterActionScreen"
    report = screen.report
    assert screen.headline.text in ("Victory", "Defeat", "No decision")
    lost = screen.cells[("Lost / fielded", "alliance")].text
    assert lost.startswith(f"{report.sides['alliance'].lost} / {report.sides['alliance'].fielded}")
    assert screen.cells[("Shots fired", "calendrea")].text == str(report.sides["calendrea"].shots)
    assert ("Eye-shot kills", "alliance") in screen.cells
    # the chart is drawn: the alliance's line colour is on it
    blue = pygame.Color(scenario.colours["alliance"])
    chart = screen.chart_surface
    found = any(
        chart.get_at((x, y))[:3] == (blue.r, blue.g, blue.b)
        for x in range(0, chart.get_width(), 2)
        for y in range(0, chart.get_height(), 2)
    )
    assert found
    shot(app, "after_action")
    again = next(b for b, action in screen.actions.items() if b.text == "Play again")
    click(app, again)
    assert screen_name(app) == "BriefingScreen"


def test_after_action_puts_the_story_numbers_beside_the_players(app):
    from alma_tactics.ai.simulate import play
    from alma_tactics.scenario import find_scenario, load_scenario

    outcome = play("outpost-raid", 1, turns=2)
    scenario = load_scenario(find_scenario("outpost-raid"))
    app.show_after_action(outcome.match, scenario)
    frames(app)
    cells = app.screen.cells
    assert cells[("Lost in the story", "alliance")].text == "2"
    assert cells[("Lost in the story", "calendrea")].text == "17"
    assert "In the story" in app.screen.story_text()
    shot(app, "after_action_story")


@pytest.mark.skipif(bool(NO_BATTLE), reason=NO_BATTLE)
def test_walk_from_the_main_menu_to_the_first_battle_turn_with_clicks_alone(app):
    listing = to_scenario_list(app)
    click(app, item(listing.list, "Night yard"))
    click(app, listing.start)
    briefing = app.screen
    assert screen_name(app) == "BriefingScreen"
    click(app, briefing.start)
    assert screen_name(app) == "BattleScreen"
    match = app.screen.match
    assert match.state.turn == 1
    assert match.state.active_side.id == "alliance"
    assert match.state.side("calendrea").controller == "ai"
