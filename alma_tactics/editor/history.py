"""Undo and redo of edits, strokes as one step, and whether the document is saved.

`History.do(edit)` applies an edit and keeps its undo. Between `begin_stroke()`
and `end_stroke()` (a mouse drag of the brush) each dab is applied at once but
the whole stroke becomes one undoable step. `dirty` is whether the document
differs from the last saved (or opened) state: undoing back to it clears it.
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass

from .document import MapDocument
from .edits import Batch, Edit, PaintCells, merge_paints

DEFAULT_LIMIT = 500  # undo steps kept (the issue asks for at least 200)


@dataclass(frozen=True)
class _Step:
    edit: Edit  # what to apply: the undo (on the undo stack) or the redo (on the redo stack)
    before: int  # document state ids either side of the step
    after: int


class History:
    """The undo and redo stacks of one document."""

    def __init__(self, doc: MapDocument, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.doc = doc
        self.limit = limit
        self._ids = itertools.count(1)
        self._undo: deque[_Step] = deque(maxlen=limit)
        self._redo: list[_Step] = []
        self._state = 0  # the id of the document's current state
        self._saved: int | None = 0
        self._stroke: list[Edit] | None = None
        self._stroke_label = ""
        self._stroke_before = 0

    # --- doing --------------------------------------------------------------------------------
    def do(self, edit: Edit | None) -> bool:
        """Apply `edit` as one undoable step (a part of the stroke, during one).

        Returns whether anything was done (`None`, what tools give when nothing
        would change, does nothing).
        """
        if edit is None:
            return False
        inverse = edit.apply(self.doc)
        if self._stroke is not None:
            if not self._stroke:
                self._stroke_before = self._state
                self._state = next(self._ids)
                self._redo.clear()
            self._stroke.append(inverse)
            return True
        before, self._state = self._state, next(self._ids)
        self._undo.append(_Step(inverse, before, self._state))
        self._redo.clear()
        return True

    def begin_stroke(self, label: str = "Paint") -> None:
        """Start grouping edits (brush dabs) into one step; ends any open stroke first."""
        self.end_stroke()
        self._stroke = []
        self._stroke_label = label

    def end_stroke(self) -> bool:
        """Close the stroke: its edits become one undoable step (if there were any)."""
        stroke, self._stroke = self._stroke, None
        if not stroke:
            return False
        if all(isinstance(e, PaintCells) for e in stroke):
            inverse: Edit = merge_paints(stroke, self._stroke_label)  # type: ignore[arg-type]
        else:
            inverse = Batch(tuple(reversed(stroke)), self._stroke_label)
        self._undo.append(_Step(inverse, self._stroke_before, self._state))
        return True

    @property
    def in_stroke(self) -> bool:
        return self._stroke is not None

    # --- undoing ------------------------------------------------------------------------------
    def undo(self) -> bool:
        self.end_stroke()
        if not self._undo:
            return False
        step = self._undo.pop()
        redo = step.edit.apply(self.doc)
        self._redo.append(_Step(redo, step.before, step.after))
        self._state = step.before
        return True

    def redo(self) -> bool:
        self.end_stroke()
        if not self._redo:
            return False
        step = self._redo.pop()
        undo = step.edit.apply(self.doc)
        self._undo.append(_Step(undo, step.before, step.after))
        self._state = step.after
        return True

    def undo_all(self) -> int:
        count = 0
        while self.undo():
            count += 1
        return count

    def redo_all(self) -> int:
        count = 0
        while self.redo():
            count += 1
        return count

    @property
    def can_undo(self) -> bool:
        return bool(self._undo) or bool(self._stroke)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo) and self._stroke is None

    @property
    def undo_label(self) -> str:
        """What undo would undo ("Paint", "Move unit sentry2"), or ""."""
        if self._stroke:
            return self._stroke_label
        return self._undo[-1].edit.label if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1].edit.label if self._redo else ""

    @property
    def undo_count(self) -> int:
        return len(self._undo) + (1 if self._stroke else 0)

    @property
    def redo_count(self) -> int:
        return len(self._redo)

    # --- saving -------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """Does the document differ from its last saved state?"""
        return self._state != self._saved

    def mark_saved(self) -> None:
        """The document as it is now is what is on disk."""
        self.end_stroke()
        self._saved = self._state

    def mark_unsaved(self) -> None:
        """No state is on disk (a recovered working copy): dirty until saved."""
        self._saved = None

    def clear(self) -> None:
        """Forget every step (a new or reopened document); it counts as saved."""
        self._stroke = None
        self._undo.clear()
        self._redo.clear()
        self._state = next(self._ids)
        self._saved = self._state
