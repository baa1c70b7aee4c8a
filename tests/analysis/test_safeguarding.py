"""Possible disclosures of harm are caught however they are worded; everyday words are not."""

import pytest

from engagement.analysis.safeguarding import (
    ABUSE,
    CARER_AT_BREAKING_POINT,
    EXPLOITATION,
    FEAR_OF_HOME,
    NEGLECT,
    SELF_HARM,
    possible_disclosure,
)

DISCLOSURES = [
    ("Sometimes I want to kill myself", SELF_HARM),
    ("i want to kil my self", SELF_HARM),
    ("I have been cutting myself again", SELF_HARM),
    ("i think about sucide a lot", SELF_HARM),
    ("I don't want to be alive anymore", SELF_HARM),
    ("i dont wanna be here no more", SELF_HARM),
    ("Everyone would be better off without me", SELF_HARM),
    ("Sometimes I feel like ending it all", SELF_HARM),
    ("I wish I was never born", SELF_HARM),
    ("I self harm when I get stressed", SELF_HARM),
    ("my stepdad hits me when mum is out", ABUSE),
    ("My dad hurts me", ABUSE),
    ("He touched me in my private parts", ABUSE),
    ("I keep getting hit at home", ABUSE),
    ("i'm scared of my mums boyfriend", ABUSE),
    ("she locks me in my room", ABUSE),
    ("there is never any food at home and mum is always drunk", NEGLECT),
    ("I get left home alone all weekend", NEGLECT),
    ("older boys give me money to carry parcels", EXPLOITATION),
    ("a man I met online asked me for pictures", EXPLOITATION),
    ("I'm scared to go home", FEAR_OF_HOME),
    ("I don't feel safe at home", FEAR_OF_HOME),
    ("i ran away last week because of my dad", FEAR_OF_HOME),
    ("I'm at breaking point with my son and I'm scared I'll hurt him", CARER_AT_BREAKING_POINT),
    ("I can't cope anymore", CARER_AT_BREAKING_POINT),
    ("we might have to put him into care, I can't keep him safe", CARER_AT_BREAKING_POINT),
]

SAFE_USES = [
    "I feel safe now the bullying has stopped",
    "I hurt my knee at football",
    "This homework is killing me",
    "My head hurts when it is noisy",
    "I'm dying to go to the party",
    "I feel safe at home",
    "Mum helps me with my dinner",
    "I like going home on the bus",
    "I can't wait to go to college",
    "Health and safety stopped the trip",
    "I'd like more food options at lunch",
    "I am happy at home",
    "older children helped me at the club",
    "I struggle to cope with exams",
    "Staff keep me safe",
    "We need more respite",
    "The taxi to school is always late",
]


@pytest.mark.parametrize(("text", "kind"), DISCLOSURES)
def test_disclosures_are_flagged_with_what_was_found(text, kind):
    reasons = possible_disclosure(text)
    assert any(reason.startswith(kind + ":") for reason in reasons), reasons


@pytest.mark.parametrize("text", SAFE_USES)
def test_everyday_uses_of_risky_words_are_not_flagged(text):
    assert possible_disclosure(text) == ()


def test_the_reason_quotes_the_words_that_were_found():
    (reason,) = possible_disclosure("Honestly some days I want to die")
    assert reason == f'{SELF_HARM}: "want to die"'
