"""Which voice speaks: the learner's choice, else mainland Mandarin, else any Chinese."""

from __future__ import annotations

from reader.speech.voices import (
    Voice,
    choose_voice,
    how_to_get_a_chinese_voice,
    is_chinese_locale,
    missing_voice_message,
)

ENGLISH = Voice("Anne", "en_GB")
TAIWAN = Voice("Meijia", "zh_TW")
MAINLAND = Voice("Tingting", "zh_CN")
HONG_KONG = Voice("Sinji", "zh_HK")


def test_mainland_mandarin_comes_first_whatever_the_order() -> None:
    for voices in ([ENGLISH, TAIWAN, MAINLAND], [MAINLAND, TAIWAN], [HONG_KONG, ENGLISH, MAINLAND]):
        choice = choose_voice(voices)
        assert choice.voice == MAINLAND and choice.chinese_available


def test_any_chinese_voice_before_another_language() -> None:
    choice = choose_voice([ENGLISH, TAIWAN])
    assert choice.voice == TAIWAN and choice.chinese_available


def test_espeak_mandarin_through_speech_dispatcher_counts_as_chinese() -> None:
    # What Qt's speechd engine reports for espeak-ng: language "cmn" becomes locale "C".
    mandarin = Voice("Chinese (Mandarin, latin as Pinyin)", "C")
    voices = [Voice("Klingon", "C"), Voice("Chinese (Cantonese)", "yue_HK"), ENGLISH, mandarin]
    choice = choose_voice(voices)
    assert choice.voice == mandarin and choice.chinese_available
    assert choose_voice([mandarin, TAIWAN]).voice == TAIWAN  # a real zh locale first
    assert not Voice("Klingon", "C").is_chinese


def test_espeaks_pinyin_mandarin_before_the_one_that_spells_syllables_in_english() -> None:
    """Qt's speechd engine lists espeak-ng's "latin as English" Mandarin (and its
    variants) before the "latin as Pinyin" one; the first spells many syllables out
    in English in espeak-ng 1.51."""
    english_latin = Voice("Chinese (Mandarin, latin as English)", "C")
    variant = Voice("Chinese (Mandarin, latin as English)+Adam", "C")
    pinyin_latin = Voice("Chinese (Mandarin, latin as Pinyin)", "C")
    choice = choose_voice([english_latin, variant, pinyin_latin])
    assert choice.voice == pinyin_latin and choice.chinese_available
    assert choose_voice([english_latin, variant]).voice == english_latin  # better than none


def test_the_learners_choice_wins_even_when_not_chinese() -> None:
    choice = choose_voice([ENGLISH, MAINLAND], wanted="Anne")
    assert choice.voice == ENGLISH and choice.chinese_available


def test_a_chosen_voice_that_is_gone_falls_back_to_mandarin() -> None:
    assert choose_voice([ENGLISH, MAINLAND], wanted="Uninstalled").voice == MAINLAND


def test_without_chinese_the_first_voice_speaks_and_the_lack_is_reported() -> None:
    choice = choose_voice([ENGLISH, Voice("Kari", "fi_FI")])
    assert choice.voice == ENGLISH and not choice.chinese_available
    assert choose_voice([]).voice is None


def test_chinese_locales_in_either_spelling() -> None:
    assert all(is_chinese_locale(x) for x in ("zh_CN", "zh-TW", "zh", "cmn", "ZH_hk"))
    assert not any(is_chinese_locale(x) for x in ("en_GB", "", "nb_NO", "C"))


def test_the_missing_voice_message_says_how_to_get_one_on_each_platform() -> None:
    assert "espeak-ng" in how_to_get_a_chinese_voice("linux")
    assert "Speech" in how_to_get_a_chinese_voice("win32")
    assert "Spoken Content" in how_to_get_a_chinese_voice("darwin")
    for platform in ("linux", "win32", "darwin"):
        message = missing_voice_message(platform)
        assert "\n" not in message and message.startswith("No Chinese voice")
