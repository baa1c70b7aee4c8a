"""Which sentiment model the analysis uses when the caller does not pass one.

The default is the SEND model (send_sentiment.py, data/send_sentiment_model.json): embeddings
stacked on the benchmark-trained model in data/sentiment_model.json (TextBlob's polarity with
words learned from the public benchmark's training part; see learned.py and
benchmarks/theming.py), which is used alone if the SEND model is missing. If that file is
missing too, PolarityThresholds falls back to TextBlob's polarity alone, with thresholds fitted
on the same training part.
"""

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .polarity import polarity

SENTIMENT_MODEL = Path(__file__).parent / "data" / "sentiment_model.json"

_CLAUSES = re.compile(r"[.!?;]+\s|\bbut\b|\bhowever\b|\balthough\b|\bthough\b", re.IGNORECASE)


class PolarityThresholds:
    """Positive above one polarity, negative below another; mixed when one clause is clearly
    positive and another clearly negative ("the staff are lovely but the wait is awful")."""

    # Fitted on the benchmark's training part (3-class macro-F1), not guessed.
    NEGATIVE_BELOW = 0.0
    POSITIVE_ABOVE = 0.075
    CLEAR = 0.2  # how far from zero a clause must be to count towards "mixed"

    def predict(
        self, texts: Sequence[str], contexts: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        return [self.label(text) for text in texts]

    def label(self, text: str) -> tuple[str, float]:
        score = polarity(text)
        clauses = [polarity(part) for part in _CLAUSES.split(text) if part and part.strip()]
        if len(clauses) > 1 and max(clauses) >= self.CLEAR and min(clauses) <= -self.CLEAR:
            return "mixed", score
        if score > self.POSITIVE_ABOVE:
            return "positive", score
        if score < self.NEGATIVE_BELOW:
            return "negative", score
        return "neutral", score


@cache
def default_sentiment_model():
    from .send_sentiment import MODEL as SEND_MODEL

    if SEND_MODEL.exists() and SENTIMENT_MODEL.exists():
        from .send_sentiment import default_send_sentiment_model

        return default_send_sentiment_model()
    if SENTIMENT_MODEL.exists():
        import json

        from .learned import SentimentModel

        return SentimentModel.from_dict(json.loads(SENTIMENT_MODEL.read_text(encoding="utf-8")))
    return PolarityThresholds()
