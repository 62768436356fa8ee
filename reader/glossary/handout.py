"""Printable HTML handouts of glossary terms.

A handout lists terms with pinyin, English, explanation and, when an article is
given, how often each occurs and the first sentence it occurs in.  It may be
followed by the article itself with pinyin over every glossary term: HTML
``<ruby>`` for browsers, or the pinyin in brackets after the term for Qt's
rich text (which has no ruby layout), used for PDF.  Every piece of text is
escaped; the page needs no external files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from html import escape

from reader.glossary.matching import TermMatch
from reader.glossary.sentences import SentenceFinder
from reader.glossary.term import GlossaryTerm
from reader.language.han import is_han


class PinyinMarkup(StrEnum):
    RUBY = "ruby"
    BRACKETS = "brackets"


@dataclass(frozen=True, slots=True)
class HandoutEntry:
    term: GlossaryTerm
    count: int = 0  # occurrences in the article, 0 without one
    example: str = ""  # first sentence of the article containing the term


def entries_for_terms(terms: Iterable[GlossaryTerm]) -> list[HandoutEntry]:
    return [HandoutEntry(term, 0, term.example) for term in terms]


def entries_for_article(text: str, matches: Sequence[TermMatch]) -> list[HandoutEntry]:
    """The terms found in an article, in order of first occurrence, with counts and examples."""
    counts = Counter(match.term.term for match in matches)
    sentences = SentenceFinder(text)
    entries: dict[str, HandoutEntry] = {}
    for match in matches:
        if match.term.term not in entries:
            example = sentences.sentence_at(match.start) or match.term.example
            entries[match.term.term] = HandoutEntry(match.term, counts[match.term.term], example)
    return list(entries.values())


_STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
       "PingFang SC", sans-serif; margin: 2em; line-height: 1.5; color: #111; }
h1 { font-size: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #eee; }
.term { font-size: 1.3em; white-space: nowrap; }
.pinyin { color: #333; white-space: nowrap; }
.example { color: #444; }
.article p { font-size: 1.2em; line-height: 2.2; }
rt { font-size: 0.6em; color: #444; }
.inline-pinyin { font-size: 0.75em; color: #555; }
@media print { body { margin: 0; } tr { page-break-inside: avoid; } }
"""


def build_handout(
    entries: Sequence[HandoutEntry],
    title: str,
    *,
    article_text: str | None = None,
    article_matches: Sequence[TermMatch] = (),
    pinyin_markup: PinyinMarkup = PinyinMarkup.RUBY,
) -> str:
    """A standalone HTML page; the article follows the table when ``article_text`` is given."""
    with_counts = any(entry.count for entry in entries)
    with_examples = any(entry.example for entry in entries)
    headings = ["Term", "Pinyin", "English", "Explanation"]
    headings += ["Times"] if with_counts else []
    headings += ["Example"] if with_examples else []
    rows = []
    for entry in entries:
        term = entry.term
        cells = [
            f'<td class="term" lang="zh-Hans">{escape(term.term)}</td>',
            f'<td class="pinyin">{escape(term.pinyin)}</td>',
            f"<td>{escape(term.english)}</td>",
            f"<td>{escape(term.explanation)}</td>",
        ]
        if with_counts:
            cells.append(f"<td>{entry.count}</td>")
        if with_examples:
            cells.append(f'<td class="example" lang="zh-Hans">{escape(entry.example)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    header = "".join(f"<th>{escape(heading)}</th>" for heading in headings)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{len(entries)} terms</p>",
        f"<table><thead><tr>{header}</tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]
    if article_text is not None:
        parts += [
            '<h2>Text</h2><div class="article" lang="zh-Hans">',
            article_html(article_text, article_matches, pinyin_markup),
            "</div>",
        ]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def article_html(
    text: str, matches: Sequence[TermMatch], pinyin_markup: PinyinMarkup = PinyinMarkup.RUBY
) -> str:
    """``text`` as paragraphs, with pinyin over (or after) every matched glossary term."""
    pieces: list[str] = []
    position = 0
    for match in matches:
        pieces.append(escape(text[position : match.start]))
        pieces.append(_marked_term(text[match.start : match.end], match.term, pinyin_markup))
        position = match.end
    pieces.append(escape(text[position:]))
    body = "".join(pieces)
    paragraphs = [line.strip() for line in body.split("\n")]
    return "\n".join(f"<p>{line}</p>" for line in paragraphs if line)


def _marked_term(written: str, term: GlossaryTerm, pinyin_markup: PinyinMarkup) -> str:
    syllables = iter(term.pinyin.split())
    if pinyin_markup is PinyinMarkup.BRACKETS:
        # A term broken across lines would otherwise split the <b> between paragraphs.
        written = "".join(written.split())
        return (
            f'<b>{escape(written)}</b><span class="inline-pinyin"> ({escape(term.pinyin)})</span>'
        )
    out = []
    for char in written:
        syllable = next(syllables, "") if is_han(char) else ""
        if syllable:
            out.append(f"<ruby>{escape(char)}<rt>{escape(syllable)}</rt></ruby>")
        else:
            out.append(escape(char))
    return "".join(out)
