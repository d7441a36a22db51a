"""The battle screen, driven with real pygame events on `night-yard`."""

from __future__ import annotations

from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from test_ui_battle_support import (  # noqa: E402
    bar_button,
    hover,
    log_text,
    quiet_tile,
    spotting_tile,
    tile_centre,
)

from alma_tactics.core import combat  # noqa: E402
from alma_tactics.core import events as ev  # noqa: E402
from alma_tactics.core.actions import EndTurn  # noqa: E402
from alma_tactics.ui.driver import click, click_at, frames, press  # noqa: E402

SHOTS = Path("/tmp/ui-shots")


def select(app, screen, unit_id: str) -> None:
    click_at(app, tile_centre(screen, screen.state.units[unit_id].pos))
    assert screen.selected == unit_id


def walk_to_spot(app, screen, unit_id: str, enemy: str) -> None:
    """Click a tile from which `unit_id` spots `enemy`, and check that it did."""
    tile = spotting_tile(screen, unit_id, enemy)
    select(app, screen, unit_id)
    click_at(app, tile_centre(screen, tile))
    assert enemy in screen.state.knowledge[screen.viewer].spotted


def test_clicking_an_own_unit_selects_it_and_shows_its_reachable_tiles(battle):
    app, screen = battle
    select(app, screen, "davis")
    davis = screen.state.units["davis"]
    overlay = screen.overlay
    assert overlay.selected == "davis"
    assert overlay.reachable and davis.pos not in overlay.reachable
    # coloured by the AP left: every value is what is left after walking there
    assert all(0 <= left < davis.ap for left in overlay.reachable.values())
    assert max(overlay.reachable.values()) > min(overlay.reachable.values())
    # the action bar lists what the unit can do, each with a hotkey
    groups = {entry.group for entry in screen.bar_buttons.values()}
    assert {"move", "overwatch", "launch"} <= groups
    assert all(entry.key for entry in screen.bar_buttons.values())


def test_hovering_a_tile_shows_the_path_its_cost_light_and_watchers(battle):
    app, screen = battle
    select(app, screen, "davis")
    tile = quiet_tile(screen, "davis")
    hover(app, tile_centre(screen, tile))
    overlay = screen.overlay
    assert overlay.path and overlay.path[-1] == tile
    assert overlay.path_cost == screen.state.units["davis"].ap - overlay.reachable[tile]
    text = screen.tooltip_text
    assert f"Move here: {overlay.path_cost} AP" in text
    assert "Dark" in text or "LIT" in text
    assert "watched" in text.lower()
    assert "heard" in text.lower() or "Silent" in text


def test_clicking_a_reachable_tile_moves_and_the_undo_key_takes_it_back(battle):
    app, screen = battle
    select(app, screen, "davis")
    before = screen.state.state_hash()
    start = screen.state.units["davis"].pos
    tile = quiet_tile(screen, "davis")
    click_at(app, tile_centre(screen, tile))
    assert len(screen.match.log) == 1
    assert screen.state.units["davis"].pos == tile
    assert screen.state.state_hash() != before
    assert screen.match.can_undo() and screen.undo_button.is_enabled
    press(app, pygame.K_BACKSPACE)
    assert screen.match.log == []
    assert screen.state.units["davis"].pos == start
    assert screen.state.state_hash() == before


def test_hovering_an_enemy_shows_each_fire_mode_the_eye_shot_and_the_breakdown(battle):
    app, screen = battle
    walk_to_spot(app, screen, "davis", "sentry1")
    state = screen.state
    davis, sentry = state.units["davis"], state.units["sentry1"]
    hover(app, tile_centre(screen, sentry.pos))
    text = screen.tooltip_text
    weapon = combat.ranged_weapons(state, davis)[0]
    for mode in weapon.modes:
        chance = combat.hit_chance(state, davis, sentry, mode.id, weapon.id)
        assert f"{mode.id.capitalize()} ({mode.ap} AP)" in text
        assert f"{chance}%" in text
        if mode.aimed:
            eye = combat.hit_chance(state, davis, sentry, mode.id, weapon.id, "eye")
            assert f"{eye}% to hit the eye" in text
    expected = combat.expected_damage(state, davis, sentry, weapon.id, weapon.modes[0].id)
    assert f"exp. dmg {expected:.1f}" in text
    names = [
        name for name, _ in combat.hit_modifiers(state, davis, sentry, weapon, weapon.modes[0].id)
    ]
    assert "Why" in text and all(name in text for name in names)
    assert "heard by" in text.lower() or "would hear" in text.lower()


