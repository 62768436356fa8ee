"""The rule that turns saved statuses into what the article view draws."""

from __future__ import annotations

from reader.ui.status_colouring import status_lookup
from reader.vocab.word import Status


def test_colouring_on_gives_every_chinese_word_a_status() -> None:
    statuses = {"城市": Status.KNOWN, "治理": Status.LEARNING}
    lookup = status_lookup(statuses, colour_all=True)
    assert lookup("城市") == "known" and lookup("治理") == "learning"
    assert lookup("河长制") == "new"  # unsaved words read as new
    assert lookup("2024") is None and lookup("，") is None


def test_colouring_off_only_hides_pinyin_of_known_and_ignored_words() -> None:
    statuses = {"城市": Status.KNOWN, "的": Status.IGNORED, "治理": Status.LEARNING}
    lookup = status_lookup(statuses, colour_all=False)
    assert [lookup(w) for w in ("城市", "的", "治理", "河长制")] == ["known", "ignored", None, None]


def test_the_lookup_sees_statuses_saved_after_it_was_made() -> None:
    statuses: dict[str, Status] = {}
    lookup = status_lookup(statuses, colour_all=False)
    statuses["城市"] = Status.KNOWN
    assert lookup("城市") == "known"
