"""The battle screen's flow: the computer's turn off the drawing loop, hot-seat hand-over,
the camera and minimap, loading, surrender and the end of the battle."""

from __future__ import annotations

import time

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from test_ui_battle_support import hover, open_battle, quiet_tile, tile_centre  # noqa: E402

from alma_tactics.ai import AiPlayer  # noqa: E402
from alma_tactics.core.actions import EndTurn  # noqa: E402
from alma_tactics.match import Match  # noqa: E402
from alma_tactics.scenario import find_scenario, load_scenario  # noqa: E402
from alma_tactics.ui.battle_ai import AiDriver  # noqa: E402
from alma_tactics.ui.driver import click, click_at, frames, press  # noqa: E402


def new_match(name: str, seed: int) -> Match:
    scenario = load_scenario(find_scenario(name))
    return Match(scenario.new_state(seed), seed, scenario_doc=scenario.doc, scenario_name=name)


def play_with_driver(name: str, seed: int, threaded: bool, actions: int) -> Match:
    match = new_match(name, seed)
    players = {s.id: AiPlayer(s.id, s.difficulty) for s in match.state.sides}
    driver = AiDriver(match, players, match.submit, threaded=threaded)
    deadline = time.monotonic() + 120
    try:
        while len(match.log) < actions and not match.state.winner:
            assert time.monotonic() < deadline
            if driver.run(0.008) == 0 and threaded:
                time.sleep(0.001)
    finally:
        driver.close()
    return match


@pytest.mark.parametrize("name", ["night-yard", "two-sentries", "brute-pit"])
def test_slices_and_the_worker_thread_choose_the_same_actions(name):
    sliced = play_with_driver(name, 7, threaded=False, actions=60)
    worker = play_with_driver(name, 7, threaded=True, actions=60)
    n = min(len(sliced.log), len(worker.log))
    assert n > 10
    assert sliced.log[:n] == worker.log[:n]
    if len(sliced.log) == len(worker.log):
        assert sliced.state.state_hash() == worker.state.state_hash()


def test_a_slice_stops_when_its_time_is_used():
    match = new_match("outpost-raid", 3)
    players = {s.id: AiPlayer(s.id, s.difficulty) for s in match.state.sides}
    calls = []

    def slow_submit(action):
        calls.append(action)
        time.sleep(0.003)
        return match.submit(action)

    driver = AiDriver(match, players, slow_submit)
    started = time.perf_counter()
    done = driver.run(0.008)
    assert 1 <= done <= 4
    assert time.perf_counter() - started < 0.05


@pytest.mark.parametrize("threaded", [False, True])
def test_the_screen_plays_the_computer_turn_without_blocking_frames(
    monkeypatch, tmp_path, threaded
):
    app, screen = open_battle(monkeypatch, tmp_path, threaded_ai=None)
    try:
        screen.driver.threaded = threaded
        screen._submit(EndTurn("alliance"))
        slowest = 0.0
        deadline = time.perf_counter() + 60  # wall time, not frames: the worker shares the GIL
        while not screen.my_turn() and time.perf_counter() < deadline:
            started = time.perf_counter()
            frames(app, 1)
            slowest = max(slowest, time.perf_counter() - started)
        assert screen.my_turn() and screen.state.turn == 2
        assert slowest < 0.25  # generous: a slow CI box, one action per frame at most
    finally:
        app.close()


def test_hot_seat_hides_the_board_between_players(monkeypatch, tmp_path):
    app, screen = open_battle(monkeypatch, tmp_path, humans=("alliance", "calendrea"))
    try:
        drawn = []
        real_draw = screen.renderer.draw
        screen.renderer.draw = lambda *a, **k: (drawn.append(a[3]), real_draw(*a, **k))
        frames(app, 2)
        assert screen.curtain == "alliance" and not drawn
        assert not screen.bar_buttons
        press(app, pygame.K_SPACE)
        assert screen.curtain is None and screen.viewer == "alliance"
        frames(app, 1)
        assert drawn and set(drawn) == {"alliance"}
        press(app, pygame.K_RETURN)  # units with AP left: the warning
        press(app, pygame.K_RETURN)  # the end-turn key again confirms
        frames(app, 3)
        assert screen.curtain == "calendrea"
        drawn.clear()
        frames(app, 2)
        assert not drawn  # nothing of either side's view while the seat changes
        click_at(app, (50, 50))
        assert screen.viewer == "calendrea" and screen.my_turn()
        frames(app, 1)
        assert set(drawn) == {"calendrea"}
        # each side has its own log
        assert screen.logs["alliance"] is not screen.logs["calendrea"]
    finally:
        app.close()


