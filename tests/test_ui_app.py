"""The app's loop, its entry points and the settings file."""

from __future__ import annotations

import json
import logging

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from ui_support import play_args  # noqa: E402

from alma_tactics.ui.settings import DEFAULT_KEYS, Settings, settings_path  # noqa: E402


@pytest.fixture
def app(new_app):
    return new_app  # not started: the tests start it, or show their own first screen


# --- settings ---------------------------------------------------------------------------------


def test_settings_default_without_a_file(dirs):
    settings = Settings.load()
    assert settings == Settings()
    assert settings.notice == ""
    assert settings_path() == dirs / "config" / "settings.json"


def test_settings_round_trip(dirs):
    settings = Settings(resolution=(1600, 900), ui_scale=1.5, mute=True, telegraph_intent="off")
    settings.bind("end_turn", "e")
    settings.save()
    again = Settings.load()
    assert again == settings
    assert again.resolution == (1600, 900)
    assert json.loads(settings_path().read_text())["resolution"] == [1600, 900]


def test_a_broken_settings_file_gives_defaults_with_a_warning(dirs, caplog):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('{"volume": 0.5, ')
    with caplog.at_level(logging.WARNING):
        settings = Settings.load()
    assert settings == Settings()
    assert "damaged" in settings.notice
    assert "damaged" in caplog.text


@pytest.mark.parametrize("text", ["[1, 2]", '"x"', "\xff\xfe", "null"])
def test_settings_files_that_are_not_objects_fall_back(dirs, text):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_bytes(text.encode("latin-1"))
    assert Settings.load() == Settings()


def test_one_bad_value_falls_back_alone(dirs):
    settings_path().parent.mkdir(parents=True)
    data = {
        "volume": "loud",
        "mute": True,
        "ui_scale": 9,
        "animation_speed": float("nan"),
        "resolution": [1, 2, 3],
        "telegraph_intent": "sometimes",
        "key_bindings": {"end_turn": "e", "fly": "f", "undo": 7},
    }
    settings_path().write_text(json.dumps(data))
    settings = Settings.load()
    assert settings.mute is True
    assert settings.volume == Settings().volume
    assert settings.ui_scale == 2.0  # clamped into range
    assert settings.animation_speed == 1.0
    assert settings.resolution == Settings().resolution
    assert settings.telegraph_intent == "easy"
    assert settings.key_bindings == {**DEFAULT_KEYS, "end_turn": "e"}
    assert "volume" in settings.notice and "resolution" in settings.notice


def test_binding_a_taken_key_swaps_the_two_actions():
    settings = Settings()
    settings.bind("end_turn", "w")  # w was pan up
    assert settings.key_name("end_turn") == "w"
    assert settings.key_name("pan_up") == "return"
    assert len(set(settings.key_bindings.values())) == len(DEFAULT_KEYS)


def test_every_default_key_is_a_real_pygame_key(app):
    for name in DEFAULT_KEYS.values():
        assert pygame.key.name(pygame.key.key_code(name)) == name


def test_telegraphed_intent_is_on_by_default_at_easy_only():
    settings = Settings()
    assert settings.shows_intent("easy") and not settings.shows_intent("hard")
    settings.telegraph_intent = "on"
    assert settings.shows_intent("hard")
    settings.telegraph_intent = "off"
    assert not settings.shows_intent("easy")
    settings.mute = True
    assert settings.effective_volume == 0.0


# --- the app ----------------------------------------------------------------------------------


def test_app_window_follows_the_settings(dirs):
    from alma_tactics.ui.app import App

    Settings(resolution=(1024, 640)).save()
    app = App()
    try:
        assert app.window.get_size() == (1024, 640)
        assert app.ui.window_resolution == (1024, 640)
    finally:
        app.close()


def test_theme_scales_fonts():
    from alma_tactics.ui.app import load_theme

    one, two = load_theme(1.0), load_theme(2.0)
    assert int(two["#title"]["font"]["size"]) == 2 * int(one["#title"]["font"]["size"])


