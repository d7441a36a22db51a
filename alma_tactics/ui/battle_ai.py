"""The computer's turns, played off the drawing loop so the window never freezes.

`AiDriver.run(budget)` is called once a frame. It asks the computer players for
actions and hands each to `submit` (the battle screen's doorway to
`match.submit`), in one of two ways that choose the same actions:

- **slices** (the default): `next_action` runs in the frame, again and again until
  `budget` seconds (8 ms) are used or the screen wants to show what happened
  (`pause()`); at least one action per call, so a slow decision still advances;
- **a worker thread**: the decision runs on a private mirror of the game that the
  worker keeps in step by applying every logged action through `rules.apply`
  (same rules, same seed: the same state), so the worker never touches the
  state the screen is drawing. The frame only collects finished decisions.

Either way the computer player sees the same sequence of states, so the same
seed gives the same actions (tests check it).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from ..core import rules, sight
from ..core.actions import Action
from ..core.state import GameState
from ..match.match import Match

SLICE_SECONDS = 0.008


class AiDriver:
    def __init__(
        self,
        match: Match,
        players: dict,
        submit: Callable[[Action], object],
        *,
        threaded: bool = False,
        pause: Callable[[], bool] = lambda: False,
    ) -> None:
        self.match = match
        self.players = players  # side id -> AiPlayer
        self.submit = submit
        self.pause = pause
        self.threaded = threaded
        self._pool: ThreadPoolExecutor | None = None
        self._future: Future | None = None
        self._asked_at: tuple[int, int] | None = None  # (log length, active side) asked for
        self._mirror: GameState | None = None
        self._mirrored = 0  # actions of the log the mirror has applied
        self._mirror_of: int | None = None  # id() of the match state it copies

    def thinking(self) -> bool:
        """Whether a computer side is to move (the screen shows "thinking")."""
        state = self.match.state
        return not state.winner and state.active_side.id in self.players

    def run(self, budget: float = SLICE_SECONDS) -> int:
        """Play what fits in `budget` seconds; returns how many actions were submitted."""
        if self.threaded:
            return self._run_threaded()
        started = time.perf_counter()
        done = 0
        while self.thinking():
            state = self.match.state
            action = self.players[state.active_side.id].next_action(state)
            self.submit(action)
            done += 1
            if time.perf_counter() - started >= budget or self.pause():
                break
        return done

    # --- the worker -----------------------------------------------------------------------------
    def _run_threaded(self) -> int:
        if self._future is None:
            if self.thinking():
                self._ask()
            return 0
        if not self._future.done():
            return 0
        future, asked = self._future, self._asked_at
        self._future = self._asked_at = None
        action = future.result()  # an error in the AI surfaces here, in the frame
        state = self.match.state
        if asked != (len(self.match.log), state.active) or not self.thinking():
            return 0  # the game moved on (a load, an undo): ask again next frame
        self.submit(action)
        return 1

    def _ask(self) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alma-ai")
        state = self.match.state
        fresh = None
        if self._mirror_of != id(state) or self._mirrored > len(self.match.log):
            fresh = state.to_dict()  # the match rebuilt its state: start the mirror afresh
            self._mirror_of = id(state)
            self._mirrored = len(self.match.log)
            new: list[Action] = []
        else:
            new = list(self.match.log[self._mirrored :])
            self._mirrored = len(self.match.log)
        player = self.players[state.active_side.id]
        catalog = state.catalog
        self._asked_at = (len(self.match.log), state.active)
        self._future = self._pool.submit(self._decide, catalog, fresh, new, player)

    def _decide(self, catalog, fresh: dict | None, new: list[Action], player) -> Action:
        """In the worker: bring the mirror up to date, then let the player choose."""
        if fresh is not None:
            mirror = GameState.from_dict(catalog, fresh)
            sight.refresh(mirror)
            self._mirror = mirror
        assert self._mirror is not None
        for action in new:
            rules.apply(self._mirror, action)
        return player.next_action(self._mirror)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._future = None
        self._asked_at = None
