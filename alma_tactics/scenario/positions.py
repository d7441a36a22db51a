"""Where a value of a scenario file is written: line and column for its problems.

`content.toml_source.locate` finds a table header or a `key =` line (and keys of
an inline table). Scenario files also nest values in inline arrays (`patrol =
[[9, 10], [9, 1]]`, a trigger's `when = [{ enters = { ... } }]`), so this module
follows the rest of a path from there: the N-th element of an inline array, a
key of an inline table. It scans loosely, like `locate`, and stops at the last
spot it could find, so a problem always has a position.

It also places the characters of the map: row `y`, column `x` of `[map] rows`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..content import locate
from ..content.toml_source import PathPart


class Positions:
    """Line and column lookups in one file's text (1-based, like editors)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts: list[int] | None = None
        self._rows_origin: tuple[int, int] | None | bool = False  # False: not looked up yet

    # --- offsets <-> (line, col) ------------------------------------------------------
    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, col: int) -> int:
        starts = self.line_starts
        return starts[min(max(line, 1), len(starts)) - 1] + col - 1

    # --- values -----------------------------------------------------------------------------
    def at(self, table: Sequence[PathPart], keys: Sequence[PathPart] = ()) -> tuple[int, int]:
        """(line, col) of the value at `keys` under the table `table` (header path).

        `table` is what `locate` takes (`("unit", 3)` is the fourth `[[unit]]`);
        `keys` goes on from there through keys and inline-array indexes, e.g.
        `("when", 0, "enters", "area")`. String keys point at the key, indexes at
        the element.
        """
        first_index = next((k for k, part in enumerate(keys) if isinstance(part, int)), len(keys))
        names = tuple(keys[:first_index])
        if not names:
            return locate(self.text, table)
        line, col = locate(self.text, (*table, *names[:-1]), names[-1])
        rest = keys[first_index:]
        if not rest:
            return line, col
        start = self._value_after_key(self.offset(line, col), str(names[-1]))
        if start is None:
            return line, col
        best = start
        for part in rest:
            if isinstance(part, int):
                items = _items(self.text, start)
                if items is None or part >= len(items):
                    break
                best = start = items[part]
            else:
                found = self._member(start, part)
                if found is None:
                    break
                best, start = found
        return self.position(best)

    def _value_after_key(self, offset: int, key: str) -> int | None:
        """The offset of the value of `key = value` written at `offset`, if it is."""
        m = re.compile(rf"""(["']?){re.escape(key)}\1\s*=[ \t]*""").match(self.text, offset)
        return m.end() if m else None

    def _member(self, start: int, key: str) -> tuple[int, int] | None:
        """(offset of `key`, offset of its value) inside the inline table at `start`."""
        if not self.text.startswith("{", start):
            return None
        for item in _items(self.text, start) or ():
            value = self._value_after_key(item, key)
            if value is not None:
                return item, value
        return None

    # --- the map ------------------------------------------------------------------------------
    def rows_origin(self) -> tuple[int, int] | None:
        """(line, col) of the first character of `[map] rows` when it is a `\"\"\"` block.

        TOML drops a newline right after the opening quotes, so with the usual
        layout row 0 starts on the next line, column 1.
        """
        if self._rows_origin is False:
            self._rows_origin = None
            line, col = locate(self.text, ("map",), "rows")
            start = self._value_after_key(self.offset(line, col), "rows")
            if start is not None and self.text.startswith(('"""', "'''"), start):
                content = start + 3
                if self.text.startswith("\r\n", content):
                    content += 2
                elif self.text.startswith("\n", content):
                    content += 1
                self._rows_origin = self.position(content)
        return self._rows_origin or None

    def map_char(self, line_index: int, x: int) -> tuple[int, int] | None:
        """(line, col) of character `x` of the `line_index`-th line of the rows string."""
        origin = self.rows_origin()
        if origin is None:
            return None
        line, col = origin
        return (line, col + x) if line_index == 0 else (line + line_index, 1 + x)


def _skip_string(text: str, i: int) -> int:
    """The offset just past the string literal starting at `i`."""
    n = len(text)
    for quote in ('"""', "'''"):
        if text.startswith(quote, i):
            j = i + 3
            while True:
                end = text.find(quote, j)
                if end == -1:
                    return n
                if quote == '"""' and _escaped(text, end):
                    j = end + 1
                    continue
                end += 3
                while end < n and text[end] == quote[0]:  # up to two quotes may close it
                    end += 1
                return end
    quote = text[i]
    j = i + 1
    while j < n and text[j] != quote and text[j] != "\n":
        j += 2 if quote == '"' and text[j] == "\\" else 1
    return j + 1


def _escaped(text: str, i: int) -> bool:
    backslashes = 0
    while i - backslashes - 1 >= 0 and text[i - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _items(text: str, start: int) -> list[int] | None:
    """Start offsets of the elements of the inline array or table opening at `start`."""
    if start >= len(text) or text[start] not in "[{":
        return None
    n = len(text)
    items: list[int] = []
    depth = 0
    item_start: int | None = None
    i = start + 1
    while i < n:
        c = text[i]
        if c in " \t\r\n":
            i += 1
            continue
        if c == "#":
            nl = text.find("\n", i)
            i = n if nl == -1 else nl
            continue
        if depth == 0 and item_start is None and c not in ",]}":
            item_start = i
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            if depth == 0:
                break
            depth -= 1
        elif c == "," and depth == 0:
            if item_start is not None:
                items.append(item_start)
            item_start = None
        i += 1
    if item_start is not None:
        items.append(item_start)
    return items
