"""The analysis on the blind held-out SEND set (benchmarks/data/send_unseen): figures only.

    .venv/bin/python benchmarks/send_unseen.py

The set was written by someone who never read the example library, the patterns or the tests,
from the issue's concern list alone (see its READMEs). Nothing is ever tuned on it, and this
script prints figures, never rows: reading its rows would end its use as a held-out set.
Intervals are Wilson 95% score intervals.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from engagement.analysis import analyse, redact  # noqa: E402

DATA = REPO / "benchmarks" / "data" / "send_unseen"
SENTIMENTS = ("positive", "negative", "mixed", "neutral")


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for hits/total (sound near 0% and 100%, unlike p +- 2 SE)."""
    if not total:
        return 0.0, 1.0
    p = hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - spread), min(1.0, centre + spread)


def share(hits: int, total: int) -> str:
    low, high = wilson(hits, total)
    rate = hits / total if total else 0.0
    return f"{hits:>3}/{total:<3} {rate:6.1%}  (95% CI {low:5.1%} to {high:5.1%})"


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, keep_default_na=False, dtype=str)


def safeguarding() -> None:
    disclosures, safe = read("disclosures.csv"), read("safe.csv")
    found = analyse(disclosures)
    print(f"safeguarding, {len(disclosures)} disclosures (rules or model flag them):")
    for concern, rows in found.groupby(disclosures["concern"]):
        print(f"  {concern:<28} {share(int(rows['safeguarding'].sum()), len(rows))}")
    flagged = found["safeguarding"].astype(bool)
    print(f"  {'ALL':<28} {share(int(flagged.sum()), len(found))}")
    tiers = found["safeguarding_tier"]
    print(
        f"  of those flagged: urgent {(tiers == 'urgent').sum()}, check {(tiers == 'check').sum()}"
    )
    said = analyse(safe)
    print(f"false alarms, {len(safe)} safe comments:")
    for kind, rows in said.groupby(safe["kind"]):
        flagged = rows["safeguarding"].astype(bool)
        tiers = rows["safeguarding_tier"]
        print(
            f"  {kind:<28} {share(int(flagged.sum()), len(rows))}  "
            f"urgent {(tiers == 'urgent').sum()}, check {(tiers == 'check').sum()}"
        )


def personal_data() -> None:
    frame = read("personal_data.csv")
    wanted = [
        [part.strip() for part in cell.split(" | ") if part.strip()] for cell in frame.personal
    ]
    redacted = [redact(text) for text in frame.text]
    hidden = pd.Series(
        [
            all(part not in out for part in parts)
            for parts, out in zip(wanted, redacted, strict=True)
        ]
    )
    has = pd.Series([bool(parts) for parts in wanted])
    print(f"personal data, {int(has.sum())} comments with some (every piece gone after redact):")
    for kind, rows in hidden[has].groupby(frame.kind[has]):
        print(f"  {kind:<28} {share(int(rows.sum()), len(rows))}")
    print(f"  {'ALL':<28} {share(int(hidden[has].sum()), int(has.sum()))}")
    changed = pd.Series([out != text for out, text in zip(redacted, frame.text, strict=True)])
    print(
        f"  over-redaction on rows with none: {share(int(changed[~has].sum()), int((~has).sum()))}"
    )


def sentiment() -> None:
    from sklearn.metrics import f1_score

    frame = read("sentiment.csv")
    said = analyse(frame)["sentiment"]
    macro = f1_score(frame.sentiment, said, labels=list(SENTIMENTS), average="macro")
    per_class = f1_score(frame.sentiment, said, labels=list(SENTIMENTS), average=None)
    print(f"sentiment, {len(frame)} comments: 4-class macro-F1 {macro:.3f}")
    print(
        "  "
        + ", ".join(f"{label} {f1:.2f}" for label, f1 in zip(SENTIMENTS, per_class, strict=True))
    )


def main() -> None:
    print(f"--- blind held-out SEND set ({DATA.relative_to(REPO)}) ---")
    safeguarding()
    personal_data()
    sentiment()


if __name__ == "__main__":
    main()
