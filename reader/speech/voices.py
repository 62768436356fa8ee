"""Choosing a voice: the user's choice when it still exists, else a Mandarin one.

Engines name locales the Qt way (``zh_CN``, ``zh_TW``, ``en_GB``).  A Chinese
voice is one whose language is ``zh``; mainland Mandarin (``zh_CN``) is
preferred because the pinyin the reader shows is mainland pinyin.  Qt's
speech-dispatcher engine reports espeak-ng's Mandarin (language ``cmn``, which
QLocale does not know) with the unknown locale ``C``: such a voice counts as
Chinese when its name says Mandarin ("Chinese (Mandarin, latin as Pinyin)").
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

PREFERRED_LOCALE = "zh_CN"
UNKNOWN_LOCALE = "C"  # what QLocale makes of a language it does not know

# What to install, by platform, when no Chinese voice exists (also in the README).
_HOW_TO_GET_A_VOICE = {
    "win32": "add Chinese (Simplified) under Settings > Time & Language > Speech > Add voices",
    "darwin": "add a Chinese voice (e.g. Tingting) under System Settings > Accessibility > "
    "Spoken Content > System Voice > Manage Voices",
}
_HOW_ON_LINUX = (
    "install speech-dispatcher and espeak-ng (Debian/Ubuntu: sudo apt install "
    "speech-dispatcher speech-dispatcher-espeak-ng espeak-ng) and restart the reader"
)


@dataclass(frozen=True, slots=True)
class Voice:
    """One voice an engine offers."""

    name: str
    locale: str  # e.g. "zh_CN"

    @property
    def is_chinese(self) -> bool:
        if self.locale == UNKNOWN_LOCALE:
            return "mandarin" in self.name.lower()
        return is_chinese_locale(self.locale)

    def label(self) -> str:
        return f"{self.name} ({self.locale})"


@dataclass(frozen=True, slots=True)
class VoiceChoice:
    """The voice to speak with; ``voice`` is None when the engine offers none at all."""

    voice: Voice | None
    chinese_available: bool


def is_chinese_locale(locale: str) -> bool:
    return locale.replace("-", "_").split("_")[0].lower() in ("zh", "cmn")


def choose_voice(voices: Sequence[Voice], wanted: str | None = None) -> VoiceChoice:
    """The voice named ``wanted`` if offered, else zh_CN, else any Chinese, else the first.

    ``chinese_available`` says whether any Chinese voice exists, so that the
    caller can tell the learner once how to get one.
    """
    # espeak-ng's Mandarin "latin as English" (its plain cmn voice) spells out in
    # English the syllables it has no rule for (你好 as "n-i three h-a-o three" in
    # version 1.51); its "latin as Pinyin" twin says them: it goes first.
    chinese = sorted((v for v in voices if v.is_chinese), key=_spells_in_english)
    named = [v for v in voices if wanted and v.name == wanted]
    mainland = [v for v in chinese if v.locale.replace("-", "_") == PREFERRED_LOCALE]
    by_locale = [v for v in chinese if v.locale != UNKNOWN_LOCALE]
    for candidates in (named, mainland, by_locale, chinese, list(voices)):
        if candidates:
            return VoiceChoice(candidates[0], bool(chinese))
    return VoiceChoice(None, False)


def _spells_in_english(voice: Voice) -> bool:
    return "latin as english" in voice.name.lower()


def how_to_get_a_chinese_voice(platform: str = sys.platform) -> str:
    """One sentence on installing a Chinese voice on ``platform``."""
    return _HOW_TO_GET_A_VOICE.get(platform, _HOW_ON_LINUX)


def no_chinese_voice_reason(platform: str = sys.platform) -> str:
    """Why a speaker button is greyed out: the keys still speak, with another voice."""
    return (
        "No Chinese voice is installed (the S key reads with another voice): "
        f"{how_to_get_a_chinese_voice(platform)}."
    )


def missing_voice_message(platform: str = sys.platform) -> str:
    return (
        "No Chinese voice is installed, so Chinese is read with another voice: "
        f"{how_to_get_a_chinese_voice(platform)}."
    )
