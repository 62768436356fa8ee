"""The PDF handout read back: its text layer has exactly the characters printed, its type is
at least 10 pt, its pages are the chosen paper.  No Qt and no installed font is needed."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from reader import paths
from reader.annotation.annotator import Annotator
from reader.errors import ReaderError
from reader.glossary.handout import Handout, HandoutEntry, MarkedText, Paper, QuizKind
from reader.glossary.handout_choices import HandoutChoices, compose_handout
from reader.glossary.handout_pdf import MIN_TEXT_SIZE, font_runs, write_handout_pdf
from reader.glossary.store import GlossarySet
from reader.glossary.term import GlossaryTerm
from reader.language.han import han_characters, is_han

ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"
# Look-alikes a wrong text layer gives for Han characters: Kangxi radicals (广 -> ⼴),
# CJK radical supplement, compatibility ideographs.
LOOK_ALIKES = [(0x2F00, 0x2FDF), (0x2E80, 0x2EFF), (0xF900, 0xFAFF)]


@pytest.fixture(scope="module")
def text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator.create()


def handout(text: str, **choices) -> Handout:
    # A title without Han characters, so the page footers add none to the text layer.
    return compose_handout(
        GlossarySet.bundled_only(), HandoutChoices("Guangzhou governance", **choices), text
    )


def extracted(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def without_space(text: str) -> str:
    return "".join(text.split())


def entry_han(document: Handout) -> str:
    return "".join(
        han_characters(e.term.term + e.term.english + e.term.explanation + e.example.text)
        for e in document.entries
    )


def type_sizes(path: Path) -> list[float]:
    """Every font size set on every page (Tf operands, scaled by the text matrix)."""
    reader = PdfReader(path)
    sizes = []
    for page in reader.pages:
        scale = 1.0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tm":
                scale = abs(float(operands[3]))
            elif operator == b"Tf":
                sizes.append(float(operands[1]) * scale)
    return sizes


def test_the_text_layer_has_every_han_character_printed_in_order(text, tmp_path):
    document = handout(text, teacher="Class 3B", source="羊城晚报")
    target = tmp_path / "handout.pdf"
    pages = write_handout_pdf(document, target)
    layer = extracted(target)
    assert len(PdfReader(target).pages) == pages >= 2
    assert not [c for c in layer if any(low <= ord(c) <= high for low, high in LOOK_ALIKES)]
    assert han_characters(layer) == "羊城晚报" + entry_han(document)
    flat = without_space(layer)
    for entry in document.entries:
        assert without_space(entry.term.pinyin) in flat
        assert without_space(entry.term.english) in flat
    assert "广州" in layer and "Class3B" in flat and f"page1of{pages}" in flat


def test_the_article_section_prints_every_character_with_its_pinyin(text, annotator, tmp_path):
    document = compose_handout(
        GlossarySet.bundled_only(),
        HandoutChoices("Guangzhou governance", include_article=True),
        text,
        annotator,
    )
    target = tmp_path / "with-article.pdf"
    write_handout_pdf(document, target)
    layer = extracted(target)
    assert han_characters(layer) == entry_han(document) + han_characters(text)
    # Every syllable over the article is in the layer as printed (rows interleave with the
    # characters, so letters are compared as a multiset).
    pages = [without_space(page.extract_text()) for page in PdfReader(target).pages]
    first = next(i for i, page in enumerate(pages) if page.startswith("Thearticle,withpinyin"))
    article_pages = "".join(
        re.sub(r"Guangzhougovernancepage\d+of\d+$", "", page) for page in pages[first:]
    ).removeprefix("Thearticle,withpinyin")
    printed_letters = Counter(c for c in article_pages if c.isalpha() and not is_han(c))
    pieces = [piece for paragraph in document.article for piece in paragraph]
    expected = "".join(
        syllable or (char if not is_han(char) else "")
        for piece in pieces
        for char, syllable in zip(piece.text, piece.syllables, strict=True)
    )
    assert printed_letters == Counter(c for c in expected if c.isalpha())
    assert min(type_sizes(target)) >= MIN_TEXT_SIZE


def test_no_type_is_smaller_than_10_pt_and_terms_are_large(text, tmp_path):
    target = tmp_path / "sizes.pdf"
    write_handout_pdf(handout(text, quiz=QuizKind.ENGLISH), target)
    sizes = type_sizes(target)
    assert min(sizes) >= MIN_TEXT_SIZE == 10
    assert max(sizes) >= 20, "the terms are set large enough to read at arm's length"


@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, (595, 842)), (Paper.LETTER, (612, 792))])
def test_portrait_pages_of_the_chosen_paper(text, tmp_path, paper, size):
    target = tmp_path / f"{paper}.pdf"
    write_handout_pdf(handout(text, paper=paper), target)
    for page in PdfReader(target).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def test_the_quiz_and_its_answer_key_follow_on_their_own_pages(text, tmp_path):
    document = handout(text, quiz=QuizKind.TERMS)
    target = tmp_path / "quiz.pdf"
    write_handout_pdf(document, target)
    pages = [without_space(page.extract_text()) for page in PdfReader(target).pages]
    quiz_page = next(i for i, page in enumerate(pages) if "Quiz:theterms" in page)
    assert "Answerkey" in pages[quiz_page + 1], "the quiz fits on one page"
    for item in document.quiz:
        assert without_space(item.prompt) in pages[quiz_page]
        assert han_characters(item.answer) not in han_characters(pages[quiz_page])
        assert without_space(item.answer) in pages[quiz_page + 1]


def test_chinese_quotes_follow_the_chinese_and_pinyin_stays_latin():
    runs = font_runs("推动“双区”建设 shuāng qū (Doctrine of the Mean, 中庸) “quoted”")
    fonts = {piece: font for font, piece in runs}
    assert fonts["推动“双区”建设 "] == "STSong-Light"
    assert fonts["shuāng qū (Doctrine of the Mean, "] == "DejaVuSans"
    assert fonts[") “quoted”"] == "DejaVuSans"


def test_an_unwritable_target_is_a_reader_error_and_leaves_nothing(text, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ReaderError, match="cannot write"):
        write_handout_pdf(handout(text), blocker / "sub" / "out.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdftotext_extracts_the_characters_printed(text, tmp_path):
    document = handout(text)
    target = tmp_path / "handout.pdf"
    write_handout_pdf(document, target)
    layer = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(target), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Counter(han_characters(layer)) == Counter(entry_han(document))
    assert "广州" in layer


def test_an_example_that_is_all_term_is_highlighted_too(tmp_path):
    """reportlab loses the background of a span ending a CJK paragraph unless worked around."""
    term = GlossaryTerm("奋进新征程建功新时代", "fèn jìn", "forge ahead")
    example = MarkedText("奋进新征程 建功新时代", ((0, 11),))
    target = tmp_path / "marked.pdf"
    write_handout_pdf(Handout("Marks", entries=(HandoutEntry(term, 1, example),)), target)
    reader = PdfReader(target)
    operations = ContentStream(reader.pages[0].get_contents(), reader).operations
    fills = [operands for operands, operator in operations if operator == b"rg"]
    highlight = [round(c / 255, 3) for c in (0xFF, 0xE5, 0x8A)]
    assert any([round(float(c), 3) for c in rgb] == highlight for rgb in fills)
    assert "奋进新征程 建功新时代" in extracted(target)
