"""The menu screens: main menu, scenario list, briefing, and a stub screen for what is
not built yet. Load game is in `load_game` (its "Watch replay" button in
`replay_viewer`), hot-seat's setup in `hotseat`, the settings screen in
`settings_screen` and the after-action report in `after_action`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UIImage, UISelectionList, UITextEntryLine

from .. import __version__
from ..scenario import ScenarioError, builtin_scenarios, load_scenario
from ..scenario.files import Scenario
from .load_game import LoadGameScreen
from .menu_screen import MenuScreen, battle_missing, markup
from .pictures import hex_colour, thumbnail
from .settings_screen import SettingsScreen

STORY_FIRST = ("outpost-raid", "four-target-assault")  # the story's battles lead the list


def load_screen(app, error: str = "") -> LoadGameScreen:
    """The Load game screen, with its "Watch replay" button."""
    from .replay_viewer import LoadOrWatchScreen

    return LoadOrWatchScreen(app, error=error)


class MainMenu(MenuScreen):
    def build(self) -> None:
        app, px = self.app, self.app.px
        w, h = app.size
        title = self.label(self.rect(0, 0, -1, px(64)), "ALMA TACTICS", "#title")
        title.set_relative_position(((w - title.rect.width) // 2, int(h * 0.12)))
        sub = self.label(self.rect(0, 0, -1, px(30)), "The Calendrea have returned.", "#subtitle")
        sub.set_relative_position(((w - sub.rect.width) // 2, title.rect.bottom + px(4)))
        entries = (
            ("Play a scenario", self.play, "#primary"),
            ("Hot-seat", lambda: app.switch(app.hotseat_setup()), None),
            ("Load game", lambda: app.switch(load_screen(app)), None),
            ("Map editor", app.open_editor, None),
            ("Settings", lambda: app.switch(SettingsScreen(app)), None),
            ("Quit", app.quit, None),
        )
        bw, bh, gap = px(320), px(48), px(12)
        y = sub.rect.bottom + px(40)
        self.buttons = {}
        for text, action, oid in entries:
            self.buttons[text] = self.button(self.rect((w - bw) // 2, y, bw, bh), text, action, oid)
            y += bh + gap
        self.label(self.rect(px(16), h - px(34), px(300), px(26)), f"v{__version__}", "#dim")
        if app.settings.notice:
            self.label(
                self.rect(px(16), h - px(64), w - px(32), px(26)), app.settings.notice, "#warning"
            )

    def play(self) -> None:
        self.app.switch(ScenarioListScreen(self.app))

    def back(self) -> None:
        """Escape on the main menu does nothing: Quit is a button."""


# --- the scenario list ------------------------------------------------------------------------


@dataclass
class Entry:
    """A scenario file in the list: loaded, or why it cannot be."""

    name: str
    path: Path
    scenario: Scenario | None
    problem: str = ""

    @property
    def title(self) -> str:
        return self.scenario.title if self.scenario else f"{self.name} (invalid)"


def scenario_entries(app) -> list[Entry]:
    """The built-in scenarios, the story's battles first, loaded once per app."""
    cached = getattr(app, "_scenario_entries", None)
    if cached is not None:
        return cached
    entries = []
    for path in builtin_scenarios():
        name = path.stem.replace("_", "-")
        try:
            entries.append(Entry(name, path, load_scenario(path, app.catalog)))
        except ScenarioError as exc:
            entries.append(
                Entry(name, path, None, str(exc.problems[0]) if exc.problems else str(exc))
            )
    entries.sort(
        key=lambda e: (STORY_FIRST.index(e.name) if e.name in STORY_FIRST else 99, e.title)
    )
    app._scenario_entries = entries
    return entries


def unit_summary(scenario: Scenario, catalog) -> dict[str, str]:
    """Side id -> "N units: 4 snipers, 12 marines ..." (heroes by name)."""
    kinds: dict[str, dict[str, int]] = {s["id"]: {} for s in scenario.sides}
    for u in scenario.doc.get("unit", []):
        kinds.setdefault(u["side"], {})
        kinds[u["side"]][u["type"]] = kinds[u["side"]].get(u["type"], 0) + 1
    out = {}
    for side, counts in kinds.items():
        parts = []
        for type_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            unit_type = catalog.units.get(type_id)
            name = unit_type.name if unit_type else type_id.replace("_", " ")
            parts.append(f"{n} {name}{'' if n == 1 or name.endswith('s') else 's'}")
        total = sum(counts.values())
        out[side] = f"{total} unit{'s' if total != 1 else ''}: " + ", ".join(parts)
    return out


