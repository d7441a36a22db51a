"""The map editor's Story form: the story's own numbers (`[story]`), which the after-action
report sets beside the battle's: its text, how many turns its battle lasted, and what
each side lost, as a count (`17`) or counts by kind (`infantry=15, mechs=2`). A field
left as it was is not touched, so whatever the form cannot show (a loss entry of an odd
shape, keys it does not know) survives an Apply. Opened from the Map form.

Part of `EditorScreen` (a mixin, through `FormsMixin`).
"""

from __future__ import annotations

from typing import Any

from ..editor import script
from .editor_panel import parse_counts, show_counts
from .editor_theme import DANGER
from .editor_windows import Form

LOSS_TIP = "A count (17), or counts by kind: infantry=15, mechs=2, vehicles=0 (empty: not said)"


def show_loss(value: Any) -> str:
    """A loss entry as its field shows it."""
    if isinstance(value, dict):
        return show_counts(value)
    return "" if value is None else str(value)


def parse_loss(text: str) -> int | dict[str, int] | None:
    """What a loss field says: None (empty), a count, or counts by kind; ValueError if none."""
    text = text.strip()
    if not text:
        return None
    if text.lstrip("-").isdigit():
        return int(text)
    return parse_counts(text)


class StoryFormMixin:
    def loss_rows(self) -> list[str]:
        """Whose losses the form shows: every side, then other names the story counts
        (a faction, a side since removed)."""
        doc = self.session.doc
        losses = doc.story.get("losses")
        extra = [k for k in losses if k not in doc.ids("side")] if isinstance(losses, dict) else []
        return doc.ids("side") + extra

    def open_story_form(self) -> None:
        doc = self.session.doc
        story, px = doc.story, self.px
        fresh = not self.widgets.has("story")
        window, width = self.form_window("story", "The story's numbers", 600, 560)
        under = self.widgets.windows.get("map")
        if fresh and under is not None and under.alive():  # step aside from the Map form
            window.set_position((under.rect.x + px(40), under.rect.y + px(40)))
        form = Form(self, "story", window, width)
        form.note(
            "What happened in the story, set beside the battle's own numbers in the "
            "after-action report. Empty fields are left out of the file.",
            px(72),
        )
        rows = self.loss_rows()
        text = story.get("text", "")
        text_h = px(120 if len(rows) <= 5 else 76)  # many sides: room for their rows
        form.area("Text", text if isinstance(text, str) else "", "text", text_h)
        form.text(
            "Turns",
            story.get("turns"),
            "turns",
            numbers=True,
            tip="How many turns the story's battle lasted",
        )
        self.widgets.label(
            "story",
            form.rect(form.x, width - px(20), px(22)),
            "Losses in the story",
            container=window,
            object_id="#ed_head",
        )
        form.next(px(22))
        losses = story.get("losses") if isinstance(story.get("losses"), dict) else {}
        self.story_shown = {}
        for who in rows:
            shown = show_loss(losses.get(who))
            self.story_shown[who] = shown
            form.text(who, shown, f"loss:{who}", tip=LOSS_TIP)
        form.buttons([("Apply", self.apply_story), ("Close", lambda: self.close_form("story"))])

    def apply_story(self) -> None:
        doc = self.session.doc
        form = self._form("story")
        story = doc.story
        changes: dict[str, Any] = {}
        text = form.get("text").strip()
        old_text = story.get("text", "")
        if text != (old_text.strip() if isinstance(old_text, str) else ""):
            changes["text"] = text or None
        turns = form.get("turns").strip()
        try:
            value = int(turns) if turns else None
        except ValueError:
            self.say("Turns: a whole number (or nothing)", DANGER)
            return
        if value != story.get("turns"):
            changes["turns"] = value
        lost: dict[str, Any] = {}
        for who, shown in getattr(self, "story_shown", {}).items():
            typed = form.get(f"loss:{who}")
            if typed.strip() == shown.strip():
                continue  # untouched: kept exactly as the file has it
            try:
                lost[who] = parse_loss(typed)
            except ValueError as exc:
                self.say(f"Losses of {who}: {exc}", DANGER)
                return
        if lost:
            changes["losses"] = script.merged_losses(doc, lost)
        edit = script.set_story(doc, **changes) if changes else None
        if edit is None:
            self.say("Nothing changed")
            return
        if self.do(edit, "Story changed"):
            self.open_story_form()
