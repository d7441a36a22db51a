"""Writing a scenario document back to TOML, readable and stable.

tomli_w writes every scalar, string and key (so quoting and escapes are its
own), and this module lays them out the way a hand-written scenario looks:

- `[table]` and `[[array]]` headers for the top level, a blank line between;
- short values inline (`at = [2, 10]`, `ammo = { assault_rifle = 30 }`), long
  arrays one element per line, long inline tables as `[table.key]` sub-tables;
- multi-line strings as `\"\"\"` blocks, so `[map] rows` is one map row per line.

The output of a document read back from it is written byte-for-byte the same.
Comments are not kept (TOML readers drop them).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli_w

LINE = 100  # the longest line written inline
INDENT = "    "


def dumps(doc: Mapping[str, Any]) -> str:
    """The TOML text of a scenario document."""
    chunks: list[str] = []
    scalars = [(k, v) for k, v in doc.items() if not _is_table(v) and not _is_tables(v)]
    if scalars:
        chunks.append("".join(_assignment(k, v, "") for k, v in scalars))
    for key, value in doc.items():
        if _is_table(value):
            chunks.extend(_table(_key(key), value, array=False))
        elif _is_tables(value):
            for item in value:
                chunks.extend(_table(_key(key), item, array=True))
    return "\n".join(chunks)


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and `os.replace`.

    Readers see the old file or the new one, never half of one; an existing
    file keeps its permission bits.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


# --- layout ------------------------------------------------------------------------------------


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_tables(value: Any) -> bool:
    return isinstance(value, list | tuple) and bool(value) and all(_is_table(v) for v in value)


def _table(name: str, table: Mapping[str, Any], array: bool) -> list[str]:
    """One `[name]` / `[[name]]` table: its values, then the sub-tables too long to inline."""
    lines = [f"[[{name}]]\n" if array else f"[{name}]\n"]
    subtables: list[tuple[str, Mapping[str, Any]]] = []
    for key, value in table.items():
        if _is_table(value) and value and len(_inline(value)) + len(key) + 3 > LINE:
            subtables.append((key, value))
        else:
            lines.append(_assignment(key, value, ""))
    chunks = ["".join(lines)]
    for key, value in subtables:
        chunks.extend(_table(f"{name}.{_key(key)}", value, array=False))
    return chunks


def _assignment(key: str, value: Any, indent: str) -> str:
    return f"{indent}{_key(key)} = {_value(value, len(indent) + len(key) + 3)}\n"


def _value(value: Any, used: int) -> str:
    """A value as it follows `key = ` (`used` characters already on the line)."""
    if isinstance(value, str) and "\n" in value and "\r" not in value:
        return _multiline(value)
    if isinstance(value, list | tuple):
        flat = _inline(value)
        if used + len(flat) <= LINE or not value:
            return flat
        items = "".join(f"{INDENT}{_inline(item)},\n" for item in value)
        return f"[\n{items}]"
    return _inline(value)


def _inline(value: Any) -> str:
    """A value on one line: arrays `[a, b]`, tables `{ k = v }`, scalars by tomli_w."""
    if _is_table(value):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _literal(value, multiline=False)


def _literal(value: Any, multiline: bool) -> str:
    text = tomli_w.dumps({"v": value}, multiline_strings=multiline)
    return text[len("v = ") : -1]


def _multiline(text: str) -> str:
    """A `\"\"\"` block with as few escapes as TOML allows, so prose and maps stay readable.

    Backslashes and control characters are escaped; quotes only where they would
    end the block (a run of three, or one just before the closing quotes).
    """
    if not _PLAIN.search(text) and '"""' not in text and not text.endswith('"'):
        return f'"""\n{text}"""'
    escaped = _PLAIN.sub(_escape, text)  # every backslash now comes in pairs
    escaped = re.sub('"{3,}|"+$', lambda m: '\\"' * len(m.group()), escaped)
    return f'"""\n{escaped}"""'


_PLAIN = re.compile(r"[\\\x00-\x08\x0b-\x1f\x7f]")  # backslash, controls but \t and \n


def _escape(m: re.Match[str]) -> str:
    char = m.group()
    return "\\\\" if char == "\\" else f"\\u{ord(char):04x}"


def _key(key: str) -> str:
    text = tomli_w.dumps({key: 0})
    return text[: -len(" = 0\n")]
