"""Properties every comment must keep, whatever it says: for any text at all (emoji, right-to-left
script, control characters, very long words), the analysis answers and never crashes."""

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engagement.analysis import analyse, default_codebook
from engagement.analysis.personal_data import find_personal_data, redact
from engagement.analysis.polarity import polarity

SENTIMENTS = {"positive", "negative", "mixed", "neutral"}
KEYS = {theme.key for theme in default_codebook().themes}

any_text = st.text(max_size=400)
phone = st.from_regex(r"07700 ?900\d{3}", fullmatch=True)
email = st.from_regex(r"[a-z]{2,8}\.[a-z]{2,8}@example\.com", fullmatch=True)
# The same examples on every run, so CI is repeatable; widen max_examples locally to search.
FAST = settings(
    max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@FAST
@given(st.lists(any_text, min_size=1, max_size=8))
def test_every_comment_gets_an_answer_of_the_right_shape(texts):
    results = analyse(pd.DataFrame({"text": texts}))
    assert len(results) == len(texts)
    for row in results.itertuples():
        assert set(row.themes) <= KEYS
        assert row.sentiment in SENTIMENTS
        assert -1.0 <= row.polarity <= 1.0
        assert isinstance(row.safeguarding, bool)
        assert bool(row.safeguarding_reasons) == row.safeguarding
        assert row.safeguarding_tier in {"urgent", "check", ""}
        assert bool(row.safeguarding_tier) == row.safeguarding
        assert bool(row.personal_data_kinds) == row.personal_data


@FAST
@given(any_text)
def test_polarity_stays_between_minus_one_and_one(text):
    assert -1.0 <= polarity(text) <= 1.0


@FAST
@given(any_text)
def test_redacting_twice_changes_nothing_more(text):
    once = redact(text)
    assert redact(once) == once


@FAST
@given(any_text, any_text, st.one_of(phone, email))
def test_a_phone_number_or_email_never_survives_redaction(before, after, contact):
    text = f"{before} {contact} {after}"
    assert any(found.kind in ("phone", "email") for found in find_personal_data(text))
    assert contact not in redact(text)
