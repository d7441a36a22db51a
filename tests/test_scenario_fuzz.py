"""Mangled scenario files: the loader only ever answers with problems or a scenario.

Hypothesis deletes, duplicates and swaps lines, flips characters, inserts
TOML-ish noise and truncates valid files. `validate` must return Problems (each
with a position), `load_scenario` a Scenario or a ScenarioError, never another
exception; and whatever loads must build a state and survive a save.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_scenario_files import BASE

from alma_tactics.scenario import Problem, ScenarioError, load_scenario, save_scenario, validate

NIGHT_YARD = (Path(__file__).resolve().parents[1] / "scenarios" / "night_yard.toml").read_text()
NOISE = st.sampled_from(list("[]{}\"'=#,.\\\n 0123456789-+_xyzTH#~^:tPa\t\x00é"))

Edit = tuple[str, int, int, str]
edits = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "flip", "insert", "truncate"]),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=10_000),
    st.text(NOISE, min_size=1, max_size=6),
)


def mangle(text: str, steps: list[Edit]) -> str:
    for kind, a, b, noise in steps:
        lines = text.split("\n")
        i, j = a % len(lines), b % len(lines)
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "flip" and text:
            at = a % len(text)
            text = text[:at] + noise[0] + text[at + 1 :]
            continue
        elif kind == "insert":
            at = a % (len(text) + 1)
            text = text[:at] + noise + text[at:]
            continue
        elif kind == "truncate":
            text = text[: a % (len(text) + 1)]
            continue
        text = "\n".join(lines) or "\n"
    return text


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=st.sampled_from([BASE, NIGHT_YARD]), steps=st.lists(edits, min_size=1, max_size=5))
def test_mangled_files_give_problems_or_a_scenario(source: str, steps: list[Edit]) -> None:
    text = mangle(source, steps)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mangled.toml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        problems = validate(path)
        assert isinstance(problems, list)
        for problem in problems:
            assert isinstance(problem, Problem)
            assert problem.line >= 1 and problem.col >= 1
            assert "internal error" not in problem.message, problem
            assert str(problem).startswith(f"{path}:")
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            assert exc.problems == problems
            assert problems
            return
        assert problems == []
        state = scenario.new_state(seed=1)  # a valid file always builds
        assert state.grid.width == scenario.width
        save_scenario(scenario, path)
        assert load_scenario(path).doc == scenario.doc


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_problems_or_a_scenario(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "noise.toml"
        path.write_bytes(data)
        problems = validate(path)
        assert all(isinstance(p, Problem) for p in problems)
        assert problems  # noise is never a whole scenario


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(max_size=40),
    briefing=st.text(max_size=200),
    label=st.text(min_size=1, max_size=20).filter(str.strip),
)
def test_any_text_in_strings_round_trips(title: str, briefing: str, label: str) -> None:
    """Whatever strings a scenario holds, a save reads back the same, byte-stable."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "base.toml"
        path.write_text(BASE, encoding="utf-8")
        scenario = load_scenario(path)
        scenario.doc["scenario"]["author"] = title
        scenario.doc["scenario"]["briefing"] = briefing
        scenario.doc["object"][3]["label"] = label
        save_scenario(scenario, path)
        written = path.read_bytes()
        again = load_scenario(path)
        assert again.doc == scenario.doc
        save_scenario(again, path)
        assert path.read_bytes() == written


def _leaves(value, path=()):
    """Every (path, value) of a document's scalars and short arrays."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list) and value and isinstance(value[0], dict | list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    yield path, value


BASE_DOC = __import__("tomllib").loads(BASE)
LEAF_PATHS = [path for path, _ in _leaves(BASE_DOC) if path]
WORDS = ["alliance", "calendrea", "gen", "lamp", "hut", "davis", "truck", "brute", "u2", "o3"]
WORDS += ["take_hut", "marine", "soldier", "spotlight", "generator", "open", "wall", "", "ai"]
values = st.recursive(
    st.one_of(
        st.integers(min_value=-2, max_value=12),
        st.sampled_from(WORDS),
        st.booleans(),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(WORDS), inner),
    max_leaves=6,
)


def _set(doc, path, value) -> None:
    for part in path[:-1]:
        doc = doc[part]
    if isinstance(doc, list) != isinstance(path[-1], int):
        raise TypeError("an earlier change replaced this table")
    doc[path[-1]] = value


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.lists(st.tuples(st.sampled_from(LEAF_PATHS), values), min_size=1, max_size=3))
def test_wrong_values_give_problems_or_a_state(changes) -> None:
    """Whatever value lands at any key: problems, or a scenario that builds."""
    import copy

    doc = copy.deepcopy(BASE_DOC)
    for path, value in changes:
        try:
            _set(doc, path, value)
        except (KeyError, IndexError, TypeError):  # an earlier change moved the ground
            continue
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "values.toml"
        save_scenario(doc, path)
        problems = validate(path)
        assert all("internal error" not in p.message for p in problems), problems
        if not problems:
            load_scenario(path).new_state(seed=1)
