"""The after-action report: the result, each side's casualties, shots, hits, eye-shot
kills and takedowns, the alarm turn, a chart of each side's strength per turn, and
for the story's battles the story's own numbers beside the player's."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pygame_gui.elements import UIImage

from ..match.report import AfterAction, SideRecord, after_action
from .menu_screen import MenuScreen, markup
from .pictures import font, hex_colour, strength_chart

if TYPE_CHECKING:
    from ..match.match import Match
    from ..scenario.files import Scenario


def verdict(report: AfterAction, human_sides: list[str], names: dict[str, str]) -> tuple[str, str]:
    """(headline, theme id) from the players' point of view."""
    if not report.winner:
        return "No decision", "#result_none"
    if not human_sides:  # the computer against itself
        return f"{names.get(report.winner, report.winner)} won", "#result_win"
    if report.winner in human_sides:
        return "Victory", "#result_win"
    return "Defeat", "#result_loss"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "\u2013"


ROWS = (
    ("Lost / fielded", lambda r: f"{r.lost} / {r.fielded}"),
    ("Shots fired", lambda r: str(r.shots)),
    ("Hits / rounds", lambda r: f"{r.hits} / {r.rounds}"),
    ("Accuracy", lambda r: percent(r.hits, r.rounds)),
    ("Eye-shot kills", lambda r: str(r.eye_kills)),
    ("Silent takedowns", lambda r: str(r.takedowns)),
)


def rows_for(report: AfterAction) -> list[tuple[str, Callable[[SideRecord], str]]]:
    """The table's rows: the story's losses after the player's, and a row per kind of
    machine lost (the story counts mechs apart from infantry)."""
    rows = list(ROWS)
    losses = report.story.get("losses", {})
    if losses:
        rows.insert(1, ("Lost in the story", lambda r: str(losses.get(r.side, "\u2013"))))
    kinds = sorted({k for r in report.sides.values() for k in r.lost_by_kind if k != "infantry"})
    for n, kind in enumerate(kinds, start=2 if losses else 1):
        rows.insert(
            n, (f"{kind.capitalize()} lost", lambda r, k=kind: str(r.lost_by_kind.get(k, 0)))
        )
    return rows


def fitted(text: str, width: int, size: int) -> str:
    """`text`, cut short with an ellipsis if it is wider than `width` at this bold size."""
    face = font(size, bold=True)
    if face.size(text)[0] <= width:
        return text
    while text and face.size(text + "\u2026")[0] > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


class AfterActionScreen(MenuScreen):
    def __init__(self, app, match: Match, scenario: Scenario) -> None:
        super().__init__(app)
        self.match = match
        self.scenario = scenario
        self.report = after_action(match.state, match.history, scenario.story)
        self.humans = [s.id for s in match.state.sides if s.controller == "human"]

    def build(self) -> None:
        app, px, report = self.app, self.app.px, self.report
        w, h = app.size
        m = px(40)
        names = {sid: rec.name for sid, rec in report.sides.items()}
        headline, oid = verdict(report, self.humans, names)
        self.headline = self.label(self.rect(m, px(12), w - 2 * m, px(64)), headline, oid)
        alarm = (
            f"alarm raised on turn {report.alarm_turn}" if report.alarm_turn else "no alarm raised"
        )
        won = f"{names.get(report.winner, report.winner)} won" if report.winner else "nobody won"
        you = ", ".join(names[s] for s in self.humans if s in names)
        turns = f"{won} after {report.turns} turns"
        parts = [self.scenario.title, f"you commanded {you}" if you else "", turns, alarm]
        line = "  \u00b7  ".join(p for p in parts if p)
        self.label(self.rect(m, px(74), w - 2 * m, px(30)), line, "#subtitle")
        self.build_table(m, px(116), w - 2 * m)
        story = report.story
        top = self.table_bottom + px(14)
        bottom = h - px(96)
        chart_w = (w - 2 * m) if not story.get("text") else int((w - 2 * m) * 0.6)
        series = [
            (rec.name, hex_colour(self.scenario.colours.get(sid, "#cccccc")), rec.strength)
            for sid, rec in report.sides.items()
        ]
        self.chart_surface = strength_chart(series, (chart_w, bottom - top), app.settings.ui_scale)
        self.chart = self.add(
            UIImage(
                self.rect(m, top, chart_w, bottom - top), self.chart_surface, manager=self.manager
            )
        )
        if story.get("text"):
            x = m + chart_w + px(16)
            self.text_box(self.rect(x, top, w - m - x, bottom - top), self.story_text())
        by = h - px(76)
        self.button(self.rect(m, by, px(200), px(48)), "Main menu", self.back)
        self.button(
            self.rect(w - m - px(220), by, px(220), px(48)), "Play again", self.again, "#primary"
        )

    def build_table(self, x: int, y: int, width: int) -> None:
        """A grid of labels: a row per figure, a column per side (the story's losses as a row)."""
        px, report = self.app.px, self.report
        sides = list(report.sides.values())
        head_w = px(200)
        col_w = min(px(280), (width - head_w) // max(len(sides), 1))
        rh = px(28)
        self.cells: dict[tuple[str, str], object] = {}
        small = len(sides) > 3  # many sides: smaller headers (the player's stays large)
        for n, rec in enumerate(sides):
            you = rec.side in self.humans
            oid = "#cell_you" if you else "#cell_head_small" if small else "#cell_head"
            text = fitted(rec.name, col_w - px(8), px(14 if small and not you else 17))
            self.label(self.rect(x + head_w + n * col_w, y, col_w, rh), text, oid)
        rows = rows_for(report)
        for i, (title, value) in enumerate(rows, start=1):
            ry = y + i * rh
            self.label(self.rect(x, ry, head_w, rh), title, "#row_head")
            for n, rec in enumerate(sides):
                cell = self.label(
                    self.rect(x + head_w + n * col_w, ry, col_w, rh), value(rec), "#cell"
                )
                self.cells[(title, rec.side)] = cell
        self.table_bottom = y + (len(rows) + 1) * rh

    def story_text(self) -> str:
        story = self.report.story
        lines = ["<b>In the story</b>", markup(story["text"])]
        losses = story.get("losses", {})
        for sid, rec in self.report.sides.items():
            if sid in losses:
                lines.append(f"{markup(rec.name)}: {losses[sid]} lost then, {rec.lost} now.")
        return "<br>".join(lines)

    def again(self) -> None:
        self.app.open_briefing(self.scenario)
