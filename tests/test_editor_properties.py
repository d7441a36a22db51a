"""Random edit sequences (Hypothesis): undoing any number of steps gives back exactly
the document of that moment, undo-all gives back the original, redo-all the end;
and the document saves and loads back unchanged whatever was done to it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_editor_document import snapshot, yard

from alma_tactics.editor import Anchor, History, MapDocument, Shape, Symmetry, Transform
from alma_tactics.editor import painting as P
from alma_tactics.editor import regions as R
from alma_tactics.editor import script as X
from alma_tactics.editor import sides as S
from alma_tactics.editor import things as T

UNIT_TYPES = ("marine", "sentry", "brute", "truck", "sniper")
OBJECT_KINDS = ("spotlight", "generator", "charge", "crate", "marker")


def pick(items: list, n: int):
    return items[n % len(items)] if items else None


def xy(doc: MapDocument, a: int, b: int) -> tuple[int, int]:
    return a % (doc.width + 2) - 1, b % (doc.height + 2) - 1  # off the map by one, sometimes


# Each operation: (name, function of (doc, ints) -> edit or None). They may make the
# document invalid (a unit on a wall, a dangling reference): the editor allows that.
OPS = {
    "brush": lambda d, n: P.brush(
        d,
        *xy(d, n[0], n[1]),
        n[2] % 16,
        1 + n[3] % 5,
        list(Shape)[n[4] % 2],
        list(Symmetry)[n[5] % 5],
    ),
    "line": lambda d, n: P.line(d, *xy(d, n[0], n[1]), *xy(d, n[2], n[3]), n[4] % 16, 1 + n[5] % 3),
    "rectangle": lambda d, n: P.rectangle(
        d, *xy(d, n[0], n[1]), *xy(d, n[2], n[3]), n[4] % 16, bool(n[5] % 2)
    ),
    "fill": lambda d, n: P.flood_fill(
        d, n[0] % d.width, n[1] % d.height, n[2] % 16, list(Symmetry)[n[3] % 5], bool(n[4] % 2)
    ),
    "erase": lambda d, n: P.erase(d, *xy(d, n[0], n[1]), 1 + n[2] % 4),
    "symmetrize": lambda d, n: P.symmetrize(d, list(Symmetry)[n[0] % 5]),
    "add unit": lambda d, n: T.add_unit(
        d, pick(list(UNIT_TYPES), n[0]), pick(d.ids("side"), n[1]) or "x", *xy(d, n[2], n[3])
    ),
    "move unit": lambda d, n: d.units and T.move_unit(d, n[0] % len(d.units), *xy(d, n[1], n[2])),
    "turn unit": lambda d, n: d.units and T.turn_unit(d, n[0] % len(d.units), n[1]),
    "rename unit": lambda d, n: d.units and T.update_unit(d, n[0] % len(d.units), id=f"r{n[1]}"),
    "name unit": lambda d, n: d.units and T.update_unit(d, n[0] % len(d.units), name=f"N{n[1]}"),
    "kit": lambda d, n: d.units and T.set_kit(d, n[0] % len(d.units), {"smoke": n[1] % 3}),
    "delete unit": lambda d, n: d.units and T.remove_unit(d, n[0] % len(d.units)),
    "waypoint": lambda d, n: d.units and T.add_waypoint(d, n[0] % len(d.units), *xy(d, n[1], n[2])),
    "drop waypoint": lambda d, n: (
        (u := [i for i, t in enumerate(d.units) if t.get("patrol")])
        and T.remove_waypoint(d, pick(u, n[0]), 0)
    ),
    "group": lambda d, n: (
        len(d.units) > 1 and T.group_units(d, [n[0] % len(d.units), n[1] % len(d.units)], name="G")
    ),
    "delete squad": lambda d, n: d.squads and T.remove_squad(d, n[0] % len(d.squads)),
    "add object": lambda d, n: T.add_object(d, pick(list(OBJECT_KINDS), n[0]), *xy(d, n[1], n[2])),
    "move object": lambda d, n: (
        d.objects and T.move_object(d, n[0] % len(d.objects), *xy(d, n[1], n[2]))
    ),
    "link": lambda d, n: (
        d.objects and T.link_light(d, n[0] % len(d.objects), pick(d.object_ids(), n[1]))
    ),
    "rename object": lambda d, n: (
        d.objects and T.update_object(d, n[0] % len(d.objects), id=f"q{n[1]}")
    ),
    "delete object": lambda d, n: d.objects and T.remove_object(d, n[0] % len(d.objects)),
    "add side": lambda d, n: S.add_side(d, pick(["alliance", "calendrea"], n[0])),
    "rename side": lambda d, n: d.sides and S.update_side(d, n[0] % len(d.sides), id=f"s{n[1]}"),
    "side colour": lambda d, n: (
        d.sides and S.update_side(d, n[0] % len(d.sides), colour=f"#{n[1] % 256:02x}0000")
    ),
    "delete side": lambda d, n: d.sides and S.remove_side(d, n[0] % len(d.sides), bool(n[1] % 2)),
    "zone": lambda d, n: (
        d.sides
        and S.paint_deploy(d, n[0] % len(d.sides), P.brush_cells(*xy(d, n[1], n[2]), 3), n[3] % 2)
    ),
    "add area": lambda d, n: X.add_area(d, (*xy(d, n[0], n[1]), *xy(d, n[2], n[3]))),
    "rename area": lambda d, n: d.areas and X.update_area(d, n[0] % len(d.areas), id=f"a{n[1]}"),
    "delete area": lambda d, n: d.areas and X.remove_area(d, n[0] % len(d.areas)),
    "add trigger": lambda d, n: X.add_trigger(
        d,
        [X.condition_template(d, pick(list(X.CONDITION_KINDS), n[0]))],
        [X.effect_template(d, pick(list(X.EFFECT_KINDS), n[1]))],
    ),
    "move trigger": lambda d, n: d.triggers and X.move_trigger(d, n[0] % len(d.triggers), n[1]),
    "delete trigger": lambda d, n: d.triggers and X.remove_trigger(d, n[0] % len(d.triggers)),
    "title": lambda d, n: X.set_meta(d, title=f"Map {n[0]}", briefing=f"Go.\n{n[1]}\n"),
    "story": lambda d, n: X.set_story(d, text=None if n[0] % 2 else "Told.", turns=1 + n[1] % 9),
    "transform": lambda d, n: R.transform_region(
        d, (*xy(d, n[0], n[1]), *xy(d, n[2], n[3])), list(Transform)[n[4] % 5]
    ),
    "delete selection": lambda d, n: R.delete_region(d, (*xy(d, n[0], n[1]), *xy(d, n[2], n[3]))),
    "move selection": lambda d, n: R.move_region(
        d, (*xy(d, n[0], n[1]), *xy(d, n[2], n[3])), n[4] % 5 - 2, n[5] % 5 - 2
    ),
    "paste": lambda d, n: R.paste(
        d, R.copy_region(yard(), (0, 0, 5 + n[0] % 6, 3 + n[1] % 4)), *xy(d, n[2], n[3])
    ),
    "resize": lambda d, n: R.resize(d, 4 + n[0] % 14, 4 + n[1] % 10, list(Anchor)[n[2] % 9]),
}


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(OPS)),
            st.lists(st.integers(0, 1000), min_size=6, max_size=6),
            st.integers(0, 3),  # >0: part of a brush stroke of that many extra dabs
        ),
        max_size=25,
    ),
    st.integers(0, 30),
)
def test_random_edits_then_undo_all_give_back_the_original(steps, partial) -> None:
    doc = yard()
    history = History(doc)
    states = [(snapshot(doc), doc.to_doc())]
    for name, numbers, dabs in steps:
        try:
            if name == "brush" and dabs:
                history.begin_stroke("Paint")
                for k in range(dabs + 1):
                    history.do(OPS[name](doc, [v + 7 * k for v in numbers]) or None)
                done = history.end_stroke()
            else:
                done = history.do(OPS[name](doc, numbers) or None)
        except ValueError:  # a rotation that would leave the map: the tool refuses
            continue
        if done:
            states.append((snapshot(doc), doc.to_doc()))
    assert history.undo_count == len(states) - 1
    # undo some steps: the document is exactly as it was then
    back = min(partial, len(states) - 1)
    for _ in range(back):
        assert history.undo()
    assert snapshot(doc) == states[-1 - back][0]
    assert doc.to_doc() == states[-1 - back][1]
    history.redo_all()
    assert snapshot(doc) == states[-1][0]
    # undo everything: the original; redo everything: the end
    history.undo_all()
    assert snapshot(doc) == states[0][0]
    assert doc.to_doc() == states[0][1]
    assert not history.dirty
    history.redo_all()
    assert snapshot(doc) == states[-1][0]
    assert doc.to_doc() == states[-1][1]


@settings(max_examples=25)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(OPS)), st.lists(st.integers(0, 1000), min_size=6, max_size=6)
        ),
        max_size=12,
    )
)
def test_save_then_load_round_trips_after_any_edits(steps) -> None:
    doc = yard()
    history = History(doc)
    for name, numbers in steps:
        try:
            history.do(OPS[name](doc, numbers) or None)
        except ValueError:
            continue
    with tempfile.TemporaryDirectory() as tmp:
        path = doc.save(Path(tmp) / "map.toml")
        again = MapDocument.open(path)
        assert again.to_doc() == doc.to_doc()
        assert snapshot(again) == snapshot(doc)
