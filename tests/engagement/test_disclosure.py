"""Cell-key random rounding to base 5: one rule for every published count."""

import itertools
import statistics

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagement import disclosure
from engagement.disclosure import (
    FEWER_THAN,
    CellKeyRounding,
    Published,
    Records,
    publish_table,
    share,
)

ROUNDING = CellKeyRounding(b"a test key of sixteen bytes or more")


@given(count=st.integers(0, 10_000), id_sum=st.integers(0, 2**70))
def test_a_count_is_published_as_a_multiple_of_5_within_9_never_below_5(count, id_sum):
    value = ROUNDING.rounded("comments", Records(count, id_sum))
    assert value % 5 == 0 and abs(value - count) < 10
    assert value >= 5 if count >= 5 else value in (0, 5)  # 5 or more never "fewer than 5"
    if count == 0:
        assert value == 0  # none is always "fewer than 5"


def test_none_and_a_few_look_the_same():
    """1 to 4 round to "fewer than 5" or 5 like any count (2 is 5 two times in five), so a
    small count is never told from none, nor a 5 from a small count."""
    for count in range(1, 5):
        draws = [ROUNDING.rounded("comments", Records(count, n)) for n in range(3000)]
        assert set(draws) == {0, 5}
        assert statistics.mean(draws) == pytest.approx(count, abs=0.2)
    assert ROUNDING.rounded("comments", Records(0, 0)) == 0
    assert str(Published(0)) == FEWER_THAN and Published(0).number is None


def test_a_true_5_or_more_is_never_published_below_5_nor_1_to_4_above_5():
    for count, id_sum in itertools.product(range(5, 10), range(200)):
        assert ROUNDING.rounded("comments", Records(count, id_sum)) in (5, 10, 15)
    for count, id_sum in itertools.product(range(1, 5), range(200)):
        assert ROUNDING.rounded("comments", Records(count, id_sum)) in (0, 5)


def test_the_same_records_always_publish_the_same_value():
    records = Records(7, 4242)
    values = {ROUNDING.rounded("comments", records) for _ in range(20)}
    assert len(values) == 1
    assert (
        CellKeyRounding(b"a test key of sixteen bytes or more").rounded("comments", records)
        == values.pop()
    )


def test_other_records_or_another_key_draw_again():
    """Over many sets of 27 records: 25 or 30 (up two times in five), and a tenth of the time
    a further 5 each way; unbiased."""
    draws = [ROUNDING.rounded("comments", Records(27, id_sum)) for id_sum in range(5000)]
    assert set(draws) == {20, 25, 30, 35}
    assert statistics.mean(draws) == pytest.approx(27, abs=0.2)
    assert draws.count(20) + draws.count(35) == pytest.approx(500, rel=0.2)  # a tenth
    other = CellKeyRounding(b"another key of sixteen bytes or more")
    assert draws != [other.rounded("comments", Records(27, n)) for n in range(5000)]
    answers = [ROUNDING.rounded("answers", Records(27, id_sum)) for id_sum in range(5000)]
    assert draws != answers


def test_id_sums_that_wrapped_in_numpy_make_the_same_key():
    ids = np.array([2**62, 2**62, 2**62, 7], dtype=np.int64)
    with np.errstate(over="ignore"):
        wrapped = int(ids.sum())
    assert wrapped != 3 * 2**62 + 7
    assert ROUNDING.rounded("comments", Records(6, wrapped)) == ROUNDING.rounded(
        "comments", Records(6, 3 * 2**62 + 7)
    )


def test_records_add_up():
    assert Records.of([3, 4]) + Records.of([10]) == Records(3, 17)


def test_a_table_s_totals_are_rounded_from_their_own_records(settings):
    counts = pd.DataFrame({"a": [3, 7], "b": [12, 0]}, index=["x", "y"])
    ids = pd.DataFrame({"a": [30, 71], "b": [120, 0]}, index=["x", "y"])
    shown = publish_table("comments", counts, ids)
    assert list(shown.columns) == ["a", "b", "Total"] and list(shown.index) == ["x", "y", "Total"]
    expected = {
        ("x", "a"): Records(3, 30), ("x", "Total"): Records(15, 150),
        ("Total", "a"): Records(10, 101), ("Total", "Total"): Records(22, 221),
    }  # fmt: skip
    for (row, column), records in expected.items():
        assert shown.loc[row, column] == disclosure.publish("comments", records)
    assert str(shown.loc["y", "b"]) == FEWER_THAN  # none


def test_shares_come_from_published_counts_on_a_base_of_50_or_more():
    assert share(Published(20), Published(50)) == "40%"
    assert share(Published(20), Published(45)) is None  # too few to mean anything
    assert share(Published(0), Published(200)) is None  # "fewer than 5" has no number


def test_a_key_must_be_long_enough():
    with pytest.raises(ValueError, match="16 bytes"):
        CellKeyRounding(b"short")


def test_a_database_s_decimal_sums_make_the_same_key():
    """PostgreSQL sums bigint ids as numeric: the key must not depend on the database."""
    from decimal import Decimal

    assert Records(Decimal(6), Decimal(4242)) == Records(6, 4242)
    assert ROUNDING.rounded("comments", Records(Decimal(6), Decimal(4242))) == ROUNDING.rounded(
        "comments", Records(6, 4242)
    )
