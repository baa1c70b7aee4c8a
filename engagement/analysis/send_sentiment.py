"""Sentiment on SEND text: positive, negative, mixed or neutral, from the comment's embedding.

The benchmark-trained model (learned.SentimentModel, data/sentiment_model.json) reads words
well but was taught on adult hospital feedback, with mixed and neutral as one class. This model
stacks on it: a 4-class logistic regression over the comment's WordLlama embedding (shared with
the safeguarding model: embedded once), the base model's three scores, how far its clauses
pull apart (the most positive clause against the most negative: "lovely staff but the wait is
awful"), and TextBlob's polarity. It is trained on the benchmark's positive and negative rows
and on SEND comments written and labelled for it (data/send_sentiment.csv, weighted up: that is
the text it must read), with complaint words ("cancelled", "nobody explains", "still waiting"),
negation, requests (neutral) and praise-with-complaint (mixed); and on a third of the
safeguarding library's disclosures as negative, so a disclosure is never read as praise.

Rebuilt with the safeguarding model by `python -m engagement.analysis.train_models`;
data/send_sentiment_model.json records the digest of the examples it was built from.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from .embedding import embed
from .learned import SentimentModel
from .polarity import polarity

DATA = Path(__file__).parent / "data"
EXAMPLES = DATA / "send_sentiment.csv"
MODEL = DATA / "send_sentiment_model.json"
BASE = DATA / "sentiment_model.json"

_WORD = re.compile(r"[^\W\d_]")
_CLAUSES = re.compile(r"[.!?;]+\s|\b(?:but|however|although|though|whereas|except)\b", re.I)


def examples_digest(path: Path = EXAMPLES) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class SendSentimentModel:
    base: SentimentModel
    classes: tuple[str, ...]
    weights: np.ndarray  # features x classes
    bias: np.ndarray
    examples_sha256: str

    def features(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        polarities = np.fromiter((polarity(t) for t in texts), np.float64, count=len(texts))
        scores = self.base.scores(texts, None, polarities)
        clauses: list[str] = []
        owners: list[int] = []
        for row, text in enumerate(texts):
            parts = [part for part in _CLAUSES.split(text) if part and part.strip()]
            if len(parts) > 1:
                clauses += parts
                owners += [row] * len(parts)
        pulls = np.zeros((len(texts), 3))  # apart, most positive, most negative; has clauses
        if clauses:
            clause_polarities = np.fromiter((polarity(c) for c in clauses), np.float64)
            for row, (negative, _, positive) in zip(
                owners, self.base.scores(clauses, None, clause_polarities), strict=True
            ):
                pulls[row, 1] = max(pulls[row, 1], positive - negative)
                pulls[row, 2] = max(pulls[row, 2], negative - positive)
                pulls[row, 0] = 1.0
        apart = np.minimum(pulls[:, 1], pulls[:, 2]) * pulls[:, 0]
        return np.hstack(
            [
                vectors,
                scores,
                np.column_stack([apart, pulls[:, 1:], pulls[:, :1]]),
                polarities[:, None],
            ]
        )

    def predict(
        self,
        texts: Sequence[str],
        contexts: Sequence[str | None] | None = None,
        vectors: np.ndarray | None = None,
    ) -> list[tuple[str, float]]:
        """(label, TextBlob polarity) per comment. The question a comment answered is not
        used: the SEND examples have none."""
        if not texts:
            return []
        vectors = embed(texts) if vectors is None else vectors
        features = self.features(texts, vectors)
        labels = np.asarray(self.classes)[(features @ self.weights + self.bias).argmax(axis=1)]
        return [
            (str(label) if _WORD.search(text) else "neutral", float(p))  # no words, no feeling
            for text, label, p in zip(texts, labels, features[:, -1], strict=True)
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": "4-class logistic regression stacked on data/sentiment_model.json; built by "
            "python -m engagement.analysis.train_models",
            "examples_sha256": self.examples_sha256,
            "classes": list(self.classes),
            "weights": [[round(float(v), 6) for v in row] for row in self.weights],
            "bias": [round(float(v), 6) for v in self.bias],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], base: SentimentModel) -> SendSentimentModel:
        return cls(
            base=base,
            classes=tuple(data["classes"]),
            weights=np.asarray(data["weights"], dtype=np.float64),
            bias=np.asarray(data["bias"], dtype=np.float64),
            examples_sha256=data["examples_sha256"],
        )


def base_model() -> SentimentModel:
    return SentimentModel.from_dict(json.loads(BASE.read_text(encoding="utf-8")))


@cache
def default_send_sentiment_model() -> SendSentimentModel:
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return SendSentimentModel.from_dict(data, base_model())
