"""Sentiment on SEND text: complaint words and worry read negative, praise with a complaint is
not positive, a possible disclosure is never praise, and the shipped model is current."""

import pandas as pd
import pytest

from engagement.analysis import analyse
from engagement.analysis.send_sentiment import (
    EXAMPLES,
    default_send_sentiment_model,
    examples_digest,
)


def sentiment_of(text: str) -> str:
    return analyse(pd.DataFrame({"text": [text]})).loc[0, "sentiment"]


@pytest.mark.parametrize(
    "text", ["camhs cancelled again", "still waiting", "not good at all", "the taxi is always late"]
)
def test_complaints_and_negation_read_negative(text):
    assert sentiment_of(text) == "negative"


def test_a_comment_ending_in_worry_is_not_positive():
    assert sentiment_of("the staff are lovely but we are really worried") != "positive"


def test_praise_reads_positive_and_a_request_neutral():
    assert sentiment_of("the club is brilliant") == "positive"
    assert sentiment_of("can we have more trips") == "neutral"


def test_a_possible_disclosure_is_never_praise():
    row = analyse(pd.DataFrame({"text": ["I sleep in the car with mum most nights"]})).iloc[0]
    assert row["safeguarding"] and row["sentiment"] != "positive"


def test_no_words_is_neutral():
    assert sentiment_of("") == "neutral" and sentiment_of("  ...  ") == "neutral"


def test_the_shipped_model_was_built_from_the_examples_as_they_are_now():
    assert default_send_sentiment_model().examples_sha256 == examples_digest(EXAMPLES), (
        "data/send_sentiment.csv changed: rebuild with "
        "`python -m engagement.analysis.train_models` and commit send_sentiment_model.json."
    )
