"""Hot-seat, driven with real clicks and keys under SDL's dummy video driver: the setup
screen, the hand-over curtain (nothing of the map behind it, PINs), computer sides
playing behind the curtain, what each player's screen shows (only their side's
knowledge), autosaves and `play --load`.

Set ALMA_UI_SHOTS=/some/folder to save screenshots (hotseat-*.png) there.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from test_ui_battle_leaks import assert_no_leak, unseen_enemies  # noqa: E402
from test_ui_battle_support import hover, log_text, tile_centre  # noqa: E402
from ui_support import play_args, shooter  # noqa: E402

from alma_tactics.core.actions import EndTurn  # noqa: E402
from alma_tactics.render import words  # noqa: E402
from alma_tactics.ui.driver import click, click_at, frames, item, press  # noqa: E402

shot = shooter("hotseat-")


def type_text(app, text: str) -> None:
    """Typed characters reach a focused text entry as TEXTINPUT events."""
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    frames(app, 2)


def type_pin(app, entry, pin: str) -> None:
    click(app, entry)
    type_text(app, pin)


def watch_drawing(screen) -> dict[str, list]:
    """Record every board, minimap and animation the battle screen asks for; any asked
    for while the curtain is up go to "curtained" too."""
    calls: dict[str, list] = {"draw": [], "minimap": [], "play": [], "curtained": []}
    renderer, animator = screen.renderer, screen.animator
    real_draw, real_mini, real_play = renderer.draw, renderer.minimap, animator.play

    def draw(surface, rect, state, side, *rest, **kw):
        calls["draw"].append(side)
        if screen.curtain is not None:
            calls["curtained"].append(("draw", side))
        return real_draw(surface, rect, state, side, *rest, **kw)

    def minimap(state, side, size):
        calls["minimap"].append(side)
        if screen.curtain is not None:
            calls["curtained"].append(("minimap", side))
        return real_mini(state, side, size)

    def play(events, state, side):
        calls["play"].append((side, list(events)))
        if screen.curtain is not None:
            calls["curtained"].append(("play", side))
        return real_play(events, state, side)

    renderer.draw, renderer.minimap, animator.play = draw, minimap, play
    return calls


def assert_curtain_only(app, screen) -> None:
    """Nothing of the battle: the screen's drawing is the curtain's plain colour over the
    whole map area, and in the window only the curtain's own widgets sit on it."""
    from alma_tactics.ui.hotseat import CURTAIN

    surface = pygame.Surface(app.window.get_size())
    surface.fill((255, 0, 255))
    screen.draw(surface)
    r = screen.layout()
    for name in ("map", "side", "minimap", "log"):
        area = surface.subsurface(r[name])
        assert pygame.transform.average_color(area)[:3] == CURTAIN, name
        assert area.get_at((0, 0))[:3] == CURTAIN and area.get_at((5, 7))[:3] == CURTAIN
    mask = pygame.mask.from_threshold(surface.subsurface(r["map"]), CURTAIN, (1, 1, 1, 255))
    assert mask.count() == r["map"].w * r["map"].h  # every pixel of the map area
    # in the window: outside the curtain's widgets, still the curtain
    frames(app, 1)
    widgets = [w.rect for w in screen.hand_off.widgets.values()]
    checked = 0
    for x in range(r["map"].x + 3, r["map"].right, 37):
        for y in range(r["map"].y + 3, r["map"].bottom, 29):
            if not any(rect.inflate(4, 4).collidepoint(x, y) for rect in widgets):
                assert app.window.get_at((x, y))[:3] == CURTAIN, (x, y)
                checked += 1
    assert checked > 100
    assert not any(e.visible for e in screen.elements)  # no End turn, Undo, Menu
    assert not screen.bar_buttons and screen.tooltip_text == ""


def open_setup(app, scenario_title: str = "Duel"):
    click(app, app.screen.buttons["Hot-seat"])
    setup = app.screen
    assert type(setup).__name__ == "HotseatSetupScreen"
    if setup.selected is None or setup.selected.title != scenario_title:
        click(app, item(setup.list, scenario_title))
    assert setup.selected.title == scenario_title
    return setup


