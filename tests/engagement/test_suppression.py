"""Small numbers are never published: primary and secondary suppression, one rule for all."""

import itertools

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from engagement.suppression import (
    FEWER_THAN,
    NOT_SHOWN,
    SHOWN,
    SMALL,
    shown_count,
    shown_counts,
    shown_percentage,
    shown_table,
    suppression_mask,
)


def test_counts_one_to_four_say_fewer_than_five_and_zero_is_shown():
    assert [shown_count(n) for n in (0, 1, 4, 5, 120)] == ["0", FEWER_THAN, FEWER_THAN, "5", "120"]


def test_a_lone_small_count_is_protected_by_the_next_smallest():
    shown = shown_counts({"young people": 3, "parent carers": 40, "professionals": 12})
    assert shown == {"young people": FEWER_THAN, "parent carers": "40", "professionals": NOT_SHOWN}


def test_two_small_counts_protect_each_other():
    shown = shown_counts({"young people": 3, "parent carers": 2, "professionals": 30})
    assert shown == {"young people": FEWER_THAN, "parent carers": FEWER_THAN, "professionals": "30"}


def test_without_a_total_nothing_more_is_hidden():
    assert shown_counts({"a": 3, "b": 40}, total=False) == {"a": FEWER_THAN, "b": "40"}


def test_a_table_protects_rows_and_columns_and_adds_totals():
    counts = pd.DataFrame({"yp": [3, 10, 20], "pc": [12, 1, 30]}, index=["a", "b", "c"])
    shown = shown_table(counts)
    assert shown.loc["a"].tolist() == [FEWER_THAN, NOT_SHOWN, "15"]
    assert shown.loc["b"].tolist() == [NOT_SHOWN, FEWER_THAN, "11"]
    assert shown.loc["Total"].tolist() == ["33", "43", "76"]


def test_percentages_on_small_bases_or_hidden_counts_are_not_shown():
    assert shown_percentage(10, 40) == "25%"
    assert shown_percentage(10, 4) is None
    assert shown_percentage(3, 40) is None
    assert shown_percentage(12, 40, part_hidden=True) is None


counts_tables = data_frames(
    columns=[column(name, dtype=np.int64, elements=st.integers(0, 60)) for name in "abcd"],
    index=st.lists(st.integers(), min_size=1, max_size=6, unique=True).map(pd.Index),
)


@given(counts_tables)
def test_every_small_count_is_hidden(counts):
    mask = suppression_mask(counts).to_numpy()
    values = counts.to_numpy()
    assert (mask[(values > 0) & (values < 5)] == SMALL).all()


@given(counts_tables)
def test_a_lone_hidden_cell_never_sits_beside_shown_non_zero_counts(counts):
    mask = suppression_mask(counts).to_numpy()
    values = counts.to_numpy()
    for line_mask, line_values in itertools.chain(
        zip(mask, values, strict=True), zip(mask.T, values.T, strict=True)
    ):
        hidden = line_mask != SHOWN
        if hidden.sum() == 1:
            assert not (line_values[~hidden] > 0).any()


@given(counts_tables)
def test_counts_of_five_or_more_are_shown_unless_they_protect_another(counts):
    mask = suppression_mask(counts).to_numpy()
    values = counts.to_numpy()
    assert ((values >= 5) & (mask == SMALL)).sum() == 0
    assert ((values == 0) & (mask != SHOWN)).sum() == 0
