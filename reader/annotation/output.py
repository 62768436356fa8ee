"""Annotated text as JSON, terminal text, or a standalone printable HTML page."""

from __future__ import annotations

import html
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from reader.dictionary.entry import Entry
from reader.glossary.term import GlossaryTerm
from reader.language.han import is_han
from reader.language.notation import tone_of
from reader.language.tokens import TokenKind
from reader.language.tones import TONE_COLOURS

if TYPE_CHECKING:
    from reader.annotation.annotator import Annotation, WordInfo


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    return {
        "simplified": entry.simplified,
        "traditional": entry.traditional,
        "pinyin": entry.pinyin,
        "senses": list(entry.senses),
        "classifiers": [
            {"simplified": c.simplified, "traditional": c.traditional, "pinyin": c.pinyin}
            for c in entry.classifiers
        ],
        "references": [
            {
                "relation": r.relation,
                "simplified": r.simplified,
                "traditional": r.traditional,
                "pinyin": r.pinyin,
            }
            for r in entry.references
        ],
    }


def glossary_to_dict(term: GlossaryTerm) -> dict[str, Any]:
    return {
        "term": term.term,
        "pinyin": term.pinyin,
        "english": term.english,
        "explanation": term.explanation,
        "category": term.category,
        "related": list(term.related),
        "in_cedict": term.in_cedict,
        "glossary": term.glossary,
    }


def annotation_stats(annotation: Annotation) -> dict[str, Any]:
    """Counts a reader cares about: size, vocabulary, HSK spread, words no dictionary knows."""
    words = [w for w in annotation.words if w.token.kind is TokenKind.HAN]
    distinct = {w.token.text for w in words}
    levels = Counter(w.hsk for w in words)
    unknown = sorted({w.token.text for w in words if not w.entries and w.glossary is None})
    return {
        "characters": len(annotation.segmented.text),
        "han_characters": sum(len(w.pinyin) for w in words),
        "tokens": len(annotation.words),
        "words": len(words),
        "distinct_words": len(distinct),
        "glossary_terms": len({w.token.text for w in words if w.glossary is not None}),
        "hsk_levels": {
            ("7-9" if level == 7 else str(level)) if level else "none": levels[level]
            for level in sorted(levels, key=lambda lv: lv or 99)
        },
        "not_in_dictionary": unknown,
    }


def to_json(annotation: Annotation) -> str:
    tokens = []
    for word in annotation.words:
        token = word.token
        tokens.append(
            {
                "text": token.text,
                "start": token.start,
                "end": token.end,
                "kind": token.kind.value,
                "pinyin": list(word.pinyin),
                "gloss": word.gloss,
                "definitions": [entry_to_dict(e) for e in word.entries],
                "glossary": glossary_to_dict(word.glossary) if word.glossary else None,
                "hsk": word.hsk,
            }
        )
    document = {
        "source": annotation.source,
        "tokens": tokens,
        "stats": annotation_stats(annotation),
    }
    # no indent: json uses its C encoder only without one, ten times faster here
    return json.dumps(document, ensure_ascii=False)


def to_text(annotation: Annotation) -> str:
    """Each line of the text followed by its words with pinyin, then the glossary terms met."""
    lines: list[str] = []
    current_line: list[str] = []
    current_words: list[str] = []

    def flush() -> None:
        text = "".join(current_line).strip()
        if text:
            lines.append(text)
            if current_words:
                lines.append("    " + "  ".join(current_words))
            lines.append("")
        current_line.clear()
        current_words.clear()

    for word in annotation.words:
        piece = word.token.text
        if "\n" in piece:
            flush()
            continue
        current_line.append(piece)
        if word.pinyin:
            current_words.append(f"{piece} {''.join(word.pinyin)}")
    flush()
    seen: dict[str, GlossaryTerm] = {}
    for word in annotation.words:
        if word.glossary is not None:
            seen.setdefault(word.glossary.term, word.glossary)
    if seen:
        lines.append("Glossary terms in this text:")
        lines.extend(f"  {t.term} {t.pinyin} — {t.english}" for t in seen.values())
    return "\n".join(lines).rstrip() + "\n"


def ruby_html(word: WordInfo) -> str:
    """One token as escaped HTML: Han characters in <ruby> with tone-coloured pinyin."""
    text = word.token.text
    if not word.pinyin:
        return html.escape(text)
    parts: list[str] = []
    syllables = iter(word.pinyin)
    for char in text:
        if is_han(char):
            syllable = next(syllables, "")
            tone = tone_of(syllable) if syllable else 5
            parts.append(
                f'<ruby class="t{tone}">{html.escape(char)}<rt>{html.escape(syllable)}</rt></ruby>'
            )
        else:
            parts.append(html.escape(char))
    css_class = "term" if word.glossary else "word"
    title = html.escape(word.gloss, quote=True)
    return f'<span class="{css_class}" title="{title}">{"".join(parts)}</span>'


PAGE_STYLE = """
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", serif;
       max-width: 46em; margin: 2em auto; line-height: 2.6; font-size: 18px; color: #222; }
h1 { font-size: 1.4em; line-height: 1.6; }
p { margin: 0 0 0.8em 0; }
rt { font-size: 0.55em; font-family: sans-serif; }
.term { border-bottom: 1px dotted #888; }
.t1 rt { color: %(1)s; } .t2 rt { color: %(2)s; } .t3 rt { color: %(3)s; }
.t4 rt { color: %(4)s; } .t5 rt { color: %(5)s; }
dl.glossary dt { font-weight: bold; margin-top: 0.6em; }
dl.glossary dd { margin-left: 1.5em; line-height: 1.5; }
.legend span { margin-right: 1em; }
@media print { body { margin: 0; max-width: none; } }
""" % {str(k): v for k, v in TONE_COLOURS.items()}


def to_html(annotation: Annotation) -> str:
    """A standalone page: every paragraph with <ruby> pinyin, then the glossary terms met."""
    paragraphs: list[list[str]] = [[]]
    for word in annotation.words:
        if "\n" in word.token.text:
            paragraphs.append([])
        else:
            paragraphs[-1].append(ruby_html(word))
    body = "\n".join(f"<p>{''.join(p)}</p>" for p in paragraphs if p)
    terms: dict[str, GlossaryTerm] = {}
    for word in annotation.words:
        if word.glossary is not None:
            terms.setdefault(word.glossary.term, word.glossary)
    glossary = ""
    if terms:
        items = "\n".join(
            f"<dt>{html.escape(t.term)} <span>{html.escape(t.pinyin)}</span> — "
            f"{html.escape(t.english)}</dt><dd>{html.escape(t.explanation)}</dd>"
            for t in terms.values()
        )
        glossary = f'<h2>Glossary</h2>\n<dl class="glossary">\n{items}\n</dl>'
    legend = "".join(
        f'<span style="color:{colour}">{name}</span>'
        for name, colour in zip(
            ("tone 1", "tone 2", "tone 3", "tone 4", "neutral"), TONE_COLOURS.values(), strict=True
        )
    )
    title = html.escape(annotation.source or "Annotated text")
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n"
        f'<h1>{title}</h1>\n<p class="legend">{legend}</p>\n{body}\n{glossary}\n'
        "<footer><small>Definitions: CC-CEDICT (CC BY-SA 4.0).</small></footer>\n"
        "</body>\n</html>\n"
    )
