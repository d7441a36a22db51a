"""TOML files read with their text kept, so every problem can say FILE:LINE:COL.

`tomllib` gives plain dicts with no positions. Rather than write a second
parser, `locate` scans the text loosely for the `[table]` header and the
`key =` line that defined a value, which is all an error message needs. The
scenario loader reuses `TomlSource`, `locate` and `RulesError` for its own
`FILE:LINE:COL: message` reports.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

PathPart = str | int  # an int indexes an array of tables ([[x]]), 0-based
TablePath = tuple[PathPart, ...]


class RulesError(Exception):
    """One or more problems in data files, each a `FILE:LINE:COL: message` line.

    All problems found are reported at once (`.problems`) so an author fixes a
    file in one pass instead of one error per run.
    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: list[str] = list(problems)
        super().__init__("\n".join(self.problems))


def dotted(table_path: Sequence[PathPart], key: str | None = None) -> str:
    """A table path as an author would write it: `unit.marine.hp`, `units[2]`."""
    text = ""
    for part in (*table_path, *(() if key is None else (key,))):
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            shown = part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else f'"{part}"'
            text += f".{shown}" if text else shown
    return text


# --------------------------------------------------------------------- index


@dataclass(frozen=True)
class _Entry:
    """Where a table header or a `key = value` line sits in the text."""

    path: TablePath
    offset: int  # of the header's `[` or the key's first character
    value_start: int = -1  # key entries: the span of the value's text
    value_end: int = -1


@dataclass
class _Index:
    line_starts: list[int]
    headers: list[_Entry] = field(default_factory=list)
    keys: list[_Entry] = field(default_factory=list)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _read_key(text: str, i: int) -> tuple[list[str], int] | None:
    """Parse a (dotted, possibly quoted) key starting at `i`; None if there is none."""
    parts: list[str] = []
    n = len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] in "\"'":
            quote = text[i]
            j = i + 1
            while j < n and text[j] != quote and text[j] != "\n":
                j += 2 if quote == '"' and text[j] == "\\" else 1
            if j >= n or text[j] != quote:
                return None
            raw = text[i + 1 : j]
            parts.append(raw.replace('\\"', '"') if quote == '"' else raw)
            i = j + 1
        else:
            m = _BARE.match(text, i)
            if not m:
                return None
            parts.append(m.group())
            i = m.end()
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] == ".":
            i += 1
            continue
        return parts, i


def _skip_value(text: str, i: int) -> int:
    """Offset just past a value starting at `i` (strings, arrays, inline tables)."""
    n = len(text)
    depth = 0
    while i < n:
        c = text[i]
        if text.startswith('"""', i) or text.startswith("'''", i):
            quote = text[i : i + 3]
            end = text.find(quote, i + 3)
            if quote == '"""':
                while end != -1 and _escaped(text, end):
                    end = text.find(quote, end + 1)
            i = n if end == -1 else end + 3
            while i < n and text[i] == quote[0]:  # up to two quotes may close it
                i += 1
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if c == '"' and text[j] == "\\" else 1
            i = j + 1
            continue
        if c == "#":
            nl = text.find("\n", i)
            i = n if nl == -1 else nl
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        elif c == "\n" and depth <= 0:
            return i
        i += 1
    return n


