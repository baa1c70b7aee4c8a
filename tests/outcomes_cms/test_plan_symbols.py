"""Every pictogram the plan on a page can pick for a statement has a drawing."""

from outcomes_cms.plan_symbols import DRAWINGS, PICTOGRAMS, pictogram_for


def test_every_pictogram_picked_has_a_drawing():
    assert {name for _, name in PICTOGRAMS} == set(DRAWINGS)


def test_a_statement_picks_its_pictogram_by_its_words():
    assert pictogram_for("I am safe at home") == "house"
    assert pictogram_for("My voice is heard") == "speech"
    assert pictogram_for("I like trains") is None
