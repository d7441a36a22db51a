"""Reading one TOML table into the fields of a catalog dataclass, with checks.

The accepted keys, their types and which are optional come from the frozen
dataclasses in `core.catalog` themselves (a field with a default is optional),
so a field added there is read from the TOML without touching this module.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from .toml_source import PathPart, TomlSource

# Field annotation (as written in core/catalog.py) -> how to read it.
_KINDS = {
    "str": "str",
    "int": "int",
    "bool": "bool",
    "str | None": "optional_str",
    "tuple[str, ...]": "str_tuple",
    "tuple[tuple[str, int], ...]": "counts",
}

# Integer fields that may be negative (penalties); every other int must be >= 0.
SIGNED_FIELDS = frozenset({"accuracy"})


@dataclass(frozen=True)
class FieldSpec:
    """One readable key: its name, how to read it, and its default if optional."""

    name: str
    kind: str
    required: bool
    default: Any = None


def _annotation(tp: Any) -> str:
    if isinstance(tp, type):
        return tp.__name__
    return " ".join(str(tp).replace("typing.", "").split())


def specs_for(cls: type, exclude: Collection[str] = ()) -> dict[str, FieldSpec]:
    """The TOML keys for dataclass `cls`, minus `exclude` (ids, nested tables)."""
    specs: dict[str, FieldSpec] = {}
    for f in dataclasses.fields(cls):
        if f.name in exclude:
            continue
        annotation = _annotation(f.type)
        kind = _KINDS.get(annotation)
        if kind is None:
            raise TypeError(
                f"content loader cannot read {cls.__name__}.{f.name}: {annotation}; "
                "teach alma_tactics/content/schema.py this type"
            )
        if f.default is not dataclasses.MISSING:
            specs[f.name] = FieldSpec(f.name, kind, False, f.default)
        elif f.default_factory is not dataclasses.MISSING:
            specs[f.name] = FieldSpec(f.name, kind, False, f.default_factory())
        elif kind == "optional_str":  # TOML has no null: leaving the key out means None
            specs[f.name] = FieldSpec(f.name, kind, False, None)
        else:
            specs[f.name] = FieldSpec(f.name, kind, True)
    return specs


def suggestion(word: str, choices: Collection[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or nothing when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def type_name(value: Any) -> str:
    """TOML's word for a value's type, for 'must be X, not Y' messages."""
    names = {bool: "boolean", int: "integer", float: "float", str: "string"}
    names.update({list: "array", dict: "table"})
    return names.get(type(value), type(value).__name__)


def check_table(
    src: TomlSource, path: Sequence[PathPart], value: Any, what: str = "a table"
) -> dict[str, Any] | None:
    """`value` if it is a table, else record a problem and return None."""
    if isinstance(value, dict):
        return value
    src.problem(path, None, f"must be {what}, not {type_name(value)}")
    return None


def read_fields(
    src: TomlSource,
    path: Sequence[PathPart],
    table: dict[str, Any],
    specs: dict[str, FieldSpec],
    extra_keys: Collection[str] = (),
) -> tuple[dict[str, Any], bool]:
    """Check `table` against `specs`: (the values that are good, whether all were).

    Every problem is recorded on `src` (unknown keys with the closest valid one,
    missing required keys, wrong types), so a whole file is checked in one pass;
    the partial values let callers still check the good keys' cross-references.
    `extra_keys` are allowed here but read by the caller (e.g. `modes`).
    """
    ok = True
    known = [*specs, *extra_keys]
    for key in table:
        if key not in specs and key not in extra_keys:
            src.problem(path, key, f"unknown key '{key}'{suggestion(key, known)}")
            ok = False
    values: dict[str, Any] = {}
    for name, spec in specs.items():
        if name not in table:
            if spec.required:
                src.problem(path, None, f"missing required key '{name}'")
                ok = False
            else:
                values[name] = spec.default
            continue
        converted, error = _convert(spec, table[name])
        if error:
            src.problem(path, name, error)
            ok = False
        else:
            values[name] = converted
    return values, ok


def _convert(spec: FieldSpec, value: Any) -> tuple[Any, str | None]:
    """(converted value, None) or (None, why the value is wrong)."""
    got = type_name(value)
    if spec.kind == "int":
        if type(value) is not int:
            return None, f"must be an integer, not {got}"
        if value < 0 and spec.name not in SIGNED_FIELDS:
            return None, f"must not be negative (got {value})"
        return value, None
    if spec.kind == "bool":
        if type(value) is not bool:
            return None, f"must be true or false, not {got}"
        return value, None
    if spec.kind in ("str", "optional_str"):
        if not isinstance(value, str):
            return None, f"must be a string, not {got}"
        if not value.strip():
            return None, "must not be empty"
        return value, None
    if spec.kind == "str_tuple":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, f"must be an array of strings, not {got}"
        return tuple(value), None
    if spec.kind == "counts":
        if not isinstance(value, dict):
            return None, f"must be an inline table of item = count, not {got}"
        for item, count in value.items():
            if type(count) is not int or count < 0:
                return None, f"count of '{item}' must be a non-negative integer"
        return tuple(sorted(value.items())), None
    raise AssertionError(spec.kind)  # pragma: no cover - specs_for rejects others
