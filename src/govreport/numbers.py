"""Numbers as a report prints them: exactly as the author typed them, never in scientific
notation (1234567.5, not 1.23457e+06; 100000000000000000000, not 1e+20; 0, not -0)."""

from __future__ import annotations


def number_text(value: int | float) -> str:
    """A number as a published report writes it: 447228, 96171.6, 1234567.5 — never 1e+06."""
    if isinstance(value, int):
        return str(value)
    if value == 0:  # -0.0 too: a report has no negative zero
        return "0"
    from decimal import Decimal  # only decimals need it: a check of counts does not

    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
