"""Edits of the scenario's script: named areas, objectives, triggers (condition ->
effects), the title, description and briefing, and the story's numbers.

Triggers are edited in forms: `CONDITION_KINDS` and `EFFECT_KINDS` list what a
form offers, `condition_template` / `effect_template` give a new step filled
with the document's first side, area and objective, and `describe_step` the one
line a list shows.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from ..scenario.checks import CONDITIONS, EFFECTS
from .document import TOP_LEVEL, MapDocument
from .edits import MISSING, Edit, InsertItem, MoveItem, RemoveItem, SetValue, batch, set_key
from .sides import normal_rect
from .things import ordered, plain, remove_tables, update

AREA_ORDER = ("id", "name", "rect")
OBJECTIVE_ORDER = ("id", "text", "kind", "side")
TRIGGER_ORDER = ("id", "once", "when", "then")
SCENARIO_ORDER = ("title", "author", "description", "briefing", "version", "ambient")
STORY_ORDER = ("losses", "text", "turns")
CONDITION_KINDS = CONDITIONS
EFFECT_KINDS = EFFECTS
AMBIENTS = ("day", "dusk", "night")


# --- areas ------------------------------------------------------------------------------------


def add_area(
    doc: MapDocument, rect: Sequence[int], *, area_id: str | None = None, name: str | None = None
) -> Edit:
    area_id = area_id or doc.new_id("area", "area")
    table = ordered({"id": area_id, "name": name, "rect": normal_rect(*rect)}, AREA_ORDER)
    return InsertItem(("area",), None, table, f"Add area {area_id}")


def update_area(doc: MapDocument, ref: str | int, **changes: Any) -> Edit | None:
    """Change an area's name or rect; a new `id` renames it in every trigger."""
    if "rect" in changes and changes["rect"] is not None:
        changes["rect"] = normal_rect(*changes["rect"])
    label = f"Change area {doc.ids('area')[doc.index_of('area', ref)]}"
    return update(doc, "area", ref, changes, AREA_ORDER, label, "area")


def remove_area(doc: MapDocument, ref: str | int) -> Edit | None:
    """Remove an area (triggers naming it are left for the problem list)."""
    return remove_tables(doc, "area", [ref], f"Delete area {ref}")


# --- objectives -------------------------------------------------------------------------------


def add_objective(
    doc: MapDocument,
    text: str,
    side: str,
    *,
    kind: str | None = None,
    objective_id: str | None = None,
) -> Edit:
    """An objective (`kind` primary or secondary; default primary)."""
    objective_id = objective_id or doc.new_id("objective", "objective")
    table = {"id": objective_id, "text": text, "kind": kind, "side": side}
    return InsertItem(("objective",), None, ordered(table, OBJECTIVE_ORDER), "Add objective")


def update_objective(doc: MapDocument, ref: str | int, **changes: Any) -> Edit | None:
    label = f"Change objective {doc.ids('objective')[doc.index_of('objective', ref)]}"
    return update(doc, "objective", ref, changes, OBJECTIVE_ORDER, label, "objective")


def remove_objective(doc: MapDocument, ref: str | int) -> Edit | None:
    return remove_tables(doc, "objective", [ref], f"Delete objective {ref}")


# --- triggers ---------------------------------------------------------------------------------


def add_trigger(
    doc: MapDocument,
    when: Sequence[Mapping[str, Any]],
    then: Sequence[Mapping[str, Any]],
    *,
    trigger_id: str | None = None,
    once: bool | None = None,
) -> Edit:
    """A trigger: when every condition holds, the effects happen (once, by default)."""
    trigger_id = trigger_id or doc.new_id("trigger", "trigger")
    table = {"id": trigger_id, "once": once, "when": list(when), "then": list(then)}
    return InsertItem(("trigger",), None, ordered(table, TRIGGER_ORDER), "Add trigger")


def trigger_label(doc: MapDocument, ref: str | int) -> str:
    return doc.trigger_ids()[doc.index_of("trigger", ref)]


def update_trigger(doc: MapDocument, ref: str | int, **changes: Any) -> Edit | None:
    """Change `id`, `once`, or the whole `when` / `then` lists."""
    label = f"Change trigger {trigger_label(doc, ref)}"
    return update(doc, "trigger", ref, changes, TRIGGER_ORDER, label)


def remove_trigger(doc: MapDocument, ref: str | int) -> Edit | None:
    index = doc.index_of("trigger", ref)
    return RemoveItem(("trigger",), index, f"Delete trigger {trigger_label(doc, ref)}")


def move_trigger(doc: MapDocument, ref: str | int, to: int) -> Edit | None:
    """Move a trigger to position `to` (triggers fire in file order)."""
    index = doc.index_of("trigger", ref)
    to = max(0, min(to, len(doc.triggers) - 1))
    if to == index:
        return None
    return MoveItem(("trigger",), index, to, f"Move trigger {trigger_label(doc, ref)}")


def _steps(doc: MapDocument, ref: str | int, part: str) -> tuple[int, list[Any] | None]:
    index = doc.index_of("trigger", ref)
    steps = doc.triggers[index].get(part)
    return index, steps if isinstance(steps, list) else None


def add_step(
    doc: MapDocument, ref: str | int, part: str, step: Mapping[str, Any], at: int | None = None
) -> Edit:
    """Add a condition (`part="when"`) or an effect (`part="then"`) to a trigger."""
    index, steps = _steps(doc, ref, part)
    label = f"Change trigger {trigger_label(doc, ref)}"
    if steps is None:
        return SetValue(("trigger", index, part), [plain(step)], None, label)
    return InsertItem(("trigger", index, part), at, plain(step), label)


