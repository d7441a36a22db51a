"""The computer player: picks the next action for its side, one at a time.

At the start of each of its turns the player asks the side's commander for the
turn's orders (`commander.plan`: who boards which transport, where transports
drive, whose riders get out) and carries them out first, one action at a time.
Then `AiPlayer.next_action(state)` looks at the side's other units in a fixed
order and asks each unit's behaviour for an action; a unit under orders gets no
other action; a unit that has nothing to do is done for the turn; when all are
done the player ends its turn. The choice depends only on the side's knowledge
(the orders are derived from it afresh each turn, never remembered) and ties
are broken by unit id and tile, so the same seed gives the same actions whether the
AI runs in a worker or in slices between frames.
"""

from __future__ import annotations

import time

from ..core import rules
from ..core.actions import Action, EndTurn
from ..core.state import GameState
from . import behaviours, commander
from .behaviours import Turn
from .commander import Orders, Progress
from .tactics import LEVELS
from .view import SideView

MAX_ACTIVATIONS = 6  # actions per unit per turn: a guard against dithering


class AiPlayer:
    def __init__(self, side: str, difficulty: str = "normal") -> None:
        self.side = side
        self.level = LEVELS.get(difficulty, LEVELS["normal"])
        self.difficulty = difficulty
        self._turn_key: tuple[int, int] | None = None
        self._turn: Turn | None = None
        self._done: set[str] = set()
        self._orders: Orders | None = None
        self._progress = Progress()
        self.timings: list[float] = []  # seconds per decision, for benchmarks

    def next_action(self, state: GameState) -> Action:
        started = time.perf_counter()
        try:
            return self._next(state)
        finally:
            self.timings.append(time.perf_counter() - started)

    def _next(self, state: GameState) -> Action:
        if state.active_side.id != self.side:
            raise ValueError(f"it is {state.active_side.id}'s turn, not {self.side}'s")
        key = (state.turn, state.active)
        if key != self._turn_key:
            self._turn_key = key
            self._turn = Turn(SideView(state, self.side), self.level)
            self._done = set()
            self._orders = commander.plan(self._turn.view)
            self._progress = Progress()
        turn = self._turn
        orders = self._orders
        assert turn is not None and orders is not None
        turn.view.state = state  # the same match may have rebuilt its state (undo)
        ordered = commander.next_action(turn.view, orders, self._progress)
        if ordered is not None:
            return ordered
        for unit in sorted(turn.view.my_units(), key=lambda u: u.id):
            if unit.id in self._done or orders.commands(unit.id):
                continue
            if turn.activations.get(unit.id, 0) >= MAX_ACTIVATIONS:
                self._done.add(unit.id)
                continue
            action = behaviours.decide(turn, unit)
            if action is None or rules.check(state, action) is not None:
                self._done.add(unit.id)
                continue
            turn.activations[unit.id] = turn.activations.get(unit.id, 0) + 1
            return action
        return EndTurn(self.side)


def choose_action(state: GameState, side: str, difficulty: str = "normal") -> Action:
    """One action for `side` without a remembered turn (for tests and tools)."""
    return AiPlayer(side, difficulty).next_action(state)
