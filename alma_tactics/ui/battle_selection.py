"""The battle screen's selection and its action bar's buttons.

`SelectionMixin` selects units (click, Tab), cycles targets (T), presses the action
bar's entries (built by `battle_bar`) by button or hotkey, and keeps the bar's
pygame_gui buttons in step with the entries: laid out in rows, with short labels or
pages behind a "More" button when they do not fit, and undo/end turn enabled only
when they may be used.
"""

from __future__ import annotations

import contextlib

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton

from . import battle_bar, battle_panels
from .battle_input import key_label
from .battle_panels import DIM


class SelectionMixin:
    """Selection, targets and the action bar's buttons of `BattleScreen` (methods only)."""

    def _select(self, unit_id: str | None, centre: bool = False) -> None:
        if unit_id != self.selected:
            self.bar_page = 0
        self.selected = unit_id
        self.armed = None
        if unit_id and centre:
            self._centre_on(self.state.units[unit_id].pos)

    def _cycle_unit(self, step: int = 1) -> None:
        units = [
            u
            for u in sorted(self.state.units.values(), key=lambda u: u.id)
            if u.side == self.viewer and u.alive
        ]
        if not units:
            return
        with_ap = [u for u in units if u.ap > 0] or units
        ids = [u.id for u in with_ap]
        if self.selected in ids:
            nxt = ids[(ids.index(self.selected) + step) % len(ids)]
        else:
            nxt = ids[0] if step > 0 else ids[-1]
        self._select(nxt, centre=True)

    def entries(self) -> list[battle_bar.Entry]:
        unit = self._selected_unit()
        if unit is None or not self.my_turn():
            return []
        return self._cached(
            "entries",
            (unit.id,),
            lambda: battle_bar.build_entries(
                self.state, unit, self.viewer, self.keys.bar_letters(), self.keys.reserved()
            ),
        )

    def _entry_by_key(self, key_name: str) -> battle_bar.Entry | None:
        return next((e for e in self.entries() if e.key == key_name), None)

    def _press_entry(self, entry: battle_bar.Entry) -> None:
        if not self.my_turn():
            return
        if entry.group == "move":
            self.armed = None
            return
        if entry.target == "none":
            self._commit(entry.actions[0])
            return
        if entry.target == "unit":
            if self.armed is entry and self.target in entry.targets:
                self._commit(entry.targets[self.target])
                return
            self.armed = entry
            if self.target not in entry.targets:
                self.target = self._nearest_target(entry)
            return
        if self.armed is entry and self.hover is not None:
            action = entry.action_for(self.state, self.viewer, self.hover)
            if action is not None:
                self._commit(action)
                return
        self.armed = entry

    def _nearest_target(self, entry: battle_bar.Entry) -> str | None:
        unit = self._selected_unit()
        ids = [t for t in entry.targets if t in self.state.units]
        if unit is None or not ids:
            return None
        return min(
            ids,
            key=lambda t: (
                max(abs(self.state.units[t].x - unit.x), abs(self.state.units[t].y - unit.y)),
                t,
            ),
        )

    def _cycle_target(self) -> None:
        entry = self.armed if self.armed and self.armed.target == "unit" else None
        if entry is not None:
            ids = sorted(t for t in entry.targets if t in self.state.units)
        else:
            ids = sorted(self.state.knowledge[self.viewer].spotted)
        if not ids:
            self._say("No enemy in sight.", DIM)
            return
        nxt = ids[(ids.index(self.target) + 1) % len(ids)] if self.target in ids else ids[0]
        self.target = nxt
        self._centre_on(self.state.units[nxt].pos, only_if_off=True)

    def _sync_bar(self) -> None:
        """Rebuild the bar's buttons when the entries change."""
        entries = self.entries() if self.modal is None and self.curtain is None else []
        unit = self._selected_unit()
        signature = (
            tuple((e.key, e.label, e.ap) for e in entries),
            self.armed.label if self.armed else None,
            unit.id if unit else None,
            self._key(),
            self.size,
            self.bar_page,
        )
        if signature == self.bar_signature:
            self.undo_button_state()
            return
        self.bar_signature = signature
        for button in self.bar_buttons:
            button.kill()
        self.bar_buttons = {}
        if self.more_button is not None:
            self.more_button.kill()
            self.more_button = None
        for place, label, entry in self._bar_layout(entries):
            if entry is None:  # the rest did not fit: a button to page through them
                self.more_button = UIButton(
                    place,
                    label,
                    manager=self.manager,
                    tool_tip_text="More actions (every hotkey works on any page).",
                    object_id=ObjectID(object_id="#battle_bar_button"),
                )
                continue
            button = UIButton(
                place,
                label,
                manager=self.manager,
                tool_tip_text=self._entry_tooltip(entry),
                object_id=ObjectID(object_id="#battle_bar_button"),
            )
            if self.armed is not None and entry.label == self.armed.label:
                button.select()
            self.bar_buttons[button] = entry
        self.undo_button_state()

    def _bar_layout(self, entries: list) -> list[tuple[pygame.Rect, str, object]]:
        """Where each entry's button goes: full labels if they fit in the bar's rows, else
        short ones (the AP is in the tooltip), else pages with a "More" button."""
        bar = self.layout()["bar"]
        px = self.px
        x0, y0, right = bar.x + px(10), bar.y + px(8), bar.right - px(160)
        row_h, gap = px(34), px(6)
        rows = max(1, (bar.bottom - y0 + px(6)) // (row_h + px(6)))
        measure = battle_panels.font(self._bar_font_size())

        def label(entry, full: bool) -> str:
            ap = f" · {entry.ap} AP" if entry.ap and full else ""
            return f"[{key_label(entry.key)}] {entry.label}{ap}" if entry.key else entry.label

        def flow(items: list[str], reserve: int = 0) -> list[pygame.Rect]:
            places, x, row = [], x0, 0
            for text in items:
                width = max(px(64), measure.size(text)[0] + px(22))
                limit = right - (reserve if row == rows - 1 else 0)
                if x + width > limit and x > x0:
                    x, row = x0, row + 1
                if row >= rows:
                    break
                places.append(pygame.Rect(x, y0 + row * (row_h + px(6)), width, row_h))
                x += width + gap
            return places

        for full in (True, False):
            labels = [label(e, full) for e in entries]
            places = flow(labels)
            if len(places) == len(entries):
                return list(zip(places, labels, entries, strict=True))
        # pages: what fits beside a "More" button, the page chosen by `bar_page`
        more_w = max(px(64), measure.size("More ›")[0] + px(22))
        labels = [label(e, False) for e in entries]
        pages: list[list[int]] = []
        start = 0
        while start < len(entries):
            fit = len(flow(labels[start:], reserve=more_w + gap)) or 1
            pages.append(list(range(start, start + fit)))
            start += fit
        page = pages[self.bar_page % len(pages)]
        places = flow([labels[i] for i in page], reserve=more_w + gap)
        out = [(places[k], labels[i], entries[i]) for k, i in enumerate(page)]
        last = places[-1]
        more = pygame.Rect(last.right + gap, last.y, more_w, row_h)
        if more.right > right:
            more = pygame.Rect(x0, last.bottom + px(6), more_w, row_h)
        n = self.bar_page % len(pages) + 1
        out.append((more, f"More › {n}/{len(pages)}", None))
        return out

    def _bar_font_size(self) -> int:
        return max(9, round(14 * float(getattr(self.settings, "ui_scale", 1.0))))

    def _theme_bar(self) -> None:
        """A smaller font for the action bar's many buttons (added to the app's theme)."""
        scale = float(getattr(self.settings, "ui_scale", 1.0))
        theme = {
            "#battle_bar_button": {
                "prototype": "#alma_shape",
                "font": {"name": "noto_sans", "size": str(self._bar_font_size())},
                "misc": {"text_horiz_alignment_padding": "8"},
            },
            "#battle_dialog_title": {
                "font": {"name": "noto_sans", "size": str(round(20 * scale)), "bold": "1"},
                "colours": {"normal_text": "#4fd6f0", "dark_bg": "#00000000"},
                "misc": {"text_horiz_alignment": "center"},
            },
        }
        # a theme without the prototype: plain buttons, not a crash
        with contextlib.suppress(Exception):
            self.manager.get_theme().load_theme(theme)

    def undo_button_state(self) -> None:
        can_undo = self.my_turn() and self.match.can_undo()
        if can_undo and not self.undo_button.is_enabled:
            self.undo_button.enable()
        elif not can_undo and self.undo_button.is_enabled:
            self.undo_button.disable()
        mine = self.my_turn()
        if mine and not self.end_button.is_enabled:
            self.end_button.enable()
        elif not mine and self.end_button.is_enabled:
            self.end_button.disable()
