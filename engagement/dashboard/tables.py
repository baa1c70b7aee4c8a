"""Tables of counts as they may be shown: rounded by engagement.disclosure, with a bar for each
row's total.

Each chart on the dashboard is a table: the figures in cells and, beside them, a bar drawn as
inline SVG (no script, no chart service) that screen readers skip because the cells say it all.
Bars, and the order of the rows, come from the published figures only: drawn from the true
counts, a bar's length would give a count away.
"""

from dataclasses import dataclass

import pandas as pd

from engagement.disclosure import Published, Records, publish, publish_table


@dataclass
class RecordTable:
    """A table of counts and, cell by cell, the sum of the ids of the records counted (what
    each published count's cell key is made from). Same rows and columns in both."""

    counts: pd.DataFrame
    id_sums: pd.DataFrame

    def reindex(self, **kwargs) -> "RecordTable":
        return RecordTable(self.counts.reindex(**kwargs), self.id_sums.reindex(**kwargs))

    def labelled(self, row_label, columns: list[str]) -> "RecordTable":
        """The same table with rows named by row_label(key) and these column labels."""
        counts, id_sums = self.counts.rename(index=row_label), self.id_sums.rename(index=row_label)
        counts.columns = id_sums.columns = columns
        return RecordTable(counts, id_sums)

    @property
    def columns(self) -> list:
        return list(self.counts.columns)

    @property
    def empty(self) -> bool:
        return self.counts.empty


@dataclass
class ShownTable:
    caption: str
    row_header: str
    columns: list[str]
    rows: list[tuple[str, list[str], float | None]]  # label, shown cells, bar 0-100 or None
    total_row: list[str] | None
    total_label: str = "Total"  # what the total counts, in words
    links: dict[str, str] | None = None  # a row's label to the page it leads to

    @property
    def linked_rows(self) -> list[tuple[str, str | None, list[str], float | None]]:
        links = self.links or {}
        return [(label, links.get(label), cells, bar) for label, cells, bar in self.rows]

    @property
    def is_empty(self) -> bool:
        return not self.rows


def counts_table(
    table: RecordTable,
    what: str,
    caption: str,
    row_header: str,
    largest_first: bool = True,
    total_label: str = "Total",
) -> ShownTable:
    """A table of counts with its totals, largest published total first (or in the table's
    order); bars show each row's published total against the largest."""
    if table.empty:
        columns = [*map(str, table.columns), "Total"]
        return ShownTable(caption, row_header, columns, [], None, total_label)
    shown = publish_table(what, table.counts, table.id_sums)
    body = shown.drop(index="Total")
    if largest_first:
        order = sorted(
            range(len(body)), key=lambda row: (-body["Total"].iloc[row].value, str(body.index[row]))
        )
        body = body.iloc[order]
    largest = max(total.value for total in body["Total"]) or 1
    rows = [
        (str(label), [str(cell) for cell in cells], _bar(cells["Total"], largest))
        for label, cells in body.iterrows()
    ]
    return ShownTable(
        caption,
        row_header,
        [str(column) for column in shown.columns],
        rows,
        [str(cell) for cell in shown.loc["Total"]],
        total_label,
    )


def single_counts(
    counts: dict[str, Records], what: str, caption: str, row_header: str, total_label: str
) -> ShownTable:
    """One column of counts (e.g. surveys by who answered), with its total."""
    shown = {label: publish(what, records) for label, records in counts.items()}
    largest = max([count.value for count in shown.values()] + [1])
    rows = [(label, [str(count)], _bar(count, largest)) for label, count in shown.items()]
    total = publish(what, sum(counts.values(), Records()))
    return ShownTable(caption, row_header, ["People"], rows, [str(total)], total_label)


def _bar(total: Published, largest: int) -> float | None:
    """No bar for "fewer than 5": its length would be a number."""
    return None if total.small else 100 * total.value / largest
