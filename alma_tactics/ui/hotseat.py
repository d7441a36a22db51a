"""Hot-seat: people taking turns at one computer, each seeing only their own side.

- `HotseatSetupScreen`: choose a scenario, which sides people play (the rest the
  computer plays), an optional PIN per person, and a seed; Start opens the battle.
- `HandOff`: the battle screen's hand-over curtain. It fills the whole window (no
  map, no minimap, no log, no buttons of the battle) and names the side whose turn
  comes next: "Pass to Calendrea", a button, and the PIN entry if that side set one
  (a wrong PIN leaves it closed). While computer sides play between two people the
  curtain stays up and its button waits; what each person's side saw or heard of
  those turns is played back to them when they open their own turn (the battle
  screen's catch-up playback).

PINs live in memory for the session only (`App.pins`); a save never holds them, so
a game loaded in a new session has none.
"""

from __future__ import annotations

import secrets

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import (
    UIButton,
    UIImage,
    UILabel,
    UISelectionList,
    UITextBox,
    UITextEntryLine,
)

from ..core import events as ev
from .battle_panels import ACCENT, FAINT, Fonts, rendered
from .menu_screen import MenuScreen, battle_missing
from .menus import Entry, scenario_entries
from .pictures import hex_colour

PIN_LENGTH = 8
CURTAIN = (5, 9, 13)  # the curtain's colour: every pixel of the map area is this (or text)


def next_human(state, human_sides: list[str]) -> str | None:
    """The first human side after the active one in the turn order (the active one last)."""
    n = len(state.sides)
    for step in range(1, n + 1):
        side = state.sides[(state.active + step) % n].id
        if side in human_sides:
            return side
    return None


def default_people(scenario) -> list[str]:
    """Who a person plays at first: the scenario's human sides, then one side of every
    other team (so each team has a person; computer allies stay the computer's)."""

    def team(side: dict) -> str:
        return side.get("team") or side["id"]

    people = [s["id"] for s in scenario.sides if s.get("controller") == "human"]
    teams = {team(s) for s in scenario.sides if s["id"] in people}
    for side in scenario.sides:
        if team(side) not in teams:
            people.append(side["id"])
            teams.add(team(side))
    return [s["id"] for s in scenario.sides if s["id"] in people]


# --- the setup screen -------------------------------------------------------------------------


