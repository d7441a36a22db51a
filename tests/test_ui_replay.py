"""The replay viewer and `alma-tactics replay`, under SDL's dummy video driver: the tape
rebuilds exactly the states of the game, the buttons step and play it, the view chooser
shows only what a side knew, the combat log follows.

Set ALMA_UI_SHOTS=/some/folder to save screenshots (replay-*.png) there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from ui_support import shooter  # noqa: E402

from alma_tactics.core import events as ev  # noqa: E402
from alma_tactics.core.actions import EndTurn, Move  # noqa: E402
from alma_tactics.render import words  # noqa: E402
from alma_tactics.ui.driver import click, frames, item, press  # noqa: E402

SEED, TURNS = 2, 5
shot = shooter("replay-")


@pytest.fixture(scope="module")
def simulated():
    from alma_tactics.ai.simulate import play

    return play("night-yard", SEED, turns=TURNS).match


@pytest.fixture
def save(dirs, simulated) -> Path:
    from alma_tactics.match.saves import write_save

    return write_save(simulated, dirs / "data" / "saves" / "yard.json")


@pytest.fixture
def viewer(app, save):
    from alma_tactics.ui.replay_viewer import ReplayViewer

    screen = ReplayViewer(app, save)
    app.switch(screen)
    frames(app, 2)
    return screen


def rebuilt_hash(match, k: int) -> str:
    return match.rebuild(match.log[:k]).state_hash()


def screen_pixels(app, viewer, state=None) -> bytes:
    surface = pygame.Surface(app.window.get_size())
    real = viewer.tape.state
    if state is not None:
        viewer.tape.state = state
    try:
        viewer.draw(surface)
    finally:
        viewer.tape.state = real
    return pygame.image.tobytes(surface, "RGB")


def without(state, unit_id: str):
    copy = state.clone()
    del copy.units[unit_id]
    copy.units_changed()
    return copy


def never_spotted(match, side: str) -> list[str]:
    seen = {
        e.unit
        for events in match.history
        for e in events
        if isinstance(e, ev.UnitSpotted) and e.side == side
    }
    state = match.state
    return [
        u.id
        for u in state.units.values()
        if u.alive and u.on_map and state.are_enemies(side, u.side) and u.id not in seen
    ]


def choose_view(app, viewer, name: str) -> None:
    click(app, viewer.chooser)
    listing = viewer.chooser.current_state.options_selection_list
    click(app, item(listing, name))
    frames(app, 2)


# --- the tape ------------------------------------------------------------------------------------


def test_the_tape_rebuilds_every_state_of_the_game(simulated):
    from alma_tactics.match.saves import save_dict
    from alma_tactics.ui.replay_viewer import Tape

    tape = Tape(save_dict(simulated))
    n = len(simulated.log)
    assert tape.n == n and tape.verified
    assert tape.final_hash == simulated.state.state_hash()
    for k in range(n + 1):
        tape.seek(k)
        assert tape.index == k
        assert tape.state.state_hash() == rebuilt_hash(simulated, k), k
    for k in (n - 1, 3, 0, n, 1):  # backwards and forwards again, through the snapshots
        tape.seek(k)
        assert tape.state.state_hash() == rebuilt_hash(simulated, k), k
        assert tape.state_at(k).state_hash() == rebuilt_hash(simulated, k)
    # a turn starts after every EndTurn
    assert tape.turn_starts[0] == 0
    for k in tape.turn_starts[1:]:
        assert isinstance(simulated.log[k - 1], EndTurn)


def test_a_side_s_log_names_no_enemy_it_never_saw(simulated):
    from alma_tactics.match.saves import save_dict
    from alma_tactics.ui.replay_viewer import Tape

    tape = Tape(save_dict(simulated))
    hidden = never_spotted(simulated, "alliance")
    assert hidden, "the test needs an enemy the alliance never spotted"
    state = simulated.state
    text = "\n".join(line.text for line in tape.log("alliance", tape.n))
    for unit_id in hidden:
        assert unit_id not in text and words.plain_name(state, unit_id) not in text
    # the all-seeing log tells more, and both follow the position on the tape
    assert len(tape.log(None, tape.n)) >= len(tape.log("alliance", tape.n))
    assert len(tape.log(None, 0)) <= len(tape.log(None, tape.n))
    assert all(line.index <= 4 for line in tape.log(None, 4))


# --- the screen ----------------------------------------------------------------------------------


def test_the_buttons_step_forward_and_back_by_action_and_turn(app, viewer, simulated):
    match = simulated
    step, back = viewer.buttons["step"], viewer.buttons["back"]
    shot(app, "start")
    for k in range(1, 6):
        click(app, step)
        assert viewer.tape.index == k
        assert viewer.state.state_hash() == rebuilt_hash(match, k)
    log_now = len(viewer.log_lines())
    shot(app, "five-actions")
    click(app, back)
    assert viewer.tape.index == 4
    assert viewer.state.state_hash() == rebuilt_hash(match, 4)
    assert len(viewer.log_lines()) <= log_now
    click(app, viewer.buttons["turn"])
    assert viewer.tape.index in viewer.tape.turn_starts and viewer.tape.index > 4
    assert viewer.state.state_hash() == rebuilt_hash(match, viewer.tape.index)
    at = viewer.tape.index
    click(app, viewer.buttons["turn_back"])
    assert viewer.tape.index < at and viewer.tape.index in viewer.tape.turn_starts
    assert viewer.state.state_hash() == rebuilt_hash(match, viewer.tape.index)
    # keys do the same
    k = viewer.tape.index
    press(app, pygame.K_RIGHT)
    assert viewer.tape.index == k + 1
    press(app, pygame.K_LEFT)
    assert viewer.tape.index == k
    press(app, pygame.K_END)
    assert viewer.tape.index == viewer.tape.n
    assert viewer.state.state_hash() == match.state.state_hash()
    press(app, pygame.K_HOME)
    assert viewer.tape.index == 0
    assert viewer.state.state_hash() == rebuilt_hash(match, 0)


def test_a_side_s_view_does_not_draw_an_enemy_it_never_spotted(app, viewer, simulated):
    hidden = never_spotted(simulated, "alliance")[0]
    press(app, pygame.K_END)
    viewer.animator.skip()
    state = viewer.state
    assert state.units[hidden].on_map
    # all-seeing: the enemy is drawn (the board and the minimap change without it)
    assert viewer.view is None
    assert screen_pixels(app, viewer) != screen_pixels(app, viewer, without(state, hidden))
    shot(app, "all-seeing")
    choose_view(app, viewer, "Alliance")
    assert viewer.view == "alliance"
    assert screen_pixels(app, viewer) == screen_pixels(app, viewer, without(state, hidden))
    mini = viewer.layout()["minimap"].size
    drawn = pygame.image.tobytes(viewer.renderer.minimap(state, "alliance", mini), "RGB")
    gone = viewer.renderer.minimap(without(state, hidden), "alliance", mini)
    assert drawn == pygame.image.tobytes(gone, "RGB")
    text = "\n".join(line.text for line in viewer.log_lines())
    assert words.plain_name(state, hidden) not in text
    shot(app, "alliance-view")
    # the side that owns it sees it
    choose_view(app, viewer, "Calendrea")
    assert viewer.view == "calendrea"
    assert screen_pixels(app, viewer) != screen_pixels(app, viewer, without(state, hidden))
    choose_view(app, viewer, "All-seeing")
    assert viewer.view is None


def test_a_side_s_view_animates_only_what_it_saw(app, viewer, simulated):
    unseen_move = next(
        k for k, a in enumerate(simulated.log) if isinstance(a, Move) and a.unit == "sentry1"
    )
    viewer.seek(unseen_move)
    viewer.forward()
    assert viewer.animator.busy  # all-seeing: the sentry walks
    viewer.seek(unseen_move)
    viewer.set_view("alliance")
    viewer.forward()
    assert not viewer.animator.busy  # the alliance saw nothing of it
    assert viewer.tape.index == unseen_move + 1


def test_play_runs_frames_and_advances_pause_stops(app, viewer):
    play = viewer.buttons["play"]
    click(app, play)
    assert viewer.playing and play.text == "Pause"
    frames(app, 120)
    moved = viewer.tape.index
    assert moved > 0
    shot(app, "playing")
    click(app, play)
    assert not viewer.playing and play.text == "Play"
    stopped = viewer.tape.index
    frames(app, 60)
    assert viewer.tape.index == stopped
    # faster plays more actions in the same frames; at the end it stops by itself
    press(app, pygame.K_EQUALS)
    press(app, pygame.K_EQUALS)
    assert viewer.speed == 4.0
    assert viewer.animator.speed == pytest.approx(4.0 * viewer.base_speed)
    press(app, pygame.K_SPACE)
    for _ in range(1200):
        if not viewer.playing:
            break
        frames(app, 1)
    assert not viewer.playing and viewer.tape.index == viewer.tape.n
    press(app, pygame.K_MINUS)
    assert viewer.speed == 2.0


def test_the_speed_menu_sets_the_speed(app, viewer):
    click(app, viewer.speed_menu)
    listing = viewer.speed_menu.current_state.options_selection_list
    click(app, item(listing, "8\u00d7"))
    assert viewer.speed == 8.0


def test_watch_replay_from_the_load_game_screen_and_back(app, save):
    click(app, app.screen.buttons["Load game"])
    load = app.screen
    assert not load.watch.is_enabled
    row = next(e["text"] for e in load.list.item_list if e["text"].startswith("yard"))
    click(app, item(load.list, row))
    assert load.watch.is_enabled
    click(app, load.watch)
    viewer = app.screen
    assert type(viewer).__name__ == "ReplayViewer" and viewer.tape.n > 0
    click(app, viewer.buttons["back_to_menu"])
    assert type(app.screen).__name__ == "LoadOrWatchScreen"
    press(app, pygame.K_ESCAPE)
    assert type(app.screen).__name__ == "MainMenu"


def test_a_damaged_save_does_not_open_the_viewer(app, dirs):
    from alma_tactics.match.saves import SaveError
    from alma_tactics.ui.replay_viewer import ReplayViewer

    bad = dirs / "bad.json"
    bad.write_text('{"format": 1, "seed": ')
    with pytest.raises(SaveError, match="damaged or truncated"):
        ReplayViewer(app, bad)


# --- the command ---------------------------------------------------------------------------------


def test_replay_command_without_a_display_prints_the_hash(save, simulated, capsys):
    from alma_tactics.cli import main

    assert main(["replay", str(save)]) == 0
    out = capsys.readouterr().out
    assert simulated.state.state_hash() in out
    assert main(["replay", str(save), "--verify"]) == 0
    assert "verified" in capsys.readouterr().out


def test_replay_command_with_a_display_opens_the_viewer(save, monkeypatch, capsys):
    from alma_tactics import cli
    from alma_tactics.ui import replay_viewer

    opened = []
    monkeypatch.setattr(cli, "has_display", lambda: True)
    monkeypatch.setattr(replay_viewer, "run_replay", lambda path: opened.append(path) or 0)
    assert cli.main(["replay", str(save)]) == 0
    assert opened == [str(save)]
    assert capsys.readouterr().out == ""
    # --verify stays headless
    assert cli.main(["replay", str(save), "--verify"]) == 0
    assert opened == [str(save)] and "verified" in capsys.readouterr().out


def test_run_replay_opens_the_window_on_the_viewer(save, dirs, monkeypatch, capsys):
    from alma_tactics.ui.app import App
    from alma_tactics.ui.replay_viewer import run_replay

    shown = []
    monkeypatch.setattr(App, "run", lambda self, first=None: shown.append(first) or 0)
    assert run_replay(save) == 0
    assert type(shown[0]).__name__ == "ReplayViewer"
    bad = dirs / "bad.json"
    bad.write_text("{}")
    assert run_replay(bad) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not an Alma Tactics save" in err


def test_the_replay_plays_the_sounds_of_what_the_chosen_view_saw(viewer, app) -> None:
    """Stepping plays the sounds of the view's witnessed events; jumping plays none."""
    calls: list[tuple[str, list]] = []
    viewer.sounds.play_events = lambda events, state, side: calls.append((side, list(events)))
    viewer.set_view("alliance")
    tape = viewer.tape
    for _ in range(tape.n):
        viewer.forward()
        for _ in range(2000):  # let the animations (and the sounds they cue) play out
            if not viewer.animator.steps:
                break
            viewer.animator.update(0.05)
    witnessed = [e for shown in tape.shown["alliance"] for e in shown]
    assert [e for _, events in calls for e in events] == witnessed
    assert {side for side, _ in calls} == {"alliance"}
    calls.clear()
    viewer.seek(0)
    viewer.seek(tape.n)
    viewer.step_turn()
    assert calls == [], "seeking is silent"
