"""The learned theme and sentiment models, on small SEND-style fixtures (no benchmark, no DB)."""

import json
import random

import pytest

from engagement.analysis.learned import (
    MIN_COMMENTS,
    SentimentModel,
    ThemeModel,
    ThemePrediction,
    train_sentiment_model,
    train_theme_model,
)

PROMPT = "What would make things better for your family?"

# (comment, themes) — each theme has several phrasings so the model must generalise a little
THEMED = [
    ("We waited two years for a SALT assessment", {"waiting"}),
    ("The waiting list for the autism assessment is over a year", {"waiting"}),
    ("Still waiting for a diagnosis after eighteen months", {"waiting"}),
    ("The referral took months and we are still on the waiting list", {"waiting"}),
    ("Long delays before anyone would assess my son", {"waiting"}),
    ("We have been waiting far too long for the OT assessment", {"waiting"}),
    ("Waiting times for CAMHS are far too long", {"waiting", "wellbeing"}),
    ("The taxi to school is always late", {"transport"}),
    ("His school transport driver keeps changing and the taxi is late", {"transport"}),
    ("The bus to college takes over an hour each way", {"transport"}),
    ("Transport to school was cancelled without warning", {"transport"}),
    ("The minibus escort is lovely and the taxi is always on time", {"transport"}),
    ("We had no school transport for the first week of term", {"transport"}),
    ("The EHCP annual review was months late", {"ehcp"}),
    ("Her EHC plan is not being followed by the school", {"ehcp", "school"}),
    ("The draft EHCP was full of mistakes", {"ehcp"}),
    ("We asked for an EHC needs assessment and were refused", {"ehcp"}),
    ("Nobody came to the annual review of his plan", {"ehcp"}),
    ("The EHCP took far longer than twenty weeks", {"ehcp", "waiting"}),
    ("The SENCo is brilliant and really understands my daughter", {"school"}),
    ("The teaching assistant support in class has made a big difference", {"school"}),
    ("School put him on a part time timetable", {"school"}),
    ("He was excluded from school again this term", {"school"}),
    ("The school will not make reasonable adjustments in class", {"school"}),
    ("My son is anxious every morning and will not go to school", {"wellbeing", "school"}),
    ("She is so anxious and her mental health is getting worse", {"wellbeing"}),
    ("CAMHS support helped with his anxiety", {"wellbeing"}),
    ("My child feels stressed and low all the time", {"wellbeing"}),
    ("His self esteem and mood have improved so much", {"wellbeing"}),
    ("We need help with her anxiety and panic attacks", {"wellbeing"}),
    ("Nobody tells us what is happening", {"communication"}),
    ("Letters are full of jargon and hard to understand", {"communication"}),
    ("We were never kept updated about the referral", {"communication", "waiting"}),
    ("The Local Offer website is impossible to find anything on", {"communication"}),
    ("No one returns my phone calls or emails", {"communication"}),
    ("Clear information and regular updates from the caseworker", {"communication"}),
]

SENTIMENT = [
    ("The staff are wonderful and really helpful", "positive"),
    ("Brilliant support, we are so grateful", "positive"),
    ("The SENCo is amazing and always listens", "positive"),
    ("Excellent service, thank you so much", "positive"),
    ("Really happy with the help my son gets", "positive"),
    ("Lovely caring staff, great experience", "positive"),
    ("Fantastic respite service, it has been a lifeline", "positive"),
    ("Very good, everyone was kind and friendly", "positive"),
    ("Great school, he loves going every day", "positive"),
    ("Really helpful and kind caseworker", "positive"),
    ("Terrible communication, nobody ever calls back", "negative"),
    ("Awful experience, we were ignored for months", "negative"),
    ("The taxi is always late and the driver is rude", "negative"),
    ("Nobody listens and the plan is never followed", "negative"),
    ("Appalling delays, we waited two years for help", "negative"),
    ("Very poor support, I feel let down and angry", "negative"),
    ("The worst service, rude staff and no help at all", "negative"),
    ("Dreadful, the school refused to make any adjustments", "negative"),
    ("Bad experience, nobody returned my calls", "negative"),
    ("Horrible process, long waits and awful letters", "negative"),
    ("We had a meeting in March about the plan", "neutral"),
    ("My son is in year 9", "neutral"),
    ("No comment", "neutral"),
    ("We moved to the area last year", "neutral"),
    ("The review is next month", "neutral"),
    ("He goes to college on Tuesdays", "neutral"),
    ("Not sure", "neutral"),
    ("The staff are lovely but the waiting list is awful", "mixed"),
    ("Great teachers, however the transport is terrible", "mixed"),
    ("The SENCo was helpful but the council was useless", "mixed"),
    ("Kind staff. Awful delays", "mixed"),
    ("Wonderful school although communication from the council is poor", "mixed"),
]


def themed_data(copies: int = 2) -> tuple[list[str], list[set[str]], list[str]]:
    """The fixture, each comment also lightly varied so there is enough to fold and calibrate."""
    rng = random.Random(7)
    texts, labels = [], []
    openers = ["", "Honestly, ", "As a parent: ", "I think "]
    for k in range(copies):
        for text, themes in THEMED:
            texts.append(rng.choice(openers) + text if k else text)
            labels.append(themes)
    return texts, labels, [PROMPT] * len(texts)