def start_duel(app, pins: dict[str, str] | None = None):
    setup = open_setup(app)
    assert [b.text for b in setup.toggles] == ["Person", "Person"]
    for side, pin in (pins or {}).items():
        type_pin(app, setup.pin_entries[side], pin)
        assert setup.pin_entries[side].get_text() == pin
    shot(app, "setup")
    click(app, setup.start)
    screen = app.screen
    assert type(screen).__name__ == "BattleScreen"
    return screen


def end_turn(app, screen) -> None:
    press(app, pygame.K_RETURN)
    if screen.modal is not None:  # units with AP left: the end-turn key again confirms
        press(app, pygame.K_RETURN)
    frames(app, 2)


def never_named(screen, side: str) -> None:
    """`side`'s log and tooltip never name an enemy it has not spotted, and no action of the
    bar (so no hit-chance preview) aims at one."""
    state = screen.state
    text = log_text(screen, side) + "\n" + screen.tooltip_text + "\n" + screen.preview_text
    unseen = {unit.id for unit in unseen_enemies(state, side)}
    for unit_id in unseen:
        assert unit_id not in text
        assert words.plain_name(state, unit_id) not in text
    for unit in state.units.values():
        if unit.side == side and unit.alive and screen.my_turn():
            screen.selected = unit.id
            assert not any(set(e.targets) & unseen for e in screen.entries())
    screen.selected = None


# --- the setup screen and the curtain ----------------------------------------------------------


def test_duel_by_clicks_the_curtain_hides_everything_and_the_pin_guards_it(app):
    screen = start_duel(app, {"red": "4321"})
    assert screen.human_sides == ["blue", "red"]
    assert screen.pins == {"red": "4321"}
    calls = watch_drawing(screen)
    frames(app, 3)
    assert screen.curtain == "blue"
    assert_curtain_only(app, screen)
    assert calls == {"draw": [], "minimap": [], "play": [], "curtained": []}
    assert screen.hand_off.widgets["title"].text == "Pass to Blue squad"
    shot(app, "curtain-blue")
    # blue has no PIN: the button opens the turn
    click(app, screen.hand_off.widgets["open"])
    assert screen.curtain is None and screen.viewer == "blue" and screen.my_turn()
    frames(app, 2)
    assert set(calls["draw"]) == {"blue"} and set(calls["minimap"]) == {"blue"}
    assert all(e.visible for e in screen.elements)
    shot(app, "blue-turn")

    # blue sees nothing of red: board, minimap, log and tooltips are the same wherever
    # red's unseen units stand, and none of them is named
    enemy = unseen_enemies(screen.state, "blue")[0]
    click_at(app, tile_centre(screen, screen.state.units["blue_sniper"].pos))
    assert screen.selected == "blue_sniper"
    assert_no_leak(app, screen)
    if screen.layout()["map"].collidepoint(tile_centre(screen, enemy.pos)):
        hover(app, tile_centre(screen, enemy.pos))
        assert enemy.id not in screen.tooltip_text
        assert_no_leak(app, screen)
    never_named(screen, "blue")
    assert screen.renderer.minimap(screen.state, "blue", (64, 40)) is not None

    # the end of blue's turn brings the curtain up for red at once
    end_turn(app, screen)
    assert screen.state.active_side.id == "red"
    assert screen.curtain == "red"
    calls["draw"].clear()
    calls["minimap"].clear()
    frames(app, 3)
    assert_curtain_only(app, screen)
    assert not calls["draw"] and not calls["minimap"]
    assert "pin" in screen.hand_off.widgets
    shot(app, "curtain-red")

    # a click, Enter or the button with no PIN or a wrong one: it stays down; the battle's
    # hidden buttons (the pause menu's among them) and keys do nothing
    click(app, screen.menu_button)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_F5)
    assert screen.modal is None and screen.curtain == "red"
    click_at(app, (40, 200))
    press(app, pygame.K_SPACE)
    assert screen.curtain == "red"
    click(app, screen.hand_off.widgets["open"])
    assert screen.curtain == "red" and "PIN" in screen.hand_off.message
    type_pin(app, screen.hand_off.widgets["pin"], "1111")
    press(app, pygame.K_RETURN)
    assert screen.curtain == "red" and screen.hand_off.message == "Wrong PIN. Try again."
    assert screen.hand_off.widgets["pin"].get_text() == ""
    assert not calls["draw"]
    shot(app, "wrong-pin")

    # the right PIN opens red's turn, as red knows the battle
    type_pin(app, screen.hand_off.widgets["pin"], "4321")
    press(app, pygame.K_RETURN)
    assert screen.curtain is None and screen.viewer == "red" and screen.my_turn()
    assert not screen.hand_off.widgets
    frames(app, 2)
    assert set(calls["draw"]) == {"red"} and set(calls["minimap"]) == {"red"}
    assert screen.logs["red"] is not screen.logs["blue"]
    screen.animator.skip()
    screen.banner = None
    assert_no_leak(app, screen)
    never_named(screen, "red")
    assert not calls["curtained"]  # nothing drawn, minimapped or animated behind the curtain
    shot(app, "red-turn")


