"""Printing a ``Handout`` as a PDF, without Qt and without installed fonts.

Chinese text is set in a TrueType font with Chinese glyphs, embedded as a
subset (``handout_fonts`` chooses it); without one, in the PDF's standard
Chinese font STSong-Light, which is not embedded.  Either way text extraction
gets the very characters printed: Qt's PDF writer, used before, mapped shared
glyphs back to Kangxi radicals (广 came out as ⼴).  Characters the chosen
font lacks are set in STSong-Light.  Latin text and pinyin are set in a subset
of DejaVu Sans bundled in ``resources/fonts`` and embedded: it has every
tone-marked vowel (ǚ, ǜ, ê̄), which Chinese fonts often lack or set full-width.

Every piece of text is at least 10 pt; the pinyin over the article's
characters is the smallest, at 10 pt over 17 pt characters.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reader import paths
from reader.atomic_files import replace_atomically
from reader.errors import ReaderError
from reader.glossary.handout import (
    ANSWER_KEY_HEADING,
    ARTICLE_HEADING,
    CLOSING_PUNCTUATION,
    QUIZ_WORDING,
    Handout,
    HandoutEntry,
    Paper,
    RubyParagraph,
    footer_title,
    line_units,
    terms_label,
    times_label,
    title_facts,
)
from reader.glossary.handout_fonts import (
    CID_FONT,
    NOT_EMBEDDED,
    HanFont,
    best_installed_font,
    embeddable,
)

LATIN_FONT = "DejaVuSans"
LATIN_BOLD_FONT = "DejaVuSans-Bold"
MIN_TEXT_SIZE = 10.0
"""The smallest type on any page (the issue asks body text of at least 10 pt)."""

_INK = "#111111"
_MUTED = "#555555"
_HIGHLIGHT = "#ffe58a"
_RULE = "#bbbbbb"
_MARGIN_MM = 18
_NUMBER_COLUMN_MM = 8
_TERM_COLUMN_MM = 56

# Set in the script of the text next to them: Chinese quotes are full width.
_NEUTRAL = set("“”‘’—…　 \u00a0")


def write_handout_pdf(
    handout: Handout, path: str | os.PathLike[str], font: HanFont | None = None
) -> int:
    """Print ``handout`` to a PDF at ``path``; returns the number of pages.

    Chinese is set in ``font``, by default the best installed one
    (``best_installed_font``); ``NOT_EMBEDDED`` sets it in STSong-Light.

    The file is written beside the target and moved into place, so a failure
    leaves no half-written PDF.  Raises ReaderError when it cannot be written.
    """
    han = _register_fonts(best_installed_font() if font is None else font)
    pages = 0

    def render(file: Path) -> None:
        nonlocal pages
        pages = _render(handout, file, han)

    try:
        replace_atomically(path, render)
    except OSError as error:
        raise ReaderError(f"cannot write {path}: {error.strerror or error}") from error
    return pages


def _render(handout: Handout, file: Path, han: str) -> int:

    page_size = LETTER if handout.paper is Paper.LETTER else A4
    margin = _MARGIN_MM * mm
    document = SimpleDocTemplate(
        str(file),
        pagesize=page_size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 6 * mm,
        title=handout.title,
        author=handout.teacher,
        subject="Glossary handout",
        creator="duzhe-reader",
    )
    styles = _Styles(han)
    story: list[Any] = [*_title_block(handout, styles)]
    for number, entry in enumerate(handout.entries, 1):
        story.append(_entry_block(number, entry, styles))
    if handout.article:
        story += [PageBreak(), styles.paragraph(ARTICLE_HEADING, styles.heading)]
        story += [RubyParagraphFlowable(paragraph, han) for paragraph in handout.article]
    if handout.quiz:
        story += [PageBreak(), *_quiz(handout, styles)]
    footer = _Footer(handout.title, han)
    document.build(story, canvasmaker=footer.canvas_class())
    return footer.pages


# Fonts and text runs


def _register_fonts(han: HanFont = NOT_EMBEDDED) -> str:
    """Registers the fonts with reportlab; returns the name to set Chinese in."""
    registered = pdfmetrics.getRegisteredFontNames()
    if CID_FONT not in registered:
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    if han.embedded and han.pdf_name not in registered:
        pdfmetrics.registerFont(embeddable(han))
    fonts = paths.bundled_resources_dir() / "fonts"
    for name in (LATIN_FONT, LATIN_BOLD_FONT):
        if name not in registered:
            try:
                pdfmetrics.registerFont(TTFont(name, str(fonts / f"{name}.ttf")))
            except Exception as error:  # reportlab raises its own TTFError and OSError
                raise ReaderError(f"the bundled font {name} cannot be read: {error}") from error
    return han.pdf_name


def _latin_covers(char: str) -> bool:
    return ord(char) in _latin_code_points()


@functools.cache
def _latin_code_points() -> frozenset[int]:
    _register_fonts()
    return frozenset(pdfmetrics.getFont(LATIN_FONT).face.charToGlyph)


@functools.cache
def _code_points(font: str) -> frozenset[int] | None:
    """What the registered TrueType ``font`` has; None for the CID font (it has GB 18030)."""
    face = getattr(pdfmetrics.getFont(font), "face", None)
    return (
        frozenset(face.charToGlyph) if face is not None and hasattr(face, "charToGlyph") else None
    )


def font_runs(
    text: str, latin_font: str = LATIN_FONT, han_font: str = CID_FONT
) -> list[tuple[str, str]]:
    """``text`` cut into (font, piece) runs: Chinese in ``han_font``, the rest in DejaVu.

    Chinese characters ``han_font`` lacks are set in the CID font.
    """
    _register_fonts()
    han_has = _code_points(han_font)
    scripts: list[str | None] = []
    for char in text:
        if char in _NEUTRAL:
            scripts.append(None)
        elif ord(char) >= 0x2E80 or not _latin_covers(char):
            scripts.append(han_font if han_has is None or ord(char) in han_has else CID_FONT)
        else:
            scripts.append(latin_font)
    resolved = _resolve_neutral(scripts, latin_font)
    runs: list[tuple[str, str]] = []
    for char, font in zip(text, resolved, strict=True):
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def _resolve_neutral(scripts: list[str | None], default: str) -> list[str]:
    """Neutral characters take the script before them, or after them at the start."""
    resolved: list[str] = []
    following = next((s for s in scripts if s), default)
    for script in scripts:
        if script is None:
            resolved.append(resolved[-1] if resolved else following)
        else:
            resolved.append(script)
    return resolved


def _markup(text: str, marks: tuple[tuple[int, int], ...], latin: str, han: str) -> str:
    """Paragraph markup for ``text`` with fonts per script and the marked spans highlighted."""
    out: list[str] = []
    position = 0
    for start, end in marks:
        out.append(_plain_markup(text[position:start], latin, han))
        marked = _plain_markup(text[start:end], latin, han)
        out.append(f'<span backColor="{_HIGHLIGHT}"><u>{marked}</u></span>')
        position = end
    out.append(_plain_markup(text[position:], latin, han))
    if marks and position == len(text):
        # reportlab's CJK wrapping drops the background of a span that ends the paragraph;
        # a trailing space (dropped at the line end, so not printed) keeps it.
        out.append(f'<font name="{latin}"> </font>')
    return "".join(out)


def _plain_markup(text: str, latin: str, han: str) -> str:
    return "".join(
        f'<font name="{font}">{escape(piece)}</font>' for font, piece in font_runs(text, latin, han)
    )


# Styles and blocks


class _Styles:
    def __init__(self, han: str) -> None:
        self.han = han  # the font Chinese is set in

        def style(name: str, size: float, leading: float, **extra: Any) -> Any:
            # CJK wrapping lets Chinese lines break between any two characters.
            settings = {"textColor": _INK, "wordWrap": "CJK", **extra}
            return ParagraphStyle(
                name, fontName=LATIN_FONT, fontSize=size, leading=leading, **settings
            )

        self.title = style("title", 22, 29, spaceAfter=4)
        self.meta = style("meta", 11, 15, textColor=_MUTED)
        self.heading = style("heading", 17, 23, spaceBefore=4, spaceAfter=10)
        self.number = style("number", 10, 12, textColor=_MUTED)
        self.term = style("term", 21, 27)
        self.pinyin = style("pinyin", 14, 18)
        self.times = style("times", 10, 14, textColor=_MUTED, spaceBefore=3)
        self.english = style("english", 13, 17)
        self.body = style("body", 11, 15, spaceBefore=2)
        self.example = style("example", 12.5, 18, spaceBefore=4)
        self.quiz = style("quiz", 13, 18)
        self.answer = style("answer", 11, 15)

    def paragraph(self, text: str, style: Any, marks: tuple[tuple[int, int], ...] = ()) -> Any:

        latin = LATIN_BOLD_FONT if style in (self.english, self.title, self.heading) else LATIN_FONT
        return Paragraph(_markup(text, marks, latin, self.han), style)


def _title_block(handout: Handout, styles: _Styles) -> list[Any]:

    block = [styles.paragraph(handout.title, styles.title)]
    facts = title_facts(handout)
    if facts:
        block.append(styles.paragraph(facts, styles.meta))
    block.append(styles.paragraph(terms_label(len(handout.entries)), styles.meta))
    block += [Spacer(1, 6), HRFlowable(width="100%", thickness=1.2, color=_INK), Spacer(1, 10)]
    return block


def _entry_block(number: int, entry: HandoutEntry, styles: _Styles) -> Any:
    """The term and its pinyin on the left; the English, explanation and example beside it."""
    term = entry.term
    left = [
        Paragraph(_plain_markup(term.term, LATIN_FONT, styles.han), styles.term),
        Paragraph(escape(term.pinyin), styles.pinyin),
    ]
    if entry.count:
        left.append(Paragraph(times_label(entry.count), styles.times))
    right = [styles.paragraph(term.english, styles.english)]
    if term.explanation:
        right.append(styles.paragraph(term.explanation, styles.body))
    if entry.example.text:
        right.append(_example(entry, styles))
    table = Table(
        [[Paragraph(str(number), styles.number), left, right]],
        colWidths=[_NUMBER_COLUMN_MM * mm, _TERM_COLUMN_MM * mm, None],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (1, 0), 0),
                ("RIGHTPADDING", (2, 0), (2, 0), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (0, 0), 14),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, _RULE),
            ]
        )
    )
    return table


def _example(entry: HandoutEntry, styles: _Styles) -> Any:
    return styles.paragraph(entry.example.text, styles.example, entry.example.marks)


def _quiz(handout: Handout, styles: _Styles) -> list[Any]:

    heading, task = QUIZ_WORDING[handout.quiz_kind]
    rows = []
    for number, item in enumerate(handout.quiz, 1):
        prompt = _plain_markup(item.prompt, LATIN_FONT, styles.han)
        if item.prompt_pinyin:
            prompt += f'<font name="{LATIN_FONT}" size="11">  {escape(item.prompt_pinyin)}</font>'
        rows.append([Paragraph(f"{number}.", styles.quiz), Paragraph(prompt, styles.quiz), ""])
    table = Table(rows, colWidths=[12 * mm, None, 52 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (2, 0), (2, -1), 0.6, _MUTED),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    answers = [
        styles.paragraph(f"{number}. {item.answer}", styles.answer)
        for number, item in enumerate(handout.quiz, 1)
    ]
    return [
        styles.paragraph(heading, styles.heading),
        styles.paragraph(task, styles.body),
        table,
        PageBreak(),
        styles.paragraph(ANSWER_KEY_HEADING, styles.heading),
        *answers,
    ]


# The article with pinyin over every character

_CHAR_SIZE = 17.0
_PINYIN_SIZE = 10.0
_WORD_GAP = 4.0
_CELL_PADDING = 3.5  # between neighbouring syllables, so they never run together
_LINE_HEIGHT = _PINYIN_SIZE * 1.35 + _CHAR_SIZE * 1.45
_PARAGRAPH_GAP = 8.0


@dataclass(frozen=True, slots=True)
class _Cell:
    char: str
    syllable: str
    in_term: bool
    x: float  # left edge of the cell in the line
    width: float


_Line = tuple[_Cell, ...]


def _units(paragraph: RubyParagraph) -> Iterator[list[tuple[str, str, bool, bool]]]:
    """Groups of characters that stay on one line: a word with its punctuation."""
    for unit in line_units(paragraph):
        yield [
            (char, syllable, piece.in_term, piece.starts_word and index == 0)
            for piece in unit
            for index, (char, syllable) in enumerate(zip(piece.text, piece.syllables, strict=True))
        ]


def ruby_lines(paragraph: RubyParagraph, width: float, han: str = CID_FONT) -> list[_Line]:
    """The paragraph laid out in lines ``width`` points wide, each character in its cell.

    A cell is as wide as its character or its syllable (plus a little space),
    whichever is wider, so syllables never overlap; a new word starts after a
    small gap.  Lines break between words, never before closing punctuation.
    """

    lines: list[_Line] = []
    line: list[_Cell] = []
    x = 0.0
    for unit in _units(paragraph):
        cells: list[tuple[str, str, bool, float, float]] = []
        unit_width = 0.0
        for char, syllable, in_term, starts_word in unit:
            gap = _WORD_GAP if starts_word and char not in CLOSING_PUNCTUATION else 0.0
            char_width = stringWidth(char, font_runs(char, han_font=han)[0][0], _CHAR_SIZE)
            syllable_width = (
                stringWidth(syllable, LATIN_FONT, _PINYIN_SIZE) + _CELL_PADDING if syllable else 0
            )
            cell_width = max(char_width, syllable_width)
            cells.append((char, syllable, in_term, gap, cell_width))
            unit_width += gap + cell_width
        if line and x + unit_width > width:
            lines.append(tuple(line))
            line, x = [], 0.0
        for char, syllable, in_term, gap, cell_width in cells:
            if line and x + gap + cell_width > width:  # a unit longer than a line
                lines.append(tuple(line))
                line, x = [], 0.0
            x += gap if line else 0.0
            line.append(_Cell(char, syllable, in_term, x, cell_width))
            x += cell_width
    if line:
        lines.append(tuple(line))
    return [_justified(line, width) for line in lines[:-1]] + lines[-1:]


def _justified(line: _Line, width: float) -> _Line:
    """The line stretched to ``width`` by widening the gaps between words (not too far)."""
    gaps = [
        index
        for index in range(1, len(line))
        if line[index].x - (line[index - 1].x + line[index - 1].width) > 0.01
    ]
    extra = width - (line[-1].x + line[-1].width)
    if not gaps or extra <= 0 or extra / len(gaps) > 3 * _WORD_GAP:
        return line
    step = extra / len(gaps)
    shifted: list[_Cell] = []
    shift = 0.0
    for index, cell in enumerate(line):
        if index in gaps:
            shift += step
        shifted.append(replace(cell, x=cell.x + shift))
    return tuple(shifted)


class RubyParagraphFlowable(Flowable):
    """One paragraph of the article with pinyin over its characters; splits across pages."""

    def __init__(
        self,
        paragraph: RubyParagraph,
        han: str,
        lines: list[_Line] | None = None,
        width: float = 0.0,
    ) -> None:
        super().__init__()
        self._paragraph = paragraph
        self._han = han
        self._lines = lines  # laid out for ``width``
        self._width = width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._lines is None or available_width != self._width:
            self._lines = ruby_lines(self._paragraph, available_width, self._han)
            self._width = available_width
        return available_width, len(self._lines) * _LINE_HEIGHT + _PARAGRAPH_GAP

    def split(self, available_width: float, available_height: float) -> list[Any]:
        self.wrap(available_width, available_height)
        assert self._lines is not None
        fitting = int((available_height - _PARAGRAPH_GAP) // _LINE_HEIGHT)
        if fitting < 1 or fitting >= len(self._lines):
            return []
        return [
            RubyParagraphFlowable(self._paragraph, self._han, self._lines[:fitting], self._width),
            RubyParagraphFlowable(self._paragraph, self._han, self._lines[fitting:], self._width),
        ]

    def draw(self) -> None:
        canvas = self.canv
        assert self._lines is not None
        top = len(self._lines) * _LINE_HEIGHT + _PARAGRAPH_GAP
        for number, line in enumerate(self._lines):
            baseline = top - (number + 1) * _LINE_HEIGHT + _CHAR_SIZE * 0.3
            pinyin_baseline = baseline + _CHAR_SIZE * 1.05
            canvas.setFillColor(_MUTED)
            canvas.setFont(LATIN_FONT, _PINYIN_SIZE)
            for cell in line:
                if cell.syllable:
                    canvas.drawCentredString(
                        cell.x + cell.width / 2, pinyin_baseline, cell.syllable
                    )
            canvas.setFillColor(_INK)
            for cell in line:
                font = font_runs(cell.char, han_font=self._han)[0][0]
                canvas.setFont(font, _CHAR_SIZE)
                canvas.drawCentredString(cell.x + cell.width / 2, baseline, cell.char)
            canvas.setLineWidth(1)
            for start, end in _term_spans(line):
                canvas.line(start, baseline - 3, end, baseline - 3)


def _term_spans(line: _Line) -> list[tuple[float, float]]:
    spans: list[tuple[float, float]] = []
    for cell in line:
        if not cell.in_term:
            continue
        if spans and cell.x - spans[-1][1] <= _WORD_GAP + 0.01:
            spans[-1] = (spans[-1][0], cell.x + cell.width)
        else:
            spans.append((cell.x, cell.x + cell.width))
    return spans


# Page footers


class _Footer:
    """Draws "title · page N of M" on every page, once the page count is known."""

    def __init__(self, title: str, han: str) -> None:
        self.title = title
        self.han = han
        self.pages = 0

    def canvas_class(self) -> type:

        footer = self

        class FooterCanvas(Canvas):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._pages: list[dict[str, Any]] = []

            def showPage(self) -> None:  # noqa: N802 (reportlab's name)
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                footer.pages = len(self._pages)
                for state in self._pages:
                    self.__dict__.update(state)
                    footer.draw(self, footer.pages)
                    super().showPage()
                super().save()

        return FooterCanvas

    def draw(self, canvas: Any, pages: int) -> None:

        width, _ = canvas._pagesize
        y = _MARGIN_MM * mm - 2 * mm
        canvas.setFillColor(_MUTED)
        x = _MARGIN_MM * mm
        for font, piece in font_runs(footer_title(self.title), han_font=self.han):
            canvas.setFont(font, MIN_TEXT_SIZE)
            canvas.drawString(x, y, piece)

            x += stringWidth(piece, font, MIN_TEXT_SIZE)
        canvas.setFont(LATIN_FONT, MIN_TEXT_SIZE)
        page = canvas.getPageNumber()
        canvas.drawRightString(width - _MARGIN_MM * mm, y, f"page {page} of {pages}")
