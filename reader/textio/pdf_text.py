"""The text of a PDF document, in reading order, with pdfminer.six (MIT licence).

pdfminer's layout analysis groups the characters of a page into lines and the
lines into blocks, and orders the blocks as a reader would read them (the left
column before the right one, whatever order the file draws them in).  On top
of that:

* lines a block wraps are joined again (``html_text.collapse_whitespace``: no
  space where a Chinese line is broken, one space between Latin words); a new
  paragraph starts at a new block, at an indented line, or after a short line
  that ends a sentence;
* running headers and footers are removed: a line near the top or bottom edge
  that repeats (numbers aside) on at least half the pages, and page numbers
  there ("3", "- 3 -", "第3页", "3/12", "Page 3");
* each page starts with a marker line, ``[Page N]``, when there is more than
  one page, so a reader can find a passage in the printed document.

A document without a text layer (a scan) is refused with one message, since
this reader does no OCR; so is one whose fonts map their glyphs to no
characters, whose text would be meaningless.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass

from reader.errors import InputFileError
from reader.textio.book import Book, BookFormat, FixedChapters
from reader.textio.html_text import collapse_whitespace
from reader.textio.titles import title_from_text

MAX_PAGES = 3000
EDGE_BAND = 0.1
"""Headers and footers are looked for in this share of the page height at the top and bottom."""
LINE_MARGIN = 1.0
"""Lines closer than this many line heights belong to one block: documents set at one and a
half or double spacing keep their paragraphs whole (pdfminer's default, 0.5, splits them)."""
PAGE_MARKER = "[Page {number}]"
_SENTENCE_END = tuple("。！？!?…”」』.;；:：")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—·\s]*\d+[-–—·\s]*|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
    r"|(?:page|p\.)\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
_DIGITS = re.compile(r"\d+")

# pdfminer reports every oddity of a file through logging, which would print
# on the user's terminal; the problems that matter reach us as exceptions.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())
logging.getLogger("pdfminer").propagate = False


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    block: int
    """Lines of the same block share this number."""
    indented: bool
    short: bool
    """Ends well before the block's right edge."""
    edge: bool
    """Near the top or bottom of the page, where headers and footers are."""


def read_pdf(data: bytes, name: str) -> Book:
    """The document in ``data`` (the PDF file ``name``) as a one-chapter book.

    Its title is the one in the document's information, else its first line;
    ``InputFileError`` says why a file cannot be read.
    """
    title, author, pages = _extract(data, name)
    total = sum(len(line.text) for page in pages for line in page)
    unmapped = sum(
        len(m) for page in pages for line in page for m in _UNMAPPED_GLYPH.findall(line.text)
    )
    if total == 0:
        raise InputFileError(
            f"{name}: has no text layer (a scanned document?); this reader cannot recognise "
            "text in images, so run it through OCR first"
        )
    if unmapped > total / 3:
        raise InputFileError(
            f"{name}: its fonts do not say which characters they draw, so its text cannot be "
            "extracted"
        )
    pages = _without_running_lines(pages)
    texts = [_page_text(page) for page in pages]
    if len(texts) == 1:
        text = texts[0]
    else:
        text = "\n\n".join(
            f"{PAGE_MARKER.format(number=number)}\n\n{page_text}".strip()
            for number, page_text in enumerate(texts, 1)
        )
    if not text.strip():
        raise InputFileError(f"{name}: contains no text")
    title = title or title_from_text(next(page_text for page_text in texts if page_text.strip()))
    return Book(name, title, author, BookFormat.PDF, (title,), FixedChapters((text,)))


def _extract(data: bytes, name: str) -> tuple[str, str, list[list[_Line]]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextBoxHorizontal
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        info = document.info[0] if document.info else {}
        title, author = _info_text(info.get("Title")), _info_text(info.get("Author"))
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=LAParams(line_margin=LINE_MARGIN))
        interpreter = PDFPageInterpreter(resources, device)
        pages: list[list[_Line]] = []
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            if number > MAX_PAGES:
                raise InputFileError(f"{name}: has more than {MAX_PAGES:,} pages")
            interpreter.process_page(page)
            layout = device.get_result()
            height = layout.height or 1.0
            lines: list[_Line] = []
            for block_number, block in enumerate(
                element for element in layout if isinstance(element, LTTextBoxHorizontal)
            ):
                for line in block:
                    text = line.get_text().strip()
                    if not text:
                        continue
                    size = max(line.height, 1.0)
                    middle = (line.y0 + line.y1) / 2 - layout.y0
                    lines.append(
                        _Line(
                            text,
                            block_number,
                            indented=line.x0 - block.x0 > 0.8 * size,
                            short=block.x1 - line.x1 > 1.5 * size,
                            edge=not EDGE_BAND * height < middle < (1 - EDGE_BAND) * height,
                        )
                    )
            pages.append(lines)
    except InputFileError:
        raise
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise InputFileError(f"{name}: is encrypted with a password and cannot be read") from None
    except Exception as error:
        # pdfminer raises many kinds of error on damaged files (its own, and
        # KeyError, TypeError, struct.error ...): all mean this file is unreadable.
        raise InputFileError(
            f"{name}: is not a readable PDF ({error.__class__.__name__}: {error})"
        ) from None
    return title, author, pages


def _info_text(value: object) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        value = decode_text(value)
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    return "" if text.lower() in ("untitled", "anonymous", "unknown") else text


def _running_key(text: str) -> str:
    return _DIGITS.sub("#", "".join(text.split()))


def _without_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Pages without their running headers, footers and page numbers."""
    seen_on: Counter[str] = Counter()
    for page in pages:
        seen_on.update({_running_key(line.text) for line in page if line.edge})
    needed = max(2, math.ceil(len(pages) / 2))
    running = {key for key, count in seen_on.items() if count >= needed}
    return [
        [
            line
            for line in page
            if not (
                line.edge
                and (_running_key(line.text) in running or _PAGE_NUMBER.match(line.text.strip()))
            )
        ]
        for page in pages
    ]


def _page_text(page: list[_Line]) -> str:
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for line in page:
        text = _UNMAPPED_GLYPH.sub("", line.text)
        starts_paragraph = (
            previous is None
            or line.block != previous.block
            or line.indented
            or (previous.short and previous.text.endswith(_SENTENCE_END))
        )
        if starts_paragraph:
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
        previous = line
    joined = (collapse_whitespace("\n".join(lines)).strip() for lines in paragraphs)
    return "\n\n".join(paragraph for paragraph in joined if paragraph)