@pytest.fixture(scope="module")
def theme_model() -> ThemeModel:
    return train_theme_model(*themed_data())


@pytest.fixture(scope="module")
def sentiment_model() -> SentimentModel:
    texts = [t for t, _ in SENTIMENT] * 2
    labels = [label for _, label in SENTIMENT] * 2
    return train_sentiment_model(texts, labels, [PROMPT] * len(texts))


def keys(predictions: list[ThemePrediction]) -> set[str]:
    return {p.key for p in predictions}


@pytest.mark.parametrize(
    ("comment", "theme"),
    [
        ("We have waited two years for a SALT assessment", "waiting"),
        ("the taxi to school is always late", "transport"),
        ("The annual review of the EHCP never happened", "ehcp"),
        ("my daughter is so anxious she cannot sleep", "wellbeing"),
    ],
)
def test_clear_comments_get_their_theme(theme_model, comment, theme):
    [predicted] = theme_model.predict([comment], [PROMPT])
    assert predicted, "a clear comment should get a theme"
    assert predicted[0].key == theme


def test_predictions_carry_calibrated_confidence(theme_model):
    [predicted] = theme_model.predict(["the taxi to school is always late"], [PROMPT])
    for p in predicted:
        assert isinstance(p, ThemePrediction)
        assert 0.0 <= p.confidence <= 1.0
    confidences = [p.confidence for p in predicted]
    assert confidences == sorted(confidences, reverse=True)


def test_reasons_contain_the_telling_words(theme_model):
    [predicted] = theme_model.predict(["the taxi to school is always late"], [PROMPT])
    transport = next(p for p in predicted if p.key == "transport")
    assert "taxi" in transport.reasons
    assert 0 < len(transport.reasons) <= 3

    [predicted] = theme_model.predict(["We waited two years for a SALT assessment"], [PROMPT])
    waiting = next(p for p in predicted if p.key == "waiting")
    assert {"waited", "salt", "assessment", "salt assessment"} & set(waiting.reasons)
    assert not {"for", "a", "for a", "a salt"} & set(waiting.reasons)


def test_without_contexts_and_with_an_unseen_question(theme_model):
    [without] = theme_model.predict(["the taxi to school is always late"])
    [unseen] = theme_model.predict(["the taxi to school is always late"], ["Anything else?"])
    assert "transport" in keys(without)
    assert "transport" in keys(unseen)


def test_round_trip_through_json_gives_identical_predictions(theme_model):
    comments = ["the taxi was late again", "waiting list for SALT", "lovely SENCo", ""]
    stored = json.loads(json.dumps(theme_model.to_dict()))
    restored = ThemeModel.from_dict(stored)
    before = theme_model.predict(comments, [PROMPT] * 4)
    after = restored.predict(comments, [PROMPT] * 4)
    assert [[(p.key, p.reasons) for p in row] for row in after] == [
        [(p.key, p.reasons) for p in row] for row in before
    ]
    # Confidences are rounded to 4 places; the restored arrays may sum in another order, so the
    # last place can flip (0.8807 against 0.8808), and nothing more.
    for row_after, row_before in zip(after, before, strict=True):
        for p_after, p_before in zip(row_after, row_before, strict=True):
            assert p_after.confidence == pytest.approx(p_before.confidence, abs=2e-4)


def test_rare_themes_are_skipped(theme_model):
    texts, labels, prompts = themed_data()
    labels[0] = labels[0] | {"safety"}  # one example only
    model = train_theme_model(texts, labels, prompts)
    assert "safety" not in model.keys
    assert {"waiting", "transport", "ehcp", "school", "wellbeing"} <= set(model.keys)


def test_too_little_data_refuses_to_train():
    texts, labels, prompts = themed_data(copies=1)
    with pytest.raises(ValueError, match="at least"):
        train_theme_model(texts[: MIN_COMMENTS - 1], labels[: MIN_COMMENTS - 1])
    with pytest.raises(ValueError, match="no theme"):
        train_theme_model(texts, [{f"theme{i}"} for i in range(len(texts))])
    with pytest.raises(ValueError, match="same length"):
        train_theme_model(texts, labels[:-1])


def test_sentiment_separates_clear_cases(sentiment_model):
    comments = [
        "The staff are wonderful and so helpful",
        "Awful, nobody ever calls back and the taxi is always late",
        "The teachers are lovely but the waiting list is terrible",
        "We have a review in June",
    ]
    predicted = sentiment_model.predict(comments, [PROMPT] * 4)
    assert [label for label, _ in predicted] == ["positive", "negative", "mixed", "neutral"]
    assert predicted[0][1] > 0 > predicted[1][1]  # the polarity is TextBlob's


def test_sentiment_round_trip_and_attribution():
    texts = [t for t, _ in SENTIMENT] * 2
    labels = [label for _, label in SENTIMENT] * 2
    model = train_sentiment_model(texts, labels, attribution={"source": "fixture"})
    restored = SentimentModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert restored.attribution == {"source": "fixture"}
    assert restored.predict(texts) == model.predict(texts)


def test_sentiment_refuses_too_little_or_unknown_labels():
    with pytest.raises(ValueError, match="at least"):
        train_sentiment_model(["good"] * 30, ["positive"] * 30)
    with pytest.raises(ValueError, match="unknown sentiment"):
        train_sentiment_model(["good", "bad"], ["positive", "angry"])