class HotseatSetupScreen(MenuScreen):
    """Scenario, who plays each side (a person or the computer), PINs, seed; Start."""

    def __init__(self, app, scenario=None, seed: int | None = None) -> None:
        super().__init__(app)
        self.preselect = scenario
        self.seed = seed if seed is not None else 1 + secrets.randbelow(999_999)
        self.human: dict[str, bool] = {}
        self.pins: dict[str, str] = {}  # typed so far, kept while switching scenarios
        self.rows: list = []
        self.toggles: dict[object, str] = {}
        self.pin_entries: dict[str, UITextEntryLine] = {}

    def build(self) -> None:
        app, px = self.app, self.app.px
        w, h = app.size
        m = px(40)
        self.label(self.rect(m, px(20), w - 2 * m, px(68)), "Hot-seat", "#title")
        self.label(
            self.rect(m, px(76), w - 2 * m, px(28)),
            "People take turns at this computer; each sees only what their own side sees.",
            "#subtitle",
        )
        self.entries = {e.title: e for e in scenario_entries(app)}
        chosen = self._preselected()
        top, bottom = px(116), h - px(96)
        list_w = min(px(340), w // 3)
        self.list = self.add(
            UISelectionList(
                self.rect(m, top, list_w, bottom - top),
                list(self.entries),
                manager=self.manager,
                default_selection=chosen.title if chosen else None,
            )
        )
        self.x = m + list_w + px(24)
        self.right_w = w - self.x - m
        self.top = top
        self.title = self.label(self.rect(self.x, top, self.right_w, px(34)), "", "#heading")
        self.info = self.label(self.rect(self.x, top + px(34), self.right_w, px(26)), "", "#dim")
        by = h - px(76)
        self.error = self.label(
            self.rect(m + px(180), by, w - 2 * m - px(420), px(48)), "", "#error"
        )
        self.button(self.rect(m, by, px(160), px(48)), "Back", self.back)
        self.start = self.button(
            self.rect(w - m - px(220), by, px(220), px(48)), "Start  \u00bb", self.begin, "#primary"
        )
        self.selected: Entry | None = None
        self.show(chosen)

    def _preselected(self) -> Entry | None:
        wanted = self.preselect
        if wanted is not None:
            for entry in self.entries.values():
                if entry.name == wanted.name:
                    return entry
            entry = Entry(wanted.name, wanted.path, wanted)  # a file of the player's own
            self.entries[entry.title] = entry
            return entry
        for name in (self.app.last_scenario, "duel"):
            for entry in self.entries.values():
                if entry.name == name and entry.scenario is not None:
                    return entry
        return None

    def leave(self) -> None:
        self._kill_rows()
        super().leave()

    def _kill_rows(self) -> None:
        for element in self.rows:
            element.kill()
        self.rows = []
        self.toggles = {}
        self.pin_entries = {}

    def _row(self, element):
        self.rows.append(element)
        return element

    def show(self, entry: Entry | None) -> None:
        """The chosen scenario's sides, each with its person/computer toggle and PIN."""
        self._remember_pins()
        self._kill_rows()
        self.selected = entry
        self.error.set_text("")
        if entry is None or entry.scenario is None:
            self.title.set_text(entry.title if entry else "Pick a battle from the list")
            self.info.set_text(entry.problem if entry else "")
            self.start.disable()
            return
        s = entry.scenario
        self.app.last_scenario = s.name
        self.title.set_text(s.title)
        self.info.set_text(f"{s.width} \u00d7 {s.height} tiles  \u00b7  {s.description}")
        px = self.app.px
        x, y = self.x, self.top + px(78)
        name_w, toggle_w, pin_w = px(230), px(150), px(150)
        self._row(UILabel(self.rect(x, y, name_w, px(30)), "Side", self.manager, object_id="#dim"))
        self._row(
            UILabel(
                self.rect(x + name_w + px(8), y, toggle_w, px(30)),
                "Played by",
                self.manager,
                object_id="#dim",
            )
        )
        self._row(
            UILabel(
                self.rect(x + name_w + toggle_w + px(16), y, pin_w + px(60), px(30)),
                "PIN (optional)",
                self.manager,
                object_id="#dim",
            )
        )
        y += px(36)
        people = default_people(s)
        for side in s.sides:
            sid = side["id"]
            self.human.setdefault(sid, sid in people)
            swatch = pygame.Surface((px(10), px(30)))
            swatch.fill(hex_colour(side["colour"]))
            self._row(UIImage(self.rect(x, y + px(5), px(10), px(30)), swatch, self.manager))
            self._row(
                UILabel(
                    self.rect(x + px(18), y, name_w - px(18), px(40)), side["name"], self.manager
                )
            )
            toggle = self._row(
                UIButton(
                    self.rect(x + name_w + px(8), y, toggle_w, px(40)),
                    self._toggle_text(sid),
                    self.manager,
                    tool_tip_text="Click to switch between a person and the computer.",
                )
            )
            self.toggles[toggle] = sid
            entry_line = self._row(
                UITextEntryLine(
                    self.rect(x + name_w + toggle_w + px(16), y + px(2), pin_w, px(36)),
                    self.manager,
                )
            )
            entry_line.set_allowed_characters("numbers")
            entry_line.set_text_length_limit(PIN_LENGTH)
            entry_line.set_text_hidden(True)
            entry_line.set_text(self.pins.get(sid, ""))
            self.pin_entries[sid] = entry_line
            if not self.human[sid]:
                entry_line.disable()
            y += px(48)
        y += px(10)
        self._row(UILabel(self.rect(x, y, name_w, px(36)), "Seed", self.manager))
        self.seed_entry = self._row(
            UITextEntryLine(self.rect(x + name_w + px(8), y, toggle_w, px(36)), self.manager)
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(9)
        self.seed_entry.set_text(str(self.seed))
        y += px(46)
        self._row(UILabel(self.rect(x, y, name_w, px(36)), "Hand-over screen", self.manager))
        self.hand_over = self._row(
            UIButton(
                self.rect(x + name_w + px(8), y, toggle_w, px(36)),
                self._hand_over_text(),
                self.manager,
                tool_tip_text="On: a 'Pass to ...' screen hides the map between people's "
                "turns. Off: the next player's view opens at once (friends at one table). "
                "Also in Settings.",
            )
        )
        y += px(50)
        hint = (
            "A PIN (digits) keeps one player from opening another's turn: the hand-over "
            "screen asks for it (a side with a PIN always gets the screen). PINs last "
            "until you quit; saves never keep them."
        )
        self._row(UITextBox(hint, self.rect(x, y, self.right_w, px(80)), manager=self.manager))
        self.start.enable()

    def _hand_over_text(self) -> str:
        return "On" if getattr(self.app.settings, "hand_over_screen", True) else "Off"

    def flip_hand_over(self) -> None:
        """The hand-over screen setting, here where people decide how to play (saved)."""
        settings = self.app.settings
        settings.hand_over_screen = not settings.hand_over_screen
        settings.save()
        self.hand_over.set_text(self._hand_over_text())

    def _toggle_text(self, side: str) -> str:
        return "Person" if self.human.get(side, True) else "Computer"

    def _remember_pins(self) -> None:
        for sid, entry_line in self.pin_entries.items():
            self.pins[sid] = entry_line.get_text()

    def toggle(self, side: str) -> None:
        self.human[side] = not self.human.get(side, True)
        for button, sid in self.toggles.items():
            if sid == side:
                button.set_text(self._toggle_text(side))
        entry_line = self.pin_entries.get(side)
        if entry_line is not None:
            if self.human[side]:
                entry_line.enable()
            else:
                entry_line.disable()
        self.error.set_text("")

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.toggles:
            self.toggle(self.toggles[event.ui_element])
        elif event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is getattr(
            self, "hand_over", None
        ):
            self.flip_hand_over()
        elif (
            event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION
            and event.ui_element is self.list
        ):
            self.show(self.entries.get(event.text))
        elif (
            event.type == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION
            and event.ui_element is self.list
        ):
            self.show(None)
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.begin()
        else:
            super().handle_event(event)

    def choices(self) -> tuple[list[str], dict[str, str]]:
        """The sides people play, in the scenario's order, and their PINs ("" for none)."""
        self._remember_pins()
        scenario = self.selected.scenario if self.selected else None
        if scenario is None:
            return [], {}
        humans = [s["id"] for s in scenario.sides if self.human.get(s["id"], True)]
        pins = {sid: self.pins.get(sid, "") for sid in humans if self.pins.get(sid, "")}
        return humans, pins

    def begin(self) -> None:
        if self.selected is None or self.selected.scenario is None:
            return
        humans, pins = self.choices()
        if not humans:
            self.error.set_text("At least one side must be played by a person.")
            return
        bad = [sid for sid, pin in pins.items() if not pin.isdigit()]
        if bad:
            self.error.set_text("A PIN is made of digits only.")
            return
        text = self.seed_entry.get_text()
        seed = int(text) if text.isdigit() else self.seed
        try:
            self.app.start_hotseat(self.selected.scenario, seed, humans, pins)
        except ImportError as exc:
            self.error.set_text(battle_missing(exc))


# --- the hand-over curtain --------------------------------------------------------------------


def centred_label(
    manager: pygame_gui.UIManager, width: int, text: str, y: int, height: int, object_id: str
) -> UILabel:
    """A label sized to its text, centred across a window `width` wide."""
    label = UILabel(
        pygame.Rect(0, y, -1, height), text, manager, object_id=ObjectID(object_id=object_id)
    )
    label.set_relative_position(((width - label.rect.width) // 2, y))
    return label


def pin_row(
    manager: pygame_gui.UIManager, px, width: int, y: int
) -> tuple[UILabel, UITextEntryLine]:
    """ "PIN" and a hidden, digits-only entry, centred across a window `width` wide."""
    label = UILabel(pygame.Rect(0, y, -1, px(40)), "PIN", manager)
    lw, ew = label.rect.width, px(170)
    x0 = (width - lw - ew - px(10)) // 2
    label.set_relative_position((x0, y))
    entry = UITextEntryLine(pygame.Rect(x0 + lw + px(10), y, ew, px(40)), manager)
    entry.set_allowed_characters("numbers")
    entry.set_text_length_limit(PIN_LENGTH)
    entry.set_text_hidden(True)
    return label, entry


class HandOff:
    """The curtain between people's turns, on the battle screen (`battle.curtain` is the
    side it passes to). `sync()` each frame builds or removes its widgets; `draw()`
    paints it over the whole window; `handle_event()` takes every input while it is up.
    """

    def __init__(self, battle) -> None:
        self.battle = battle
        self.widgets: dict[str, object] = {}
        self.signature: tuple | None = None
        self.message = ""
        self.wrong_pins = 0

    # --- state ----------------------------------------------------------------------------------
    @property
    def side(self) -> str | None:
        return self.battle.curtain

    def ready(self) -> bool:
        """Whether the side it passes to may open its turn now (no computer still playing)."""
        b = self.battle
        return b.curtain is not None and b.state.active_side.id == b.curtain

    def pin_of(self, side: str | None) -> str:
        return str(getattr(self.battle, "pins", {}).get(side or "", "") or "")

    def side_name(self, side: str | None) -> str:
        return next((s.name for s in self.battle.state.sides if s.id == side), side or "")

    # --- widgets --------------------------------------------------------------------------------
    def sync(self) -> None:
        b = self.battle
        if b.curtain is None:
            if self.widgets or self.signature is not None:
                self.close()
            return
        signature = (b.curtain, self.ready(), b.app.window.get_size(), self.pin_of(b.curtain))
        if signature != self.signature:
            if self.signature is None or self.signature[0] != b.curtain:
                self.message = ""
            self.build()
            self.signature = signature
        for element in b.elements:  # the battle's own buttons: none of them under the curtain
            if element.visible:
                element.hide()

    def build(self) -> None:
        self._kill()
        b = self.battle
        px, manager = b.px, b.manager
        w, h = b.app.window.get_size()
        side = b.curtain
        name = self.side_name(side)
        y = int(h * 0.26)
        self.widgets["title"] = self._centred(f"Pass to {name}", y, px(64), "#title")
        y += px(70)
        if self.ready():
            if self.pin_of(side):
                sub = f"Hand the computer to {name}'s player, who enters their PIN."
            else:
                sub = f"Hand the computer to {name}'s player. Nothing shows until they open it."
        else:
            active = b.state.active_side.name
            sub = f"The computer is playing {active}'s turn; nothing of it is shown here."
        self.widgets["sub"] = self._centred(sub, y, px(30), "#dim")
        y += px(46)
        if self.pin_of(side):
            self.widgets["pin_label"], entry = pin_row(manager, px, w, y)
            self.widgets["pin"] = entry
            entry.focus()
            manager.set_focus_set(entry)
            y += px(52)
        bw = px(300)
        opener = UIButton(
            pygame.Rect((w - bw) // 2, y, bw, px(50)),
            f"Open {name}'s turn",
            manager,
            object_id=ObjectID(object_id="#primary"),
            tool_tip_text="Show the battle as this side knows it"
            + (" (Enter)." if self.pin_of(side) else " (Enter, or click anywhere)."),
        )
        if not self.ready():
            opener.disable()
        self.widgets["open"] = opener
        y += px(60)
        self.widgets["error"] = self._centred(self.message or " ", y, px(34), "#error")
        qw = px(200)
        self.widgets["quit"] = UIButton(
            pygame.Rect(w - qw - px(20), h - px(60), qw, px(40)),
            "Save and quit",
            manager,
            tool_tip_text="Save the battle and go back to the main menu.",
        )

    def _centred(self, text: str, y: int, height: int, object_id: str) -> UILabel:
        b = self.battle
        return centred_label(b.manager, b.app.window.get_size()[0], text, y, height, object_id)

    def _kill(self) -> None:
        for element in self.widgets.values():
            element.kill()
        self.widgets = {}

    def close(self) -> None:
        """Remove the curtain's widgets and give the battle its buttons back."""
        self._kill()
        self.signature = None
        for element in self.battle.elements:
            if not element.visible:
                element.show()

    def say(self, message: str) -> None:
        self.message = message
        label = self.widgets.get("error")
        if label is not None:
            label.set_text(message or " ")
            w = self.battle.app.window.get_size()[0]
            label.set_relative_position(((w - label.rect.width) // 2, label.relative_rect.y))

    # --- input ----------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        """Every input while the curtain is up; True if it was the curtain's."""
        if self.battle.curtain is None:
            return False
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.widgets.get("open"):
                self.try_open()
            elif event.ui_element is self.widgets.get("quit"):
                self.save_and_quit()
            else:
                return False
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            if event.ui_element is self.widgets.get("pin"):
                self.try_open()
            return True
        needs_pin = bool(self.pin_of(self.battle.curtain))
        if event.type == pygame.KEYDOWN:
            enter = event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
            if enter or (not needs_pin and event.key != pygame.K_ESCAPE):
                self.try_open()
            return True
        if event.type == pygame.MOUSEBUTTONUP:
            if not needs_pin and event.button == 1:
                self.try_open()
            return True
        return event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION, pygame.MOUSEWHEEL)

    def try_open(self) -> bool:
        """Open the turn of the side the curtain names, if it may be opened (right PIN)."""
        b = self.battle
        side = b.curtain
        if side is None:
            return False
        if not self.ready():
            self.say("Wait: the computer has not finished its turn.")
            return False
        pin = self.pin_of(side)
        if pin:
            entry = self.widgets.get("pin")
            typed = entry.get_text() if entry is not None else ""
            if typed != pin:
                self.wrong_pins += 1
                self.say(
                    "Wrong PIN. Try again." if typed else f"Enter {self.side_name(side)}'s PIN."
                )
                if entry is not None:
                    entry.set_text("")
                return False
        bookkeeping = (ev.TurnStarted, ev.TurnEnded)
        catching_up = any(not isinstance(e, bookkeeping) for _, e in b.pending.get(side, []))
        b._lift_curtain()
        self.close()
        self.message = ""
        if catching_up:
            b._say("What your side saw and heard since your last turn. Space skips.", ACCENT)
        return True

    def save_and_quit(self) -> None:
        if self.battle._save() is not None:
            self.close()
            self.battle._quit()

    # --- drawing --------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """Nothing of the battle: a plain field, the next side's colour as a thin band."""
        b = self.battle
        surface.fill(CURTAIN)
        w, h = surface.get_size()
        colour = None
        style_of = getattr(b.renderer, "style_of", None)
        if callable(style_of) and b.curtain is not None:
            try:
                colour = style_of(b.state, b.curtain).colour
            except (AttributeError, KeyError, TypeError):
                colour = None
        band = max(3, b.px(5))
        if colour is not None:
            surface.fill(colour, pygame.Rect(0, 0, w, band))
            surface.fill(colour, pygame.Rect(0, h - band, w, band))
        fonts = getattr(b, "fonts", None) or Fonts()
        title = getattr(b.scenario, "title", "") or b.match.scenario_name
        words = f"Hot-seat  \u00b7  {title}  \u00b7  turn {b.state.turn}"
        image = rendered(words, fonts.small, FAINT)
        surface.blit(image, (b.px(20), h - b.px(40)))
