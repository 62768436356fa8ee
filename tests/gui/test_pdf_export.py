from __future__ import annotations

import pytest

from reader import paths
from reader.errors import ReaderError
from reader.glossary.handout import PinyinMarkup, build_handout, entries_for_article
from reader.glossary.store import GlossarySet
from reader.ui.pdf_export import write_pdf

ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"


def test_a_handout_with_the_article_becomes_a_multi_page_pdf(qapp, tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    matches = GlossarySet.bundled_only().find_terms(text)
    html = build_handout(
        entries_for_article(text, matches),
        "Guangzhou governance",
        article_text=text,
        article_matches=matches,
        pinyin_markup=PinyinMarkup.BRACKETS,
    )
    target = tmp_path / "handout.pdf"
    pages = write_pdf(html, target, "Guangzhou governance")
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert pages >= 2 and len(data) > 20_000
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]


def test_an_unwritable_target_is_a_reader_error(qapp, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ReaderError, match="cannot write"):
        write_pdf("<p>x</p>", blocker / "sub" / "out.pdf")
