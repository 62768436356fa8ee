"""Printing a ``Handout`` as one standalone web page that prints like the PDF.

The page has the PDF's sections in the same order (title block, terms, the
article with ``<ruby>`` pinyin over every character, the quiz and its answer
key) and print CSS: the chosen paper size, page numbers where the browser
supports page margin boxes, no entry cut across pages, each optional section
on a new page.  Every piece of text is escaped; the page needs no other file.
"""

from __future__ import annotations

from html import escape

from reader.glossary.handout import (
    ANSWER_KEY_HEADING,
    ARTICLE_HEADING,
    CLOSING_PUNCTUATION,
    QUIZ_WORDING,
    Handout,
    HandoutEntry,
    MarkedText,
    Paper,
    RubyParagraph,
    footer_title,
    line_units,
    terms_label,
    times_label,
    title_facts,
)

# Latin in DejaVu Sans, as in the PDF.  Chinese first in fonts that give 广 and the Kangxi
# radical ⼴ separate glyphs: Chromium prints Noto/Source Han Sans, which share them, with
# radicals in the PDF's text layer (广州 copies as ⼴州).
_FONTS = (
    '"DejaVu Sans", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", '
    '"AR PL UMing CN", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", '
    '"Source Han Sans SC", sans-serif'
)

_STYLE = """
/* No ligatures: a printed "fine" would copy as "ﬁne". */
body { font-family: FONTS; margin: 2em auto; max-width: 48em; padding: 0 1em;
       line-height: 1.45; color: #111; font-size: 11pt; font-variant-ligatures: none; }
h1 { font-size: 22pt; margin: 0 0 .2em; font-weight: 600; }
h2 { font-size: 17pt; margin: 1.2em 0 .6em; }
.meta { color: #555; margin: 0; }
.entries { border-top: 1.5px solid #111; margin-top: .8em; }
.entry { display: grid; grid-template-columns: 2em 15em 1fr; gap: 0 1em; padding: .6em 0;
         border-bottom: .5px solid #bbb; break-inside: avoid; page-break-inside: avoid; }
.number { color: #555; font-size: 10pt; padding-top: .7em; }
.term { font-size: 21pt; line-height: 1.25; }
.pinyin { font-size: 14pt; }
.english { font-size: 13pt; font-weight: bold; }
.explanation { margin: .15em 0; }
.example { font-size: 12.5pt; margin: .25em 0 0; }
.example mark { background: #ffe58a; text-decoration: underline; color: inherit;
                print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.times { color: #555; font-size: 10pt; margin-top: .2em; }
.article p { font-size: 17pt; line-height: 2.4; margin: 0 0 .4em; text-align: start;
             orphans: 2; widows: 2; }
/* A syllable wider than its character widens the character's box; the margin keeps
   neighbouring syllables apart, as the PDF's cell padding does. */
.article ruby { ruby-align: center; ruby-position: over; margin: 0 .09em; }
.article rt { font-size: 10pt; color: #555; font-family: "DejaVu Sans", sans-serif; }
.article .u { white-space: nowrap; }
.article .w { margin-left: .25em; }
.article .in-term { border-bottom: 1.2pt solid #111; }
.quiz { border-collapse: collapse; width: 100%; font-size: 13pt; }
.quiz td { padding: .55em .4em .1em; vertical-align: bottom; }
.quiz td.blank { border-bottom: .6pt solid #555; width: 40%; }
.quiz .prompt-pinyin { font-size: 11pt; }
.answers { font-size: 11pt; }
.new-page { break-before: page; page-break-before: always; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
}
""".replace("FONTS", _FONTS)


