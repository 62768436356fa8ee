"""A CC-CEDICT entry as rich text, for the word popup and the Dictionary tab.

Everything that comes from the dictionary is escaped; measure words and
cross-references become links made by the caller's ``link`` (each view has
its own way to follow them).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from reader.dictionary.entry import Entry

LinkMaker = Callable[[str, str], str]
"""(word to link to, label) -> an escaped ``<a>`` element."""


def entry_html(entry: Entry, pinyin_html: str, link: LinkMaker) -> str:
    """Headword (traditional in brackets when it differs), reading, numbered senses,
    measure words and cross-references.  ``pinyin_html`` is the reading, already escaped
    (plain or tone-coloured)."""
    headword = escape(entry.simplified)
    if entry.traditional != entry.simplified:
        headword += f" [{escape(entry.traditional)}]"
    rows = [f'<p style="margin:6px 0 2px 0"><b>{headword}</b> {pinyin_html}</p><ol>']
    rows.extend(f"<li>{escape(sense)}</li>" for sense in entry.senses)
    rows.append("</ol>")
    if entry.classifiers:
        measure_words = "; ".join(
            f"{link(c.simplified, c.simplified)} {escape(c.pinyin)}" for c in entry.classifiers
        )
        rows.append(f"<p>Measure word: {measure_words}</p>")
    for reference in entry.references:
        target = reference.simplified or reference.traditional
        label = target + (f" {reference.pinyin}" if reference.pinyin else "")
        rows.append(f"<p>{escape(reference.relation.capitalize())} {link(target, label)}</p>")
    return "".join(rows)