def test_a_shot_chosen_from_the_action_bar_is_fired_and_logged(battle):
    app, screen = battle
    walk_to_spot(app, screen, "davis", "sentry1")
    button, entry = bar_button(screen, "shoot", "Burst")
    click(app, button)
    assert screen.armed is not None and screen.armed.label == "Burst"
    assert screen.target == "sentry1"
    assert "Burst" in screen.preview_text and "%" in screen.preview_text
    shots_before = len(screen.match.log)
    press(app, pygame.key.key_code(entry.key))  # the same hotkey again fires
    assert len(screen.match.log) == shots_before + 1
    fired = [e for e in screen.match.history[-1] if isinstance(e, ev.ShotFired)]
    assert fired and fired[0].target == "sentry1"
    assert "fired (burst) at Sentry1" in log_text(screen)


def test_ending_the_turn_warns_then_the_computer_plays_and_it_comes_back(battle):
    app, screen = battle
    press(app, pygame.K_RETURN)
    assert screen.modal is not None and screen.modal["kind"] == "end_turn"
    assert screen.state.turn == 1 and not screen.match.log
    yes = next(b for b, cb in screen.modal["callbacks"].items() if b.text == "End turn")
    click(app, yes)
    assert screen.modal is None
    for _ in range(600):
        if screen.my_turn():
            break
        frames(app, 1)
    assert screen.my_turn()
    assert screen.state.turn == 2
    assert EndTurn("calendrea") in screen.match.log  # the computer played its turn
    assert "Turn 2: Alliance." in log_text(screen)


def test_the_pause_menu_saves_a_game_that_replays_to_the_same_state(battle, tmp_path):
    from alma_tactics.match.saves import load_save

    app, screen = battle
    select(app, screen, "davis")
    click_at(app, tile_centre(screen, quiet_tile(screen, "davis")))
    press(app, pygame.K_ESCAPE)
    assert screen.modal is not None and screen.modal["kind"] == "pause"
    save = next(b for b in screen.modal["callbacks"] if b.text == "Save game")
    click(app, save)
    files = [
        p
        for p in (tmp_path / "data" / "saves").glob("*.json")
        if not p.name.startswith("autosave-")  # one was written as the turn began
    ]
    assert len(files) == 1
    loaded = load_save(files[0])
    assert loaded.verified
    assert loaded.match.log == screen.match.log


def test_screenshots(battle):
    """Pictures to look at: a selected unit's reach, an enemy's hit chances, a shot armed."""
    app, screen = battle
    SHOTS.mkdir(parents=True, exist_ok=True)

    def shot(name: str, tile) -> None:
        press(app, pygame.K_SPACE)  # skip the turn banner and any animation
        hover(app, tile_centre(screen, tile))
        pygame.image.save(app.window, str(SHOTS / f"battle-{name}.png"))

    select(app, screen, "davis")
    shot("select", quiet_tile(screen, "davis"))
    walk_to_spot(app, screen, "davis", "sentry1")
    shot("hover-enemy", screen.state.units["sentry1"].pos)
    button, _ = bar_button(screen, "shoot", "Burst")
    click(app, button)
    shot("armed-shot", screen.state.units["sentry1"].pos)
    press(app, pygame.K_ESCAPE)  # disarm
    launch, _ = bar_button(screen, "launch", "Launch Smoke (2)")
    click(app, launch)
    shot("launch-smoke", (11, 9))
    assert "Scatter" in screen.tooltip_text and screen.overlay.blast is not None
    press(app, pygame.K_ESCAPE)  # disarm
    press(app, pygame.K_RETURN)  # end turn: the warning about AP left
    pygame.image.save(app.window, str(SHOTS / "battle-end-turn.png"))
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)  # the pause menu
    pygame.image.save(app.window, str(SHOTS / "battle-pause.png"))
    names = ("select", "hover-enemy", "armed-shot", "launch-smoke", "end-turn", "pause")
    for name in names:
        assert (SHOTS / f"battle-{name}.png").stat().st_size > 0
