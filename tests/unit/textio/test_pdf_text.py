"""PDF documents: text in reading order, lines joined, running headers and page numbers gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import InputFileError
from reader.textio.book import BookFormat
from reader.textio.reading import DocumentFormat, read_book, read_document
from tests.books import PdfLine, write_pdf, write_tounicode_pdf

LEFT, RIGHT, TOP = 60.0, 310.0, 740.0
LINE_HEIGHT = 18.0


def column(lines: list[str], x: float, top: float = TOP) -> list[PdfLine]:
    return [PdfLine(text, x, top - n * LINE_HEIGHT) for n, text in enumerate(lines)]


def test_lines_broken_by_the_layout_join_without_spaces(tmp_path: Path) -> None:
    lines = [
        "近年来，广州牢记嘱托、感恩奋进，",
        "致广大而尽精微，从基层着手、从细",
        "处着手、从小处着手。",
    ]
    path = write_pdf(tmp_path / "one.pdf", [column(lines, LEFT)], title="城市治理")

    book = read_book(path)

    assert (book.title, book.format) == ("城市治理", BookFormat.PDF)
    assert book.chapter_text(0) == "".join(lines)


def test_traditional_characters_come_out_exactly(tmp_path: Path) -> None:
    lines = ["清晨，我們從臺北車站出發，火車穿過", "稻田，遠處的山還籠罩在霧裡。"]
    path = write_pdf(tmp_path / "traditional.pdf", [column(lines, LEFT)])

    assert read_book(path).chapter_text(0) == "".join(lines)


def test_a_font_with_its_own_glyph_numbers_is_read_through_its_tounicode_map(
    tmp_path: Path,
) -> None:
    lines = ["致广大而尽精微，打造超大城市", "現代化治理新範例。"]
    path = write_tounicode_pdf(tmp_path / "tounicode.pdf", lines)

    assert read_book(path).chapter_text(0) == "".join(lines)


def test_a_font_that_maps_its_glyphs_to_no_characters_is_refused(tmp_path: Path) -> None:
    path = write_tounicode_pdf(tmp_path / "nomap.pdf", ["没有映射的字体"], with_map=False)

    with pytest.raises(InputFileError, match="its fonts do not say which characters"):
        read_book(path)


def test_two_columns_read_left_then_right_whatever_the_drawing_order(tmp_path: Path) -> None:
    left = ["左栏的第一段文字从这里开始，", "一直写到这一行才结束。"]
    right = ["右栏的文字接着左栏往下读，", "这是全文的最后一句。"]
    # The right column is drawn first: content order is not reading order.
    path = write_pdf(tmp_path / "columns.pdf", [column(right, RIGHT) + column(left, LEFT)])

    assert read_book(path).chapter_text(0) == "".join(left) + "\n\n" + "".join(right)


def test_repeated_headers_and_page_numbers_are_removed_and_pages_marked(tmp_path: Path) -> None:
    bodies = [
        ["第一页的正文说的是城市治理，", "要从细处着手。"],
        ["第二页的正文讲智慧城市的建设。"],
        ["第三页的正文是全文的结尾。"],
    ]
    pages = [
        [
            PdfLine("广州市人民政府办公厅文件　2024年第3号", LEFT, 800, 9),
            *column(body, LEFT),
            PdfLine(f"- {number} -", 290, 40, 9),
        ]
        for number, body in enumerate(bodies, 1)
    ]
    path = write_pdf(tmp_path / "headers.pdf", pages)

    document = read_document(path)

    assert document.format is DocumentFormat.PDF
    assert document.text == "\n\n".join(
        f"[Page {number}]\n\n{''.join(body)}" for number, body in enumerate(bodies, 1)
    )
    assert document.title == "第一页的正文说的是城市治理，要从细处着手。"


def test_a_paragraph_starts_after_a_short_line_ending_a_sentence(tmp_path: Path) -> None:
    lines = [
        "第一段的文字很长很长很长很长很长很长，",
        "第一段结束。",
        "第二段开始了，这一行也很长很长很长，",
        "第二段结束。",
    ]
    path = write_pdf(tmp_path / "paragraphs.pdf", [column(lines, LEFT)])

    assert read_book(path).chapter_text(0) == "".join(lines[:2]) + "\n\n" + "".join(lines[2:])


def test_latin_lines_join_with_a_space(tmp_path: Path) -> None:
    lines = ["The city of Guangzhou manages more than", "22 million people."]
    path = write_pdf(tmp_path / "latin.pdf", [column(lines, LEFT)])

    assert read_book(path).chapter_text(0) == " ".join(lines)


def test_a_scan_without_a_text_layer_gets_one_clear_message(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [[], []], image_only=True)

    with pytest.raises(InputFileError, match="has no text layer .a scanned document.") as refused:
        read_book(path)
    assert "OCR" in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", b"%PDF-"],
)
def test_a_damaged_pdf_gets_one_clear_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(content)

    with pytest.raises(InputFileError, match="damaged.pdf") as refused:
        read_book(path)
    assert "\n" not in str(refused.value)
