"""Numbers as people write them: 60, 80.2, 1,250; never 6E+1 or 80.20.

One place for the dashboard's pages, its report (PDF and HTML) and its CSV, so that a value
officers typed in reads the same everywhere.
"""

from decimal import Decimal


def plain_number(value) -> str:
    """A Decimal, int or float without exponent, trailing zeros or a trailing point, with
    thousands separated by commas."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}"
    text = f"{number.normalize():,f}"  # "f" never gives an exponent
    return text.rstrip("0").rstrip(".") if "." in text else text
