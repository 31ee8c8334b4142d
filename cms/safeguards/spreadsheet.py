"""Cells of the CSV and Excel files the site writes, made inert.

A spreadsheet program reads a cell that starts with ``=``, ``+``, ``-`` or
``@`` (or a tab or carriage return before one) as a formula, so an
anonymous survey comment such as ``=HYPERLINK("http://evil","x")`` would
become a live link in a staff member's export. Every exported text cell goes
through :func:`safe_cell`, which prefixes such text with ``'`` (the mark
spreadsheet programs themselves use for "this is text"); numbers, dates and
empty cells pass unchanged, so sums still work.
"""
from __future__ import annotations

from typing import Any, Iterable

# The full-width forms count too: some spreadsheet locales read them as formula signs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> Any:
    """``value`` as it may go into a spreadsheet cell: text that a
    spreadsheet would read as a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    """One row of cells through :func:`safe_cell`."""
    return [safe_cell(value) for value in row]
