"""Theme and sentiment models on the public benchmark, with the protocol in shared/bench/README.md.

    .venv/bin/python benchmarks/theming.py [--bench-csv PATH] [--comments 100000]
    .venv/bin/python benchmarks/theming.py --write-sentiment-model

Data: NHS Friends and Family Test comments from The-Strategy-Unit/pxtextmining
(datasets/v6framework_230831.csv, commit 1f3ae7601d1738cbd41df1ed37e84f980da0f415), MIT licence,
(c) 2021 NHS England. Models are trained on the 80% training part only; figures are on the 20%
test part. The protocol functions (load_usable, theme_columns, split, theme_scores,
sentiment_classes, sentiment_score) are meant to be reused by a whole-pipeline benchmark.

Throughput is measured in this process, pinned to one core with one maths thread, for the
whole analysis (what the platform runs on every comment) over 100,000 comments. Run it on a
quiet machine: other work on the same core slows it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

# One thread for numpy's and scipy's maths too: the protocol measures one core.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from engagement.analysis import (  # noqa: E402
    analyse,
    default_codebook,
    default_sentiment_model,
    learned,
)

DEFAULT_CSV = REPO.parent / "shared" / "bench" / "fft_v6framework_230831.csv"
SENTIMENT_JSON = REPO / "engagement" / "analysis" / "data" / "sentiment_model.json"
TEXT, QUESTION, SENTIMENT = "FFT answer", "FFT question", "Comment sentiment"
ATTRIBUTION = {
    "source": "The-Strategy-Unit/pxtextmining, datasets/v6framework_230831.csv, commit "
    "1f3ae7601d1738cbd41df1ed37e84f980da0f415 (NHS Friends and Family Test comments)",
    "licence": "MIT, (c) 2021 NHS England",
    "trained_on": "the 80% training part of the usable rows (train_test_split, random_state=42)",
}


# --- the protocol -----------------------------------------------------------------------------


def load_usable(path: Path) -> pd.DataFrame:
    """Rows with a real answer that people could label."""
    frame = pd.read_csv(path)
    text = frame[TEXT].fillna("").astype(str).str.strip()
    usable = (
        (text != "")
        & (text.str.lower() != "did not answer")
        & (frame["Labelling not possible"].fillna(0) != 1)
    )
    frame = frame[usable].reset_index(drop=True)
    frame[TEXT] = frame[TEXT].astype(str)
    frame[QUESTION] = frame[QUESTION].fillna("").astype(str)
    return frame


def theme_columns(frame: pd.DataFrame, least: int = 10) -> list[str]:
    """Theme columns (after the sentiment column) with at least `least` positive rows."""
    after = list(frame.columns[frame.columns.get_loc(SENTIMENT) + 1 :])
    return [c for c in after if c != "Labelling not possible" and frame[c].fillna(0).sum() >= least]


def split(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    from sklearn.model_selection import train_test_split

    train, test = train_test_split(frame, test_size=0.2, random_state=42)
    return train.reset_index(drop=True), test.reset_index(drop=True)


def theme_sets(frame: pd.DataFrame, columns: list[str]) -> list[set[str]]:
    values = frame[columns].fillna(0).to_numpy() > 0
    return [{c for c, on in zip(columns, row, strict=True) if on} for row in values]


def theme_scores(
    truth: list[set[str]], predicted: list[set[str]], columns: list[str]
) -> tuple[float, float]:
    """Micro- and macro-F1 over the theme columns."""
    from sklearn.metrics import f1_score

    def matrix(sets: list[set[str]]) -> np.ndarray:
        return np.array([[c in s for c in columns] for s in sets], dtype=int)

    y, p = matrix(truth), matrix(predicted)
    micro = f1_score(y, p, average="micro", zero_division=0)
    return float(micro), float(f1_score(y, p, average="macro", zero_division=0))


def sentiment_classes(frame: pd.DataFrame) -> list[str | None]:
    """1-2 positive, 3 neutral (or mixed), 4-5 negative; None where there is no score."""

    def one(score: float) -> str | None:
        if pd.isna(score):
            return None
        return "positive" if score <= 2 else "neutral" if score == 3 else "negative"

    return [one(s) for s in frame[SENTIMENT]]


def sentiment_score(truth: list[str | None], predicted: list[str]) -> float:
    """3-class macro-F1 (mixed counts as neutral); rows without a score are left out."""
    from sklearn.metrics import f1_score

    pairs = [
        (t, "neutral" if p == "mixed" else p)
        for t, p in zip(truth, predicted, strict=True)
        if t is not None
    ]
    return float(f1_score([t for t, _ in pairs], [p for _, p in pairs], average="macro"))


# --- training and measuring -------------------------------------------------------------------


def train_sentiment(train: pd.DataFrame) -> learned.SentimentModel:
    labels = sentiment_classes(train)
    rows = [i for i, label in enumerate(labels) if label is not None]
    return learned.train_sentiment_model(
        [train[TEXT][i] for i in rows],
        [labels[i] for i in rows],
        [train[QUESTION][i] for i in rows],
        attribution=ATTRIBUTION,
    )


def throughput(
    themes: learned.ThemeModel,
    sentiment: learned.SentimentModel,
    texts: list[str],
    contexts: list[str],
    comments: int,
    batch: int = 1000,
) -> dict[str, float]:
    """Comments per second over `comments` comments, in batches as the platform's task runs
    them: the whole analysis as the platform runs it (codebook themes, the learned themes, the
    shipped sentiment model, the embedding, safeguarding patterns and model, personal data and
    redaction), and the learned models alone.

    Caches that the models keep per word are emptied first, so nothing is remembered from
    training; nothing is cached per comment.
    """
    repeats = -(-comments // len(texts))
    texts, contexts = (texts * repeats)[:comments], (contexts * repeats)[:comments]
    for model in (themes, sentiment):
        model.featurizer.__post_init__()
    codebook = default_codebook()
    shipped_sentiment = default_sentiment_model()  # what engagement/tasks.py runs
    analyse(pd.DataFrame({"text": texts[:10]}), codebook, themes, shipped_sentiment)  # loads
    timings = {"whole": 0.0, "learned": 0.0}
    for start in range(0, comments, batch):
        part = pd.DataFrame(
            {"text": texts[start : start + batch], "prompt": contexts[start : start + batch]}
        )
        began = time.perf_counter()
        analyse(part, codebook, themes, shipped_sentiment, prompt_column="prompt")
        timings["whole"] += time.perf_counter() - began
        began = time.perf_counter()
        themes.predict(list(part["text"]), list(part["prompt"]))
        sentiment.predict(list(part["text"]), list(part["prompt"]))
        timings["learned"] += time.perf_counter() - began
    return {
        "the whole analysis": comments / timings["whole"],
        "learned themes + sentiment alone": comments / timings["learned"],
    }


def one_core() -> str:
    """Run on one core, as the protocol asks: this process pinned to a single CPU."""
    import os

    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (this system cannot)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench-csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument(
        "--write-sentiment-model",
        action="store_true",
        help=f"train on the training part and write {SENTIMENT_JSON.relative_to(REPO)}",
    )
    args = parser.parse_args()
    frame = load_usable(args.bench_csv)
    columns = theme_columns(frame)
    train, test = split(frame)
    print(f"usable rows {len(frame)}, theme columns {len(columns)}, train {len(train)}")

    began = time.perf_counter()
    sentiment = train_sentiment(train)
    sentiment_seconds = time.perf_counter() - began
    if args.write_sentiment_model:
        SENTIMENT_JSON.parent.mkdir(parents=True, exist_ok=True)
        SENTIMENT_JSON.write_text(json.dumps(sentiment.to_dict(), separators=(",", ":")))
        print(f"wrote {SENTIMENT_JSON} ({SENTIMENT_JSON.stat().st_size / 1e6:.2f} MB)")
        return

    began = time.perf_counter()
    themes = learned.train_theme_model(
        list(train[TEXT]), theme_sets(train, columns), list(train[QUESTION])
    )
    theme_seconds = time.perf_counter() - began
    predicted = themes.predict(list(test[TEXT]), list(test[QUESTION]))
    micro, macro = theme_scores(
        theme_sets(test, columns), [{p.key for p in row} for row in predicted], columns
    )
    moods = [label for label, _ in sentiment.predict(list(test[TEXT]), list(test[QUESTION]))]
    print(f"themes: micro-F1 {micro:.3f}, macro-F1 {macro:.3f} ({len(themes.keys)} learned)")
    print(f"sentiment: 3-class macro-F1 {sentiment_score(sentiment_classes(test), moods):.3f}")
    print(f"training: themes {theme_seconds:.0f} s, sentiment {sentiment_seconds:.0f} s")
    sizes = {
        name: len(json.dumps(model.to_dict(), separators=(",", ":"))) / 1e6
        for name, model in (("themes", themes), ("sentiment", sentiment))
    }
    print("JSON size: " + ", ".join(f"{k} {v:.2f} MB" for k, v in sizes.items()))
    texts = list(test[TEXT]) + list(train[TEXT])
    contexts = list(test[QUESTION]) + list(train[QUESTION])
    print(f"throughput, {one_core()}:")
    rates = throughput(themes, sentiment, texts, contexts, args.comments)
    for name, rate in rates.items():
        print(f"  {name}: {rate:,.0f} comments/s over {args.comments:,} comments")


if __name__ == "__main__":
    main()
