"""The learner's speech settings, as one value the window and the command line share."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reader.errors import ReaderError

# Qt's scale for both: 0 is the engine's normal, -1 the lowest/slowest, 1 the highest/fastest.
MIN_LEVEL = -1.0
MAX_LEVEL = 1.0
# Learners hear new words better a little slower than the engine's normal pace.
DEFAULT_RATE = -0.2


@dataclass(frozen=True, slots=True)
class SpeechPreferences:
    """``engine`` and ``voice`` are "" for the platform's default and the best Chinese voice."""

    engine: str = ""
    voice: str = ""
    rate: float = DEFAULT_RATE
    pitch: float = 0.0


def clamp_level(value: object, default: float) -> float:
    """A rate or pitch read back from settings: within range, the default if unreadable."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    if math.isnan(number):
        return default
    return min(MAX_LEVEL, max(MIN_LEVEL, number))


def parse_level(text: str, option: str) -> float:
    """A rate or pitch the user typed; ReaderError (one line) when out of range."""
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if math.isnan(number) or not MIN_LEVEL <= number <= MAX_LEVEL:
        raise ReaderError(f"{option}: expected a number from -1 (slow) to 1 (fast), got {text!r}")
    return number