def test_camera_zooms_with_the_wheel_pans_with_keys_and_drag_and_the_minimap_moves_it(
    monkeypatch, tmp_path
):
    app, screen = open_battle(monkeypatch, tmp_path)
    try:
        cam = screen.camera
        centre = screen.layout()["map"].center
        hover(app, centre)
        zoom = cam.zoom
        for _ in range(2):  # zoom in (night-yard fits the view whole at the start)
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
            frames(app, 2)
        assert cam.zoom > zoom

        def origin():
            return cam.to_screen((0, 0))  # where the map's corner is drawn

        x = origin()[0]
        press(app, pygame.K_RIGHT)
        assert origin()[0] < x  # the view moved right over the map
        x = origin()[0]
        press(app, pygame.K_a)  # the settings' pan_left
        assert origin()[0] > x
        # drag with the middle button: the board follows the pointer
        x, y = origin()
        start = centre
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=2))
        for step in range(1, 5):
            pos = (start[0] - 20 * step, start[1])
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(-20, 0), buttons=(0, 1, 0))
            )
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(start[0] - 80, start[1]), button=2)
        )
        frames(app, 2)
        assert origin()[0] == pytest.approx(x - 80, abs=2) and origin()[1] == pytest.approx(
            y, abs=2
        )
        # a click on the minimap looks there
        mini = screen.layout()["minimap"]
        grid = screen.state.grid
        click_at(app, (mini.right - 3, mini.bottom - 3))
        view = screen.layout()["map"]
        far = screen._tile_at(view.center)
        assert far[0] > grid.width // 2 and far[1] > grid.height // 2
        # centre on the selected unit (as far as the map's edge allows)
        davis = screen.state.units["davis"]
        assert not view.collidepoint(screen._screen_of(davis.pos))
        screen._select("davis")
        press(app, pygame.K_c)
        assert view.collidepoint(screen._screen_of(davis.pos))
        zoomed = cam.zoom
        hover(app, centre)  # the wheel zooms over the map
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        frames(app, 2)
        assert cam.zoom < zoomed
    finally:
        app.close()


def test_tab_cycles_units_and_right_click_cancels(monkeypatch, tmp_path):
    app, screen = open_battle(monkeypatch, tmp_path)
    try:
        press(app, pygame.K_TAB)
        first = screen.selected
        press(app, pygame.K_TAB)
        assert screen.selected not in (None, first)
        press(app, pygame.K_f)  # face: aimed at a tile
        assert screen.armed is not None and screen.armed.group == "face"
        centre = screen.layout()["map"].center
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=centre, button=3))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=centre, button=3))
        frames(app, 2)
        assert screen.armed is None and screen.selected is not None
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=centre, button=3))
        frames(app, 2)
        assert screen.selected is None
    finally:
        app.close()


def test_loading_from_the_pause_menu_brings_back_the_saved_battle(monkeypatch, tmp_path):
    app, screen = open_battle(monkeypatch, tmp_path)
    try:
        click_at(app, tile_centre(screen, screen.state.units["davis"].pos))
        click_at(app, tile_centre(screen, quiet_tile(screen, "davis")))
        saved_log = list(screen.match.log)
        press(app, pygame.K_ESCAPE)
        click(app, next(b for b in screen.modal["callbacks"] if b.text == "Save game"))
        click_at(app, tile_centre(screen, screen.state.units["m1"].pos))
        click_at(app, tile_centre(screen, quiet_tile(screen, "m1")))
        assert len(screen.match.log) == 2
        press(app, pygame.K_ESCAPE)
        click(app, next(b for b in screen.modal["callbacks"] if b.text == "Load game"))
        listing = screen.modal["list"]
        row = listing.item_list[0]["button_element"]
        click(app, row)
        click(app, next(b for b in screen.modal["callbacks"] if b.text == "Load"))
        now = app.screen
        assert now is not screen and type(now).__name__ == "BattleScreen"
        assert now.match.log == saved_log
    finally:
        app.close()


def test_surrender_goes_to_the_after_action_report(monkeypatch, tmp_path):
    app, screen = open_battle(monkeypatch, tmp_path)
    try:
        press(app, pygame.K_ESCAPE)
        click(app, next(b for b in screen.modal["callbacks"] if b.text == "Surrender"))
        assert screen.modal["kind"] == "surrender"
        click(app, next(b for b in screen.modal["callbacks"] if b.text == "Surrender"))
        assert type(app.screen).__name__ == "AfterActionScreen"
    finally:
        app.close()