def test_what_red_sees_at_its_turn_start_is_only_what_red_saw(app):
    """Blue walks into red's view: red's catch-up playback and log show that, and no more."""
    from alma_tactics.core import events as ev
    from alma_tactics.core.actions import Move
    from alma_tactics.core.movement import reachable

    screen = start_duel(app)
    calls = watch_drawing(screen)
    click(app, screen.hand_off.widgets["open"])
    state = screen.state
    sniper = state.units["blue_sniper"]
    far = max(reachable(state, sniper).tiles(), key=lambda t: (t[0][0], -abs(t[0][1] - 10)))[0]
    path = reachable(state, sniper).path_to(far)
    screen._commit(Move("blue_sniper", tuple(path)))
    frames(app, 2)
    end_turn(app, screen)
    assert screen.curtain == "red"
    calls["play"].clear()
    backlog = [e for _, e in screen.pending["red"]]
    click(app, screen.hand_off.widgets["open"])
    assert calls["play"] and calls["play"][0][0] == "red"
    assert calls["play"][0][1] == backlog
    spotted = {e.unit for e in backlog if isinstance(e, ev.UnitSpotted) and e.side == "red"}
    for event in backlog:
        who = getattr(event, "unit", "")
        if who in state.units and state.units[who].side == "blue" and event is not None:
            assert who in spotted or isinstance(event, ev.NoiseHeard | ev.UnitLost)
    never_named(screen, "red")
    if spotted:
        assert "Spotted" in log_text(screen, "red")


def test_a_side_toggled_to_the_computer_is_played_by_it(app):
    setup = open_setup(app)
    red = next(b for b, side in setup.toggles.items() if side == "red")
    click(app, red)
    assert red.text == "Computer"
    assert not setup.pin_entries["red"].is_enabled
    click(app, red)
    assert red.text == "Person" and setup.pin_entries["red"].is_enabled
    click(app, red)
    blue = next(b for b, side in setup.toggles.items() if side == "blue")
    click(app, blue)
    click(app, setup.start)
    assert type(app.screen).__name__ == "HotseatSetupScreen"
    assert "person" in setup.error.text
    click(app, blue)
    click(app, setup.start)
    screen = app.screen
    assert screen.human_sides == ["blue"]
    assert {s.id: s.controller for s in screen.state.sides} == {"blue": "human", "red": "ai"}
    assert screen.curtain is None  # one person: no hand-over


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("outpost-raid", "Outpost raid"),
        ("four-target-assault", "The four-target assault"),
        ("duel", "Duel"),
    ],
)
def test_play_hotseat_preselects_the_scenario_and_any_battle_works(app, name, title):
    from alma_tactics.scenario import find_scenario, load_scenario
    from alma_tactics.ui.app import first_screen

    scenario = load_scenario(find_scenario(name))
    setup = first_screen(app, play_args("play", name, "--hotseat", "--seed", "7"), scenario)
    assert type(setup).__name__ == "HotseatSetupScreen"
    app.switch(setup)
    frames(app, 2)
    assert setup.selected.name == name and setup.selected.title == title
    assert setup.seed_entry.get_text() == "7"
    shot(app, f"setup-{name}")
    click(app, setup.start)
    screen = app.screen
    assert type(screen).__name__ == "BattleScreen" and screen.match.seed == 7
    expected = {"four-target-assault": ["alliance", "calendrea"]}  # its allies: the computer
    assert screen.human_sides == expected.get(name, [s["id"] for s in scenario.sides])
    first = screen.state.active_side.id
    assert screen.curtain == first
    calls = watch_drawing(screen)
    frames(app, 2)
    assert not calls["draw"]
    click(app, screen.hand_off.widgets["open"])
    frames(app, 1)
    assert screen.viewer == first and set(calls["draw"]) == {first}


