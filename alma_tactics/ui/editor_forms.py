"""The map editor's form windows, one module each: the map's words, light and size
(`editor_map_forms`), the story's numbers (`editor_story_form`), the sides and their
computer players' hints (`editor_sides_form`), squads (`editor_squads_form`), named areas
(`editor_areas_form`), objectives (`editor_objectives_form`) and triggers, when ->
then, as the scenario format allows (`editor_triggers_form`); the windows'
machinery, a question and help are `editor_windows`. The file forms (new, open,
save as) are `editor_file_commands`, the play-test's `editor_playtest`.

Each form edits the document only through the model's edits (`editor.script`,
`editor.sides`, `editor.things`, `editor.regions`), one undoable step per Apply.

Part of `EditorScreen` (a mixin).
"""

from __future__ import annotations

from .editor_areas_form import AreasFormMixin
from .editor_map_forms import MapFormsMixin
from .editor_objectives_form import ObjectivesFormMixin
from .editor_sides_form import SidesFormMixin
from .editor_squads_form import SquadsFormMixin
from .editor_story_form import StoryFormMixin
from .editor_triggers_form import TriggersFormMixin, parse_units
from .editor_windows import HELP, WindowsMixin


class FormsMixin(
    WindowsMixin,
    MapFormsMixin,
    StoryFormMixin,
    SidesFormMixin,
    SquadsFormMixin,
    AreasFormMixin,
    ObjectivesFormMixin,
    TriggersFormMixin,
):
    """Every form window of the editor."""


__all__ = ["FormsMixin", "HELP", "parse_units"]
