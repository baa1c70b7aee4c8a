"""Small-number suppression: never publish a count small enough to point at a child.

One rule, used by every view, PDF and CSV that is not a person's own data:
- a count from 1 to 4 is shown as "fewer than 5" (primary suppression);
- where a row's or a column's total is shown, one suppressed cell in it could be worked out
  from the total and the other cells, so the next smallest count in that row or column is
  not shown either (secondary suppression, shown as "not shown"), until no suppressed cell
  can be worked out;
- a percentage built on fewer than 5 is not shown, and neither is the percentage of a
  suppressed count.
Zero is shown: nobody can be picked out of nobody. Imports nothing from Django.
"""

from collections.abc import Hashable, Mapping

import numpy as np
import pandas as pd

THRESHOLD = 5
FEWER_THAN = f"fewer than {THRESHOLD}"
NOT_SHOWN = "not shown"  # a count hidden so that a smaller one cannot be worked out
SHOWN, SMALL, PROTECTING = 0, 1, 2


def is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def suppression_mask(counts: pd.DataFrame, totals: bool = True) -> pd.DataFrame:
    """Per cell of this table of counts: SHOWN, SMALL (1 to 4) or PROTECTING (hidden so that
    a small one cannot be worked out from a total).

    totals: whether the rows' and the columns' totals are shown beside the table (then a
    lone suppressed cell in a row or column is protected by suppressing another one).
    """
    values = counts.to_numpy(dtype=np.int64)
    mask = np.where((values > 0) & (values < THRESHOLD), SMALL, SHOWN)
    if totals:
        changed = True
        while changed:
            changed = False
            for line_values, line_mask in _lines(values, mask):
                hidden = line_mask != SHOWN
                # One hidden cell, and others that could be subtracted from the total.
                if hidden.sum() == 1 and (line_values[~hidden] > 0).any():
                    candidates = np.where(~hidden & (line_values > 0))[0]
                    line_mask[candidates[np.argmin(line_values[candidates])]] = PROTECTING
                    changed = True
    return pd.DataFrame(mask, index=counts.index, columns=counts.columns)


def _lines(values: np.ndarray, mask: np.ndarray):
    """Each row and each column, as views that write through to the mask."""
    for row in range(values.shape[0]):
        yield values[row, :], mask[row, :]
    for column in range(values.shape[1]):
        yield values[:, column], mask[:, column]


def shown_table(counts: pd.DataFrame, totals: bool = True) -> pd.DataFrame:
    """The table as it may be published: "fewer than 5" and "not shown" in place of hidden
    counts; with totals, a Total row and column are added (themselves hidden when small)."""
    mask = suppression_mask(counts, totals)
    shown = (
        counts.astype(object).mask(mask == SMALL, FEWER_THAN).mask(mask == PROTECTING, NOT_SHOWN)
    )
    if totals:
        shown["Total"] = [shown_count(int(total)) for total in counts.sum(axis=1)]
        column_totals = [shown_count(int(total)) for total in counts.sum(axis=0)]
        shown.loc["Total"] = [*column_totals, shown_count(int(counts.to_numpy().sum()))]
    return shown


def shown_counts(counts: Mapping[Hashable, int], total: bool = True) -> dict[Hashable, str]:
    """One list of counts (e.g. comments by audience), as it may be published."""
    table = pd.DataFrame([list(counts.values())], columns=list(counts.keys()), dtype=np.int64)
    shown = shown_table(table, totals=total)
    return {key: str(shown.iat[0, position]) for position, key in enumerate(counts.keys())}


def shown_count(count: int) -> str:
    """A count standing alone: "fewer than 5" when it is 1 to 4."""
    return FEWER_THAN if is_small(count) else str(count)


def shown_percentage(part: int, whole: int, part_hidden: bool | None = None) -> str | None:
    """The percentage, or None where it must not be shown: a base under 5, or a part that is
    itself suppressed."""
    hidden = is_small(part) if part_hidden is None else part_hidden
    if whole < THRESHOLD or hidden:
        return None
    return f"{round(100 * part / whole)}%"
