"""The default codebook themes SEND comments, and says why: spelling, acronyms, inflections,
negation and safe uses of ambiguous words."""

import pytest

from engagement.analysis.codebook import Codebook, default_codebook


@pytest.fixture(scope="module")
def codebook():
    return default_codebook()


def keys(codebook, text):
    return [match.key for match in codebook.match_text(text)]


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("We waited two years for a speech and language assessment", "waiting"),
        ("We waited two years for a speech and language assessment", "health"),
        ("the taxi to school is always late", "transport"),
        ("Nobody asked me what I wanted in my EHCP", "voice"),
        ("Nobody asked me what I wanted in my EHCP", "ehcp"),
        ("I didn't get a say in my annual review", "ehcp"),
        ("My son's SENCO is amazing", "school"),
        ("The E.H.C.P was late again", "ehcp"),
        ("CAMHS discharged her after 2 sessions", "wellbeing"),
        ("We have had no respite for 3 years and I am exhausted", "carers"),
        ("I want to go to colledge and get a job", "adulthood"),
        ("I have no freinds and get bulied at skool", "belonging"),
        ("I have no freinds and get bulied at skool", "safety"),
        ("i get anxios on the bus", "wellbeing"),
        ("my teecher dosent lisen to me", "voice"),
        ("The OT gave him a special chair", "health"),
        ("Staff do not understand autism", "staff"),
    ],
)
def test_comments_get_the_themes_they_are_about(codebook, text, theme):
    assert theme in keys(codebook, text)


@pytest.mark.parametrize(
    "text",
    ["Nothing", "its ok i guess", "salt on my chips", "Ta for the help", "no comment"],
)
def test_comments_about_nothing_in_particular_get_no_theme(codebook, text):
    assert keys(codebook, text) == []


def test_ambiguous_acronyms_count_only_in_capitals(codebook):
    assert "health" in keys(codebook, "We need more SALT sessions")
    assert "health" not in keys(codebook, "too much salt in the dinners")


def test_each_theme_says_why(codebook):
    (transport,) = [m for m in codebook.match_text("The taxi was late") if m.key == "transport"]
    assert "taxi" in transport.reasons
    assert 0.5 <= transport.confidence <= 1


def test_a_misspelling_is_explained(codebook):
    (match,) = [m for m in codebook.match_text("i get anxios") if m.key == "wellbeing"]
    assert '"anxios" (anxious)' in match.reasons  # a common misspelling, mended
    (match,) = [m for m in codebook.match_text("my freindship group") if m.key == "belonging"]
    assert '"freindship" (read as friendship)' in match.reasons  # one slip from a keyword


def test_negation_is_shown_in_the_reasons(codebook):
    (match,) = [m for m in codebook.match_text("I am not happy") if m.key == "wellbeing"]
    assert "not happy" in match.reasons


def test_a_supporting_word_alone_is_not_enough(codebook):
    assert "school" not in keys(codebook, "I like school")
    assert "school" in keys(codebook, "I like school because my TA helps me with reading")


def test_an_officers_codebook_is_read_from_a_dict():
    food = {"key": "food", "name": "Food", "keywords": ["lunch"], "phrases": ["hot meal"]}
    codebook = Codebook.from_dict({"themes": [food]})
    assert [m.key for m in codebook.match_text("School lunches are cold")] == ["food"]
    assert [m.key for m in codebook.match_text("I want a hot meal")] == ["food"]


def test_a_codebook_needs_distinct_keys():
    with pytest.raises(ValueError, match="repeated: food"):
        Codebook.from_dict({"themes": [{"key": "food"}, {"key": "food"}]})
