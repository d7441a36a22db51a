"""Every kind of edit is undoable, and redo gives back exactly the same document; and
what each edit does: units, squads, patrols, objects, sides, zones, areas,
objectives, triggers, the briefing, selections, paste between maps, resize."""

from __future__ import annotations

import numpy as np
import pytest
from test_editor_document import snapshot, yard

from alma_tactics.editor import (
    Anchor,
    History,
    MapDocument,
    Symmetry,
    Transform,
    problems,
    references,
)
from alma_tactics.editor import painting as P
from alma_tactics.editor import regions as R
from alma_tactics.editor import script as X
from alma_tactics.editor import sides as S
from alma_tactics.editor import things as T

EDITS = {
    # terrain
    "brush": lambda d: P.brush(d, 6, 4, "T", size=5),
    "round brush, symmetric": lambda d: P.brush(d, 1, 1, "~", 3, P.Shape.ROUND, Symmetry.BOTH),
    "line": lambda d: P.line(d, 0, 7, 11, 0, "=", size=2),
    "rectangle": lambda d: P.rectangle(d, 1, 1, 10, 6, "n", filled=False),
    "flood fill": lambda d: P.flood_fill(d, 0, 0, ","),
    "erase": lambda d: P.erase(d, 3, 2, size=3),
    "tower": lambda d: P.place_tower(d, 0, 7, Symmetry.HORIZONTAL),
    "symmetrize": lambda d: P.symmetrize(d, Symmetry.POINT),
    # units
    "add unit": lambda d: T.add_unit(d, "sentry", "calendrea", 9, 1, facing=4, name="Kel"),
    "move unit": lambda d: T.move_unit(d, "u2", 1, 6),
    "turn unit": lambda d: T.turn_unit(d, "davis", 3),
    "face unit": lambda d: T.face_unit(d, "u2", 6),
    "rename unit": lambda d: T.update_unit(d, "u2", id="kowalski", name="Kowalski"),
    "set kit": lambda d: T.set_kit(d, "u2", {"smoke": 2, "emp": 1}),
    "set ammo": lambda d: T.set_ammo(d, "davis", {"assault_rifle": 5}),
    "clear kit": lambda d: T.set_kit(d, "davis", None),
    "delete unit": lambda d: T.remove_unit(d, "davis"),
    "delete units": lambda d: T.remove_units(d, ["u2", "sentry"]),
    "board": lambda d: T.board(d, "u2", "truck"),
    "unboard": lambda d: T.unboard(d, "u4", 1, 0),
    # patrols
    "add waypoint": lambda d: T.add_waypoint(d, "sentry", 9, 6),
    "insert waypoint": lambda d: T.add_waypoint(d, "sentry", 9, 6, index=1),
    "first waypoint": lambda d: T.add_waypoint(d, "brute", 8, 6),
    "move waypoint": lambda d: T.move_waypoint(d, "sentry", 1, 10, 2),
    "remove waypoint": lambda d: T.remove_waypoint(d, "sentry", 0),
    "set patrol": lambda d: T.set_patrol(d, "sentry", [(1, 1), (2, 2), (3, 3)]),
    # squads
    "add squad": lambda d: T.add_squad(d, "calendrea", name="Watch"),
    "group units": lambda d: T.group_units(d, ["sentry", "brute"], name="Yard watch"),
    "assign squad": lambda d: T.assign_squad(d, ["truck"], "alpha"),
    "leave squad": lambda d: T.assign_squad(d, ["davis"], None),
    "rename squad": lambda d: T.update_squad(d, "alpha", id="bravo", name="Bravo"),
    "delete squad": lambda d: T.remove_squad(d, "alpha"),
    # objects
    "add spotlight": lambda d: T.add_spotlight(d, 9, 3, direction=180, cone=60, generator="gen"),
    "add generator": lambda d: T.add_generator(d, 10, 2),
    "add charge": lambda d: T.add_charge(d, 1, 2, side="alliance"),
    "add crate": lambda d: T.add_crate(d, 8, 6, {"emp": 1}),
    "add marker": lambda d: T.add_marker(d, 7, 7, "Exfil"),
    "move object": lambda d: T.move_object(d, "o4", 10, 7),
    "aim light": lambda d: T.aim_light(d, "lamp", 270, cone=45),
    "link light": lambda d: T.link_light(d, "o3", "gen"),
    "unlink light": lambda d: T.unlink_light(d, "lamp", self_powered=True),
    "rename generator": lambda d: T.update_object(d, "gen", id="dynamo"),
    "delete object": lambda d: T.remove_object(d, "gen"),
    "delete objects": lambda d: T.remove_objects(d, ["o3", "cp"]),
    # sides
    "add side": lambda d: S.add_side(d, "calendrea", controller="ai", difficulty="easy"),
    "change side": lambda d: S.update_side(d, "calendrea", controller="human", colour="#123456"),
    "rename side": lambda d: S.update_side(d, "calendrea", id="occupiers"),
    "delete side": lambda d: S.remove_side(d, "calendrea"),
    "delete side only": lambda d: S.remove_side(d, "alliance", cascade=False),
    "add zone": lambda d: S.add_deploy_zone(d, "alliance", (3, 7, 0, 6)),
    "first zone": lambda d: S.add_deploy_zone(d, "calendrea", (9, 0, 11, 2)),
    "remove zone": lambda d: S.remove_deploy_zone(d, "alliance", 0),
    "cut zone": lambda d: S.cut_deploy(d, "alliance", (0, 2, 0, 3)),
    "paint zone": lambda d: S.paint_deploy(d, "calendrea", P.brush_cells(10, 6, 3)),
    "erase zone": lambda d: S.paint_deploy(d, "alliance", P.brush_cells(1, 1), erase=True),
    # areas, objectives, triggers
    "add area": lambda d: X.add_area(d, (9, 5, 7, 3), name="Trees"),
    "change area": lambda d: X.update_area(d, "hut", rect=(1, 1, 6, 5), name="Hut"),
    "rename area": lambda d: X.update_area(d, "hut", id="shack"),
    "delete area": lambda d: X.remove_area(d, "hut"),
    "add objective": lambda d: X.add_objective(d, "Live", "alliance", kind="secondary"),
    "rename objective": lambda d: X.update_objective(d, "take_hut", id="hut", text="Hut!"),
    "delete objective": lambda d: X.remove_objective(d, "take_hut"),
    "add trigger": lambda d: X.add_trigger(
        d, [X.condition_template(d, "turn")], [X.effect_template(d, "message")], once=False
    ),
    "change trigger": lambda d: X.update_trigger(d, "t2", once=False, id="wake"),
    "delete trigger": lambda d: X.remove_trigger(d, "taken"),
    "move trigger": lambda d: X.move_trigger(d, "t3", 0),
    "add condition": lambda d: X.add_condition(d, "t3", {"turn": 2}),
    "set effect": lambda d: X.set_step(d, "taken", "then", 0, {"message": "Ours."}),
    "remove effect": lambda d: X.remove_step(d, "taken", "then", 1),
    # words
    "title": lambda d: X.set_meta(d, title="New title", ambient="dusk"),
    "author removed": lambda d: X.set_meta(d, author=None),
    "briefing": lambda d: X.set_briefing(d, 'Go in "quietly".\nCome back.\n'),
    "description": lambda d: X.set_description(d, "One line."),
    "story": lambda d: X.set_story(d, text="Changed.", turns=12),
    "no story": lambda d: X.set_story(d, losses=None, text=None),
    # selections and the whole map
    "flip h": lambda d: R.flip_region(d, (0, 0, 6, 5)),
    "flip v": lambda d: R.flip_region(d, (0, 0, 6, 5), horizontal=False),
    "rotate cw": lambda d: R.rotate_region(d, (1, 0, 6, 4)),
    "rotate ccw": lambda d: R.rotate_region(d, (1, 0, 6, 4), clockwise=False),
    "rotate 180": lambda d: R.transform_region(d, (6, 0, 11, 7), Transform.ROTATE_180),
    "delete selection": lambda d: R.delete_region(d, (0, 0, 4, 4)),
    "move selection": lambda d: R.move_region(d, (6, 0, 11, 3), -2, 3),
    "paste": lambda d: R.paste(d, R.copy_region(d, (0, 0, 5, 5)), 6, 2),
    "grow": lambda d: R.resize(d, 20, 12, Anchor.BOTTOM_RIGHT),
    "shrink": lambda d: R.resize(d, 7, 5, Anchor.CENTER),
    "crop": lambda d: R.crop(d, (2, 1, 9, 6)),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_every_edit_undoes_and_redoes_exactly(name: str) -> None:
    doc = yard()
    original, original_doc = snapshot(doc), doc.to_doc()
    history = History(doc)
    edit = EDITS[name](doc)
    assert edit is not None, "the edit should change something"
    assert history.do(edit)
    done, done_doc = snapshot(doc), doc.to_doc()
    assert done != original
    assert history.undo()
    assert snapshot(doc) == original
    assert doc.to_doc() == original_doc
    assert not history.dirty
    assert history.redo()
    assert snapshot(doc) == done
    assert doc.to_doc() == done_doc
    assert history.undo() and history.redo() and snapshot(doc) == done  # and again
    assert history.undo_label


# --- units, squads, patrols -------------------------------------------------------------------


def run(doc: MapDocument, *edits) -> History:
    history = History(doc)
    for edit in edits:
        history.do(edit(doc) if callable(edit) else edit)
    return history


def test_a_new_unit_gets_its_own_id_and_tidy_keys() -> None:
    doc = yard()
    run(doc, T.add_unit(doc, "sentry", "calendrea", 9, 1, name="Kel", squad=None, facing=4))
    assert doc.units[-1] == {
        "id": "sentry1",
        "type": "sentry",
        "side": "calendrea",
        "at": [9, 1],
        "facing": 4,
        "name": "Kel",
    }
    run(doc, T.add_unit(doc, "sentry", "calendrea", 9, 2))
    assert doc.unit_ids()[-1] == "sentry2"


def test_new_keys_go_where_the_format_lists_them() -> None:
    doc = yard()
    run(doc, T.update_unit(doc, "truck", name="Old truck", facing=2))
    assert list(doc.find("unit", "truck")) == ["id", "type", "side", "at", "facing", "name"]


def test_deleting_a_unit_keeps_the_others_ids() -> None:
    doc = yard()
    run(doc, T.remove_unit(doc, "davis"))
    assert doc.unit_ids() == ["u2", "truck", "u4", "sentry", "brute"]
    assert doc.units[0]["id"] == "u2"  # pinned: it was u2 by position
    assert doc.triggers[1]["when"][0] == {"destroyed": "u2"}  # still names the same marine


def test_renaming_a_unit_renames_its_references() -> None:
    doc = yard()
    run(doc, T.update_unit(doc, "u2", id="kowalski"), T.update_unit(doc, "truck", id="lorry"))
    assert doc.triggers[1]["when"][0] == {"destroyed": "kowalski"}
    assert doc.find("unit", "u4")["carried_by"] == "lorry"
    assert problems(doc) == []


def test_group_units_into_a_new_squad() -> None:
    doc = yard()
    run(doc, T.group_units(doc, ["sentry", "brute"], name="Yard watch"))
    squad = doc.squads[-1]
    assert squad == {"id": "squad1", "side": "calendrea", "name": "Yard watch"}
    assert doc.find("unit", "sentry")["squad"] == "squad1"
    assert doc.find("unit", "brute")["squad"] == "squad1"
    assert problems(doc) == []
    run(doc, T.remove_squad(doc, "squad1"))
    assert "squad" not in doc.find("unit", "sentry")


def test_a_patrol_is_drawn_by_clicking_waypoints() -> None:
    doc = yard()
    history = run(doc)
    for x, y in ((8, 6), (11, 3), (9, 1)):
        history.do(T.add_waypoint(doc, "brute", x, y))
    assert doc.find("unit", "brute")["patrol"] == [[8, 6], [11, 3], [9, 1]]
    history.do(T.remove_waypoint(doc, "brute", 1))
    history.do(T.remove_waypoint(doc, "brute", 0))
    history.do(T.remove_waypoint(doc, "brute", 0))
    assert "patrol" not in doc.find("unit", "brute")
    assert T.move_waypoint(doc, "sentry", 0, 7, 1) is None


def test_boarding_a_transport() -> None:
    doc = yard()
    run(doc, T.board(doc, "u2", "truck"))
    marine = doc.find("unit", "u2")
    assert marine["carried_by"] == "truck" and "at" not in marine
    assert problems(doc) == []


def test_things_at_a_tile() -> None:
    doc = yard()
    assert T.things_at(doc, 11, 6) == [("unit", 5)]  # the 2x2 brute covers [10..11, 5..6]
    assert T.things_at(doc, 0, 0) == [("unit", 2)]  # the truck; its rider is not on the map
    assert T.things_at(doc, 4, 3) == [("object", 4)]
    assert T.things_at(doc, 5, 5) == []


# --- objects ----------------------------------------------------------------------------------


def test_spotlights_and_generators() -> None:
    doc = yard()
    assert T.nearest_generator(doc, 9, 3) == "gen"
    run(doc, T.add_spotlight(doc, 9, 3, direction=180, cone=60, generator="gen"))
    assert doc.objects[-1] == {
        "id": "lamp1",
        "kind": "spotlight",
        "at": [9, 3],
        "radius": 6,
        "direction": 180,
        "cone": 60,
        "generator": "gen",
    }
    assert T.lights_of(doc, "gen") == ["lamp", "lamp1"]
    run(doc, T.link_light(doc, "o3", "gen"))
    assert "self_powered" not in doc.find("object", "o3")
    assert problems(doc) == []
    run(doc, T.update_object(doc, "gen", id="dynamo"))
    assert T.lights_of(doc, "dynamo") == ["lamp", "o3", "lamp1"]
    run(doc, T.unlink_light(doc, "lamp"))
    assert [p.key for p in problems(doc)] == ["object[1]"]  # fed by nothing now
    assert problems(doc)[0].tile == (6, 1)


# --- sides and zones --------------------------------------------------------------------------


def test_renaming_a_side_renames_every_reference() -> None:
    doc = yard()
    run(doc, S.update_side(doc, "calendrea", id="occupiers"))
    assert references(doc, "side", "calendrea") == []
    assert len(references(doc, "side", "occupiers")) == 6
    assert doc.story["losses"] == {"alliance": 1, "occupiers": 4}
    assert problems(doc) == []


def test_removing_a_side_takes_its_units_squads_and_objectives() -> None:
    doc = yard()
    run(doc, S.remove_side(doc, "alliance"))
    assert doc.unit_ids() == ["sentry", "brute"]
    assert doc.squads == [] and doc.objectives == []
    assert "squad" not in doc.to_doc()  # an emptied [[array]] is not written
    assert {p.key for p in problems(doc)} >= {"trigger[0].when[0].enters.side"}


def test_a_new_side_gets_a_free_colour() -> None:
    doc = yard()
    run(doc, S.add_side(doc, "calendrea"))
    assert doc.sides[-1]["id"] == "calendrea1"
    assert doc.sides[-1]["colour"] == "#c8503c"
    run(doc, S.add_side(doc, "alliance"))
    assert doc.sides[-1]["colour"] not in ("#3c8cdc", "#c8503c")
    assert problems(doc) == []


def test_deployment_zones_painted_and_cut() -> None:
    doc = yard()
    run(doc, S.cut_deploy(doc, "alliance", (0, 2, 1, 3)))
    assert S.deploy_zones(doc, "alliance") == [(0, 0, 1, 1), (0, 4, 1, 7)]
    run(doc, S.paint_deploy(doc, "alliance", P.rect_cells(0, 2, 1, 3)))
    assert S.deploy_zones(doc, "alliance") == [(0, 0, 1, 7)]
    mask = S.deploy_mask(doc, "alliance")
    assert mask.sum() == 16 and mask[:, :2].all()
    run(doc, S.paint_deploy(doc, "calendrea", P.brush_cells(10, 6, 3)))
    assert S.deploy_zones(doc, "calendrea") == [(9, 5, 11, 7)]
    assert S.paint_deploy(doc, "calendrea", P.brush_cells(10, 6)) is None
    assert problems(doc) == []


def test_mask_rects_cover_a_mask_exactly() -> None:
    rng = np.random.default_rng(5)
    for _ in range(20):
        mask = rng.random((9, 13)) < 0.4
        got = np.zeros_like(mask)
        for x0, y0, x1, y1 in S.mask_rects(mask):
            assert not got[y0 : y1 + 1, x0 : x1 + 1].any()  # no overlaps
            got[y0 : y1 + 1, x0 : x1 + 1] = True
        assert (got == mask).all()


# --- areas, objectives, triggers, words ---------------------------------------------------------


def test_areas_and_objectives_renamed_in_triggers() -> None:
    doc = yard()
    run(doc, X.update_area(doc, "hut", id="shack"), X.update_objective(doc, "take_hut", id="hut"))
    assert doc.triggers[0]["when"][0] == {"enters": {"side": "alliance", "area": "shack"}}
    assert doc.triggers[0]["then"][1] == {"objective": {"id": "hut", "status": "done"}}
    assert problems(doc) == []


def test_trigger_forms() -> None:
    doc = yard()
    for kind in X.CONDITION_KINDS:
        step = X.condition_template(doc, kind)
        run(doc, X.add_condition(doc, "t3", step))
    for kind in X.EFFECT_KINDS:
        run(doc, X.add_effect(doc, "t3", X.effect_template(doc, kind)))
    assert len(doc.triggers[2]["when"]) == 1 + len(X.CONDITION_KINDS)
    keys = [p.key for p in problems(doc)]
    assert keys == ["trigger[2].then[1].message"]  # an empty message must be filled in
    assert X.describe_step({"enters": {"side": "a", "area": "b"}}) == "enters: side a, area b"
    assert X.describe_step({"turn": 3}) == "turn: 3"
    with pytest.raises(ValueError):
        X.condition_template(doc, "sunset")


def test_briefing_and_story() -> None:
    doc = yard()
    run(doc, X.set_briefing(doc, "Line one.\nLine two.\n"), X.set_story(doc, turns=9))
    data = doc.to_doc()
    assert data["scenario"]["briefing"] == "Line one.\nLine two.\n"
    assert list(data["story"]) == ["losses", "text", "turns"]
    run(doc, X.set_story(doc, losses=None, text=None, turns=None))
    assert "story" not in doc.to_doc()
    run(doc, X.set_story(doc, text="Back."))
    assert list(doc.to_doc())[-1] == "story"


# --- selections, paste, resize ------------------------------------------------------------------


def test_copy_paste_between_maps(catalog) -> None:
    source = yard()
    clip = R.copy_region(source, (0, 0, 5, 4))
    assert (clip.width, clip.height) == (6, 5)
    assert [u["id"] for u in clip.units] == ["davis", "u2", "truck", "u4"]  # the rider too
    assert [o["id"] for o in clip.objects] == ["gen", "cp"]
    target = MapDocument.new(16, 12, catalog=catalog)
    run(target, R.paste(target, clip, 10, 7))
    assert (target.terrain[7:12, 10:16] == source.terrain[0:5, 0:6]).all()
    assert target.unit_ids() == ["davis", "u2", "truck", "u4"]
    assert target.find("unit", "davis")["at"] == [10, 9]
    assert "squad" not in target.find("unit", "davis")  # no squad "alpha" over there
    assert target.find("unit", "u4")["carried_by"] == "truck"
    run(target, R.paste(target, clip, 0, 0))  # again: the ids are taken now
    assert target.unit_ids()[4:] == ["davis1", "u1", "truck1", "u3"]
    assert target.find("unit", "u3")["carried_by"] == "truck1"
    assert problems(target) == []


def test_paste_cuts_what_leaves_the_map() -> None:
    doc = yard()
    clip = R.copy_region(doc, (6, 0, 11, 7))
    run(doc, R.paste(doc, clip, 8, 4))
    assert doc.unit_ids().count("brute") == 1  # the pasted brute would stand off the map
    assert doc.terrain[4, 8] == clip.terrain[0, 0]


def test_flip_moves_things_and_turns_them(catalog) -> None:
    doc = yard()
    run(doc, R.flip_region(doc, (0, 0, 11, 7)))
    assert (doc.terrain == yard().terrain[:, ::-1]).all()
    assert doc.find("unit", "davis")["at"] == [11, 2]
    assert doc.find("unit", "davis")["facing"] == 6  # east becomes west
    assert doc.find("unit", "brute")["at"] == [0, 5]  # a 2x2 footprint stays on its tiles
    assert doc.find("unit", "sentry")["patrol"] == [[4, 1], [4, 6]]
    assert doc.find("object", "lamp")["direction"] == 180


def test_rotate_a_selection_in_place() -> None:
    doc = MapDocument.new(6, 6)
    doc.terrain[0, 0:3] = 5  # a wall along the top of the selection
    run(doc, T.add_unit(doc, "marine", "alliance", 2, 0, facing=2))
    run(doc, R.rotate_region(doc, (0, 0, 2, 1)))  # 3x2 -> 2x3
    assert doc.terrain[:3, :2].tolist() == [[0, 5], [0, 5], [0, 5]]
    assert doc.terrain[0, 2] == 0  # the cell the rotation left is cleared
    assert doc.units[0]["at"] == [1, 2]
    assert doc.units[0]["facing"] == 4
    with pytest.raises(ValueError):
        R.rotate_region(doc, (0, 4, 5, 5))


def test_clip_transforms() -> None:
    doc = yard()
    clip = R.copy_region(doc, (6, 0, 11, 7))
    for transform in Transform:
        turned = clip.transformed(transform)
        assert (turned.terrain == transform.array(clip.terrain)).all()
    back = clip.transformed(Transform.ROTATE_CW).transformed(Transform.ROTATE_CCW)
    assert [u["at"] for u in back.units] == [u["at"] for u in clip.units]
    assert back.objects == clip.objects
    assert [u.get("facing", 0) for u in back.units] == [u.get("facing", 0) for u in clip.units]
    twice = clip.transformed(Transform.FLIP_H).transformed(Transform.FLIP_H)
    assert twice.units == clip.units


@pytest.mark.parametrize(
    ("anchor", "offset"),
    [
        (Anchor.TOP_LEFT, (0, 0)),
        (Anchor.TOP, (2, 0)),
        (Anchor.TOP_RIGHT, (4, 0)),
        (Anchor.CENTER, (2, 1)),
        (Anchor.BOTTOM_LEFT, (0, 2)),
        (Anchor.BOTTOM_RIGHT, (4, 2)),
    ],
)
def test_resize_keeps_content_at_the_anchor(anchor, offset) -> None:
    doc = yard()
    before = doc.terrain.copy()
    water = doc.catalog.terrain_by_id("water").index
    run(doc, R.resize(doc, 16, 10, anchor, fill=water))
    dx, dy = offset
    assert doc.size == (16, 10)
    assert (doc.terrain[dy : dy + 8, dx : dx + 12] == before).all()
    assert (doc.terrain == water).sum() == 16 * 10 - 12 * 8
    assert doc.find("unit", "davis")["at"] == [0 + dx, 2 + dy]
    assert doc.find("unit", "sentry")["patrol"] == [[7 + dx, 1 + dy], [7 + dx, 6 + dy]]
    assert doc.find("area", "hut")["rect"] == [2 + dx, 1 + dy, 5 + dx, 4 + dy]
    assert doc.sides[0]["deploy"] == [[dx, dy, 1 + dx, 7 + dy]]
    unit = doc.triggers[1]["then"][0]["reinforce"]["units"][0]
    assert unit["at"] == [11 + dx, 7 + dy]
    assert problems(doc) == []


def test_shrinking_drops_what_falls_off() -> None:
    doc = yard()
    run(doc, R.resize(doc, 8, 8, Anchor.TOP_RIGHT))  # the left four columns go
    assert doc.unit_ids() == ["sentry", "brute"]  # the rider u4 went with its truck
    assert doc.find("area", "hut")["rect"] == [0, 1, 1, 4]
    assert "deploy" not in doc.sides[0]
    assert doc.find("unit", "sentry")["at"] == [3, 1]
    assert doc.find("object", "lamp")["at"] == [2, 1]
    assert "gen" not in doc.object_ids() and "cp" in doc.object_ids()


def test_move_selection_keeps_ids() -> None:
    doc = yard()
    run(doc, R.move_region(doc, (6, 0, 11, 3), -2, 3))
    assert doc.find("unit", "sentry")["at"] == [5, 4]
    assert doc.find("object", "lamp")["at"] == [4, 4]
    assert doc.find("object", "lamp")["generator"] == "gen"
