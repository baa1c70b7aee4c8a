"""Names, numbers and addresses are found and replaced by placeholders; ordinary words are not."""

import pytest

from engagement.analysis.personal_data import find_personal_data, redact

REDACTED = [
    (
        "Mrs Smith at Oakwood Primary School is amazing with my son Jack",
        "[name] at [school] is amazing with my son [name]",
    ),
    ("my teacher mr khan helps me", "my teacher [name] helps me"),
    (
        "Call me on 07700 900123 or email jo.bloggs@example.com",
        "Call me on [phone] or email [email]",
    ),
    ("Tel: 0161 496 0000", "Tel: [phone]"),
    ("We live at 12 Oak Road, Rochdale OL16 1AB", "We live at [address], Rochdale [postcode]"),
    (
        "He was born on 12/03/2012 and diagnosed at 5",
        "He was born on [date of birth] and diagnosed at 5",
    ),
    ("My birthday is 3rd March 2010", "My birthday is [date of birth]"),
    ("My daughter, Aisha, loves the club", "My daughter, [name], loves the club"),
    ("a boy called Tom pushed me", "a boy called [name] pushed me"),
    ("aisha and me go to youth club", "[name] and me go to youth club"),
    ("Jack Williams from class bullies me", "[name] from class bullies me"),
    (
        "The SENCo at St Mary's Primary, Miss Jones, never replies",
        "The SENCo at [school], [name], never replies",
    ),
]

UNTOUCHED = [
    "I miss my friends",
    "Will you help us?",
    "I waited 18 months for an appointment",
    "We had a 2 hour drive to the hospital",
    "The Special School is great",
    "My son goes to Springfield Academy",  # a school alone names nobody
    "May is the best month",
    "I have 3 brothers and 2 sisters",
    "The TIA clinic was quick",
]


@pytest.mark.parametrize(("text", "redacted"), REDACTED)
def test_personal_data_is_replaced_by_placeholders(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize("text", UNTOUCHED)
def test_ordinary_words_are_left_alone(text):
    assert find_personal_data(text) == []
    assert redact(text) == text


def test_each_find_says_what_kind_it_is():
    found = find_personal_data("Ring 07700 900123, ask for Dr Patel")
    assert [item.kind for item in found] == ["phone", "name"]
