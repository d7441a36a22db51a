"""Play-testing in the map editor: the form choosing who plays each side (here or the
computer) and the seed; starting a battle of the map as it is now (the editor comes
back unchanged when it ends or is quit), and what it says on coming back.

Part of `EditorScreen` (a mixin).
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from .editor_theme import DANGER, GOOD
from .editor_windows import Form

if TYPE_CHECKING:
    from ..match import Match

log = logging.getLogger(__name__)


class PlaytestMixin:
    def open_playtest_form(self) -> None:
        doc = self.session.doc
        window, width = self.form_window("playtest", "Play-test", 420, 150 + 34 * len(doc.sides))
        form = Form(self, "playtest", window, width, label_w=150)
        humans = self.playtest_humans
        for side in doc.sides:
            sid = side.get("id", "")
            human = (
                sid in humans if humans is not None else side.get("controller", "human") == "human"
            )
            form.choice(
                sid,
                [("played here", "human"), ("computer", "ai")],
                "human" if human else "ai",
                f"side_{sid}",
            )
        form.text("Seed", self.playtest_seed, "seed", numbers=True)
        form.buttons(
            [
                ("Start (F5)", self.playtest_from_form),
                ("Cancel", lambda: self.close_form("playtest")),
            ]
        )

    def playtest_from_form(self) -> None:
        doc = self.session.doc
        form = self._form("playtest")
        self.playtest_humans = [
            s.get("id") for s in doc.sides if form.get(f"side_{s.get('id')}") == "human"
        ]
        with contextlib.suppress(ValueError):
            self.playtest_seed = int(form.get("seed"))
        self.close_form("playtest")
        self.playtest()

    def playtest(self, humans: list[str] | None = None) -> bool:
        """Start a battle of the map as it is now; the editor comes back unchanged."""
        from ..scenario import build_state
        from ..scenario.files import Scenario

        self.session.end_stroke()
        self.cancel_drag()
        doc = self.session.doc.to_doc()
        problems = self.current_problems(sync=True)
        try:
            scenario = Scenario(self.session.path or Path("untitled-map.toml"), doc)
            sides = scenario.sides
            build_state(self.app.catalog, doc, self.playtest_seed)
        except Exception as exc:  # noqa: BLE001 - any broken part of a map being drawn
            first = problems[0].message if problems else f"{type(exc).__name__}: {exc}"
            self.say(f"Cannot play-test yet: {first}", DANGER, 10)
            return False
        if humans is None:
            humans = self.playtest_humans
        if humans is None:
            humans = [s["id"] for s in sides if s["controller"] == "human"]
        humans = [h for h in humans if h in {s["id"] for s in sides}]
        self.session.autosave()  # a crash in the battle loses nothing
        self.playtesting = True
        self.playtest_result = ""
        try:
            self.app.start_playtest(scenario, self.playtest_seed, humans, self)
        except Exception as exc:  # noqa: BLE001 - the editor must survive a broken battle
            log.exception("play-test failed to start")
            self.playtesting = False
            if self.app.screen is not self:
                self.app.playtest_return = None
                self.app.switch(self)
            self.say(f"The play-test could not start: {exc}", DANGER, 10)
            return False
        if problems:
            log.info("play-testing with %d problems", len(problems))
        return True

    def playtest_finished(self, match: Match | None) -> None:
        """Called by the app when the play-test battle ends or is quit."""
        if match is None:
            self.say("Play-test over: back in the editor, the map as you left it.")
            return
        state = match.state
        winner = state.winner
        names = {s.id: s.name for s in state.sides}
        who = f"{names.get(winner, winner)} won" if winner else "nobody won"
        self.say(f"Play-test over on turn {state.turn}: {who}.", GOOD)
