"""Reading aloud goes sentence by sentence, each sentence at its place in the article."""

from __future__ import annotations

from reader import paths
from reader.speech.reading import sentence_utterance, utterances_from


def _article() -> str:
    return (paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt").read_text("utf-8")


def test_utterances_cover_the_article_from_the_offset_in_order() -> None:
    text = _article()
    middle = len(text) // 2
    utterances = utterances_from(text, middle)
    first = utterances[0]
    assert first.end > middle
    assert first.start <= middle or not text[middle : first.start].strip()
    assert utterances[-1].end == len(text.rstrip())
    for utterance in utterances:
        assert text[utterance.start : utterance.end] == utterance.text
        assert utterance.text == utterance.text.strip() and utterance.text
    starts = [u.start for u in utterances]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(utterances, utterances[1:], strict=False))
    # Nothing after the first sentence is left out but the blank space between sentences.
    spoken = "".join("".join(u.text.split()) for u in utterances)
    assert spoken == "".join(text[utterances[0].start :].split())


def test_the_sentence_holds_the_offset_and_ends_at_its_punctuation() -> None:
    text = "第一句话。第二句，有“引号”！\n\n第三句"
    second = sentence_utterance(text, text.index("引号"))
    assert second is not None and second.text == "第二句，有“引号”！"
    assert second.start == text.index("第二句")
    last = sentence_utterance(text, len(text) - 1)
    assert last is not None and last.text == "第三句"


def test_blank_space_reads_on_from_the_next_sentence_and_the_end_has_none() -> None:
    text = "第一句。\n\n  第二句。  "
    following = sentence_utterance(text, text.index("\n"))
    assert following is not None and following.text == "第二句。"
    assert sentence_utterance(text, len(text)) is None
    assert utterances_from("   \n", 0) == []
