"""The map editor's Triggers form: the list of triggers (ordered: they fire in file
order), and the chosen one's id, whether it fires once, its "when" conditions (all
must hold) and its "then" effects (in order); below them, the fields of the chosen
condition or effect, by kind, as the scenario format allows.

Part of `EditorScreen` (a mixin, through `FormsMixin`).
"""

from __future__ import annotations

import copy
from typing import Any

import pygame

from ..editor import script
from .editor_theme import DANGER
from .editor_windows import Form

ALERTNESS = ("unaware", "suspicious", "alert")
STATUSES = ("open", "done", "failed")
CONDITION_HELP = {
    "turn": "the turn number is at least N",
    "enters": "a unit of the side stands in the area",
    "destroyed": "that unit or object is dead or destroyed",
    "alarm": "the side has raised the alarm",
    "no_units": "the side has no living units",
    "held": "the side held the area, no enemy in it, N turns in a row",
    "attacked": "an enemy of the area's holder attacked in it",
}
EFFECT_HELP = {
    "message": "show a message to every side",
    "reinforce": "units arrive (type x y; type x y ...)",
    "controller": "hand a side to the computer (or back)",
    "alertness": "every unit of the side becomes that alert",
    "victory": "the side wins",
    "defeat": "the side loses",
    "reveal": "the side has seen the area",
    "objective": "mark an objective open, done or failed",
}


