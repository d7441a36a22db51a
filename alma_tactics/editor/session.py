"""One editing session, what the editor screen holds: a document, its history, its
file, its autosave and its live problem list.

    session = EditorSession.open("scenarios/duel.toml")   # or .new(64, 48, "night", "Raid")
    session.begin_stroke("Paint")
    session.do(painting.brush(session.doc, x, y, kind, size=5))   # every mouse-move
    session.end_stroke()                                          # mouse-up
    session.undo(); session.redo()
    session.problems()                  # cached until the next edit
    session.save()                      # warns (returns the problems), never refuses
    session.tick()                      # every frame: autosaves when due
    session.close()                     # a clean exit: nothing to recover next time
"""

from __future__ import annotations

import time
from pathlib import Path

from ..core.catalog import Catalog
from .autosave import Autosaver, Recovery
from .document import DEFAULT_KIND, MapDocument
from .edits import Edit
from .history import DEFAULT_LIMIT, History
from .problems import MapProblem, problems

AUTOSAVE_SECONDS = 60.0


class EditorSession:
    def __init__(
        self,
        doc: MapDocument,
        autosaver: Autosaver | None = None,
        history_limit: int = DEFAULT_LIMIT,
        autosave_seconds: float = AUTOSAVE_SECONDS,
    ) -> None:
        self.doc = doc
        self.history = History(doc, history_limit)
        self.autosaver = autosaver if autosaver is not None else Autosaver()
        self.autosave_seconds = autosave_seconds
        self._problems: tuple[int, list[MapProblem]] | None = None
        self._autosaved_revision = doc.revision
        self._last_autosave = time.monotonic()

    # --- starting -----------------------------------------------------------------------------
    @classmethod
    def new(
        cls,
        width: int,
        height: int,
        ambient: str = "day",
        title: str = "Untitled map",
        catalog: Catalog | None = None,
        fill: int = DEFAULT_KIND,
        autosaver: Autosaver | None = None,
    ) -> EditorSession:
        return cls(MapDocument.new(width, height, ambient, title, catalog, fill), autosaver)

    @classmethod
    def open(
        cls, path: str | Path, catalog: Catalog | None = None, autosaver: Autosaver | None = None
    ) -> EditorSession:
        """Open a scenario file (problems and all; `MapFormatError` if its map is unreadable)."""
        return cls(MapDocument.open(path, catalog), autosaver)

    @classmethod
    def recover(
        cls, autosaver: Autosaver | None = None, catalog: Catalog | None = None
    ) -> EditorSession | None:
        """The session a crash interrupted, from its autosave (None if there is none).

        The recovered document counts as unsaved (it differs from its file).
        """
        autosaver = autosaver if autosaver is not None else Autosaver()
        found = autosaver.recover()
        if found is None:
            return None
        session = cls(found.load(catalog), autosaver)
        session.history.mark_unsaved()  # it is not what is on disk
        return session

    @staticmethod
    def pending_recovery(autosaver: Autosaver | None = None) -> Recovery | None:
        """What `recover` would bring back (to ask the user first)."""
        return (autosaver if autosaver is not None else Autosaver()).recover()

    # --- editing ------------------------------------------------------------------------------
    def do(self, edit: Edit | None) -> bool:
        return self.history.do(edit)

    def undo(self) -> bool:
        return self.history.undo()

    def redo(self) -> bool:
        return self.history.redo()

    def begin_stroke(self, label: str = "Paint") -> None:
        self.history.begin_stroke(label)

    def end_stroke(self) -> bool:
        return self.history.end_stroke()

    @property
    def dirty(self) -> bool:
        return self.history.dirty

    @property
    def path(self) -> Path | None:
        return self.doc.path

    @property
    def caption(self) -> str:
        """`name.toml*` (the star: unsaved changes), for the window title."""
        name = self.doc.path.name if self.doc.path else (self.doc.title or "Untitled map")
        return name + ("*" if self.dirty else "")

    # --- problems -----------------------------------------------------------------------------
    def problems(self) -> list[MapProblem]:
        """The live problem list, recomputed only after the document changed."""
        if self._problems is None or self._problems[0] != self.doc.revision:
            self._problems = (self.doc.revision, problems(self.doc))
        return self._problems[1]

    # --- files --------------------------------------------------------------------------------
    def save(self, path: str | Path | None = None) -> list[MapProblem]:
        """Save (to `path`: save as). Returns the file's problems: a warning to show,
        never a refusal. ValueError when there is no path yet."""
        self.history.end_stroke()
        self.doc.save(path)
        self.history.mark_saved()
        return self.problems()

    def tick(self, now: float | None = None) -> bool:
        """Autosave if there are changes not autosaved and the interval has passed."""
        now = time.monotonic() if now is None else now
        if now - self._last_autosave < self.autosave_seconds:
            return False
        self._last_autosave = now
        return self.autosave()

    def autosave(self) -> bool:
        """Autosave now if anything changed since the last autosave."""
        if self.doc.revision == self._autosaved_revision or self.history.in_stroke:
            return False
        self.autosaver.save(self.doc)
        self._autosaved_revision = self.doc.revision
        return True

    def close(self) -> None:
        """A clean exit (after the screen asked about unsaved changes)."""
        self.autosaver.mark_clean_exit()
