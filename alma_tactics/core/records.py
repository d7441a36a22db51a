"""Plain-data records with a type tag, so actions and events round-trip through JSON.

A subclass registers itself by name; `to_dict` adds `"type"` and `from_dict` finds
the class again. Lists inside records are stored as tuples to keep them hashable.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, fields
from typing import Any, ClassVar


def _freeze(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_thaw(v) for v in value]
    return value


_SHAPES: dict[type, tuple[tuple[str, ...], frozenset[str]]] = {}


def _shape(cls: type) -> tuple[tuple[str, ...], frozenset[str]]:
    """A record class's field names and its required ones, looked up once per class
    (`dataclasses.fields` is slow, and a save's log builds thousands of records)."""
    shape = _SHAPES.get(cls)
    if shape is None:
        found = fields(cls)
        required = frozenset(
            f.name
            for f in found
            if f.init and f.default is MISSING and f.default_factory is MISSING
        )
        shape = _SHAPES[cls] = (tuple(f.name for f in found), required)
    return shape


@dataclass(frozen=True)
class Record:
    registry: ClassVar[dict[str, type[Record]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "registry" in cls.__dict__:
            return
        for base in cls.__mro__[1:]:
            if "registry" in base.__dict__:
                base.registry[cls.__name__] = cls
                break

    def __post_init__(self) -> None:
        for name in _shape(type(self))[0]:
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, _freeze(value))

    def to_dict(self) -> dict[str, Any]:
        data = {k: _thaw(v) for k, v in asdict(self).items()}
        data["type"] = type(self).__name__
        return data

    @classmethod
    def load_kinds(cls) -> None:
        """Register the record types defined elsewhere (a family overrides this)."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        if not isinstance(data, dict):
            raise ValueError(f"a {cls.__name__.lower()} must be a table, not {data!r}")
        data = dict(data)
        kind = data.pop("type", None)
        target = cls.registry.get(kind) if isinstance(kind, str) else None
        if target is None and isinstance(kind, str):
            cls.load_kinds()
            target = cls.registry.get(kind)
        if target is None:
            raise ValueError(f"unknown {cls.__name__.lower()} type {kind!r}")
        names, required = _shape(target)
        unknown = data.keys() - names
        if unknown:
            raise ValueError(f"{kind} has no field(s) {', '.join(sorted(unknown))}")
        missing = required - data.keys()
        if missing:
            raise ValueError(f"{kind} lacks field(s) {', '.join(sorted(missing))}")
        return target(**data)  # __post_init__ freezes the lists
