"""Our polarity is TextBlob's polarity, computed faster: it must give the same numbers."""

import pytest
from textblob import TextBlob

from engagement.analysis.polarity import polarity

SENTENCES = [
    "The staff are lovely",
    "The staff are not lovely",
    "The staff are very very lovely!",
    "It was really not good at all",
    "Not bad, not bad at all",
    "I am so happy at my new school :)",
    "I hate the bus, it's always late :(",
    "I don't like it when it's too loud",
    "My TA is amazing!!! She helps me every day",
    "We waited two years. Two years! Terrible.",
    "never good, never kind, never listened",
    "The OT was brilliant but the wait was awful",
    "It's ok I guess",
    "nothing",
    "",
    "The annual review was cancelled (!) again",
    "He is terribly anxious and extremely tired",
    "Quite good really, though a bit slow",
    "I'm not sure",
    "Absolutely fantastic support from the SENCo <3",
    "no one helps us, no one cares",
    "It isn't great but it isn't awful either",
    "Best club ever xD",
    "The Local Offer website is confusing and out of date...",
    "Mrs Smith is kind; Mr Jones is rude.",
    "I feel safe now the bullying has stopped",
    "My son's needs aren't being met - at all",
    "\u201cBrilliant\u201d, she said, \u2018really brilliant\u2019",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_polarity_equals_textblobs(text):
    assert polarity(text) == pytest.approx(TextBlob(text).sentiment.polarity, abs=1e-9)


def test_polarity_reads_negation_and_emphasis():
    assert polarity("The staff are lovely") > 0
    assert polarity("The staff are not lovely") < 0
    assert polarity("The staff are lovely!") > polarity("The staff are lovely")
