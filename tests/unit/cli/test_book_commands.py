"""``reader annotate BOOK.epub [--chapter N]``, ``annotate DOC.pdf``, ``glossary suggest BOOK``
and ``reader library list``, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.library.store import Library
from tests.books import (
    BookSpec,
    Chapter,
    PdfLine,
    article_paragraphs,
    epub_members,
    write_epub,
    write_pdf,
)


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Chapter]]:
    paragraphs = article_paragraphs()
    chapters = [Chapter("河长制", paragraphs[20:23]), Chapter("一网统管", paragraphs[30:33])]
    folder = tmp_path_factory.mktemp("books")
    path = write_epub(folder / "治理.epub", epub_members(BookSpec("广州治理", "记者", chapters)))
    return path, chapters


def annotated_text(output: str) -> str:
    return "".join(token["text"] for token in json.loads(output)["tokens"])


def test_annotate_one_chapter_of_a_book(capsys, book) -> None:
    path, chapters = book

    status, out, err = run(capsys, "annotate", str(path), "--chapter", "2", "--format", "json")

    assert (status, err) == (0, "")
    assert annotated_text(out) == chapters[1].text()
    assert json.loads(out)["source"] == "广州治理: 一网统管"


def test_annotate_a_whole_book(capsys, book) -> None:
    path, chapters = book

    status, out, _ = run(capsys, "annotate", str(path), "--format", "json")

    assert status == 0
    assert annotated_text(out) == "\n\n".join(chapter.text() for chapter in chapters)


@pytest.mark.parametrize(
    ("chapter", "message"),
    [("3", "has no chapter 3 (it has 2: 1 to 2)"), ("0", "--chapter counts from 1")],
)
def test_a_chapter_the_book_lacks_is_one_line_and_status_2(capsys, book, chapter, message) -> None:
    path, _ = book

    status, out, err = run(capsys, "annotate", str(path), "--chapter", chapter)

    assert (status, out) == (2, "")
    assert message in err and err.count("\n") == 1


def test_chapter_of_a_text_file_is_refused(capsys, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("文章。", encoding="utf-8")

    status, _, err = run(capsys, "annotate", str(path), "--chapter", "1")

    assert status == 2 and "--chapter needs an EPUB or PDF book" in err


def test_annotate_a_pdf(capsys, tmp_path: Path) -> None:
    lines = ["广州推行河长制以来，河湖变清", "了，市民又回到了河边。"]
    path = write_pdf(
        tmp_path / "doc.pdf", [[PdfLine(t, 60, 740 - 18 * n) for n, t in enumerate(lines)]]
    )

    status, out, _ = run(capsys, "annotate", str(path), "--format", "json")

    assert status == 0
    assert annotated_text(out) == "".join(lines)


def test_a_scanned_pdf_is_one_line_and_status_2(capsys, tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [[]], image_only=True)

    status, out, err = run(capsys, "annotate", str(path))

    assert (status, out) == (2, "")
    assert "has no text layer" in err and err.count("\n") == 1


def test_glossary_suggest_reads_a_book(capsys, book) -> None:
    path, _ = book

    status, out, _ = run(capsys, "glossary", "suggest", str(path), "--limit", "5")

    assert status == 0
    assert len(out.strip().split("\n")) == 5


def test_library_list_shows_books_with_chapters_and_progress(capsys, data_dir, book) -> None:
    path, chapters = book
    library = Library()
    library.add(str(path), "广州治理", "epub", author="记者", chapter_titles=("河长制", "一网统管"))
    library.set_progress(str(path), 1, fraction=0.5, known_share=0.75, last=True)

    status, out, _ = run(capsys, "library", "list", "--format", "json")

    assert status == 0
    rows = json.loads(out)
    assert rows[0]["bundled"] is True
    listed = next(row for row in rows if row["path"] == str(path))
    assert listed["continue_chapter"] == 2
    assert listed["progress"] == 0.25
    assert listed["chapters"][1] == {
        "number": 2,
        "title": "一网统管",
        "progress": 0.5,
        "known_share": 0.75,
    }

    status, out, _ = run(capsys, "library", "list")
    assert status == 0
    assert f" 25%  epub     广州治理 (2 chapters; continue at 一网统管)  {path}" in out
