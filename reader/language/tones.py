"""The tone colour scheme every output shares, and pinyin coloured with it in HTML.

Tone 1 red, 2 orange, 3 green, 4 blue, neutral grey: the usual learner's
scheme.  ``TONE_COLOURS`` suits light backgrounds (pages, flashcards, the light
theme); ``TONE_COLOURS_ON_DARK`` is brighter for the dark theme.
"""

from __future__ import annotations

TONE_COLOURS = {1: "#d0312d", 2: "#d9730d", 3: "#2e8b3a", 4: "#2a62c9", 5: "#808080"}
TONE_COLOURS_ON_DARK = {1: "#ff6b61", 2: "#ffab4a", 3: "#6fd27a", 4: "#6ea8ff", 5: "#a8a8a8"}
TONE_NAMES = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "neutral"}


def tone_coloured_html(pinyin: str) -> str:
    """Each syllable in a span with class ``toneN`` and its colour inline, text escaped.

    The colour is inline as well as in the class so it shows in any Anki note type.
    """
    # Imported here: the window's tone legend needs only the colours above, and
    # shows before anything is written in HTML.
    import html

    from reader.language.notation import tone_of

    spans = []
    for syllable in pinyin.split():
        tone = tone_of(syllable)
        spans.append(
            f"<span class='tone{tone}' style='color:{TONE_COLOURS[tone]}'>"
            f"{html.escape(syllable)}</span>"
        )
    return " ".join(spans)
