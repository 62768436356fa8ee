"""Counts in what the reader says: "1 word", "2,348 words", never "1 words"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str = "") -> str:
    """``count`` with thousands separators and ``noun``, in the plural unless it is 1.

    The plural is ``noun`` + "s" unless ``plural`` is given.
    """
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
