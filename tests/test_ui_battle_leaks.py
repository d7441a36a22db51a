"""Nothing leaks: the battle screen shows only what the viewing side knows.

The strongest check draws the whole screen twice, once as the game is and once
with every enemy the side has not spotted moved elsewhere unseen (or removed):
the pixels must be the same, so neither the board, the minimap, the log, the unit
panel, the action bar nor a tooltip can give such an enemy away.
"""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from test_ui_battle_support import hover, log_text, tile_centre  # noqa: E402

from alma_tactics.core import events as ev  # noqa: E402
from alma_tactics.render import words  # noqa: E402
from alma_tactics.ui.driver import click, click_at, frames, press  # noqa: E402


def unseen_enemies(state, side: str) -> list:
    spotted = state.knowledge[side].spotted
    return [
        u
        for u in state.units.values()
        if u.alive and state.are_enemies(side, u.side) and u.id not in spotted
    ]


def hidden_elsewhere(state, side: str):
    """A copy of `state` whose unseen enemies stand on other tiles the side has never
    explored (or are gone, if they left no ghost and no such tile is free)."""
    copy = state.clone()
    explored = copy.knowledge[side].explored
    ghosts = copy.knowledge[side].ghosts
    free = [
        (x, y)
        for y in range(copy.grid.height)
        for x in range(copy.grid.width)
        if not explored[y, x] and copy.grid.passable((x, y)) and copy.unit_at((x, y)) is None
    ]
    for unit in unseen_enemies(copy, side):
        if copy.size(unit) == 1 and free:
            unit.x, unit.y = free.pop()
        elif unit.id not in ghosts:
            del copy.units[unit.id]
        copy.units_changed()
    return copy


def screen_pixels(app, screen, state=None) -> bytes:
    """The battle screen drawn (board, panels, tooltip) with `state` standing in."""
    surface = pygame.Surface(app.window.get_size())
    real = screen.match.state
    if state is not None:
        screen.match.state = state
    try:
        screen._cache.clear()
        screen.draw(surface)
    finally:
        screen.match.state = real
        screen._cache.clear()
    return pygame.image.tobytes(surface, "RGB")


def assert_no_leak(app, screen) -> None:
    side = screen.viewer
    state = screen.state
    assert unseen_enemies(state, side), "the test needs an enemy the side cannot see"
    screen.banner = None
    assert screen_pixels(app, screen) == screen_pixels(app, screen, hidden_elsewhere(state, side))
    size = screen.layout()["minimap"].size
    shown = screen.renderer.minimap(state, side, size)
    moved = screen.renderer.minimap(hidden_elsewhere(state, side), side, size)
    assert pygame.image.tobytes(shown, "RGB") == pygame.image.tobytes(moved, "RGB")


def far_quiet_tile(screen, unit_id: str):
    """The farthest reachable tile to the north whose move reveals nothing."""
    from alma_tactics.core.actions import Move
    from alma_tactics.core.movement import reachable
    from alma_tactics.match import Match

    state = screen.state
    unit = state.units[unit_id]
    tiles = reachable(state, unit).tiles()
    for tile, _cost in sorted(tiles, key=lambda t: (-t[1], t[0])):
        if tile[1] > unit.y:
            continue
        trial = Match(state.clone(), 1)
        path = reachable(trial.state, trial.state.units[unit_id]).path_to(tile)
        if path:
            trial.submit(Move(unit_id, tuple(path)))
            if trial.can_undo() and trial.state.units[unit_id].pos == tile:
                return tile
    raise LookupError("no quiet tile to the north")


