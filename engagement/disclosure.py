"""Disclosure control: no published number lets anyone work out a count from 1 to 4.

Every count that leaves the platform (dashboard pages, the PDF, CSV and Excel, the public
"You said, we did" pages, the officers' survey results) is published here, and only here, by
cell-key random rounding to base 5 (docs/decisions/0002-disclosure-control.md says why):

- A count of 0 is published as "fewer than 5"; 1 to 4 are rounded like any count, to "fewer
  than 5" or to 5 (up with chance count / 5), so a published 5 may be 1 to 14 and nobody can
  tell none from a few, nor where a count crosses 5. A count of 5 or more is never published
  below 5.
- A count of 5 or more is rounded to a multiple of 5, down or up, with the chance of rounding
  up equal to the distance from the multiple below (7 becomes 10 two times in five), and one
  time in ten each way moved a further 5 (never below 5): on average the published figure is
  the true one, and it is never more than 9 away.
- The random number that decides is the cell key: a keyed hash of what is counted, how many
  records there are and the sum of their ids. The same records always publish the same value,
  whichever page, filter or export reaches them, so asking again or in another way gains
  nothing; totals are rounded from their own records, never summed from rounded cells.
- A percentage is worked out from published counts only, and shown only on a published base
  of SHARE_BASE or more.

Framework-free (no Django): the key is given by the caller (engagement.apps derives it from
the SECRET_KEY), so the rule can be tested and reused on its own.
"""

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

BASE = 5
FEWER_THAN = f"fewer than {BASE}"
AT_LEAST = f"{BASE} or more"
NOT_SHOWN = "not shown"
# Rounding moves each of a share's two counts, and so the share: on a base of 50 by 5 points
# on average (14 at the 95th percentile), on 100 by 2.6 (7), on 20 by 11.5 (31). Below 50 a
# share says more about the rounding than about people.
SHARE_BASE = 50
METHOD_NOTE = (
    f"Every count is rounded to a multiple of {BASE}, up or down at random (now and then one "
    f"step of {BASE} further) but the same way every time; '{FEWER_THAN}' is 0 to 4, "
    f"and a small count may be shown as {BASE}. "
    "Totals are rounded on their own, so they may differ from the sum of their rows. "
    f"Percentages are worked out from the rounded counts, and only on {SHARE_BASE} or more. "
    "This is so that small numbers cannot be worked out by comparing filters or adding up."
)
NOISE = 0.1  # the chance of a further step of 5, each way
_MOD = 2**64  # id sums are compared modulo 2**64: numpy's int64 sums wrap the same way

# What is counted: part of each cell key, so the same ids in different tables differ.
COMMENTS = "comments"
ANSWERS = "answers"
PEOPLE_HEARD = "people heard"  # survey responses and focus-group places
PEOPLE_TOLD = "people told"


@dataclass(frozen=True)
class Records:
    """The records a count is made of: how many, and the sum of their ids.

    Both add up, so a total's Records are the sum of its parts' (the union of their records),
    and a database can give them in the same GROUP BY as the count (Count and Sum of the id).
    """

    count: int = 0
    id_sum: int = 0

    def __post_init__(self):
        # PostgreSQL sums bigints as numeric (Decimal); a key must not depend on the database.
        object.__setattr__(self, "count", int(self.count))
        object.__setattr__(self, "id_sum", int(self.id_sum))

    def __add__(self, other: "Records") -> "Records":
        return Records(self.count + other.count, self.id_sum + other.id_sum)

    @classmethod
    def of(cls, ids: Iterable[int]) -> "Records":
        ids = [int(record_id) for record_id in ids]
        return cls(len(ids), sum(ids))


@dataclass(frozen=True, order=True)
class Published:
    """A count as it may be published: 0 stands for "fewer than 5" (true 0 to 4)."""

    value: int

    @property
    def small(self) -> bool:
        return self.value < BASE

    @property
    def number(self) -> int | None:
        """The published multiple of 5, or None for "fewer than 5" (for Excel cells, bars)."""
        return None if self.small else self.value

    def __str__(self) -> str:
        return FEWER_THAN if self.small else str(self.value)