def _escaped(text: str, i: int) -> bool:
    backslashes = 0
    while i - backslashes - 1 >= 0 and text[i - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


@lru_cache(maxsize=32)
def _index(text: str) -> _Index:
    """Scan `text` once for headers and keys, resolving `[[array]]` indexes."""
    index = _Index(line_starts=[0] + [m.end() for m in re.finditer(r"\n", text)])
    arrays: dict[TablePath, int] = {}
    current: TablePath = ()
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            break
        if text[i] == "#":
            nl = text.find("\n", i)
            i = n if nl == -1 else nl
            continue
        if text[i] == "[":
            is_array = text.startswith("[[", i)
            parsed = _read_key(text, i + (2 if is_array else 1))
            if parsed:
                parts, _ = parsed
                current = _resolve(parts, is_array, arrays)
                index.headers.append(_Entry(current, i))
            nl = text.find("\n", i)
            i = n if nl == -1 else nl
            continue
        parsed = _read_key(text, i)
        if parsed and parsed[1] < n and text[parsed[1]] == "=":
            parts, eq = parsed
            start = eq + 1
            while start < n and text[start] in " \t":
                start += 1
            end = _skip_value(text, start)
            index.keys.append(_Entry((*current, *parts), i, start, end))
            i = end
        else:  # not TOML we understand: skip the line, stay loose
            nl = text.find("\n", i)
            i = n if nl == -1 else nl
    return index


def _resolve(parts: list[str], is_array: bool, arrays: dict[TablePath, int]) -> TablePath:
    path: TablePath = ()
    for k, part in enumerate(parts):
        path = (*path, part)
        last = k == len(parts) - 1
        if path in arrays and not (is_array and last):
            path = (*path, arrays[path] - 1)
    if is_array:
        count = arrays.get(path, 0)
        arrays[path] = count + 1
        path = (*path, count)
    return path


def _find_inside(text: str, entry: _Entry, rest: Sequence[PathPart]) -> int:
    """Follow `rest` keys into an inline table value; the deepest offset found."""
    offset, pos = entry.offset, entry.value_start
    for part in rest:
        if isinstance(part, int):
            break
        pattern = rf"""(?<![\w"'-])["']?{re.escape(part)}["']?\s*="""
        m = re.compile(pattern).search(text, pos, entry.value_end)
        if not m:
            break
        offset = pos = m.start()
    return offset


def _locate_offset(text: str, target: TablePath) -> int | None:
    index = _index(text)
    for entry in (*index.keys, *index.headers):
        if entry.path == target:
            return entry.offset
    # A table made only by dotted keys (`modes.snap.ap = 8`): its first key.
    for entry in sorted((*index.keys, *index.headers), key=lambda e: e.offset):
        if entry.path[: len(target)] == target:
            return entry.offset
    # Otherwise the nearest enclosing thing: a key whose inline value holds the
    # rest (`inventory = { emp = 2 }`), else the enclosing header.
    for length in range(len(target) - 1, 0, -1):
        prefix = target[:length]
        for entry in index.keys:
            if entry.path == prefix:
                return _find_inside(text, entry, target[length:])
        for entry in index.headers:
            if entry.path == prefix:
                return entry.offset
    return None


def locate(text: str, table_path: Sequence[PathPart], key: str | None = None) -> tuple[int, int]:
    """1-based (line, column) where `key` of table `table_path` is written in `text`.

    With `key=None`, the table's own header. Falls back to the nearest enclosing
    header (or 1, 1) when the exact spot cannot be found, so a message always
    has a position even for unusual layouts.
    """
    target = (*table_path, *(() if key is None else (key,)))
    offset = _locate_offset(text, target) if target else None
    return (1, 1) if offset is None else _index(text).position(offset)


def sorted_by_position(problems: Iterable[str], path: Path | str) -> list[str]:
    """`FILE:LINE:COL: ...` lines of one file in reading order (stable for ties)."""
    prefix = f"{path}:"

    def key(problem: str) -> tuple[int, int]:
        m = (
            re.match(r"(\d+):(\d+):", problem[len(prefix) :])
            if problem.startswith(prefix)
            else None
        )
        return (int(m.group(1)), int(m.group(2))) if m else (0, 0)

    return sorted(problems, key=key)


# -------------------------------------------------------------------- source


def _syntax_position(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int, int, str]:
    """tomllib's own line and column: attributes on 3.14+, the message's tail before."""
    lineno, colno = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    msg = getattr(exc, "msg", None)
    if isinstance(lineno, int) and isinstance(colno, int) and isinstance(msg, str):
        return lineno, colno, msg
    message = str(exc)
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if m:
        return int(m.group(1)), int(m.group(2)), message[: m.start()]
    m = re.search(r"\s*\(at end of document\)\s*$", message)
    if m:
        # rfind is -1 without a newline, which still gives a 1-based column.
        return text.count("\n") + 1, len(text) - text.rfind("\n"), message[: m.start()]
    return 1, 1, message


@dataclass
class TomlSource:
    """A parsed TOML file plus its text, collecting positioned problems."""

    path: Path
    text: str
    data: dict[str, Any]
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> TomlSource:
        """Parse `path`; unreadable or malformed files raise RulesError at once."""
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise RulesError([f"{path}:1:1: cannot read file: {exc.strerror or exc}"]) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            raise RulesError([f"{path}:{line}:{col}: not valid UTF-8"]) from None
        return cls.parse(text, path)

    @classmethod
    def parse(cls, text: str, path: Path) -> TomlSource:
        """Parse TOML `text` that came from `path` (used in messages only)."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line, col, message = _syntax_position(exc, text)
            raise RulesError([f"{path}:{line}:{col}: TOML syntax error: {message}"]) from None
        return cls(path, text, data)

    def where(self, table_path: Sequence[PathPart], key: str | None = None) -> str:
        """`FILE:LINE:COL` of a key (or of the table's header when `key` is None)."""
        line, col = locate(self.text, table_path, key)
        return f"{self.path}:{line}:{col}"

    def where_item(self, table_path: Sequence[PathPart], key: str, item: str) -> str:
        """`FILE:LINE:COL` of a string `item` inside `key`'s array or inline table."""
        target = (*table_path, key)
        for entry in _index(self.text).keys:
            if entry.path == target:
                m = re.compile(rf"""["']{re.escape(item)}["']""").search(
                    self.text, entry.value_start, entry.value_end
                )
                if m:
                    line, col = _index(self.text).position(m.start())
                    return f"{self.path}:{line}:{col}"
        return self.where(table_path, key)

    def problem(self, table_path: Sequence[PathPart], key: str | None, message: str) -> None:
        """Record a problem at `key` of `table_path` (prefixed with the dotted key)."""
        name = dotted(table_path, key)
        prefix = f"{name}: " if name else ""
        self.problems.append(f"{self.where(table_path, key)}: {prefix}{message}")

    def problem_at(
        self, where: str, table_path: Sequence[PathPart], key: str, message: str
    ) -> None:
        """Record a problem at an already located `where` (see `where_item`)."""
        self.problems.append(f"{where}: {dotted(table_path, key)}: {message}")
