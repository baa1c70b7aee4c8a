"""A model of what disclosures look like, beside the patterns in safeguarding.py.

Patterns explain themselves but only catch the wording they were written from. This model has
read the example library (data/safeguarding_library.csv: disclosures written the way children
and young people with SEND, their supporters and parent carers write, and safe comments that
use the same risky words) and scores how much a comment reads like the disclosures there.

Features: the comment's WordLlama embedding (shared with sentiment, see embedding.py) and
TF-IDF weights of its words and word pairs; a logistic regression turns them into a probability.
Two thresholds, chosen by cross-validation on the library (never on a held-out set), make the
tiers: at or above URGENT the lead is emailed at once; at or above CHECK the comment waits in
the queue as "please check".

Why a shipped artefact and not training at start-up: the model is trained with ordinary
comments from the public benchmark, which is not part of the application, and fitting with
cross-validation takes seconds. `python -m engagement.analysis.train_models` rebuilds
data/safeguarding_model.json from the library; a test fails when the library changed since.
Only numpy is needed to predict.

Every flag says why: the closest disclosure in the library (by cosine between embeddings) and
the concern it is about.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from .embedding import embed

DATA = Path(__file__).parent / "data"
LIBRARY = DATA / "safeguarding_library.csv"
MODEL = DATA / "safeguarding_model.json"

URGENT, CHECK = "urgent", "check"

CONCERNS = {
    "self_harm": "self-harm",
    "self_harm_hidden": "hidden self-harm",
    "suicidal_direct": "suicidal thoughts",
    "suicidal_indirect": "suicidal thoughts said indirectly",
    "physical_abuse": "physical abuse",
    "sexual_abuse": "sexual abuse",
    "emotional_abuse": "emotional abuse",
    "neglect": "neglect or hunger",
    "criminal_exploitation": "criminal exploitation",
    "sexual_exploitation": "sexual exploitation",
    "online_grooming": "online grooming",
    "grooming_in_person": "grooming in person",
    "domestic_abuse": "domestic abuse at home",
    "fear_of_going_home": "fear of going home",
    "going_missing": "going missing",
    "homelessness": "homelessness",
    "carer_breaking_point": "a carer at breaking point",
}
SAFE_KINDS = ("risky_words", "ordinary")

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def word_features(text: str) -> list[str]:
    """Words and adjacent word pairs, lower case ("my dad", "dad hits")."""
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def library_digest(path: Path = LIBRARY) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    concern: str  # a key of CONCERNS, or one of SAFE_KINDS
    disclosure: bool


def read_library(path: Path = LIBRARY) -> list[Example]:
    with path.open(encoding="utf-8", newline="") as rows:
        return [
            Example(row["text"], row["concern"], row["label"] == "disclosure")
            for row in csv.DictReader(rows)
        ]


@dataclass(frozen=True, slots=True)
class Assessment:
    probability: float
    tier: str  # "urgent", "check" or ""
    reason: str  # 'similar to examples about <concern>: "<closest example>"', or ""


@dataclass
class DisclosureModel:
    vocabulary: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray  # embedding weights first, then one per vocabulary entry
    bias: float
    check: float
    urgent: float
    library_sha256: str

    def words_matrix(self, texts: Sequence[str]) -> np.ndarray:
        """What the words and word pairs add to each comment's score: their sublinear TF-IDF,
        each row of unit length (as scikit-learn's TfidfVectorizer(sublinear_tf=True) computes
        it), times the weights. One pass collects every comment's entries; one sparse product
        scores them all."""
        import scipy.sparse as sp

        vocabulary = self.vocabulary
        rows: list[int] = []
        columns: list[int] = []
        counts: list[int] = []
        for row, text in enumerate(texts):
            found = Counter(
                vocabulary[feature] for feature in word_features(text) if feature in vocabulary
            )
            rows += [row] * len(found)
            columns += found.keys()
            counts += found.values()
        if not columns:
            return np.zeros(len(texts))
        column_array = np.asarray(columns)
        values = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * self.idf[column_array]
        matrix = sp.csr_matrix(
            (values, (np.asarray(rows), column_array)), shape=(len(texts), len(vocabulary))
        )
        lengths = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        scores = matrix @ self.weights[-len(vocabulary) :]
        return np.divide(scores, lengths, out=np.zeros(len(texts)), where=lengths > 0)

    def probabilities(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        dims = vectors.shape[1]
        logits = vectors @ self.weights[:dims] + self.words_matrix(texts) + self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def assess(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> list[Assessment]:
        vectors = embed(texts) if vectors is None else vectors
        probabilities = self.probabilities(texts, vectors)
        flagged = np.flatnonzero(probabilities >= self.check)
        reasons = dict(zip(flagged.tolist(), closest_disclosures(vectors[flagged]), strict=True))
        return [
            Assessment(
                round(float(p), 4),
                URGENT if p >= self.urgent else CHECK if p >= self.check else "",
                reasons.get(row, ""),
            )
            for row, p in enumerate(probabilities)
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": "Logistic regression over WordLlama embeddings and word TF-IDF; built by "
            "python -m engagement.analysis.train_models from data/safeguarding_library.csv",
            "library_sha256": self.library_sha256,
            "check": self.check,
            "urgent": self.urgent,
            "bias": self.bias,
            "vocabulary": sorted(self.vocabulary, key=self.vocabulary.__getitem__),
            "idf": [round(float(v), 6) for v in self.idf],
            "weights": [round(float(v), 6) for v in self.weights],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DisclosureModel:
        return cls(
            vocabulary={word: column for column, word in enumerate(data["vocabulary"])},
            idf=np.asarray(data["idf"], dtype=np.float64),
            weights=np.asarray(data["weights"], dtype=np.float64),
            bias=float(data["bias"]),
            check=float(data["check"]),
            urgent=float(data["urgent"]),
            library_sha256=data["library_sha256"],
        )


@cache
def _library_disclosures() -> tuple[tuple[Example, ...], np.ndarray]:
    examples = tuple(example for example in read_library() if example.disclosure)
    return examples, embed([example.text for example in examples])


def closest_disclosures(vectors: np.ndarray) -> list[str]:
    """For each vector, the nearest library disclosure by cosine and the concern it is about.
    (Tried: a vote among the five nearest; it named the concern less often right.)"""
    if not len(vectors):
        return []
    examples, library = _library_disclosures()
    nearest = np.argmax(vectors @ library.T, axis=1)
    return [
        f'similar to examples about {CONCERNS[examples[i].concern]}: "{examples[i].text}"'
        for i in nearest
    ]


@cache
def default_disclosure_model() -> DisclosureModel:
    return DisclosureModel.from_dict(json.loads(MODEL.read_text(encoding="utf-8")))
