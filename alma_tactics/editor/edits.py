"""Edits: small commands that change a `MapDocument` and return their own undo.

`edit.apply(doc)` changes the document and returns the inverse edit: applying
that gives back exactly the document before (key order included, so the saved
bytes match too), and applying *its* inverse redoes the edit. Every editor
tool builds one of these and hands it to `History.do`:

- `PaintCells`: terrain cells (flat indexes into `terrain`) and their new kinds;
  it stores only the cells it changes, so undoing a 128x128 flood fill is one
  numpy assignment;
- `SetValue`: one value at a path into `doc.data` (`("unit", 3, "at")`), set or
  deleted (`MISSING`), a new key going to a given position among its siblings;
- `InsertItem` / `RemoveItem` / `MoveItem`: a table into, out of, or within a
  `[[section]]` list (or any list: a unit's patrol);
- `ReplaceAll`: the whole terrain and data at once (resize);
- `Batch`: several edits as one undoable step; `Chain`: steps each built on the
  document the previous ones left.

Edits copy the values they put into the document, so an edit can be applied
again (redo) without sharing anything with what the document holds.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from .document import MapDocument

Path = tuple[str | int, ...]


class _Missing:
    """The value of a key that is not there (deleting a key, or undoing its addition)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __deepcopy__(self, memo: dict) -> _Missing:
        return self


MISSING: Any = _Missing()


class Edit(Protocol):
    label: str

    def apply(self, doc: MapDocument) -> Edit:
        """Change `doc`; return the edit that undoes the change."""
        ...


