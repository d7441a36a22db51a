"""Placing a unit with symmetry on also places its mirror images: on a two-sided map
the image is the other side's (a fair duel map in one click), facing mirrored too."""

from __future__ import annotations

import pytest

from alma_tactics.editor import MapDocument, things


@pytest.fixture
def duel(catalog) -> MapDocument:
    return MapDocument.new(20, 10, catalog=catalog)  # two sides: alliance, calendrea


def test_one_mirror_gives_the_image_to_the_other_side(duel) -> None:
    blue, red = duel.ids("side")
    assert things.unit_images(duel, blue, 2, 3, "horizontal", 1, 2) == [(red, 17, 3, 6)]
    assert things.unit_images(duel, red, 2, 3, "vertical", 1, 1) == [(blue, 2, 6, 3)]
    assert things.unit_images(duel, blue, 2, 3, "point", 1, 2) == [(red, 17, 6, 6)]
    assert things.unit_images(duel, blue, 2, 3, "point", 1, None) == [(red, 17, 6, 4)]


def test_four_quadrants_keep_the_side_and_a_brute_mirrors_its_whole_footprint(duel) -> None:
    blue = duel.ids("side")[0]
    images = things.unit_images(duel, blue, 1, 1, "both", 2, 0)
    assert images == [(blue, 17, 1, 0), (blue, 1, 7, 4), (blue, 17, 7, 4)]


def test_no_symmetry_or_the_centre_line_gives_no_image(duel) -> None:
    blue = duel.ids("side")[0]
    assert things.unit_images(duel, blue, 4, 4, "none") == []
    odd = MapDocument.new(21, 10, catalog=duel.catalog)
    assert things.unit_images(odd, blue, 10, 4, "horizontal") == []
