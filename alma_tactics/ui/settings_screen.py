"""The settings screen: display, sound, accessibility and key bindings.

Every change is saved at once (atomically), so a setting survives a crash;
display and UI-scale changes reopen the window and rebuild this screen.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UIHorizontalSlider, UIScrollingContainer

from .menu_screen import MenuScreen
from .settings import ACTION_LABELS, DEFAULT_KEYS, RESOLUTIONS, Settings

UI_SCALES = (0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
INTENT_TEXT = {"easy": "At easy difficulty", "on": "Always", "off": "Never"}
TOGGLES = {
    "fullscreen": "Fullscreen",
    "edge_scrolling": "Edge scrolling",
    "mute": "Mute",
    "colour_blind": "Colour-blind overlays",
    "high_contrast": "High contrast",
    "hand_over_screen": "Hot-seat hand-over",
}


def on_off(value: bool) -> str:
    return "On" if value else "Off"


def key_text(name: str) -> str:
    """A key name as the player reads it: `W`, `Return`, `F5`, `=`."""
    return (
        name.upper() if len(name) == 1 or name[:1] == "f" and name[1:].isdigit() else name.title()
    )


class SettingsScreen(MenuScreen):
    def build(self) -> None:
        app, px, st = self.app, self.app.px, self.app.settings
        w, h = app.size
        m = px(40)
        self.label(self.rect(m, px(20), w - 2 * m, px(68)), "Settings", "#title")
        self.toggles: dict[str, pygame_gui.elements.UIButton] = {}
        self.sliders: dict[object, tuple[str, pygame_gui.elements.UILabel]] = {}
        self.drop_downs: dict[object, str] = {}
        self.waiting: str | None = None  # the action whose key is being rebound
        col_w = (w - 2 * m - px(40)) // 2
        lw, cw = int(col_w * 0.46), int(col_w * 0.54)
        rh, y = px(44), px(96)

        def row(text: str) -> pygame.Rect:
            nonlocal y
            self.label(self.rect(m, y, lw, px(36)), text)
            rect = self.rect(m + lw, y, cw, px(36))
            y += rh
            return rect

        res = [(f"{a} \u00d7 {b}", f"{a}x{b}") for a, b in RESOLUTIONS]
        current = (f"{st.resolution[0]} \u00d7 {st.resolution[1]}", "{}x{}".format(*st.resolution))
        if current not in res:
            res.append(current)
        self.drop_down("resolution", res, current, row("Resolution"))
        self.toggle("fullscreen", row("Fullscreen"))
        scales = [(f"{round(s * 100)} %", str(s)) for s in UI_SCALES]
        scale = min(UI_SCALES, key=lambda s: abs(s - st.ui_scale))
        self.drop_down("ui_scale", scales, (f"{round(scale * 100)} %", str(scale)), row("UI scale"))
        self.slider(
            "animation_speed", row("Animation speed"), round(st.animation_speed * 100), (25, 400)
        )
        self.toggle("edge_scrolling", row("Edge scrolling"))
        self.slider("volume", row("Volume"), round(st.volume * 100), (0, 100))
        self.toggle("mute", row("Mute"))
        self.toggle("colour_blind", row("Colour-blind overlays"))
        self.toggle("high_contrast", row("High contrast"))
        intents = [(text, key) for key, text in INTENT_TEXT.items()]
        now = (INTENT_TEXT[st.telegraph_intent], st.telegraph_intent)
        self.drop_down("telegraph_intent", intents, now, row("Show enemy intent"))
        self.toggle("hand_over_screen", row("Hot-seat hand-over"))
        self.build_keys(m + col_w + px(40), px(96), col_w, h - px(96) - px(100))
        by = h - px(76)
        self.button(self.rect(m, by, px(160), px(48)), "Back", self.back)
        self.button(
            self.rect(w - m - px(240), by, px(240), px(48)), "Restore defaults", self.restore
        )

    def build_keys(self, x: int, y: int, w: int, h: int) -> None:
        px = self.app.px
        self.label(self.rect(x, y, w, px(36)), "Key bindings", "#heading")
        area = self.rect(x, y + px(44), w, h - px(44))
        self.keys_area = area
        self.keys_panel = pygame.Surface(area.size, pygame.SRCALPHA)
        self.keys_panel.fill((11, 20, 29, 216))
        pygame.draw.rect(self.keys_panel, (31, 78, 96), self.keys_panel.get_rect(), 1)
        box = self.add(
            UIScrollingContainer(
                area.inflate(-px(4), -px(4)), manager=self.manager, allow_scroll_x=False
            )
        )
        inner = w - px(24)
        rh = px(42)
        self.key_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        for n, action in enumerate(DEFAULT_KEYS):
            pygame_gui.elements.UILabel(
                self.rect(px(8), n * rh + px(3), inner // 2, px(36)),
                ACTION_LABELS[action],
                manager=self.manager,
                container=box,
            )
            button = pygame_gui.elements.UIButton(
                self.rect(inner // 2, n * rh + px(3), inner // 2 - px(4), px(36)),
                key_text(self.app.settings.key_name(action)),
                manager=self.manager,
                container=box,
            )
            self.key_buttons[action] = button
            self.actions[button] = lambda a=action: self.listen(a)
        box.set_scrollable_area_dimensions((inner, len(DEFAULT_KEYS) * rh + px(6)))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        surface.blit(self.keys_panel, self.keys_area.topleft)

    # --- widgets ------------------------------------------------------------------------------
    def toggle(self, name: str, rect: pygame.Rect) -> None:
        button = self.button(
            rect, on_off(getattr(self.app.settings, name)), lambda: self.flip(name)
        )
        self.toggles[name] = button

    def slider(self, name: str, rect: pygame.Rect, value: int, span: tuple[int, int]) -> None:
        px = self.app.px
        bar = rect.inflate(-px(80), 0)
        bar.left = rect.left
        slider = self.add(
            UIHorizontalSlider(bar, value, span, manager=self.manager, click_increment=5)
        )
        shown = self.label(self.rect(bar.right + px(10), rect.top, px(70), rect.height), "")
        self.sliders[slider] = (name, shown)
        self.show_value(name, shown, value)

    def drop_down(self, name: str, options: list, current: tuple, rect: pygame.Rect) -> None:
        menu = self.add(UIDropDownMenu(options, current, rect, manager=self.manager))
        self.drop_downs[menu] = name

    def show_value(self, name: str, label, value: int) -> None:
        label.set_text(f"{value / 100:.2g}\u00d7" if name == "animation_speed" else f"{value} %")

    # --- changes ------------------------------------------------------------------------------
    def changed(self, display: bool = False) -> None:
        self.app.settings.notice = ""  # the file is whole again once saved
        self.app.settings.save()
        sounds = getattr(self.app, "sounds", None)
        if sounds is not None:
            sounds.apply_settings()  # muting silences what is playing now
        if display:
            self.app.apply_settings()  # rebuilds this screen at the new size / scale

    def flip(self, name: str) -> None:
        settings = self.app.settings
        setattr(settings, name, not getattr(settings, name))
        self.toggles[name].set_text(on_off(getattr(settings, name)))
        self.changed(display=name == "fullscreen")

    def listen(self, action: str) -> None:
        if self.waiting:
            self.key_buttons[self.waiting].set_text(
                key_text(self.app.settings.key_name(self.waiting))
            )
        self.waiting = action
        self.key_buttons[action].set_text("press a key\u2026")

    def restore(self) -> None:
        self.app.settings = Settings()
        self.changed(display=True)

    def handle_event(self, event: pygame.event.Event) -> None:
        st = self.app.settings
        if event.type == pygame.KEYDOWN and self.waiting:
            action, self.waiting = self.waiting, None
            if event.key != pygame.K_ESCAPE:
                st.bind(action, pygame.key.name(event.key))
                self.changed()
            for name, button in self.key_buttons.items():
                button.set_text(key_text(st.key_name(name)))
        elif (
            event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element in self.sliders
        ):
            name, shown = self.sliders[event.ui_element]
            value = int(event.value)
            self.show_value(name, shown, value)
            setattr(st, name, value / 100)
            self.changed()
            if name == "volume" and getattr(self.app, "sounds", None) is not None:
                self.app.sounds.play("click")  # hear the new volume
        elif (
            event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
            and event.ui_element in self.drop_downs
        ):
            name, choice = self.drop_downs[event.ui_element], event.selected_option_id
            if name == "resolution":
                st.resolution = tuple(int(v) for v in choice.split("x"))
            elif name == "ui_scale":
                st.ui_scale = float(choice)
            else:
                st.telegraph_intent = choice
            self.changed(display=name != "telegraph_intent")
        else:
            super().handle_event(event)
