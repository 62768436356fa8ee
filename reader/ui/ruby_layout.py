"""The arithmetic of pinyin above each character (ruby): how far to space characters apart.

Each syllable is centred on its character.  Where a syllable (plus a small gap)
is wider than its character, the character needs ``extra`` room, half on each
side; the room is made with letter spacing, which Qt adds after a character, so
the space after character *i* is half the extra of *i* and half that of *i + 1*.
Then the centres of two neighbours are at least half of each syllable plus the
gap apart, and syllables can neither overlap nor need shrinking.  Between two
words a fixed word gap is added, so word boundaries stay visible; inside a word
there is none.

Kept free of Qt so the rule can be checked on its own.
"""

from __future__ import annotations

from collections.abc import Sequence


def extra_room(advance: float, reading: float, gap: float) -> float:
    """The width a character lacks for its syllable (``reading`` wide) and the gap; 0 if none."""
    if reading <= 0:
        return 0.0
    return max(0.0, reading + gap - advance)


def letter_spacings(
    extras: Sequence[float], word_ends: Sequence[bool], word_gap: float
) -> list[float]:
    """The spacing to add after each character of one paragraph.

    ``extras[i]`` is the room character *i* lacks (see ``extra_room``; 0 for a
    character without a syllable above it) and ``word_ends[i]`` says that a new
    word starts right after it.
    """
    count = len(extras)
    spacings = []
    for index in range(count):
        after = extras[index] / 2
        if index + 1 < count:
            after += extras[index + 1] / 2
        if word_ends[index]:
            after += word_gap
        spacings.append(round(after, 2))
    return spacings
