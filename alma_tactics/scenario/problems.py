"""One problem in a scenario file, and the error that carries all of a file's problems."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_POSITIONED = re.compile(r"(?P<path>.*?):(?P<line>\d+):(?P<col>\d+): (?P<message>.*)", re.DOTALL)


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a file, at a 1-based line and column.

    `str(problem)` is `FILE:LINE:COL: message`, the form editors and CI jump to.
    `key` is the key or table it is about, as the message starts with it
    (`unit[3].at`, `trigger[0].when[1].enters.area`, `unit[3]`), or "" when it
    concerns the whole file (a syntax error, a missing table): tools read it
    here instead of parsing the message.
    """

    path: str
    line: int
    col: int
    message: str
    key: str = ""

    def __str__(self) -> str:
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")  # one line each
        return f"{self.path}:{self.line}:{self.col}: {message}"

    @classmethod
    def parse(cls, text: str, path: str | Path | None = None) -> Problem:
        """A `FILE:LINE:COL: message` line back into a Problem.

        With `path`, a line starting with that path is split right after it (so a
        path holding `:1:2: ` cannot confuse it); other lines are split at the
        first `:LINE:COL: `.
        """
        if path is not None:
            prefix = f"{path}:"
            if text.startswith(prefix):
                m = re.match(r"(\d+):(\d+): ?(.*)", text[len(prefix) :], re.DOTALL)
                if m:
                    return cls(str(path), int(m.group(1)), int(m.group(2)), m.group(3))
        m = _POSITIONED.fullmatch(text)
        if m:
            return cls(m["path"], int(m["line"]), int(m["col"]), m["message"])
        return cls(str(path or ""), 1, 1, text)


class ScenarioError(Exception):
    """A scenario file that cannot be loaded; `.problems` lists every reason."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        # rebuilt from its problems (not its message) when it crosses a process boundary
        return (type(self), (self.problems,))
