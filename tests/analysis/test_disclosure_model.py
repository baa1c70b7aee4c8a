"""The semantic safeguarding model: indirect wording the patterns miss is flagged with the
closest library example as its reason; safe uses of risky words are not; tiers; and the
shipped model was built from the library as it is now."""

import numpy as np
import pandas as pd
import pytest

from engagement.analysis import OUTPUT_COLUMNS, analyse
from engagement.analysis.disclosure_model import (
    CONCERNS,
    LIBRARY,
    MODEL,
    default_disclosure_model,
    library_digest,
    read_library,
)
from engagement.analysis.safeguarding import possible_disclosure

# Written for these tests in the library's style; none is in the library, and the patterns
# find none of them.
INDIRECT = [
    ("i wear my hoodie all the time so nobody sees what i do to my wrists", "hidden self-harm"),
    ("somone on roblox keeps asking me to send a pic and says dont tell my mum", "online grooming"),
    ("i feel sick when its time to go home", "fear of going home"),
    ("i ran off from my foster carers and slept in a bus shelter", "going missing"),
    ("i have not slept for weeks and i shook him, i am frightened of what i might do", "carer"),
]
SAFE = [
    "i was dying to tell mum about my award",
    "the older kids at youth club help me with my games",
    "we had a talk about staying safe online and it was good",
    "the wait for camhs is too long",
    "my tutor texts the group about homework",
]


def test_the_model_does_not_flag_an_accident_the_catch_all_pattern_does():
    # The patterns' catch-all ("other words of harm or risk") flags "bruise" near "my"; the
    # model has read safe accidents in the library and leaves it.
    (assessment,) = default_disclosure_model().assess(["i got a bruise falling off my scooter"])
    assert assessment.tier == "" and assessment.reason == ""


@pytest.mark.parametrize(("text", "concern"), INDIRECT)
def test_indirect_disclosures_are_flagged_by_the_model_with_the_closest_example(text, concern):
    assert not possible_disclosure(text)  # the patterns alone miss it
    row = analyse(pd.DataFrame({"text": [text]})).iloc[0]
    assert row["safeguarding"]
    assert row["safeguarding_tier"] in ("urgent", "check")
    (reason,) = row["safeguarding_reasons"]
    assert reason.startswith("similar to examples about ")
    assert concern in reason
    quoted = reason.split(': "', 1)[1].rstrip('"')
    assert quoted in {example.text for example in read_library() if example.disclosure}


@pytest.mark.parametrize("text", SAFE)
def test_safe_comments_with_risky_words_are_not_flagged(text):
    row = analyse(pd.DataFrame({"text": [text]})).iloc[0]
    assert not row["safeguarding"]
    assert row["safeguarding_tier"] == ""
    assert row["safeguarding_reasons"] == ()


def test_a_pattern_match_is_urgent_and_the_model_alone_less_sure_is_check():
    model = default_disclosure_model()
    assert 0 < model.check < model.urgent < 1
    texts = ["I'm scared to go home", "i wish i could live at my nans instead", "nice trip"]
    rows = analyse(pd.DataFrame({"text": texts}))
    assert list(rows["safeguarding_tier"]) == ["urgent", "check", ""]
    assert "safeguarding_tier" in OUTPUT_COLUMNS


def test_the_model_alone_is_urgent_when_very_sure():
    text = "somone on roblox keeps asking me to send a pic and says dont tell my mum"
    (assessment,) = default_disclosure_model().assess([text])
    assert assessment.probability >= default_disclosure_model().urgent
    assert analyse(pd.DataFrame({"text": [text]})).iloc[0]["safeguarding_tier"] == "urgent"


def test_the_library_covers_every_concern_with_enough_examples():
    library = read_library()
    disclosures = [example for example in library if example.disclosure]
    assert len(disclosures) >= 400
    risky = [e for e in library if not e.disclosure and e.concern == "risky_words"]
    assert len(risky) >= 400
    assert {example.concern for example in disclosures} == set(CONCERNS)


def test_the_shipped_model_was_built_from_the_library_as_it_is_now():
    assert default_disclosure_model().library_sha256 == library_digest(LIBRARY), (
        "The example library changed: rebuild the model with "
        "`python -m engagement.analysis.train_models` and commit "
        f"{MODEL.name}."
    )


def test_rebuilding_the_model_gives_the_shipped_one():
    from engagement.analysis import train_models

    if not train_models.BENCH_CSV.exists():
        pytest.skip("the public benchmark is not on this machine")
    examples = train_models.detector_examples(
        train_models.bench_safe_texts(train_models.bench_training_part())
    )
    rebuilt = train_models.fit_detector(examples, np.arange(len(examples.texts)))
    shipped = default_disclosure_model()
    assert rebuilt.vocabulary == shipped.vocabulary
    np.testing.assert_allclose(rebuilt.weights, shipped.weights, atol=1e-4)
    sample = examples.texts[:: max(1, len(examples.texts) // 200)]
    np.testing.assert_allclose(
        rebuilt.probabilities(sample, examples.vectors[:: max(1, len(examples.texts) // 200)]),
        shipped.probabilities(sample, examples.vectors[:: max(1, len(examples.texts) // 200)]),
        atol=1e-3,
    )