def test_frame_runs_the_screen_and_a_window_close_quits(app):
    from alma_tactics.ui.screen import Screen

    seen = []

    class Probe(Screen):
        def handle_event(self, event):
            seen.append(event.type)

        def update(self, dt):
            seen.append(("update", dt))

        def draw(self, surface):
            surface.fill((1, 2, 3))

    app.start(Probe(app))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="a"))
    assert app.frame(0.02) is True
    assert pygame.KEYDOWN in seen and ("update", 0.02) in seen
    assert app.window.get_at((0, 0))[:3] == (1, 2, 3)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert app.frame(0.02) is False
    assert app.running is False and app.screen is None


def test_run_returns_zero_when_the_window_closes(app):
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert app.run() == 0


def test_switch_calls_leave_then_enter(app):
    from alma_tactics.ui.screen import Screen

    calls = []

    class Named(Screen):
        def __init__(self, app, name):
            super().__init__(app)
            self.name = name

        def enter(self):
            calls.append(("enter", self.name))

        def leave(self):
            calls.append(("leave", self.name))

    app.start(Named(app, "a"))
    app.switch(Named(app, "b"))
    assert calls == [("enter", "a"), ("leave", "a"), ("enter", "b")]


def test_first_screens_for_each_command(app, dirs):
    from alma_tactics.scenario import find_scenario, load_scenario
    from alma_tactics.ui import menus
    from alma_tactics.ui.app import first_screen

    assert isinstance(first_screen(app, play_args(), None), menus.MainMenu)
    assert isinstance(first_screen(app, play_args("play"), None), menus.ScenarioListScreen)
    raid = load_scenario(find_scenario("outpost-raid"))
    briefing = first_screen(app, play_args("play", "outpost-raid", "--seed", "42"), raid)
    assert isinstance(briefing, menus.BriefingScreen) and briefing.seed == 42
    editor = first_screen(app, play_args("edit"), None)
    assert type(editor).__name__ == "EditorScreen"
    hotseat = first_screen(app, play_args("play", "duel", "--hotseat"), raid)
    assert type(hotseat).__name__ == "HotseatSetupScreen" and hotseat.preselect is raid
    bad = dirs / "bad.json"
    bad.write_text("{}")
    loading = first_screen(app, play_args("play", "--load", str(bad)), None)
    assert (
        isinstance(loading, menus.LoadGameScreen)
        and "not an Alma Tactics save" in loading.first_error
    )
    app.start(loading)
    assert "not an Alma Tactics save" in loading.error.text


def test_play_load_opens_the_saved_battle(app, dirs):
    from alma_tactics.ai.simulate import play
    from alma_tactics.ui import menus
    from alma_tactics.ui.app import first_screen
    from alma_tactics.ui.driver import battle_unavailable

    path = app.save_game(play("night-yard", 2, turns=2).match, "yard")
    screen = first_screen(app, play_args("play", "--load", str(path)), None)
    if battle_unavailable():  # the loaded game is fine; only the battle screen is missing
        assert isinstance(screen, menus.LoadGameScreen)
        assert "cannot open yet" in screen.first_error
    else:
        assert type(screen).__name__ == "BattleScreen"
        assert screen.match.state.state_hash() == app.load_game(path).match.state.state_hash()


def test_run_app_with_an_unknown_scenario_says_so_in_one_line(dirs, capsys):
    from alma_tactics.ui.app import run_app

    assert run_app(play_args("play", "no-such-battle")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no-such-battle" in err


def test_start_battle_sets_who_plays_which_side(app):
    from alma_tactics.ui.driver import battle_unavailable

    if battle_unavailable():
        pytest.skip(battle_unavailable())
    from alma_tactics.scenario import find_scenario, load_scenario

    duel = load_scenario(find_scenario("duel"))
    battle = app.start_battle(duel, 5, ["red"])
    assert app.screen is battle
    assert battle.match.seed == 5
    assert {s.id: s.controller for s in battle.match.state.sides} == {"blue": "ai", "red": "human"}


def test_save_game_writes_to_the_saves_folder_and_loads_back(app, dirs):
    from alma_tactics.ai.simulate import play

    match = play("night-yard", 3, turns=2).match
    path = app.save_game(match, "quick")
    assert path == dirs / "data" / "saves" / "quick.json"
    loaded = app.load_game(path)
    assert loaded.verified and loaded.match.state.state_hash() == match.state.state_hash()