class CellKeyRounding:
    """Cell-key random rounding to base 5 with one secret key."""

    def __init__(self, key: bytes):
        if len(key) < 16:
            raise ValueError("The cell key secret must be at least 16 bytes.")
        self._key = key

    def _uniforms(self, what: str, records: Records) -> tuple[float, float]:
        """The cell key: two numbers in [0, 1) fixed by what is counted and which records."""
        message = f"{what}|{records.count}|{records.id_sum % _MOD}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).digest()
        return (
            int.from_bytes(digest[:8], "big") / _MOD,
            int.from_bytes(digest[8:16], "big") / _MOD,
        )

    def rounded(self, what: str, records: Records) -> int:
        count = records.count
        if count == 0:
            return 0
        below, rest = divmod(count, BASE)
        rounding, noise = self._uniforms(what, records)
        value = BASE * (below + (rounding < rest / BASE))
        if count < BASE:
            # 1 to 4 round like any count, to "fewer than 5" or to 5: a fixed line at 5 would
            # publish exactly whether each sum reaches 5, which the solver used to pin sums of 4.
            return value
        # A further step of 5 up or down (NOISE each way): without it, a sum boxed in by
        # figures all rounded the unlucky way could still be pinned (the ADR's measurement).
        step = BASE if noise < NOISE else -BASE if noise >= 1 - NOISE else 0
        return max(value + step, BASE)

    def publish(self, what: str, records: Records) -> Published:
        return Published(self.rounded(what, records))


_rounding: CellKeyRounding | None = None


def use_key(key: bytes) -> None:
    """Set the secret the cell keys are made with (once, when the site starts)."""
    global _rounding
    _rounding = CellKeyRounding(key)


def _current() -> CellKeyRounding:
    if _rounding is None:
        raise RuntimeError("No cell key secret: call engagement.disclosure.use_key() first.")
    return _rounding


def publish(what: str, records: Records) -> Published:
    """One count as it may be published."""
    return _current().publish(what, records)


def share(part: Published, whole: Published) -> str | None:
    """A percentage of published counts, or None when it must not be shown: a base under
    SHARE_BASE, or a part of "fewer than 5" (its number is not known)."""
    if whole.value < SHARE_BASE or part.small:
        return None
    return f"{round(100 * part.value / whole.value)}%"


def share_withheld(
    part: Published, whole: Published, of: str = "answers", part_is: str = "positive"
) -> str:
    """Why a share is not shown, in the same words everywhere: the rule itself, never a count
    that seems to contradict it (a published base of 45 is "fewer than 50", not "too few")."""
    if whole.value < SHARE_BASE:
        return f"{NOT_SHOWN}: fewer than {SHARE_BASE} {of}"
    return f"{NOT_SHOWN}: {FEWER_THAN} {part_is}"


def share_value(part: Published, whole: Published) -> float | None:
    """The same share as a number 0-100 (for bars and changes), when it may be shown."""
    return 100 * part.value / whole.value if share(part, whole) else None


def publish_table(what: str, counts: pd.DataFrame, id_sums: pd.DataFrame) -> pd.DataFrame:
    """A table of counts as it may be published, with a Total column and a Total row.

    counts and id_sums have the same rows and columns: the records in each cell. Each cell
    holds different records, so each total's records are the sum of its cells'.
    """
    counts = counts.astype(np.int64)
    id_sums = id_sums.reindex_like(counts).fillna(0).astype(np.int64)
    with_totals_counts = _with_totals(counts)
    with_totals_ids = _with_totals(id_sums)
    published = [
        [
            publish(what, Records(int(count), int(id_sum)))
            for count, id_sum in zip(count_row, id_row, strict=True)
        ]
        for count_row, id_row in zip(
            with_totals_counts.to_numpy(), with_totals_ids.to_numpy(), strict=True
        )
    ]
    return pd.DataFrame(
        published, index=with_totals_counts.index, columns=with_totals_counts.columns
    )


def _with_totals(frame: pd.DataFrame) -> pd.DataFrame:
    # numpy sums of int64 wrap past 2**63, which is the same modulo 2**64 as the true sum.
    with np.errstate(over="ignore"):
        framed = frame.copy()
        framed["Total"] = frame.sum(axis=1)
        framed.loc["Total"] = framed.sum(axis=0)
    return framed
