"""One rule for the sentence around a word: vocabulary contexts and handout examples agree."""

from __future__ import annotations

from reader.articles import default_article
from reader.glossary.handout import EXAMPLE_MAX_CHARS, entries_for_article
from reader.glossary.sentences import SENTENCE_LIMIT, SentenceFinder
from reader.glossary.store import GlossarySet
from reader.textio.reading import read_document


def test_sentences_end_at_marks_and_keep_closing_quotes() -> None:
    text = "他说：“河长制好。”然后走了……\n新的一段；第二句"
    finder = SentenceFinder(text)
    assert finder.sentence_at(text.index("河")) == "他说：“河长制好。”"
    assert finder.sentence_at(text.index("走")) == "然后走了……"
    assert finder.sentence_at(text.index("新")) == "新的一段；"
    assert finder.sentence_at(text.index("第二")) == "第二句"
    assert finder.sentence_at(text.index("\n")) == ""


def test_a_text_without_punctuation_gives_a_bounded_context() -> None:
    text = "字" * 5000
    assert len(SentenceFinder(text).sentence_at(2500)) == 2 * SENTENCE_LIMIT


def test_a_handout_example_is_the_sentence_a_saved_word_gets() -> None:
    text = read_document(default_article().path).text
    finder = SentenceFinder(text)
    matches = GlossarySet.load_active().find_terms(text)
    entries = entries_for_article(text, matches)
    first = {}
    for match in matches:
        first.setdefault(match.term.term, match.start)
    checked = 0
    for entry in entries:
        if entry.term.term in first and entry.example.text:
            sentence = finder.sentence_at(first[entry.term.term])
            if len(sentence) <= EXAMPLE_MAX_CHARS:
                assert entry.example.text == sentence
            else:  # a long sentence is cut to the clauses around the term, marked with …
                assert entry.example.text.strip("…") in sentence
            checked += 1
    assert checked > 5