# --- computer sides between people -------------------------------------------------------------


def trio_scenario():
    """The duel with a computer side (green) playing between blue and red."""
    from alma_tactics.scenario import find_scenario, load_scenario
    from alma_tactics.scenario.files import Scenario

    duel = load_scenario(find_scenario("duel"))
    doc = copy.deepcopy(duel.doc)
    green = {
        "id": "green",
        "name": "Green squad",
        "faction": "alliance",
        "controller": "ai",
        "colour": "#3cdc6c",
        "alertness": "alert",
        "team": "green",
    }
    doc["side"].insert(1, green)
    for k, at in enumerate(([15, 1], [16, 18])):
        doc["unit"].append(
            {"id": f"green_marine_{k + 1}", "type": "marine", "side": "green", "at": at}
        )
    return Scenario(Path("trio.toml"), doc)


def test_computer_turns_between_people_play_behind_the_curtain(app, monkeypatch):
    scenario = trio_scenario()
    screen = app.start_hotseat(scenario, 3, ["blue", "red"], {"red": "77"})
    assert screen.pins == {"red": "77"}
    frames(app, 2)
    assert [s.id for s in screen.state.sides] == ["blue", "green", "red"]
    click(app, screen.hand_off.widgets["open"])
    assert screen.viewer == "blue"
    calls = watch_drawing(screen)
    before = len(screen.match.log)
    # hold the computer for a moment to look at the curtain while it has the move
    held = monkeypatch.setattr
    real_run = screen.driver.run
    held(screen.driver, "run", lambda *a, **k: 0)
    end_turn(app, screen)
    assert screen.state.active_side.id == "green"
    assert not calls["curtained"]
    for recorded in calls.values():
        recorded.clear()
    assert screen.curtain == "red"
    assert not screen.hand_off.ready()
    assert not screen.hand_off.widgets["open"].is_enabled
    assert "computer is playing Green squad" in screen.hand_off.widgets["sub"].text
    assert_curtain_only(app, screen)
    shot(app, "waiting-for-the-computer")
    assert not screen.hand_off.try_open()
    assert screen.curtain == "red" and "computer" in screen.hand_off.message
    held(screen.driver, "run", real_run)
    for _ in range(600):
        if screen.state.active_side.id == "red":
            break
        frames(app, 1)
        assert screen.curtain == "red"
    assert screen.state.active_side.id == "red"
    green_actions = [a for a in screen.match.log[before:] if getattr(a, "side", "") == "green"]
    assert green_actions, "green ended its turn"
    # nothing of green's turn was drawn or animated for whoever sat there
    assert calls == {"draw": [], "minimap": [], "play": [], "curtained": []}
    frames(app, 2)
    assert screen.hand_off.widgets["open"].is_enabled
    assert "pin" in screen.hand_off.widgets
    # blue's share of green's turn waits for blue's next turn; red's plays when red opens
    assert screen.pending["blue"], "blue keeps what it saw of green's turn for later"
    type_pin(app, screen.hand_off.widgets["pin"], "77")
    press(app, pygame.K_RETURN)
    assert screen.curtain is None and screen.viewer == "red"
    frames(app, 1)
    assert set(calls["draw"]) == {"red"}
    assert all(side == "red" for side, _ in calls["play"])
    assert not calls["curtained"]


# --- autosaves, saves and `play --load` --------------------------------------------------------


def test_an_autosave_at_every_human_turn_start_and_only_the_last_five_kept(app, dirs):
    from alma_tactics.match.saves import load_save

    folder = dirs / "data" / "saves"
    screen = start_duel(app, {"blue": "12", "red": "34"})
    frames(app, 2)
    expected = []
    for turn in range(1, 5):
        for side in ("blue", "red"):
            name = f"autosave-duel-turn{turn:03d}-{side}.json"
            assert (folder / name).exists(), name
            expected.append(name)
            screen.match.submit(EndTurn(side))  # the seat changes behind the curtain
            frames(app, 2)
    kept = sorted(p.name for p in folder.glob("autosave-*.json"))
    assert len(kept) == 5
    newest = expected[-4:] + ["autosave-duel-turn005-blue.json"]
    assert kept == sorted(newest)
    # a save holds no PIN, and replays to the battle it was
    data = json.loads((folder / newest[-1]).read_text())
    assert not any("pin" in key.lower() for key in data)
    assert load_save(folder / newest[-1]).match.state.state_hash() == screen.state.state_hash()


