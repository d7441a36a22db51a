"""The rules and the match run headless: importing them never pulls in pygame."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = (
    "import sys; "
    "import alma_tactics.core.rules, alma_tactics.core.sight, alma_tactics.match; "
    "import alma_tactics.core.moves, alma_tactics.core.turns, alma_tactics.scenario; "
    "assert 'pygame' not in sys.modules, sorted(m for m in sys.modules if 'pygame' in m)"
)


def test_core_and_match_import_without_pygame() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_check_can_fail() -> None:
    """The same probe notices pygame when something does import it."""
    program = PROGRAM.replace("import sys; ", "import sys; sys.modules['pygame'] = sys; ")
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode != 0
