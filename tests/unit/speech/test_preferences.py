"""Rate and pitch: Qt's -1..1 scale, checked where a user types them or a file holds them."""

from __future__ import annotations

import pytest

from reader.errors import ReaderError
from reader.speech.preferences import clamp_level, parse_level


@pytest.mark.parametrize("text", ["2", "-1.5", "fast", "", "nan", "inf"])
def test_a_typed_rate_out_of_range_is_one_clear_line(text: str) -> None:
    with pytest.raises(ReaderError) as raised:
        parse_level(text, "--rate")
    assert "--rate" in str(raised.value) and "\n" not in str(raised.value)


def test_typed_rates_in_range_are_kept() -> None:
    assert [parse_level(t, "--rate") for t in ("-1", "0", "0.5", "1")] == [-1.0, 0.0, 0.5, 1.0]


def test_stored_values_are_clamped_and_junk_gives_the_default() -> None:
    assert clamp_level("3", 0.0) == 1.0 and clamp_level(-7, 0.0) == -1.0
    assert clamp_level("junk", -0.2) == -0.2 and clamp_level(None, 0.1) == 0.1
    assert clamp_level("nan", 0.0) == 0.0
