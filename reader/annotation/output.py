"""Annotated text as JSON, terminal text, or a standalone printable HTML page."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from reader.annotation.stats import ArticleStats, compute_article_stats
from reader.dictionary.entry import Entry
from reader.glossary.term import GlossaryTerm
from reader.language.han import is_han
from reader.language.hsk import hsk_band, hsk_level
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


def stats_to_dict(stats: ArticleStats, *, tokens: int, glossary_terms: int) -> dict[str, Any]:
    """The Article tab's statistics (same counts, same rules) plus two the JSON adds:
    every token, and the distinct words that are glossary terms."""
    return {
        "characters": stats.characters,
        "han_characters": stats.han_characters,
        "tokens": tokens,
        "words": stats.words,
        "distinct_words": stats.distinct_words,
        "glossary_terms": glossary_terms,
        "hsk_levels": {
            hsk_band(level) if level is not None else "none": count
            for level, count in stats.hsk_levels
        },
        "not_in_dictionary": list(stats.not_in_dictionary),
    }


def _article_stats(annotation: Annotation) -> ArticleStats:
    # As annotator_article_stats counts: a word is known when CC-CEDICT or a glossary has
    # it; a word that is only part of a glossary term (建功 in 奋进新征程建功新时代) is not.
    known = {
        w.token.text
        for w in annotation.words
        if w.entries or (w.glossary is not None and w.token.text in w.glossary.forms)
    }
    return compute_article_stats(
        annotation.segmented, hsk_level=hsk_level, in_dictionary=known.__contains__
    )


def annotation_stats(annotation: Annotation) -> dict[str, Any]:
    """``stats_to_dict`` of a whole annotation."""
    terms = {
        w.token.text
        for w in annotation.words
        if w.glossary is not None and w.token.kind is TokenKind.HAN
    }
    return stats_to_dict(
        _article_stats(annotation), tokens=len(annotation.words), glossary_terms=len(terms)
    )


def token_to_dict(word: WordInfo, start: int, end: int) -> dict[str, Any]:
    """One token of the JSON output; ``start``/``end`` are already offsets into the input."""
    token = word.token
    return {
        "text": token.text,
        "start": start,
        "end": end,
        "kind": token.kind.value,
        "pinyin": list(word.pinyin),
        "gloss": word.gloss,
        "definitions": [entry_to_dict(e) for e in word.entries],
        "glossary": glossary_to_dict(word.glossary) if word.glossary else None,
        "hsk": word.hsk,
    }


_TOKENS_PER_CHUNK = 2000  # enough to keep write calls few, little enough to keep memory flat


def json_chunks(
    source: str,
    words: Iterable[WordInfo],
    stats: Callable[[], ArticleStats],
    input_offset: Callable[[int], int] | None = None,
    text: str | None = None,
) -> Iterator[str]:
    """The JSON document in pieces, so it is written without ever being whole in memory.

    ``stats`` is called once the tokens are out (the statistics come from the
    segmentation, which is in memory anyway, so nothing is kept per token).

    With ``input_offset`` (plain text) token offsets are mapped through it into the
    input as given and ``"offsets"`` is ``"input"``; without it they index the
    text the document was read as, which is then included as ``"text"``.
    """

    def dumps(value: object) -> str:
        # no indent: json uses its C encoder only without one, ten times faster here
        return json.dumps(value, ensure_ascii=False)

    offset = input_offset or (lambda position: position)
    yield "{" + f'"source": {dumps(source)}, "offsets": "{"input" if input_offset else "text"}", '
    if input_offset is None:
        yield f'"text": {dumps(text or "")}, '
    yield '"tokens": ['
    tokens = 0
    terms: set[str] = set()
    batch: list[str] = []
    first = True
    for word in words:
        tokens += 1
        token = word.token
        if word.glossary is not None and token.kind is TokenKind.HAN:
            terms.add(token.text)
        batch.append(dumps(token_to_dict(word, offset(token.start), offset(token.end))))
        if len(batch) == _TOKENS_PER_CHUNK:
            yield ("" if first else ", ") + ", ".join(batch)
            batch.clear()
            first = False
    if batch:
        yield ("" if first else ", ") + ", ".join(batch)
    counts = stats_to_dict(stats(), tokens=tokens, glossary_terms=len(terms))
    yield f'], "stats": {dumps(counts)}' + "}"


def text_chunks(words: Iterable[WordInfo]) -> Iterator[str]:
    """Each line of the text followed by its words with pinyin, then the glossary terms met.

    Yielded a line at a time, so the output is never whole in memory.
    """
    current_line: list[str] = []
    current_words: list[str] = []
    seen: dict[str, GlossaryTerm] = {}
    wrote_any = False

    def flush() -> str:
        text = "".join(current_line).strip()
        current_line.clear()
        if not text:
            current_words.clear()
            return ""
        chunk = text + "\n"
        if current_words:
            chunk += "    " + "  ".join(current_words) + "\n"
        current_words.clear()
        return chunk

    for word in words:
        if word.glossary is not None:
            seen.setdefault(word.glossary.term, word.glossary)
        piece = word.token.text
        if "\n" in piece:
            if chunk := flush():
                yield ("\n" if wrote_any else "") + chunk
                wrote_any = True
            continue
        current_line.append(piece)
        if word.pinyin:
            current_words.append(f"{piece} {''.join(word.pinyin)}")
    if chunk := flush():
        yield ("\n" if wrote_any else "") + chunk
        wrote_any = True
    if seen:
        yield ("\n" if wrote_any else "") + "Glossary terms in this text:\n"
        yield "".join(f"  {t.term} {t.pinyin} — {t.english}\n" for t in seen.values())
    elif not wrote_any:
        yield "\n"


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