def set_step(
    doc: MapDocument, ref: str | int, part: str, at: int, step: Mapping[str, Any]
) -> Edit | None:
    index, steps = _steps(doc, ref, part)
    if steps is None or steps[at] == plain(step):
        return None
    label = f"Change trigger {trigger_label(doc, ref)}"
    return SetValue(("trigger", index, part, at), plain(step), None, label)


def remove_step(doc: MapDocument, ref: str | int, part: str, at: int) -> Edit:
    index, _ = _steps(doc, ref, part)
    label = f"Change trigger {trigger_label(doc, ref)}"
    return RemoveItem(("trigger", index, part), at, label)


def add_condition(doc: MapDocument, ref: str | int, condition: Mapping[str, Any]) -> Edit:
    return add_step(doc, ref, "when", condition)


def add_effect(doc: MapDocument, ref: str | int, effect: Mapping[str, Any]) -> Edit:
    return add_step(doc, ref, "then", effect)


def condition_template(doc: MapDocument, kind: str) -> dict[str, Any]:
    """A new condition of `kind` for a form, filled with the document's first ids."""
    side, area, thing = _first(doc, "side"), _first(doc, "area"), _first(doc, "unit")
    args: dict[str, Any] = {
        "turn": 1,
        "enters": {"side": side, "area": area},
        "destroyed": thing,
        "alarm": side,
        "no_units": side,
        "held": {"side": side, "area": area, "turns": 1},
        "attacked": area,
    }
    if kind not in args:
        raise ValueError(f"unknown condition {kind!r} (one of {', '.join(CONDITION_KINDS)})")
    return {kind: copy.deepcopy(args[kind])}


def effect_template(doc: MapDocument, kind: str) -> dict[str, Any]:
    """A new effect of `kind` for a form, filled with the document's first ids."""
    side, area, goal = _first(doc, "side"), _first(doc, "area"), _first(doc, "objective")
    args: dict[str, Any] = {
        "message": "",
        "reinforce": {"side": side, "units": [{"type": "soldier", "at": [0, 0]}]},
        "controller": {"side": side, "to": "ai"},
        "alertness": {"side": side, "level": "alert"},
        "victory": side,
        "defeat": side,
        "reveal": {"side": side, "area": area},
        "objective": {"id": goal, "status": "done"},
    }
    if kind not in args:
        raise ValueError(f"unknown effect {kind!r} (one of {', '.join(EFFECT_KINDS)})")
    return {kind: copy.deepcopy(args[kind])}


def _first(doc: MapDocument, section: str) -> str:
    ids = doc.ids(section)
    return ids[0] if ids else ""


def describe_step(step: Any) -> str:
    """One line for a list of conditions or effects: `enters: alliance -> compound`."""
    if not isinstance(step, dict) or len(step) != 1:
        return repr(step)
    ((kind, arg),) = step.items()
    if isinstance(arg, dict):
        parts = []
        for key, value in arg.items():
            if key == "units" and isinstance(value, list):
                value = f"{len(value)} unit" + ("" if len(value) == 1 else "s")
            parts.append(f"{key} {value}")
        return f"{kind}: " + ", ".join(parts)
    return f"{kind}: {arg}"


# --- the scenario's words ---------------------------------------------------------------------


def set_meta(doc: MapDocument, **changes: Any) -> Edit | None:
    """Change `[scenario]` keys: title, author, description, briefing, version, ambient."""
    label = "Scenario " + ", ".join(changes) if changes else "Scenario"
    if not isinstance(doc.data.get("scenario"), dict):
        table = ordered(changes, SCENARIO_ORDER)
        return set_key(doc, (), "scenario", table, TOP_LEVEL, label)
    edits = [
        set_key(doc, ("scenario",), k, plain(v), SCENARIO_ORDER, label) for k, v in changes.items()
    ]
    return batch(edits, label)


def set_briefing(doc: MapDocument, text: str) -> Edit | None:
    return set_meta(doc, briefing=text)


def set_description(doc: MapDocument, text: str) -> Edit | None:
    return set_meta(doc, description=text)


def set_story(doc: MapDocument, **changes: Any) -> Edit | None:
    """Change `[story]`: losses (side or faction -> count, or counts by kind), text,
    turns. None deletes a key; an empty story is removed."""
    label = "Story"
    story = doc.data.get("story")
    current = dict(story) if isinstance(story, dict) else {}
    new = {**current, **{k: plain(v) for k, v in changes.items()}}
    new = {k: v for k, v in new.items() if v is not None}
    if not isinstance(story, dict) or not new:
        value = ordered(new, STORY_ORDER) if new else MISSING
        return set_key(doc, (), "story", value, TOP_LEVEL, label)
    edits = [set_key(doc, ("story",), k, plain(v), STORY_ORDER, label) for k, v in changes.items()]
    return batch(edits, label)


def merged_losses(doc: MapDocument, changes: Mapping[str, Any]) -> dict[str, Any] | None:
    """The story's `losses` with `changes` (side id or faction -> a count, counts by kind,
    or None to drop it) laid over it: the other entries are kept as they are, in their
    place, new ones go last. None when nothing is left (for `set_story(losses=...)`)."""
    losses = doc.story.get("losses")
    new = dict(losses) if isinstance(losses, dict) else {}
    for who, lost in changes.items():
        if lost is None:
            new.pop(who, None)
        else:
            new[who] = plain(lost)
    return new or None


def set_losses(doc: MapDocument, changes: Mapping[str, Any]) -> Edit | None:
    """Change some entries of the story's losses (`{"alliance": 2, "calendrea": {"infantry":
    9}}`, None drops one), keeping every other entry, by-kind counts included."""
    return set_story(doc, losses=merged_losses(doc, changes))