def test_autosave_prunes_by_age_not_name(dirs):
    from alma_tactics.ai.simulate import play
    from alma_tactics.ui.autosave import autosaves, write_autosave

    folder = dirs / "saves"
    match = play("night-yard", 2, turns=2).match
    written = []
    for k in range(7):
        match.scenario_name = f"s{9 - k}"  # names sort the other way round from age
        written.append(write_autosave(match, folder, keep=3).name)
    assert [p.name for p in autosaves(folder)] == written[::-1][:3]


def test_save_and_quit_from_the_curtain_then_play_load_restores_without_pins(app, dirs):
    from alma_tactics.ui import app as app_module
    from alma_tactics.ui.app import App, first_screen, run_app

    screen = start_duel(app, {"blue": "5", "red": "6"})
    frames(app, 2)
    click(app, screen.hand_off.widgets["quit"])
    assert type(app.screen).__name__ == "MainMenu"
    saved = screen.last_save
    assert saved.exists() and saved.parent == dirs / "data" / "saves"

    # in this session the PINs still guard the loaded game
    again = first_screen(app, play_args("play", "--load", str(saved)), None)
    assert type(again).__name__ == "BattleScreen" and again.pins == {"blue": "5", "red": "6"}

    # a new session (`alma-tactics play --load FILE`): the same battle, no PINs
    shown = []

    def fake_run(self, first=None):
        shown.append(first)
        return 0

    original = App.run
    App.run = fake_run
    try:
        assert run_app(play_args("play", "--load", str(saved))) == 0
    finally:
        App.run = original
    loaded = shown[0]
    assert type(loaded).__name__ == "BattleScreen"
    assert loaded.human_sides == ["blue", "red"] and loaded.pins == {}
    assert loaded.curtain == "blue"
    assert loaded.match.state.state_hash() == screen.state.state_hash()
    assert app_module.App is App


# --- the hand-over screen as a setting (Wesnoth #7065: "make it optional") --------------------


def test_without_the_hand_over_screen_each_turn_opens_straight_to_its_player(app):
    """Friends at one table can turn the "Pass to" screen off (setup screen or Settings):
    the next player's view opens at once, still only what their side knows."""
    setup = open_setup(app)
    assert setup.hand_over.text == "On"
    click(app, setup.hand_over)
    assert setup.hand_over.text == "Off" and app.settings.hand_over_screen is False
    from alma_tactics.ui.settings import Settings

    assert Settings.load().hand_over_screen is False, "saved"
    click(app, setup.start)
    screen = app.screen
    frames(app, 3)
    assert screen.curtain is None and screen.viewer == "blue" and screen.my_turn()
    assert not screen.hand_off.widgets
    end_turn(app, screen)
    frames(app, 3)
    assert screen.state.active_side.id == "red"
    assert screen.curtain is None and screen.viewer == "red" and screen.my_turn()
    screen.animator.skip()
    screen.banner = None
    never_named(screen, "red")
    assert_no_leak(app, screen)


def test_a_side_with_a_pin_still_gets_the_hand_over_screen(app):
    setup = open_setup(app)
    click(app, setup.hand_over)
    type_pin(app, setup.pin_entries["red"], "77")
    click(app, setup.start)
    screen = app.screen
    frames(app, 3)
    assert screen.curtain is None and screen.viewer == "blue"
    end_turn(app, screen)
    frames(app, 3)
    assert screen.curtain == "red", "red set a PIN: the screen waits for it"
    assert_curtain_only(app, screen)
    type_pin(app, screen.hand_off.widgets["pin"], "77")
    press(app, pygame.K_RETURN)
    assert screen.curtain is None and screen.viewer == "red"


def test_the_settings_screen_has_the_hand_over_switch(app):
    click(app, app.screen.buttons["Settings"])
    settings_screen = app.screen
    button = settings_screen.toggles["hand_over_screen"]
    assert button.text == "On"
    click(app, button)
    assert app.settings.hand_over_screen is False and button.text == "Off"
    shot(app, "settings")