def test_quit_to_menu_asks_then_goes_to_the_main_menu(monkeypatch, tmp_path):
    app, screen = open_battle(monkeypatch, tmp_path)
    try:
        press(app, pygame.K_ESCAPE)
        click(app, next(b for b in screen.modal["callbacks"] if b.text == "Quit to menu"))
        click(app, next(b for b in screen.modal["callbacks"] if b.text == "Quit"))
        assert type(app.screen).__name__ == "MainMenu"
    finally:
        app.close()


def test_a_decided_battle_opens_the_after_action_report(monkeypatch, tmp_path):
    app, screen = open_battle(monkeypatch, tmp_path)
    try:
        screen.match.state.winner = "alliance"  # as a trigger would decide it
        frames(app, 3)
        assert type(app.screen).__name__ == "AfterActionScreen"
    finally:
        app.close()


def test_settings_from_the_pause_menu_come_back_to_the_same_battle(monkeypatch, tmp_path):
    app, screen = open_battle(monkeypatch, tmp_path)
    try:
        click_at(app, tile_centre(screen, screen.state.units["davis"].pos))
        press(app, pygame.K_ESCAPE)
        click(app, next(b for b in screen.modal["callbacks"] if b.text == "Settings"))
        assert type(app.screen).__name__ == "SettingsScreen"
        press(app, pygame.K_ESCAPE)
        assert app.screen is screen
        assert screen.selected == "davis" and screen.end_button.alive()
        frames(app, 2)
        assert screen.bar_buttons
    finally:
        app.close()


def test_quicksave_and_quickload_keys(monkeypatch, tmp_path):
    app, screen = open_battle(monkeypatch, tmp_path)
    try:
        click_at(app, tile_centre(screen, screen.state.units["davis"].pos))
        click_at(app, tile_centre(screen, quiet_tile(screen, "davis")))
        log = list(screen.match.log)
        press(app, pygame.K_F5)
        assert (tmp_path / "data" / "saves" / "quicksave.json").exists()
        press(app, pygame.K_BACKSPACE)  # undo the move
        assert screen.match.log == []
        press(app, pygame.K_F9)
        assert app.screen is not screen and app.screen.match.log == log
    finally:
        app.close()


def test_a_failing_computer_player_ends_its_turn_instead_of_the_game(monkeypatch, tmp_path):
    app, screen = open_battle(monkeypatch, tmp_path)
    try:

        def broken(state):
            raise RuntimeError("bug")

        monkeypatch.setattr(screen.players["calendrea"], "next_action", broken)
        screen._submit(EndTurn("alliance"))
        for _ in range(300):
            if screen.my_turn():
                break
            frames(app, 1)
        assert screen.my_turn() and screen.state.turn == 2
        assert screen.match.log[-1] == EndTurn("calendrea")
    finally:
        app.close()


def test_intent_setting_telegraphs_patrols_and_ghosts_show_where_last_seen(monkeypatch, tmp_path):
    from test_ui_battle_support import spotting_tile

    app, screen = open_battle(monkeypatch, tmp_path)
    try:
        assert not screen.intent_on()  # the computer plays at normal: off by default
        app.settings.telegraph_intent = "on"
        tile = spotting_tile(screen, "davis", "sentry1")
        click_at(app, tile_centre(screen, screen.state.units["davis"].pos))
        click_at(app, tile_centre(screen, tile))
        assert "sentry1" in screen.state.knowledge["alliance"].spotted
        hover(app, tile_centre(screen, screen.state.units["sentry1"].pos))
        assert screen.overlay.intent is True
        sentry = screen.state.units["sentry1"]
        sentry.alertness = "unaware"  # (test only) a sentry still on its beat
        screen._cache.clear()
        frames(app, 1)
        assert "Intent: patrols towards" in screen.tooltip_text
        sentry.alertness = "alert"
        screen._cache.clear()
        # after the computer's turn, an enemy that walked out of sight is a ghost
        screen._submit(EndTurn("alliance"))
        for _ in range(900):
            if screen.my_turn():
                break
            frames(app, 1)
        ghosts = screen.state.knowledge["alliance"].ghosts
        assert ghosts, "seed 1: the sentry walks into view and out again"
        ghost = next(iter(ghosts.values()))
        hover(app, tile_centre(screen, (ghost.x, ghost.y)))
        assert f"(last seen turn {ghost.turn})" in screen.tooltip_text
    finally:
        app.close()
