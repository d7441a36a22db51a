"""The map editor's live problem list, under the properties on the right: what
`alma-tactics validate` would say of the map as it is, kept up to date after each
edit (a big map is checked in a worker thread, once the edits pause); a click on a
problem jumps to its tile, thing or form.

Part of `EditorScreen` (a mixin).
"""

from __future__ import annotations

import concurrent.futures
import logging
import time

import pygame

from ..editor import MapProblem, check_snapshot
from .editor_theme import WARN

log = logging.getLogger(__name__)

SYNC_PROBLEMS_CELLS = 96 * 96  # bigger maps check their problems in a worker thread
PROBLEM_DELAY = 0.25  # seconds after the last edit before a big map is checked


class ProblemListMixin:
    def problems_top(self) -> int:
        """Where the problem list starts: the properties panel gets the rest above it."""
        right = self.layout()["right"]
        px = self.px
        return right.y + min(right.h - px(140), max(int(right.h * 0.6), px(440)))

    def build_problems(self) -> None:
        w, px = self.widgets, self.px
        right = self.layout()["right"]
        top = self.problems_top()
        self.widgets.clear("problems")
        self.problems_label = w.label(
            "problems",
            pygame.Rect(right.x + px(8), top, right.w - px(16), px(22)),
            "Problems",
            object_id="#ed_head",
        )
        self.problems_box = w.selection(
            "problems",
            pygame.Rect(
                right.x + px(8), top + px(24), right.w - px(16), right.bottom - top - px(30)
            ),
            [],
            self.jump_to_problem,
            repeat=True,
        )
        self._problems_shown = None

    def current_problems(self, sync: bool = False) -> list[MapProblem]:
        if sync or self._problems_rev != self.session.doc.revision:
            self.refresh_problems(force=True)
        return self.problem_list

    def refresh_problems(self, force: bool = False) -> None:
        doc = self.session.doc
        rev = doc.revision
        job = self._problems_job
        if job is not None and job[1].done():
            self._problems_job = None
            if job[0] == rev:
                try:
                    self.problem_list = job[1].result()
                    self._problems_rev = rev
                except Exception:  # noqa: BLE001
                    log.exception("problem check failed")
        if self._problems_rev == rev:
            return
        if self.session.history.in_stroke and not force:
            return
        small = doc.width * doc.height <= SYNC_PROBLEMS_CELLS
        if force or small:
            self.problem_list = self.session.problems()
            self._problems_rev = rev
            return
        if time.monotonic() - self._last_edit < PROBLEM_DELAY:
            return
        if self._problems_job is not None:
            return  # one check at a time; the next frame asks again
        if self._pool is None:
            self._pool = concurrent.futures.ThreadPoolExecutor(1, "editor-problems")
        snapshot = doc.to_doc()
        name = str(doc.path or "<map>")
        future = self._pool.submit(check_snapshot, snapshot, doc.catalog, name)
        self._problems_job = (rev, future)

    def show_problems(self) -> None:
        lines = [f"{n}. {p.message}" for n, p in enumerate(self.problem_list, start=1)]
        if lines == self._problems_shown:
            return
        self._problems_shown = lines
        self.problems_box.set_item_list(lines)
        count = len(lines)
        self.problems_label.set_text(
            f"Problems ({count})" if count else "Problems: none - the game will load it"
        )

    def jump_to_problem(self, text: str) -> None:
        try:
            n = int(text.split(".", 1)[0]) - 1
            problem = self.problem_list[n]
        except (ValueError, IndexError):
            return
        self.say(problem.message, WARN, 10)
        if problem.tile is not None:
            self.camera.centre_on(problem.tile, self.map_rect)
            self.flash = (problem.tile, 1.5)
        section, index = problem.section, problem.index
        doc = self.session.doc
        if (
            section in ("unit", "object")
            and index is not None
            and index < len(doc.section(section))
        ):
            self.selected = (section, doc.ids(section)[index])
            self.refresh_panel()
        elif section == "area" and index is not None and index < len(doc.areas):
            self.chosen_area = doc.ids("area")[index]
        elif section == "side":
            self.open_sides_form(index)
        elif section == "squad":
            self.open_squads_form(index)
        elif section == "objective":
            self.open_objectives_form(index)
        elif section == "trigger":
            self.open_triggers_form(index)
        elif section in ("scenario", "story"):
            self.open_map_form()