def build_handout_html(handout: Handout) -> str:
    """The whole handout as one HTML page."""
    paper = "A4" if handout.paper is Paper.A4 else "letter"
    # Page margin boxes (Chromium 131+, not yet Firefox) do not inherit the body's font.
    footer = f"font: 10pt {_FONTS}; color: #555;"
    page_rule = (
        f"@page {{ size: {paper} portrait; margin: 18mm 18mm 22mm; "
        f"@bottom-left {{ content: {css_string(footer_title(handout.title))}; {footer} }} "
        f'@bottom-right {{ content: "page " counter(page) " of " counter(pages); {footer} }} }}'
    )
    fact_line = title_facts(handout)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(handout.title)}</title><style>{_STYLE}{page_rule}</style></head><body>",
        f'<h1 lang="zh-Hans">{escape(handout.title)}</h1>',
        f'<p class="meta">{escape(fact_line)}</p>' if fact_line else "",
        f'<p class="meta">{terms_label(len(handout.entries))}</p>',
        '<div class="entries">',
        *(_entry(number, entry) for number, entry in enumerate(handout.entries, 1)),
        "</div>",
    ]
    if handout.article:
        parts += [
            '<section class="article new-page" lang="zh-Hans">',
            f"<h2>{ARTICLE_HEADING}</h2>",
            *(_ruby_paragraph(paragraph) for paragraph in handout.article),
            "</section>",
        ]
    if handout.quiz:
        parts += _quiz(handout)
    parts.append("</body></html>")
    return "\n".join(part for part in parts if part) + "\n"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the style element."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _entry(number: int, entry: HandoutEntry) -> str:
    term = entry.term
    right = [f'<div class="english">{escape(term.english)}</div>']
    if term.explanation:
        right.append(f'<p class="explanation">{escape(term.explanation)}</p>')
    if entry.example.text:
        right.append(f'<p class="example" lang="zh-Hans">{marked_html(entry.example)}</p>')
    times = f'<div class="times">{times_label(entry.count)}</div>' if entry.count else ""
    return (
        f'<div class="entry"><div class="number">{number}</div>'
        f'<div><div class="term" lang="zh-Hans">{escape(term.term)}</div>'
        f'<div class="pinyin">{escape(term.pinyin)}</div>{times}</div>'
        f"<div>{''.join(right)}</div></div>"
    )


def marked_html(text: MarkedText) -> str:
    """The text escaped, with its marked spans in ``<mark>``."""
    out: list[str] = []
    position = 0
    for start, end in text.marks:
        out.append(escape(text.text[position:start]))
        out.append(f"<mark>{escape(text.text[start:end])}</mark>")
        position = end
    out.append(escape(text.text[position:]))
    return "".join(out)


def _ruby_paragraph(paragraph: RubyParagraph) -> str:
    """Each word with its punctuation in a span no line breaks; terms underlined inside it."""
    units = []
    for unit in line_units(paragraph):
        pieces = []
        for piece in unit:
            chars = "".join(
                f"<ruby>{escape(char)}<rt>{escape(syllable)}</rt></ruby>"
                if syllable
                else escape(char)
                for char, syllable in zip(piece.text, piece.syllables, strict=True)
            )
            classes = [
                name
                for name, on in (
                    ("w", piece.starts_word and piece.text[0] not in CLOSING_PUNCTUATION),
                    ("in-term", piece.in_term),
                )
                if on
            ]
            pieces.append(f'<span class="{" ".join(classes)}">{chars}</span>' if classes else chars)
        units.append(f'<span class="u">{"".join(pieces)}</span>')
    # <wbr>: the only places a line may break, between the unbreakable spans.
    return f"<p>{'<wbr>'.join(units)}</p>"


def _quiz(handout: Handout) -> list[str]:
    heading, task = QUIZ_WORDING[handout.quiz_kind]
    rows = []
    for number, item in enumerate(handout.quiz, 1):
        pinyin = (
            f' <span class="prompt-pinyin">{escape(item.prompt_pinyin)}</span>'
            if item.prompt_pinyin
            else ""
        )
        rows.append(
            f"<tr><td>{number}.</td><td>{escape(item.prompt)}{pinyin}</td>"
            '<td class="blank"></td></tr>'
        )
    answers = [f"<li>{escape(item.answer)}</li>" for item in handout.quiz]
    return [
        f'<section class="new-page"><h2>{heading}</h2><p>{task}</p>',
        f'<table class="quiz">{"".join(rows)}</table></section>',
        f'<section class="new-page"><h2>{ANSWER_KEY_HEADING}</h2>',
        f'<ol class="answers">{"".join(answers)}</ol></section>',
    ]
