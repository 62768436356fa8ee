"""A pinyin row above only the lines that carry syllables, within Qt's own text layout.

Qt's document layout gives every line of a paragraph the same line height
(``QTextBlockFormat``), so a row reserved by the paragraph format is reserved on
every line, also on lines with no syllable above them ("above unknown words").
A line is as tall as the tallest font on it, though, and a superscript is the
one format whose glyphs are drawn smaller (two thirds of its point size) than
the font its line is measured with.  So a character with a syllable gets
``AlignSuperScript`` at 1.5 times the article's point size and a raised
baseline of 0: its glyph and advance are exactly those of the article font,
its line gains about half an em of ascent, and that is the pinyin row, on
exactly the lines holding such a character, wherever the paragraph wraps.

This relies on how Qt shapes superscripts, so ``tall_point_size`` checks it on
a sample before it is used; where it does not hold (a fractional point size,
another Qt) the paragraph format reserves the row on every line, as before.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLine,
)

_SAMPLE = "中"


def tall_point_size(font: QFont) -> int | None:
    """The point size whose superscript draws ``font``'s glyphs on a taller line, or None.

    None when ``font`` has no whole point size or Qt does not draw the
    superscript at exactly ``font``'s size (checked by laying out a sample).
    """
    size = font.pointSizeF()
    if size <= 0 or not size.is_integer():
        return None
    point_size = int(size)
    # The largest size whose two thirds, rounded down as Qt does, is ``point_size``.
    tall = (3 * point_size + 2) // 2
    document = QTextDocument()
    document.setDefaultFont(font)
    cursor = QTextCursor(document)
    cursor.insertText(_SAMPLE * 2)
    cursor.setPosition(1)
    cursor.setPosition(2, QTextCursor.MoveMode.KeepAnchor)
    cursor.setCharFormat(row_format(0.0, tall))
    document.documentLayout().documentSize()
    layout = document.begin().layout()
    if layout is None or layout.lineCount() != 1:
        return None
    line = layout.lineAt(0)
    plain_advance = cursor_x(line, 1) - cursor_x(line, 0)
    tall_advance = cursor_x(line, 2) - cursor_x(line, 1)
    metrics = QFontMetricsF(font)
    if (
        abs(tall_advance - plain_advance) > 0.01
        or abs(plain_advance - metrics.horizontalAdvance(_SAMPLE)) > 0.01
    ):
        return None
    if line.ascent() < metrics.ascent() + metrics.height() / 4:
        return None
    return tall


def row_format(spacing: float, tall: int | None) -> QTextCharFormat:
    """A character format adding ``spacing`` pixels after each character (none for 0).

    With ``tall`` (from ``tall_point_size``) the characters also make their
    line carry a pinyin row.
    """
    char_format = QTextCharFormat()
    if spacing:
        char_format.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        char_format.setFontLetterSpacing(spacing)
    if tall is not None:
        char_format.setFontPointSize(tall)
        char_format.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        char_format.setSuperScriptBaseline(0)
    return char_format


def cursor_x(line: QTextLine, position: int) -> float:
    """The x coordinate, within ``line``'s layout, of the cursor before ``position``."""
    # PySide6 returns (x, position) here, but its stubs type the result as object.
    x, _ = cast(tuple[float, int], line.cursorToX(position))
    return x
