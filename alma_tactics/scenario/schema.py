"""The scenario format's vocabulary: which keys each table takes, and the words it allows.

Kept apart from the checks that read them so that docs/scenario-format.md has
one place to be compared with, and the editor can offer the same choices.
A `Spec` maps each key to (kind, required); `Checker.value` reads the kinds.
"""

from __future__ import annotations

import re

FORMAT_VERSION = 1  # the newest `[scenario] version` this code reads
AMBIENTS = ("day", "dusk", "night")
CONTROLLERS = ("human", "ai")
DIFFICULTIES = ("easy", "normal", "hard")
OBJECT_KINDS = ("spotlight", "generator", "charge", "crate", "marker")
OBJECTIVE_KINDS = ("primary", "secondary")
OBJECTIVE_STATUSES = ("open", "done", "failed")
BLOCKING_OBJECTS = ("generator", "crate")  # units cannot stand on these
MAX_MAP_SIDE = 1024
MAX_MAP_PROBLEMS = 50  # per map: a badly broken map says so without a flood
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

TOP_LEVEL = (
    "scenario",
    "map",
    "side",
    "squad",
    "unit",
    "object",
    "area",
    "objective",
    "trigger",
    "story",
)

Spec = dict[str, tuple[str, bool]]
SCENARIO_KEYS: Spec = {
    "title": ("str", True),
    "author": ("text", False),
    "description": ("text", True),
    "briefing": ("text", False),
    "version": ("int", True),
    "ambient": ("str", False),
}
MAP_KEYS: Spec = {
    "width": ("int", True),
    "height": ("int", True),
    "rows": ("text", True),
    "legend": ("table", False),
}
SIDE_KEYS: Spec = {
    "id": ("str", True),
    "name": ("str", False),
    "faction": ("str", True),
    "controller": ("str", False),
    "difficulty": ("str", False),
    "colour": ("str", False),
    "alertness": ("str", False),
    "alarm": ("bool", False),
    "team": ("str", False),
    "deploy": ("rects", False),
    "ai": ("table", False),
}
# `[[side]] ai = { ... }`: hints for the computer player (see ai/commander.py)
SIDE_AI_KEYS: Spec = {
    "base": ("str", False),
    "defend": ("list", False),
    "keep": ("int", False),
    "attack": ("str", False),
    "wait_turns": ("int", False),
}
SQUAD_KEYS: Spec = {"id": ("str", True), "side": ("str", True), "name": ("str", False)}
UNIT_KEYS: Spec = {
    "id": ("str", False),
    "type": ("str", True),
    "side": ("str", True),
    "at": ("pos", False),  # required unless the unit starts in a transport
    "facing": ("int", False),
    "name": ("str", False),
    "squad": ("str", False),
    "alertness": ("str", False),
    "patrol": ("positions", False),
    "ammo": ("counts", False),
    "inventory": ("counts", False),
    "carried_by": ("str", False),
}
OBJECT_COMMON: Spec = {
    "id": ("str", False),
    "kind": ("str", True),
    "at": ("pos", True),
    "side": ("str", False),
    "hp": ("int", False),
    "on": ("bool", False),
    "label": ("text", False),
}
OBJECT_KEYS: dict[str, Spec] = {
    "spotlight": {
        "radius": ("int", False),
        "direction": ("number", False),
        "cone": ("number", False),
        "elevation": ("int", False),
        "generator": ("str", False),
        "self_powered": ("bool", False),
    },
    "generator": {},
    "charge": {},
    "crate": {"contents": ("counts", False)},
    "marker": {},
}
AREA_KEYS: Spec = {"id": ("str", True), "name": ("str", False), "rect": ("rect", True)}
OBJECTIVE_KEYS: Spec = {
    "id": ("str", True),
    "text": ("str", True),
    "kind": ("str", False),
    "side": ("str", True),
}
TRIGGER_KEYS: Spec = {
    "id": ("str", False),
    "once": ("bool", False),
    "when": ("list", True),
    "then": ("list", True),
}
STORY_KEYS: Spec = {"losses": ("table", False), "text": ("text", False), "turns": ("int", False)}
LOSS_KINDS = ("infantry", "mechs", "vehicles")

CONDITIONS = ("turn", "enters", "destroyed", "alarm", "no_units", "held", "attacked")
EFFECTS = (
    "message",
    "reinforce",
    "controller",
    "alertness",
    "victory",
    "defeat",
    "reveal",
    "objective",
)
REINFORCEMENT_KEYS: Spec = {"type": ("str", True), "at": ("pos", True), "id": ("str", False)}
