"""Tables of counts as they may be shown: suppressed, with a bar for each row's total.

Each chart on the dashboard is a table: the figures in cells and, beside them, a bar drawn as
inline SVG (no script, no chart service) that screen readers skip because the cells say it all.
"""

from dataclasses import dataclass

import pandas as pd

from engagement.suppression import shown_count, shown_counts, shown_table


@dataclass
class ShownTable:
    caption: str
    row_header: str
    columns: list[str]
    rows: list[tuple[str, list[str], float | None]]  # label, shown cells, bar 0-100 or None
    total_row: list[str] | None

    @property
    def is_empty(self) -> bool:
        return not self.rows


def counts_table(counts: pd.DataFrame, caption: str, row_header: str) -> ShownTable:
    """A table of counts with its totals; bars show each row's total against the largest."""
    if counts.empty:
        return ShownTable(caption, row_header, list(counts.columns), [], None)
    shown = shown_table(counts)
    totals = counts.sum(axis=1)
    largest = max(int(totals.max()), 1)
    rows = [
        (
            str(label),
            [str(value) for value in shown.loc[label]],
            # no bar where the total itself is hidden: its length would give the count away
            100 * int(totals[label]) / largest
            if shown.loc[label, "Total"] == str(totals[label]) else None,
        )
        for label in counts.index
    ]  # fmt: skip
    return ShownTable(
        caption,
        row_header,
        [*map(str, counts.columns), "Total"],
        rows,
        [str(value) for value in shown.loc["Total"]],
    )


def single_counts(counts: dict[str, int], caption: str, row_header: str) -> ShownTable:
    """One column of counts (e.g. surveys by who answered), with its total."""
    shown = shown_counts(counts)
    largest = max([*counts.values(), 1])
    rows = [
        (label, [shown[label]], 100 * count / largest if shown[label] == str(count) else None)
        for label, count in counts.items()
    ]
    return ShownTable(caption, row_header, ["People"], rows, [shown_count(sum(counts.values()))])
