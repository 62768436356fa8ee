from __future__ import annotations

import pytest

from reader.language.tones import TONE_COLOURS
from reader.vocab.pinyin_tones import from_numbered, to_numbered, tone_coloured_html


@pytest.mark.parametrize(
    ("marked", "numbered"),
    [
        ("hé zhǎng zhì", "he2zhang3zhi4"),
        ("Běi jīng", "Bei3jing1"),
        ("nǚ ér", "nu:3er2"),
        ("lüè", "lu:e4"),
        ("xiū xi", "xiu1xi5"),
        ("Ōu zhōu", "Ou1zhou1"),
    ],
)
def test_tone_marks_and_numbers_convert_both_ways(marked, numbered):
    assert to_numbered(marked) == numbered
    assert from_numbered(numbered) == marked
    assert from_numbered(to_numbered(marked, separator=" ")) == marked


def test_pleco_style_v_for_u_umlaut_is_understood():
    assert from_numbered("lv4 se4") == "lǜ sè"


def test_text_that_is_not_pinyin_passes_through_unchanged():
    assert to_numbered("AA制 zhì") == "AA制 zhì"
    assert from_numbered("no digits") == "no digits"


def test_tone_colour_spans_escape_the_text():
    assert tone_coloured_html("nǐ ma") == (
        f"<span class='tone3' style='color:{TONE_COLOURS[3]}'>nǐ</span> "
        f"<span class='tone5' style='color:{TONE_COLOURS[5]}'>ma</span>"
    )
    assert "&lt;" in tone_coloured_html("<b>")
