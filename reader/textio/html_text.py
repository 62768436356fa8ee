"""The readable text of an HTML page, using only the standard library's parser.

Scripts, styles, comments and every tag are dropped; images, forms and media
contribute nothing.  Block elements (paragraphs, headings, list items, table
rows ...) end a line, and paragraph-like blocks leave a blank line, so the
result reads like a plain-text article.  Entities are decoded by the parser.

Whitespace follows HTML's rules (a run of spaces and line breaks is one space)
except that a line break in the source between two Chinese characters is
dropped: an editor that wraps a long Chinese paragraph must not leave stray
spaces inside words.  A non-breaking space is an ordinary space here.  ``<pre>``
keeps its line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "select"}
)
"""Elements whose content is never text for the reader.

``<head>`` is not among them because its end tag may be left out; what it holds
is either skipped here, void (``<meta>``, ``<link>``) or the title, read apart.
"""

_PARAGRAPHS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dl",
        "figure",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "address",
        "details",
        "form",
        "fieldset",
    }
)
"""Blocks that stand apart from their neighbours by a blank line."""

_LINES = frozenset(
    {"br", "div", "li", "tr", "dt", "dd", "figcaption", "caption", "summary", "option", "legend"}
)
"""Blocks that only start a new line."""

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_PARAGRAPH_BREAK = "\x00P"
_LINE_BREAK = "\x00L"
# Markers the parser cannot produce from a page: NUL is never passed through as text.

_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
_WRAPPED_CJK = re.compile(rf"(?<={_CJK})[ \t\r\f]*\n\s*(?={_CJK})")
_WHITESPACE = re.compile(r"\s+")
_BREAK_RUN = re.compile(r"(?:[ \t]*(?:\x00P|\x00L)[ \t]*)+")


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    title: str
    """The ``<title>``, else the first heading, else ""."""


def html_to_text(html: str) -> HtmlText:
    """The text a reader sees on the page ``html``, with its title."""
    parser = _TextCollector()
    parser.feed(html.replace("\x00", ""))
    parser.close()
    title = _single_line(parser.title) or _single_line(parser.first_heading)
    return HtmlText(_assemble(parser.pieces), title)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.title = ""
        self.first_heading = ""
        self._skip_depth = 0
        self._pre_depth = 0
        self._in_title = False
        self._heading_depth = 0
        self._heading_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
            return
        if tag in _SKIPPED:
            self._skip_depth += 1
            return
        if self._skip_depth:
            return
        self._break_for(tag)
        if tag == "pre":
            self._pre_depth += 1
        if tag in _HEADINGS:
            self._heading_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <img/>, <p/>: nothing inside, so no matching end tag will come.
        if not self._skip_depth and tag not in _SKIPPED:
            self._break_for(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if self._skip_depth:
            return
        if tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)
        if tag in _HEADINGS and self._heading_depth:
            self._heading_depth -= 1
            if not self._heading_depth and self.first_heading.strip():
                self._heading_done = True
        self._break_for(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip_depth:
            return
        if self._heading_depth and not self._heading_done:
            self.first_heading += data
        if self._pre_depth:
            self.pieces.append(data.replace("\n", _LINE_BREAK))
        else:
            self.pieces.append(collapse_whitespace(data))

    def _break_for(self, tag: str) -> None:
        if tag in _PARAGRAPHS:
            self.pieces.append(_PARAGRAPH_BREAK)
        elif tag in _LINES:
            self.pieces.append(_LINE_BREAK)


def collapse_whitespace(data: str) -> str:
    """``data`` as one line: a line break between two Chinese characters disappears, any
    other run of whitespace becomes one space (also how PDF lines are joined)."""
    return _WHITESPACE.sub(" ", _WRAPPED_CJK.sub("", data))


def _assemble(pieces: list[str]) -> str:
    # Neighbouring breaks merge into the strongest of them: </li><li> is one
    # line break, </p><p> one blank line.
    text = _BREAK_RUN.sub(_merged_break, "".join(pieces))
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def _merged_break(run: re.Match[str]) -> str:
    return "\n\n" if _PARAGRAPH_BREAK in run.group() else "\n"


def _single_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()