def plant_in_memory(screen) -> object:
    """(Test set-up) Walk the side's units away, then stand an enemy it cannot see on
    ground it remembers: explored, not in sight now. Returns that enemy."""
    from alma_tactics.core import sight

    state = screen.state
    explored = state.knowledge["alliance"].explored
    visible = sight.visible_tiles(state, "alliance")
    spots = [
        (x, y)
        for y in range(state.grid.height)
        for x in range(state.grid.width)
        if explored[y, x]
        and not visible[y, x]
        and state.grid.passable((x, y))
        and state.unit_at((x, y)) is None
    ]
    assert spots, "the walk should leave remembered ground behind"
    enemy = unseen_enemies(state, "alliance")[-1]
    enemy.x, enemy.y = spots[len(spots) // 2]
    state.units_changed()
    screen._cache.clear()
    return enemy


def test_hovering_where_an_unseen_enemy_stands_tells_nothing(battle):
    app, screen = battle
    for unit_id in ("davis", "m1"):
        click_at(app, tile_centre(screen, screen.state.units[unit_id].pos))
        click_at(app, tile_centre(screen, far_quiet_tile(screen, unit_id)))
    assert len(screen.match.log) == 2 and not screen.state.knowledge["alliance"].spotted
    enemy = plant_in_memory(screen)
    click_at(app, tile_centre(screen, screen.state.units["davis"].pos))
    hover(app, tile_centre(screen, enemy.pos))
    text = screen.tooltip_text.lower()
    assert "ground" in text or "(" in text  # the tooltip tells of the remembered tile
    assert enemy.id not in text
    assert "calendrea" not in text and "sentry" not in text and "guard" not in text
    assert "soldier" not in text
    assert screen.overlay.target is None
    click_at(app, tile_centre(screen, enemy.pos))  # a click there does not target it
    assert screen.target is None
    assert_no_leak(app, screen)
    for unhidden in unseen_enemies(screen.state, "alliance"):
        hover(app, tile_centre(screen, unhidden.pos))
        assert unhidden.id not in screen.tooltip_text.lower()
        assert_no_leak(app, screen)


def test_the_screen_draws_the_same_wherever_unseen_enemies_are(battle):
    app, screen = battle
    click_at(app, tile_centre(screen, screen.state.units["davis"].pos))
    hover(app, tile_centre(screen, (5, 6)))
    assert_no_leak(app, screen)


def test_after_the_computer_turn_the_log_names_only_enemies_once_seen(battle):
    app, screen = battle
    played: list = []
    real_play = screen.animator.play

    def record(events, state, side):
        played.extend(events)
        return real_play(events, state, side)

    screen.animator.play = record
    for turn in range(2, 5):  # three rounds of the computer's turn
        press(app, pygame.K_RETURN)
        if screen.modal is not None:
            yes = next(b for b in screen.modal["callbacks"] if b.text == "End turn")
            click(app, yes)
        for _ in range(900):
            if screen.my_turn():
                break
            frames(app, 1)
        assert screen.my_turn() and screen.state.turn == turn
    state = screen.state
    ever_seen = {
        e.unit
        for events in screen.match.history
        for e in events
        if isinstance(e, ev.UnitSpotted) and e.side == "alliance"
    } | set(state.knowledge["alliance"].spotted)
    text = log_text(screen)
    for unit in state.units.values():
        if state.are_enemies("alliance", unit.side) and unit.id not in ever_seen:
            assert words.plain_name(state, unit.id) not in text
            assert unit.id not in text
    # the playback showed only events the side could see or hear
    assert played
    if played:
        for event in played:
            for field in ("unit", "target", "by"):
                who = getattr(event, field, "")
                if (
                    who
                    and who in state.units
                    and state.are_enemies("alliance", state.units[who].side)
                ):
                    assert who in ever_seen or isinstance(event, ev.NoiseHeard)
    assert_no_leak(app, screen)


def test_the_action_bar_never_offers_a_knife_at_an_unseen_neighbour(battle):
    """The rules allow stabbing an adjacent enemy the side cannot see; the bar must not
    show it (that would reveal it)."""
    from alma_tactics.core.actions import Stab
    from alma_tactics.ui import battle_bar

    app, screen = battle
    state = screen.state
    davis = state.units["davis"]
    enemy = state.units["sentry1"]
    copy = state.clone()
    copy.units["sentry1"].x, copy.units["sentry1"].y = davis.x + 1, davis.y  # next to him, unseen
    copy.units_changed()
    copy.knowledge["alliance"].spotted.discard("sentry1")
    from alma_tactics.core import rules

    legal = rules.legal_actions(copy, copy.units["davis"])
    assert any(isinstance(a, Stab) and a.target == enemy.id for a in legal)
    entries = battle_bar.build_entries(copy, copy.units["davis"], "alliance")
    assert all(enemy.id not in e.targets for e in entries)
    assert not any(e.group == "knife" for e in entries)
