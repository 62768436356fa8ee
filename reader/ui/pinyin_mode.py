"""When the article view shows pinyin."""

from __future__ import annotations

from enum import StrEnum


class PinyinMode(StrEnum):
    """The pinyin display modes, in the order Ctrl+P cycles through them.

    The values are what the settings file stores.
    """

    OFF = "off"
    HOVER = "hover"  # only in the hover card (the default)
    ABOVE_ALL = "above_all"  # interlinear, above every Chinese word
    ABOVE_UNKNOWN = "above_unknown"  # interlinear, only above words not marked "known"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_interlinear(self) -> bool:
        return self in (PinyinMode.ABOVE_ALL, PinyinMode.ABOVE_UNKNOWN)

    def next(self) -> PinyinMode:
        """The mode after this one, wrapping around (what Ctrl+P does)."""
        modes = list(PinyinMode)
        return modes[(modes.index(self) + 1) % len(modes)]

    @classmethod
    def from_setting(cls, value: object) -> PinyinMode:
        """The mode a stored setting names; the default (HOVER) for anything unknown."""
        try:
            return cls(str(value))
        except ValueError:
            return cls.HOVER


_LABELS = {
    PinyinMode.OFF: "Pinyin off",
    PinyinMode.HOVER: "Pinyin on hover",
    PinyinMode.ABOVE_ALL: "Pinyin above every word",
    PinyinMode.ABOVE_UNKNOWN: "Pinyin above unknown words",
}