# --- terrain ----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PaintCells:
    """Set terrain cells: `cells` are flat indexes (y * width + x), `kinds` their new kinds."""

    cells: np.ndarray  # intp, unique
    kinds: np.ndarray  # uint8, same length
    label: str = "Paint"

    def apply(self, doc: MapDocument) -> PaintCells:
        flat = doc.terrain.reshape(-1)
        old = flat[self.cells]
        flat[self.cells] = self.kinds
        doc.revision += 1
        if len(self.cells):
            width = doc.width
            lo, hi = int(self.cells.min()), int(self.cells.max())
            if hi // width == lo // width:  # one row: the x span is exact
                doc.touch_cells(lo % width, lo // width, hi % width, hi // width)
            else:
                xs = self.cells % width
                doc.touch_cells(int(xs.min()), lo // width, int(xs.max()), hi // width)
        doc.touch("terrain")
        return PaintCells(self.cells, old, self.label)

    def __len__(self) -> int:
        return len(self.cells)


def merge_paints(paints: Sequence[PaintCells], label: str) -> PaintCells:
    """Undos of paints applied in order, as one: each cell gets its oldest value back."""
    cells = np.concatenate([p.cells for p in paints])
    kinds = np.concatenate([p.kinds for p in paints])
    unique, first = np.unique(cells, return_index=True)
    return PaintCells(unique, kinds[first], label)


# --- plain data -------------------------------------------------------------------------------


def resolve(data: Any, path: Path) -> Any:
    """The value at `path` inside `data`; KeyError/IndexError if it is not there."""
    node = data
    for part in path:
        node = node[part]
    return node


def has_path(data: Any, path: Path) -> bool:
    try:
        resolve(data, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _touch_path(doc: MapDocument, path: Path) -> None:
    doc.revision += 1
    if path:
        doc.touch(str(path[0]))
    else:
        doc.touch_all()


@dataclass(frozen=True, eq=False)
class SetValue:
    """Set `doc.data[path]` to `value` (MISSING deletes the key).

    A key that is new goes to `position` among its table's keys, or where `order`
    (the format's key order) puts it when it is applied, else at the end; so
    undoing a deletion puts the key back where it was.
    """

    path: Path
    value: Any
    position: int | None = None
    label: str = "Change"
    order: tuple[str, ...] = ()

    def apply(self, doc: MapDocument) -> SetValue:
        parent = resolve(doc.data, self.path[:-1])
        key = self.path[-1]
        _touch_path(doc, self.path)
        if isinstance(parent, list):
            old = parent[key]
            parent[key] = copy.deepcopy(self.value)
            return SetValue(self.path, old, None, self.label)
        if key in parent:
            old, old_position = parent[key], list(parent).index(key)
            if self.value is MISSING:
                del parent[key]
            else:
                parent[key] = copy.deepcopy(self.value)
            return SetValue(self.path, old, old_position, self.label)
        if self.value is not MISSING:
            position = self.position
            if position is None and self.order:
                position = key_position(parent, key, self.order)
            _insert(parent, key, copy.deepcopy(self.value), position)
        return SetValue(self.path, MISSING, None, self.label)


def _insert(table: dict, key: Any, value: Any, position: int | None) -> None:
    if position is None or position >= len(table):
        table[key] = value
        return
    items = list(table.items())
    items.insert(max(0, position), (key, value))
    table.clear()
    table.update(items)


@dataclass(frozen=True, eq=False)
class InsertItem:
    """Insert `item` at `index` of the list at `path` (index None: at the end)."""

    path: Path
    index: int | None
    item: Any
    label: str = "Add"

    def apply(self, doc: MapDocument) -> RemoveItem:
        items = resolve(doc.data, self.path)
        index = len(items) if self.index is None else self.index
        items.insert(index, copy.deepcopy(self.item))
        _touch_path(doc, self.path)
        return RemoveItem(self.path, index, self.label)


@dataclass(frozen=True, eq=False)
class RemoveItem:
    """Remove item `index` of the list at `path`."""

    path: Path
    index: int
    label: str = "Remove"

    def apply(self, doc: MapDocument) -> InsertItem:
        items = resolve(doc.data, self.path)
        item = items.pop(self.index)
        _touch_path(doc, self.path)
        return InsertItem(self.path, self.index, item, self.label)


@dataclass(frozen=True, eq=False)
class MoveItem:
    """Move item `source` of the list at `path` to index `target`."""

    path: Path
    source: int
    target: int
    label: str = "Reorder"

    def apply(self, doc: MapDocument) -> MoveItem:
        items = resolve(doc.data, self.path)
        items.insert(self.target, items.pop(self.source))
        _touch_path(doc, self.path)
        return MoveItem(self.path, self.target, self.source, self.label)


@dataclass(frozen=True, eq=False)
class ReplaceAll:
    """Replace the terrain and the data wholesale (resizing the map)."""

    terrain: np.ndarray
    data: dict[str, Any]
    label: str = "Resize map"

    def apply(self, doc: MapDocument) -> ReplaceAll:
        old = ReplaceAll(doc.terrain, doc.data, self.label)
        doc.terrain = self.terrain.copy()
        doc.data = copy.deepcopy(self.data)
        doc.revision += 1
        doc.touch_all()
        return old


@dataclass(frozen=True, eq=False)
class Batch:
    """Several edits applied in order as one step; its undo applies theirs in reverse."""

    edits: tuple[Edit, ...]
    label: str = "Edit"

    def apply(self, doc: MapDocument) -> Batch:
        undone: list[Edit] = []
        try:
            for edit in self.edits:
                undone.append(edit.apply(doc))
        except Exception:
            for inverse in reversed(undone):  # leave the document as it was
                inverse.apply(doc)
            raise
        return Batch(tuple(reversed(undone)), self.label)


@dataclass(frozen=True, eq=False)
class Chain:
    """Steps built when applied: each step is a function of the document as the
    steps before it left it, returning an edit (or None). For compound tools whose
    later parts depend on the earlier ones (move a selection: clear it, then paste).
    Its undo is the `Batch` of what was actually done, so redo is exact."""

    steps: tuple[Callable[[MapDocument], Edit | None], ...]
    label: str = "Edit"

    def apply(self, doc: MapDocument) -> Batch:
        done: list[Edit] = []
        try:
            for step in self.steps:
                edit = step(doc)
                if edit is not None:
                    done.append(edit.apply(doc))
        except Exception:
            for inverse in reversed(done):
                inverse.apply(doc)
            raise
        return Batch(tuple(reversed(done)), self.label)


def batch(edits: Sequence[Edit | None], label: str) -> Edit | None:
    """The non-None edits as one step (the edit itself when there is one; None for none)."""
    real = tuple(e for e in edits if e is not None)
    if not real:
        return None
    if len(real) == 1:
        return _relabel(real[0], label)
    return Batch(real, label)


def _relabel(edit: Edit, label: str) -> Edit:
    try:
        return type(edit)(**{**vars(edit), "label": label})  # type: ignore[arg-type]
    except TypeError:  # pragma: no cover - every edit here is a dataclass with a label
        return edit


def key_position(table: dict[str, Any], key: str, order: Sequence[str]) -> int | None:
    """Where a new `key` goes among `table`'s keys to follow `order` (None: the end)."""
    if key not in order:
        return None
    rank = order.index(key)
    for i, existing in enumerate(table):
        if existing in order and order.index(existing) > rank:
            return i
    return None


def plain(value: Any) -> Any:
    """A value as TOML gives it back: tuples become lists, all the way down."""
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def set_key(
    doc: MapDocument, path: Path, key: str, value: Any, order: Sequence[str] = (), label: str = ""
) -> SetValue | None:
    """Set (or delete, with None or MISSING) `key` of the table at `path`; None if unchanged.

    A new key goes where `order` puts it among the table's keys.
    """
    table = resolve(doc.data, path)
    value = MISSING if value is None else plain(value)
    current = table.get(key, MISSING)
    if current is MISSING and value is MISSING:
        return None
    if current is not MISSING and value is not MISSING and _same(current, value):
        return None
    return SetValue((*path, key), value, None, label or "Change", tuple(order))


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (1 and 1.0 and True differ in TOML)."""
    if type(a) is not type(b):
        if isinstance(a, list | tuple) and isinstance(b, list | tuple):
            return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b