class TriggersFormMixin:
    def open_triggers_form(self, index: int | None = None) -> None:
        doc = self.session.doc
        ids = doc.trigger_ids()
        if index is not None and 0 <= index < len(ids):
            self.form_trigger = ids[index]
            self.form_step = None
        chosen = getattr(self, "form_trigger", None)
        if chosen not in ids:
            chosen = ids[0] if ids else None
            self.form_step = None
        self.form_trigger = chosen
        right = self.list_form(
            "triggers",
            "Triggers: when ... then ...",
            (800, 580),
            ids,
            chosen,
            self.pick_trigger,
            list_h=330,
            rows=[
                [("Add trigger", self.add_trigger)],
                [("Up", lambda: self.move_trigger(-1)), ("Down", lambda: self.move_trigger(1))],
                [("Delete", self.delete_trigger)],
                [("Close", lambda: self.close_form("triggers"))],
            ],
            label_w=70,
            list_w=160,
        )
        window, px = right.window, self.px
        trigger = doc.get("trigger", chosen) if chosen else None
        inner = right.width - px(20)
        if trigger is None:
            right.note(
                "No triggers yet. A trigger is <i>when</i> conditions (all must hold) "
                "and <i>then</i> effects, in order; it fires once unless told otherwise."
                " Add one on the left.",
                px(80),
            )
            return
        right.label_at("Id")
        r = right.field_rect()
        self.widgets.entry(
            "triggers",
            pygame.Rect(r.x, r.y, px(150), r.h),
            chosen,
            container=window,
            name="trigger_id",
        )
        self.widgets.checkbox(
            "triggers",
            pygame.Rect(r.x + px(160), r.y, r.h, r.h),
            "",
            trigger.get("once", True) is not False,
            self.set_trigger_once,
            window,
            "once",
        )
        self.widgets.label(
            "triggers",
            pygame.Rect(r.x + px(160) + r.h, r.y, px(110), r.h),
            "fires only once",
            container=window,
            object_id="#ed_label",
        )
        self.widgets.button(
            "triggers",
            pygame.Rect(r.right - px(80), r.y, px(80), r.h),
            "Rename",
            self.rename_trigger,
            container=window,
            object_id="#ed",
            name="Rename",
        )
        right.next()
        for part, title, kinds, helps in (
            ("when", "When (all of these hold)", script.CONDITION_KINDS, CONDITION_HELP),
            ("then", "Then (in order)", script.EFFECT_KINDS, EFFECT_HELP),
        ):
            right.label_at(title, w=inner)
            right.next(px(20))
            steps = trigger.get(part) if isinstance(trigger.get(part), list) else []
            items = [f"{n}. {script.describe_step(s)}" for n, s in enumerate(steps, start=1)]
            chosen_step = None
            if self.form_step and self.form_step[0] == part and self.form_step[1] < len(items):
                chosen_step = items[self.form_step[1]]
            self.widgets.selection(
                "triggers",
                pygame.Rect(right.x, right.y, inner, px(92)),
                items,
                lambda t, part=part: self.pick_step(part, t),
                container=window,
                chosen=chosen_step,
                name=f"{part}_list",
            )
            right.next(px(92))
            kind_w = px(150)
            self.widgets.dropdown(
                "triggers",
                pygame.Rect(right.x, right.y, kind_w, px(28)),
                list(kinds),
                kinds[0],
                None,
                container=window,
                name=f"{part}_kind",
            )
            bw = (inner - kind_w - px(12)) // 2
            self.widgets.button(
                "triggers",
                pygame.Rect(right.x + kind_w + px(6), right.y, bw, px(28)),
                "Add " + ("condition" if part == "when" else "effect"),
                lambda part=part: self.add_step(part),
                tip="Add a step of the kind on the left: "
                + "; ".join(f"{k}: {helps[k]}" for k in kinds),
                container=window,
                object_id="#ed",
                name=f"add_{part}",
            )
            self.widgets.button(
                "triggers",
                pygame.Rect(right.x + kind_w + bw + px(12), right.y, bw, px(28)),
                "Remove chosen",
                lambda part=part: self.remove_step(part),
                container=window,
                object_id="#ed",
                name=f"remove_{part}",
            )
            right.next()
        if self.form_step is not None:
            self.step_fields(right, trigger)

    def pick_trigger(self, text: str) -> None:
        self.form_trigger = text
        self.form_step = None
        self.open_triggers_form()

    def pick_step(self, part: str, text: str) -> None:
        try:
            n = int(text.split(".", 1)[0]) - 1
        except ValueError:
            return
        self.form_step = None if self.form_step == (part, n) else (part, n)
        self.open_triggers_form()

    def add_trigger(self) -> None:
        doc = self.session.doc
        trigger_id = doc.new_id("trigger", "trigger")
        when = [script.condition_template(doc, "turn")]
        then = [script.effect_template(doc, "message")]
        then[0]["message"] = "Something happens."
        if self.do(script.add_trigger(doc, when, then, trigger_id=trigger_id), "Trigger added"):
            self.form_trigger = trigger_id
            self.form_step = ("when", 0)
            self.open_triggers_form()

    def delete_trigger(self) -> None:
        ref = self.form_trigger
        if ref and self.do(script.remove_trigger(self.session.doc, ref), f"Trigger {ref} deleted"):
            self.form_trigger = None
            self.open_triggers_form()

    def move_trigger(self, step: int) -> None:
        doc = self.session.doc
        ref = self.form_trigger
        if ref is None:
            return
        index = doc.index_of("trigger", ref)
        if self.do(script.move_trigger(doc, ref, index + step)):
            self.open_triggers_form()

    def set_trigger_once(self, once: bool) -> None:
        ref = self.form_trigger
        if ref is not None:
            self.do(script.update_trigger(self.session.doc, ref, once=None if once else False))

    def rename_trigger(self) -> None:
        doc = self.session.doc
        ref = self.form_trigger
        new = self._form("triggers").get("trigger_id").strip()
        if not ref or not new or new == ref:
            return
        if new in doc.trigger_ids():
            self.say(f"The trigger id {new} is taken", DANGER)
            return
        if self.do(script.update_trigger(doc, ref, id=new), f"Trigger renamed {new}"):
            self.form_trigger = new
            self.open_triggers_form()

    def add_step(self, part: str) -> None:
        doc = self.session.doc
        ref = self.form_trigger
        if ref is None:
            return
        kind = self._form("triggers").get(f"{part}_kind")
        template = (
            script.condition_template(doc, kind)
            if part == "when"
            else script.effect_template(doc, kind)
        )
        if kind == "message":
            template = {"message": "Something happens."}
        if self.do(script.add_step(doc, ref, part, template)):
            steps = doc.get("trigger", ref).get(part, [])
            self.form_step = (part, len(steps) - 1)
            self.open_triggers_form()

    def remove_step(self, part: str) -> None:
        doc = self.session.doc
        ref = self.form_trigger
        if ref is None or not self.form_step or self.form_step[0] != part:
            self.say("Choose the step to remove in its list")
            return
        if self.do(script.remove_step(doc, ref, part, self.form_step[1])):
            self.form_step = None
            self.open_triggers_form()

    # --- one condition or effect --------------------------------------------------------------
    def step_fields(self, form: Form, trigger: dict[str, Any]) -> None:
        part, n = self.form_step
        steps = trigger.get(part) if isinstance(trigger.get(part), list) else []
        if n >= len(steps) or not isinstance(steps[n], dict) or len(steps[n]) != 1:
            return
        ((kind, arg),) = steps[n].items()
        px = self.px
        helps = CONDITION_HELP if part == "when" else EFFECT_HELP
        form.label_at(f"Step {n + 1}: {kind} ({helps.get(kind, '')})", w=form.width - px(20))
        form.next(px(20))
        self.step_kind = (kind, isinstance(arg, dict))
        fields = list(arg.items()) if isinstance(arg, dict) else [(kind, arg)]
        self.step_keys = []
        for key, value in fields:
            self.step_keys.append(key)
            self.step_field(form, kind, key, value)
        form.buttons([("Apply step", self.apply_step)], width=form.width - px(20))

    def step_field(self, form: Form, kind: str, key: str, value: Any) -> None:
        name = f"arg_{key}"
        choices = self.step_choices(kind, key)
        label = key
        if key == kind:  # a plain value: say what it is
            label = {"turn": "turn", "destroyed": "unit/object", "attacked": "area"}.get(
                kind, "text" if kind == "message" else "side"
            )
        if choices is not None:
            current = str(value) if value is not None else ""
            if current and current not in [c[1] for c in choices]:
                choices = [(f"{current} (unknown)", current), *choices]
            form.choice(label, choices, current, name)
        elif key == "units":
            text = "; ".join(
                f"{u.get('type', '?')} {u.get('at', [0, 0])[0]} {u.get('at', [0, 0])[1]}"
                + (f" {u['id']}" if u.get("id") else "")
                for u in (value if isinstance(value, list) else [])
                if isinstance(u, dict)
            )
            form.text("units", text, name, tip="TYPE X Y [ID]; ...  e.g. soldier 3 4; sentry 5 6")
        else:
            numbers = key in ("turn", "turns") or isinstance(value, int)
            form.text(label, value if value is not None else "", name, numbers=numbers)

    def step_choices(self, kind: str, key: str) -> list[tuple[str, str]] | None:
        doc = self.session.doc
        if key == "side" or (key == kind and kind in ("alarm", "no_units", "victory", "defeat")):
            return [(s, s) for s in doc.ids("side")]
        if key == "area" or (key == kind and kind == "attacked"):
            return [(a, a) for a in doc.ids("area")]
        if key == kind == "destroyed":
            return [(t, t) for t in sorted(doc.thing_ids())]
        if kind == "objective" and key == "id":
            return [(o, o) for o in doc.ids("objective")]
        if key == "status":
            return [(s, s) for s in STATUSES]
        if key == "to":
            return [("human", "human"), ("computer (ai)", "ai")]
        if key == "level":
            return [(a, a) for a in ALERTNESS]
        return None

    def apply_step(self) -> None:
        doc = self.session.doc
        ref = self.form_trigger
        if ref is None or self.form_step is None:
            return
        part, n = self.form_step
        kind, is_table = self.step_kind
        form = self._form("triggers")
        values: dict[str, Any] = {}
        trigger = doc.get("trigger", ref)
        old = trigger[part][n][kind]
        for key in self.step_keys:
            text = form.get(f"arg_{key}")
            if key == "units":
                try:
                    values[key] = parse_units(text)
                except ValueError as exc:
                    self.say(str(exc), DANGER)
                    return
            elif (
                key in ("turn", "turns")
                or (
                    isinstance(old, dict)
                    and isinstance(old.get(key), int)
                    and not isinstance(old.get(key), bool)
                )
                or (not is_table and isinstance(old, int) and not isinstance(old, bool))
            ):
                try:
                    values[key] = int(text)
                except ValueError:
                    self.say(f"{key}: a whole number, please", DANGER)
                    return
            else:
                values[key] = text
        arg = values if is_table else values[kind]
        if isinstance(old, dict) and is_table:
            arg = {**copy.deepcopy(old), **values}
        if self.do(script.set_step(doc, ref, part, n, {kind: arg}), "Step applied"):
            self.open_triggers_form()
        else:
            self.say("Nothing changed")


def parse_units(text: str) -> list[dict[str, Any]]:
    """`"soldier 3 4; sentry 5 6 s9"` -> reinforcement unit tables."""
    units = []
    for part in text.split(";"):
        words = part.split()
        if not words:
            continue
        if len(words) not in (3, 4) or not all(w.lstrip("-").isdigit() for w in words[1:3]):
            raise ValueError(f"'{part.strip()}': write TYPE X Y (and maybe an id)")
        unit: dict[str, Any] = {"type": words[0], "at": [int(words[1]), int(words[2])]}
        if len(words) == 4:
            unit["id"] = words[3]
        units.append(unit)
    return units
