"""The default codebook and detectors on the held-out SEND comments (tests/analysis/data).

    .venv/bin/python benchmarks/send_heldout.py [dev|test|all]

The set was written apart from the analysis (see its README). Rows are split 50/50 with a fixed
seed: "dev" is the half looked at while building the codebook, "test" the half never looked at;
quote "test". Prints theme micro/macro-F1 per codebook key, sentiment macro-F1, and the recall
and false alarms of the safeguarding and personal-data detectors; then the figures on the blind
held-out set in benchmarks/data/send_unseen (send_unseen.py).
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from engagement.analysis import analyse  # noqa: E402

DATA = REPO / "tests" / "analysis" / "data" / "send_comments.csv"
KEYS = (
    "voice communication waiting ehcp school wellbeing health safety belonging adulthood carers "
    "staff transport"
).split()


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(part: str) -> None:
    from sklearn.metrics import f1_score

    frame = pd.read_csv(DATA, keep_default_na=False)
    dev = np.random.RandomState(0).rand(len(frame)) < 0.5
    if part != "all":
        frame = frame[dev if part == "dev" else ~dev].reset_index(drop=True)
    results = analyse(frame)
    gold = [set(filter(None, themes.split(";"))) for themes in frame["themes"]]
    found = [set(themes) for themes in results["themes"]]
    totals, per_key = np.zeros(3, dtype=int), []
    for key in KEYS:
        counts = np.array(
            [
                sum(key in g and key in p for g, p in zip(gold, found, strict=True)),
                sum(key not in g and key in p for g, p in zip(gold, found, strict=True)),
                sum(key in g and key not in p for g, p in zip(gold, found, strict=True)),
            ]
        )
        totals += counts
        per_key.append(f1(*counts))
        print(
            f"  {key:<14} F1 {per_key[-1]:.2f}  "
            f"(right {counts[0]}, wrong {counts[1]}, missed {counts[2]})"
        )
    print(f"{part}: {len(frame)} comments")
    print(f"themes: micro-F1 {f1(*totals):.3f}, macro-F1 {np.mean(per_key):.3f}")
    three = {"mixed": "neutral"}
    sentiment = f1_score(
        frame["sentiment"].replace(three), results["sentiment"].replace(three), average="macro"
    )
    print(f"sentiment: 3-class macro-F1 {sentiment:.3f}")
    for column in ("safeguarding", "personal_data"):
        truth, said = frame[column] == "yes", results[column].astype(bool)
        print(
            f"{column}: found {(truth & said).sum()} of {truth.sum()}, "
            f"false alarms {(~truth & said).sum()} of {(~truth).sum()}"
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "test")
    import send_unseen

    send_unseen.main()
