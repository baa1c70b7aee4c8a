"""Rebuild the shipped analysis models from their examples (needs scikit-learn).

    python -m engagement.analysis.train_models [--bench-csv PATH]

Writes data/safeguarding_model.json from data/safeguarding_library.csv, with ordinary comments
from the public benchmark's training part (../shared/bench, see its README) as more safe
examples; and data/send_sentiment_model.json (see send_sentiment.py). Everything is seeded,
so the same inputs give the same model. Thresholds are chosen by 5-fold cross-validation on
these examples only, never on a held-out set.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .disclosure_model import (
    MODEL,
    DisclosureModel,
    library_digest,
    read_library,
    word_features,
)
from .embedding import embed
from .safeguarding import possible_disclosure
from .send_sentiment import (
    EXAMPLES as SENTIMENT_EXAMPLES,
)
from .send_sentiment import (
    MODEL as SENTIMENT_MODEL,
)
from .send_sentiment import (
    SendSentimentModel,
    base_model,
    examples_digest,
)

REPO = Path(__file__).resolve().parents[2]
BENCH_CSV = REPO.parent / "shared" / "bench" / "fft_v6framework_230831.csv"
BENCH_TEXT, BENCH_SENTIMENT = "FFT answer", "Comment sentiment"
BENCH_SAFE_ROWS = 3000
DETECTOR_C = 10.0  # chosen by cross-validated recall at a 10% false-alarm rate (3, 10, 30, 100)
FOLDS = 5
# Tiers: "check" is the lowest threshold whose cross-validated false alarms (rules or model)
# stay within these rates on ordinary comments; "urgent" the lowest at which the model alone
# raises at most URGENT_RISKY of the safe comments that use risky words.
CHECK_ORDINARY, CHECK_BENCH, URGENT_RISKY = 0.10, 0.05, 0.05
GRID = np.round(np.arange(0.05, 0.96, 0.01), 2)


def bench_training_part(path: Path = BENCH_CSV) -> pd.DataFrame:
    """Usable rows of the public benchmark's 80% training part (its README's protocol)."""
    from sklearn.model_selection import train_test_split

    frame = pd.read_csv(path)
    text = frame[BENCH_TEXT].fillna("").astype(str).str.strip()
    usable = (
        (text != "")
        & (text.str.lower() != "did not answer")
        & (frame["Labelling not possible"].fillna(0) != 1)
    )
    frame = frame[usable].reset_index(drop=True)
    frame[BENCH_TEXT] = frame[BENCH_TEXT].astype(str)
    train, _ = train_test_split(frame, test_size=0.2, random_state=42)
    return train.reset_index(drop=True)


def bench_safe_texts(bench: pd.DataFrame) -> list[str]:
    """Ordinary comments, leaving out the few the patterns flag (possibly real disclosures)."""
    texts = [text for text in bench[BENCH_TEXT] if not possible_disclosure(text)]
    chosen = np.random.RandomState(0).permutation(len(texts))[:BENCH_SAFE_ROWS]
    return [texts[i] for i in sorted(chosen)]


@dataclass
class DetectorExamples:
    texts: list[str]
    disclosure: np.ndarray
    kind: np.ndarray  # concern key, "risky_words", "ordinary" or "bench"
    vectors: np.ndarray


def detector_examples(bench_texts: Sequence[str]) -> DetectorExamples:
    library = read_library()
    texts = [example.text for example in library] + list(bench_texts)
    disclosure = np.array([e.disclosure for e in library] + [False] * len(bench_texts))
    kind = np.array([e.concern for e in library] + ["bench"] * len(bench_texts))
    return DetectorExamples(texts, disclosure, kind, embed(texts))


def fit_detector(examples: DetectorExamples, rows: np.ndarray) -> DisclosureModel:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words = TfidfVectorizer(analyzer=word_features, sublinear_tf=True, min_df=2)
    texts = [examples.texts[i] for i in rows]
    features = sp.hstack([sp.csr_matrix(examples.vectors[rows]), words.fit_transform(texts)])
    regression = LogisticRegression(C=DETECTOR_C, max_iter=5000, class_weight="balanced")
    regression.fit(features.tocsr(), examples.disclosure[rows])
    vocabulary = {str(word): int(column) for word, column in words.vocabulary_.items()}
    return DisclosureModel(
        vocabulary=vocabulary,
        idf=words.idf_.astype(np.float64),
        weights=regression.coef_[0].astype(np.float64),
        bias=float(regression.intercept_[0]),
        check=0.5,
        urgent=0.5,
        library_sha256=library_digest(),
    )


def out_of_fold(examples: DetectorExamples) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    probabilities = np.zeros(len(examples.texts))
    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    for train, test in splitter.split(examples.texts, examples.kind):
        model = fit_detector(examples, train)
        probabilities[test] = model.probabilities(
            [examples.texts[i] for i in test], examples.vectors[test]
        )
    return probabilities


def choose_thresholds(examples: DetectorExamples, probabilities: np.ndarray) -> dict[str, float]:
    rules = np.array([bool(possible_disclosure(text)) for text in examples.texts])

    def rate(flags: np.ndarray, kind: str) -> float:
        return float(flags[examples.kind == kind].mean())

    check = next(
        t
        for t in GRID
        if rate(rules | (probabilities >= t), "ordinary") <= CHECK_ORDINARY
        and rate(rules | (probabilities >= t), "bench") <= CHECK_BENCH
    )
    urgent = next(t for t in GRID if rate(probabilities >= t, "risky_words") <= URGENT_RISKY)
    urgent = max(urgent, check)
    flagged = rules | (probabilities >= check)
    print(
        f"thresholds: check {check:.2f}, urgent {urgent:.2f}; out of fold: recall "
        f"{flagged[examples.disclosure].mean():.3f} (rules alone "
        f"{rules[examples.disclosure].mean():.3f}), false alarms ordinary "
        f"{rate(flagged, 'ordinary'):.3f}, risky words {rate(flagged, 'risky_words'):.3f}, "
        f"benchmark {rate(flagged, 'bench'):.3f}"
    )
    return {"check": float(check), "urgent": float(urgent)}


def build_detector(bench: pd.DataFrame) -> DisclosureModel:
    examples = detector_examples(bench_safe_texts(bench))
    thresholds = choose_thresholds(examples, out_of_fold(examples))
    model = fit_detector(examples, np.arange(len(examples.texts)))
    model.check, model.urgent = thresholds["check"], thresholds["urgent"]
    return model


SENTIMENT_BENCH_ROWS = 2500
SEND_WEIGHT = 10.0  # chosen by 5-fold macro-F1 on the SEND examples (3 or 10; C 1)
SENTIMENT_C = 1.0


def sentiment_examples(bench: pd.DataFrame) -> tuple[list[str], list[str], np.ndarray]:
    """Texts, labels and weights: the benchmark's positive and negative rows (its middle class
    mixes neutral and mixed, which SEND text must tell apart), the SEND examples weighted up,
    and a third of the library's disclosures as negative."""
    scores = bench[BENCH_SENTIMENT]
    rows = [i for i, score in enumerate(scores) if not pd.isna(score) and score != 3]
    rows = sorted(np.random.RandomState(0).permutation(rows)[:SENTIMENT_BENCH_ROWS])
    texts = [bench[BENCH_TEXT][i] for i in rows]
    labels = ["positive" if scores[i] <= 2 else "negative" for i in rows]
    weights = [1.0] * len(rows)
    send = pd.read_csv(SENTIMENT_EXAMPLES, keep_default_na=False)
    texts += list(send["text"])
    labels += list(send["sentiment"])
    weights += [SEND_WEIGHT] * len(send)
    disclosures = [example.text for example in read_library() if example.disclosure][::3]
    texts += disclosures
    labels += ["negative"] * len(disclosures)
    weights += [1.0] * len(disclosures)
    return texts, labels, np.asarray(weights)


def build_sentiment(bench: pd.DataFrame) -> SendSentimentModel:
    from sklearn.linear_model import LogisticRegression

    texts, labels, weights = sentiment_examples(bench)
    model = SendSentimentModel(base_model(), (), np.zeros(0), np.zeros(0), examples_digest())
    features = model.features(texts, embed(texts))
    regression = LogisticRegression(C=SENTIMENT_C, max_iter=5000)
    regression.fit(features, labels, sample_weight=weights)
    model.classes = tuple(str(label) for label in regression.classes_)
    model.weights, model.bias = regression.coef_.T.copy(), regression.intercept_.copy()
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench-csv", type=Path, default=BENCH_CSV)
    args = parser.parse_args()
    bench = bench_training_part(args.bench_csv)
    detector = build_detector(bench)
    MODEL.write_text(json.dumps(detector.to_dict(), separators=(",", ":")), encoding="utf-8")
    print(f"wrote {MODEL} ({MODEL.stat().st_size / 1e6:.2f} MB)")
    sentiment = build_sentiment(bench)
    SENTIMENT_MODEL.write_text(json.dumps(sentiment.to_dict(), separators=(",", ":")))
    print(f"wrote {SENTIMENT_MODEL} ({SENTIMENT_MODEL.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