def scenario_blurb(s: Scenario) -> str:
    """The scenario list's words on a scenario: description, sides, the goals of its player."""
    lines = [markup(s.description)]
    if s.story:
        lines[0] += " <i>One of the story's battles.</i>"
    everyone = s.sides
    you = next((side for side in everyone if side["controller"] == "human"), everyone[0])
    sides = ", ".join(
        f"{markup(side['name'])} ({'you' if side is you else 'computer'})" for side in everyone
    )
    lines.append(f"<b>Sides</b>: {sides}")
    goals = [g["text"] for g in s.objectives_for(you["id"]) if g["kind"] == "primary"]
    if goals:
        lines.append("<b>Goal</b>: " + markup("; ".join(goals)))
    if s.author:
        lines.append(f"<i>By {markup(s.author)}</i>")
    return "<br>".join(lines)


class ScenarioListScreen(MenuScreen):
    def build(self) -> None:
        app, px = self.app, self.app.px
        w, h = app.size
        m = px(40)
        self.label(self.rect(m, px(20), w - 2 * m, px(68)), "Choose a battle", "#title")
        self.entries = {e.title: e for e in scenario_entries(app)}
        top, bottom = px(96), h - px(96)
        list_w = min(px(380), w // 3)
        chosen = next((e.title for e in self.entries.values() if e.name == app.last_scenario), None)
        self.list = self.add(
            UISelectionList(
                self.rect(m, top, list_w, bottom - top),
                list(self.entries),
                manager=self.manager,
                default_selection=chosen,
            )
        )
        x = m + list_w + px(24)
        right_w = w - x - m
        self.thumb_box = self.rect(x, top, right_w, int((bottom - top) * 0.5))
        self.thumb = self.add(UIImage(self.thumb_box, pygame.Surface((1, 1)), manager=self.manager))
        y = self.thumb_box.bottom + px(12)
        self.title = self.label(self.rect(x, y, right_w, px(34)), "", "#heading")
        self.info = self.label(self.rect(x, y + px(34), right_w, px(26)), "", "#dim")
        y += px(66)
        self.text = self.text_box(self.rect(x, y, right_w, bottom - y), "")
        by = h - px(76)
        self.button(self.rect(m, by, px(160), px(48)), "Back", self.back)
        self.start = self.button(
            self.rect(w - m - px(220), by, px(220), px(48)),
            "Briefing  \u00bb",
            self.open,
            "#primary",
        )
        self.selected: Entry | None = None
        self.show(self.entries.get(chosen) if chosen else None)

    def show(self, entry: Entry | None) -> None:
        self.selected = entry
        if entry is None:
            self.thumb.hide()
            self.title.set_text("Pick a battle from the list")
            self.info.set_text("")
            self.text.set_text("")
            self.start.disable()
            return
        self.title.set_text(entry.title)
        if entry.scenario is None:
            self.thumb.hide()
            self.info.set_text(str(entry.path))
            self.text.set_text(markup(f"This scenario cannot be played:\n{entry.problem}"))
            self.start.disable()
            return
        s = entry.scenario
        picture = thumbnail(s, self.thumb_box.size, self.app.catalog)
        rect = picture.get_rect(topleft=self.thumb_box.topleft)
        self.thumb.set_dimensions(rect.size)
        self.thumb.set_relative_position(rect.topleft)
        self.thumb.set_image(picture)
        self.thumb.show()
        counts = " v ".join(f"{n} {s.side(side)['name']}" for side, n in s.unit_count.items())
        self.info.set_text(
            f"{s.width} \u00d7 {s.height} tiles  \u00b7  {s.ambient}  \u00b7  {counts}"
        )
        self.text.set_text(scenario_blurb(s))
        self.start.enable()

    def handle_event(self, event: pygame.event.Event) -> None:
        if (
            event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION
            and event.ui_element is self.list
        ):
            self.show(self.entries.get(event.text))
        elif (
            event.type == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION
            and event.ui_element is self.list
        ):
            self.show(None)
        elif (
            event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION
            and event.ui_element is self.list
        ):
            self.show(self.entries.get(event.text))
            self.open()
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.open()
        else:
            super().handle_event(event)

    def open(self) -> None:
        if self.selected is not None and self.selected.scenario is not None:
            self.app.open_briefing(self.selected.scenario)


# --- the briefing -----------------------------------------------------------------------------


class BriefingScreen(MenuScreen):
    """The story's words, the objectives and forces; choose a side and a seed, then Start."""

    def __init__(self, app, scenario: Scenario, seed: int | None = None) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.seed = seed if seed is not None else 1 + secrets.randbelow(999_999)
        humans = [s["id"] for s in scenario.sides if s["controller"] == "human"]
        self.side = humans[0] if humans else scenario.sides[0]["id"]

    def build(self) -> None:
        app, px, s = self.app, self.app.px, self.scenario
        w, h = app.size
        m = px(40)
        self.title = self.label(self.rect(m, px(14), w - 2 * m, px(68)), s.title, "#title")
        self.label(self.rect(m, px(72), w - 2 * m, px(30)), s.description, "#subtitle")
        top, bottom = px(112), h - px(96)
        left_w = int((w - 2 * m) * 0.56)
        words = s.briefing or s.description or "No briefing."
        self.briefing = self.text_box(self.rect(m, top, left_w, bottom - top), markup(words))
        x = m + left_w + px(20)
        right_w = w - x - m
        box = (right_w, int((bottom - top) * 0.32))
        picture = thumbnail(s, box, app.catalog)
        self.add(
            UIImage(
                picture.get_rect(topleft=(x, top)),
                picture,
                manager=self.manager,
            )
        )
        y = top + box[1] + px(12)
        lw = px(120)
        self.label(self.rect(x, y, lw, px(36)), "You command")
        options = [(side["name"], side["id"]) for side in s.sides]
        current = next(o for o in options if o[1] == self.side)
        self.chooser = self.add(
            UIDropDownMenu(
                options, current, self.rect(x + lw, y, right_w - lw, px(36)), manager=self.manager
            )
        )
        y += px(44)
        self.label(self.rect(x, y, lw, px(36)), "Seed")
        self.seed_entry = self.add(
            UITextEntryLine(self.rect(x + lw, y, px(140), px(36)), manager=self.manager)
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(9)
        self.seed_entry.set_text(str(self.seed))
        y += px(48)
        self.details = self.text_box(self.rect(x, y, right_w, bottom - y), self.details_text())
        by = h - px(76)
        self.error = self.label(
            self.rect(m + px(180), by, w - 2 * m - px(420), px(48)), "", "#error"
        )
        self.button(self.rect(m, by, px(160), px(48)), "Back", self.back)
        self.start = self.button(
            self.rect(w - m - px(220), by, px(220), px(48)), "Start  \u00bb", self.begin, "#primary"
        )

    def details_text(self) -> str:
        s = self.scenario
        lines = ["<b>Objectives</b>"]
        goals = s.objectives_for(self.side)
        for kind in ("primary", "secondary"):
            for goal in (g for g in goals if g["kind"] == kind):
                tag = "" if kind == "primary" else "<i>(secondary)</i> "
                lines.append(f"\u2022 {tag}{markup(goal['text'])}")
        if not goals:
            lines.append("<i>None given: win the fight.</i>")
        lines.append("<br><b>Forces</b>")
        summary = unit_summary(s, self.app.catalog)
        for side in s.sides:
            colour = "#{:02x}{:02x}{:02x}".format(*hex_colour(side["colour"]))
            who = "you" if side["id"] == self.side else "computer"
            lines.append(
                f"<font color='{colour}'><b>{markup(side['name'])}</b></font> ({who}): "
                f"{summary.get(side['id'], '0 units')}"
            )
        heroes = [
            u["name"] for u in s.doc.get("unit", []) if u.get("name") and u["side"] == self.side
        ]
        if heroes:
            lines.append("<i>With " + markup(", ".join(heroes)) + ".</i>")
        return "<br>".join(lines)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.chooser:
            self.side = event.selected_option_id
            self.details.set_text(self.details_text())
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.begin()
        else:
            super().handle_event(event)

    def begin(self) -> None:
        text = self.seed_entry.get_text()
        seed = int(text) if text.isdigit() else self.seed
        try:
            self.app.start_battle(self.scenario, seed, [self.side])
        except ImportError as exc:
            self.error.set_text(battle_missing(exc))

    def back(self) -> None:
        self.app.switch(ScenarioListScreen(self.app))
