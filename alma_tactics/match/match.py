"""A game in progress, and the only object callers submit actions to.

A match is its initial state, its seed and its action log: replaying the log on
the initial state gives the current state exactly (same `state_hash`). Undo pops
the last actions while they revealed nothing: no enemy newly seen, no dice rolled,
nothing heard, because information once given cannot be taken back.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from ..core import events as ev
from ..core import rules, sight
from ..core.actions import Action, Move, Turn
from ..core.catalog import Catalog
from ..core.rng import Rng
from ..core.state import GameState

UNDOABLE_ACTIONS = (Move, Turn)
HARMLESS_EVENTS = (ev.UnitMoved, ev.UnitTurned, ev.UnitLost, ev.NoiseMade)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a whole log is replayed.

    A replay allocates hundreds of thousands of short-lived objects, so the collector
    keeps waking to find almost no cycles (about 4 % of a load); reference counting
    still frees everything, and the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Match:
    def __init__(
        self,
        initial: GameState,
        seed: int = 0,
        *,
        scenario_doc: dict | None = None,
        scenario_name: str = "",
        undo: bool = True,
    ) -> None:
        """`undo=False` skips the snapshots undo needs (computer-only games)."""
        self.keeps_undo = undo
        self.scenario_doc = scenario_doc  # embedded in saves, so they outlive the file
        self.scenario_name = scenario_name
        initial.rng = Rng(seed)
        self.catalog: Catalog = initial.catalog
        self.seed = seed
        self.opening_events = sight.refresh(initial)
        self._initial = initial.to_dict()
        self.state = GameState.from_dict(self.catalog, self._initial)
        sight.refresh(self.state)
        self.log: list[Action] = []
        self.history: list[list[ev.Event]] = []  # events of each logged action
        self._undo: list[dict] = []  # snapshots before each undoable action, newest last

    @property
    def initial(self) -> dict:
        return self._initial

    def check(self, action: Action) -> rules.Why | None:
        return rules.check(self.state, action)

    def submit(self, action: Action) -> list[ev.Event]:
        """Apply `action` through the rules and log it; raise IllegalAction if illegal.

        If the rules themselves fail part-way (a bug), the state is rebuilt from the
        log so the match is never left half-changed, and the error is re-raised.
        """
        undoable_kind = self.keeps_undo and isinstance(action, UNDOABLE_ACTIONS)
        snapshot = self.state.to_dict() if undoable_kind else None
        draws = self.state.rng.draws
        try:
            events = rules.apply(self.state, action)
        except rules.IllegalAction:
            raise
        except Exception:
            self.state = self.rebuild(self.log)
            raise
        self.log.append(action)
        self.history.append(events)
        undoable = (
            snapshot is not None
            and self.state.rng.draws == draws
            and all(isinstance(e, HARMLESS_EVENTS) for e in events)
        )
        if undoable:
            self._undo.append(snapshot)
        else:
            self._undo.clear()
        return events

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> Action:
        """Take back the last action, if it revealed nothing. Returns it."""
        if not self._undo:
            raise rules.IllegalAction(rules.Why.NOT_ALLOWED)
        self.state = GameState.from_dict(self.catalog, self._undo.pop())
        sight.refresh(self.state)
        self.history.pop()
        return self.log.pop()

    def rebuild(self, log: list[Action]) -> GameState:
        """The state after replaying `log` from the start (used by replays and recovery)."""
        state = GameState.from_dict(self.catalog, self._initial)
        sight.refresh(state)
        with collector_paused():
            for action in log:
                rules.apply(state, action)
        return state

    @classmethod
    def replay(cls, initial: GameState, seed: int, log: list[Action]) -> Match:
        match = cls(initial, seed)
        with collector_paused():
            for action in log:
                match.submit(action)
        return match
