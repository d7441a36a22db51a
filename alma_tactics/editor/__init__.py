"""The map and scenario editor's model: a document and its undoable edits (no pygame).

- `MapDocument` (document.py): the terrain layer (numpy uint8 kind indexes) and
  the rest of the scenario file as plain data; `new`, `open`, `from_doc`,
  `to_doc`, `save` (through `alma_tactics.scenario.save_scenario`).
- Edits (edits.py): `edit.apply(doc)` returns the edit that undoes it.
- `History` (history.py): undo / redo, brush strokes as one step, `dirty`.
- Tools, each a pure function returning an edit (or None when nothing would
  change): painting.py (brush, line, rectangle, flood fill, erase, eyedropper,
  symmetry), regions.py (copy / paste, mirror / rotate, delete / move a
  selection, resize with an anchor), things.py (units, squads, patrols,
  objects, spotlight links), sides.py (sides, computer player hints,
  deployment zones), script.py (areas, objectives, triggers, briefing, story).
- problems.py: what `validate` would say of the file, each with its tile.
- autosave.py: the working copy in the game's data folder, recovered after a crash.
- `EditorSession` (session.py): all of it together, for the editor screen.

The editor works on a map document, never on a running game; each edit
returns its own undo.
"""

from __future__ import annotations

from . import painting, regions, script, sides, things
from .autosave import Autosaver, Recovery, autosave, mark_clean_exit, recover
from .document import DEFAULT_KIND, Changes, MapDocument, MapFormatError
from .edits import (
    MISSING,
    Batch,
    Chain,
    Edit,
    InsertItem,
    MoveItem,
    PaintCells,
    RemoveItem,
    ReplaceAll,
    SetValue,
)
from .history import DEFAULT_LIMIT, History
from .painting import Shape, Symmetry
from .problems import MapProblem, check_snapshot, problems
from .refs import references
from .regions import Anchor, Clip, Transform
from .session import EditorSession

__all__ = [
    "DEFAULT_KIND",
    "DEFAULT_LIMIT",
    "MISSING",
    "Anchor",
    "Autosaver",
    "Batch",
    "Chain",
    "Changes",
    "Clip",
    "Edit",
    "EditorSession",
    "History",
    "InsertItem",
    "MapDocument",
    "MapFormatError",
    "MapProblem",
    "MoveItem",
    "PaintCells",
    "Recovery",
    "RemoveItem",
    "ReplaceAll",
    "SetValue",
    "Shape",
    "Symmetry",
    "Transform",
    "autosave",
    "check_snapshot",
    "mark_clean_exit",
    "painting",
    "problems",
    "recover",
    "references",
    "regions",
    "script",
    "sides",
    "things",
]
