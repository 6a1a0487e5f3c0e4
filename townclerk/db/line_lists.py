"""Lists kept in one text column, a value a line: an item's everyday names and their pinyin
keys (three columns whose lines belong together), the center's list settings."""

from __future__ import annotations


def split_lines(text: str) -> tuple[str, ...]:
    """The values of a list stored a line each; an empty text holds none (not one empty value).

    Empty lines inside are kept: a line of the everyday names' pinyin may be empty (a name
    without letters) and the lines of the three columns must stay side by side.
    """
    return tuple(text.split("\n")) if text else ()
