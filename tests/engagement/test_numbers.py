from decimal import Decimal

import pytest

from engagement.numbers import plain_number


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("60.00"), "60"),  # Decimal.normalize() gives "6E+1"
        (Decimal("20"), "20"),
        (Decimal("80.20"), "80.2"),  # floatformat:"-2" gives "80.20"
        (Decimal("0.05"), "0.05"),
        (Decimal("1250.00"), "1,250"),
        (7, "7"),
        (None, ""),
    ],
)
def test_numbers_are_written_as_people_write_them(value, shown):
    assert plain_number(value) == shown
