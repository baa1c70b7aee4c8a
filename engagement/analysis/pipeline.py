"""analyse(): every comment in a DataFrame themed, scored, checked and redacted.

In: a DataFrame with a text column (and optionally an id and a prompt column: the question
the comment answered). Out: the same rows with these columns added:

    themes               theme keys, most confident first
    theme_details        per theme: key, confidence (0-1), source ("codebook", "model" or
                         "both") and the reasons (the words, phrases or examples that led to it)
    sentiment            positive, negative, mixed or neutral
    polarity             TextBlob's polarity, -1 to 1
    safeguarding         True when the comment may disclose harm or risk
    safeguarding_reasons what was found, e.g. 'self-harm or suicidal thoughts: "want to die"'
                         (a pattern), or 'similar to examples about hidden self-harm: "..."'
                         (the model, with the closest example in its library)
    safeguarding_tier    "urgent" (a pattern matched, or the model is very sure), "check"
                         (the model alone, less sure), or "" when not flagged
    personal_data        True when the comment names or identifies someone
    personal_data_kinds  e.g. ("name", "phone")
    redacted_text        the text with placeholders like [name] and [phone]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from .codebook import Codebook, ThemeMatch, default_codebook
from .disclosure_model import URGENT, Assessment, default_disclosure_model
from .embedding import embed
from .personal_data import find_personal_data, redact
from .safeguarding import possible_disclosure
from .send_sentiment import SendSentimentModel
from .sentiment import default_sentiment_model
from .text import tokenise

if TYPE_CHECKING:  # the learned models need scikit-learn only when they are used
    from .learned import SentimentModel, ThemeModel, ThemePrediction

OUTPUT_COLUMNS = [
    "themes",
    "theme_details",
    "sentiment",
    "polarity",
    "safeguarding",
    "safeguarding_reasons",
    "safeguarding_tier",
    "personal_data",
    "personal_data_kinds",
    "redacted_text",
]


def analyse(
    comments: pd.DataFrame,
    codebook: Codebook | None = None,
    theme_model: ThemeModel | None = None,
    sentiment_model: SentimentModel | SendSentimentModel | None = None,
    text_column: str = "text",
    prompt_column: str | None = None,
) -> pd.DataFrame:
    """The comments with the analysis columns added (see the module's docstring)."""
    if text_column not in comments.columns:
        raise ValueError(f"There is no column called {text_column!r} to read comments from.")
    codebook = codebook or default_codebook()
    sentiment_model = sentiment_model or default_sentiment_model()
    texts = [_as_text(value) for value in comments[text_column]]
    prompts = [_as_text(value) for value in comments[prompt_column]] if prompt_column else None

    vectors = embed(texts)  # once per comment, shared by the detector and sentiment
    machine = theme_model.predict(texts, prompts) if theme_model else [[]] * len(texts)
    if isinstance(sentiment_model, SendSentimentModel):  # it reads the same embeddings
        sentiments = sentiment_model.predict(texts, prompts, vectors)
    else:
        sentiments = sentiment_model.predict(texts, prompts)
    assessments = default_disclosure_model().assess(texts, vectors)
    rows = [
        _analyse_one(text, codebook, learned, sentiment, assessment)
        for text, learned, sentiment, assessment in zip(
            texts, machine, sentiments, assessments, strict=True
        )
    ]
    result = comments.copy()
    added = pd.DataFrame(rows, columns=OUTPUT_COLUMNS, index=comments.index)
    for column in OUTPUT_COLUMNS:
        result[column] = added[column]
    return result


def _analyse_one(
    text: str,
    codebook: Codebook,
    learned: Sequence[ThemePrediction],
    sentiment: tuple[str, float],
    assessment: Assessment,
) -> tuple:
    details = combine_themes(codebook.match(tokenise(text)), learned)
    found = find_personal_data(text)
    disclosure, tier = safeguarding(text, assessment)
    label, polarity = sentiment
    if disclosure and label == "positive":
        # A possible disclosure is never praise: once a lead clears it, it joins reports, and
        # "I sleep in the car with mum most nights" must not become a positive headline quote.
        label = "negative"
    return (
        tuple(detail["key"] for detail in details),
        tuple(details),
        label,
        round(polarity, 4),
        bool(disclosure),
        disclosure,
        tier,
        bool(found),
        tuple(sorted({item.kind for item in found})),
        redact(text, found) if found else text,
    )


def safeguarding(text: str, assessment: Assessment) -> tuple[tuple[str, ...], str]:
    """Why a comment is flagged and its tier: flagged when the patterns or the model say so.

    A pattern is specific enough to email the lead at once; the model alone does that only
    when it is very sure, and otherwise asks the lead to check.
    """
    from_model = (assessment.reason,) if assessment.tier else ()
    from_patterns = possible_disclosure(text)
    if from_patterns:
        return from_patterns + from_model, URGENT
    return from_model, assessment.tier


def combine_themes(
    from_codebook: Sequence[ThemeMatch], from_model: Sequence[ThemePrediction]
) -> list[dict]:
    """One entry per theme, saying which of the codebook and the model gave it, and why."""
    combined: dict[str, dict] = {}
    for match in from_codebook:
        combined[match.key] = {
            "key": match.key,
            "confidence": match.confidence,
            "source": "codebook",
            "reasons": tuple(match.reasons),
        }
    for prediction in from_model:
        reasons = tuple(f'model: "{reason}"' for reason in prediction.reasons)
        if prediction.key in combined:
            entry = combined[prediction.key]
            entry["source"] = "both"
            entry["confidence"] = max(entry["confidence"], round(prediction.confidence, 3))
            entry["reasons"] = entry["reasons"] + reasons
        else:
            combined[prediction.key] = {
                "key": prediction.key,
                "confidence": round(prediction.confidence, 3),
                "source": "model",
                "reasons": reasons,
            }
    return sorted(combined.values(), key=lambda entry: (-entry["confidence"], entry["key"]))


def _as_text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)
