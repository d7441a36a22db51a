"""Watching a save of an unfinished hot-seat battle never shows one player the other's
side: the replay viewer asks whose view it is first (with the session's PIN), then
shows that side only. Finished battles, and battles against the computer, stay open
to every view.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from alma_tactics.ui.driver import click, frames, press  # noqa: E402
from alma_tactics.ui.replay_gate import secret_sides  # noqa: E402

SCENARIO = "night-yard"


def hotseat_match(actions: int, humans: tuple[str, ...], scenario_name: str = SCENARIO):
    """A match with `humans` played by people, `actions` actions in (the computer
    chooses every side's actions), or to its end if that comes first."""
    from alma_tactics.ai import AiPlayer
    from alma_tactics.content import load_catalog
    from alma_tactics.match import Match
    from alma_tactics.scenario import build_state, find_scenario, load_scenario

    scenario = load_scenario(find_scenario(scenario_name))
    state = build_state(load_catalog(), scenario.doc, 3)
    for side in state.sides:
        side.controller = "human" if side.id in humans else "ai"
    match = Match(state, 3, scenario_doc=scenario.doc, scenario_name=scenario.name)
    players = {s.id: AiPlayer(s.id) for s in match.state.sides}
    while len(match.log) < actions and not match.state.winner:
        match.submit(players[match.state.active_side.id].next_action(match.state))
    return match


def save_of(match, dirs: Path, name: str) -> Path:
    from alma_tactics.match.saves import write_save

    return write_save(match, dirs / "data" / "saves" / f"{name}.json")


def open_viewer(app, path: Path):
    from alma_tactics.ui.replay_viewer import ReplayViewer

    viewer = ReplayViewer(app, path)
    app.switch(viewer)
    frames(app, 2)
    return viewer


def test_only_an_unfinished_battle_between_people_is_kept_secret() -> None:
    sides = ["alliance", "calendrea"]
    both = {"alliance": "human", "calendrea": "human"}
    assert secret_sides(both, sides, "") == sides
    assert secret_sides(both, sides, "alliance") == [], "over: every view opens"
    assert secret_sides({"alliance": "human", "calendrea": "ai"}, sides, "") == []
    assert secret_sides({}, sides, "") == []


def test_an_unfinished_hotseat_save_opens_behind_the_gate_showing_nothing(app, dirs) -> None:
    match = hotseat_match(40, ("alliance", "calendrea"))
    assert not match.state.winner
    viewer = open_viewer(app, save_of(match, dirs, "hotseat"))
    assert viewer.gate is not None and viewer.view is None
    buttons = {k: w for k, w in viewer.gate.widgets.items() if k.startswith("side:")}
    assert set(buttons) == {"side:alliance", "side:calendrea"}
    # nothing of the battle is drawn: the window is the gate's background and widgets
    surface = pygame.Surface(app.window.get_size())
    viewer.draw(surface)
    assert pygame.transform.average_color(surface)[:3] == (7, 11, 16)
    # the replay keys do nothing behind the gate
    press(app, pygame.K_END)
    assert viewer.tape.index == 0
    click(app, buttons["side:calendrea"])
    frames(app, 2)
    assert viewer.gate is None and viewer.view == "calendrea" and viewer.locked == "calendrea"
    options = [o[1] for o in viewer.chooser.options_list]
    assert options == ["calendrea"], "no all-seeing view, no Alliance view"
    viewer.set_view(None)
    viewer.set_view("alliance")
    assert viewer.view == "calendrea"
    press(app, pygame.K_END)
    assert viewer.tape.index == viewer.tape.n
    assert viewer.log_lines() == viewer.tape.log("calendrea")


def test_the_gate_asks_for_the_sessions_pin(app, dirs) -> None:
    match = hotseat_match(20, ("alliance", "calendrea"))
    app.pins = {(match.scenario_name, "alliance"): "4321"}
    viewer = open_viewer(app, save_of(match, dirs, "pinned"))
    gate = viewer.gate
    assert "pin" in gate.widgets
    click(app, gate.widgets["side:alliance"])
    assert viewer.gate is gate and viewer.view is None
    assert "Wrong PIN" in gate.message
    gate.widgets["pin"].set_text("4321")
    click(app, gate.widgets["side:alliance"])
    frames(app, 2)
    assert viewer.gate is None and viewer.view == "alliance"


def test_escape_at_the_gate_leaves_without_showing_anything(app, dirs) -> None:
    match = hotseat_match(10, ("alliance", "calendrea"))
    viewer = open_viewer(app, save_of(match, dirs, "leave"))
    press(app, pygame.K_ESCAPE)
    frames(app, 2)
    assert app.screen is not viewer


def test_a_battle_against_the_computer_opens_every_view(app, dirs) -> None:
    match = hotseat_match(20, ("alliance",))
    viewer = open_viewer(app, save_of(match, dirs, "solo"))
    assert viewer.gate is None and viewer.locked is None
    options = [o[1] for o in viewer.chooser.options_list]
    assert options[0] == "*" and set(options[1:]) == {s.id for s in match.state.sides}


def test_a_finished_hotseat_battle_opens_every_view(app, dirs) -> None:
    match = hotseat_match(5000, ("alliance", "calendrea"), "outpost-raid")
    assert match.state.winner
    viewer = open_viewer(app, save_of(match, dirs, "finished"))
    assert viewer.gate is None
    assert [o[1] for o in viewer.chooser.options_list][0] == "*"
