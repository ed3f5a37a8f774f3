"""Cells of a CSV that people open in a spreadsheet. No Django.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before them) as a
formula, so text written by anybody (a name, a purpose, an area) could run on the reader's machine.
Such text gets a leading apostrophe, which the spreadsheet shows as plain text; numbers stay numbers.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a CSV cell that no spreadsheet runs: text that could be a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
