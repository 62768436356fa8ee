"""Reading a word list from a file into a plan that the learner confirms before anything is saved.

``parse_import`` only reads; ``VocabularyStore.apply_import(plan)`` then merges the
plan's good words in one transaction.  Words repeated within a file are merged
into one, as the store would merge them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.errors import VocabularyError
from reader.input_files import MEGABYTE, read_regular_file
from reader.vocab import text_formats
from reader.vocab.export import ExportFormat, format_for
from reader.vocab.text_formats import BadLine, shown_text
from reader.vocab.word import VocabWord, WordKey, merge_words, word_problem
from reader.wording import counted

# A JSON export of 50,000 words with a sentence each is about 20 MB.
MAX_IMPORT_BYTES = 64 * MEGABYTE
IMPORTABLE = (ExportFormat.CSV, ExportFormat.JSON, ExportFormat.PLECO, ExportFormat.ANKI_TEXT)


@dataclass(frozen=True, slots=True)
class ImportPlan:
    source: Path
    format: ExportFormat
    good: tuple[VocabWord, ...]
    bad: tuple[BadLine, ...]

    def summary(self) -> str:
        return (
            f"{self.source.name} ({self.format.value}): "
            f"{counted(len(self.good), 'word')} to import, "
            f"{counted(len(self.bad), 'bad line')}"
        )


def parse_import(path: str | Path, import_format: str | None = None) -> ImportPlan:
    """Read ``path`` (format from ``import_format`` or the extension); writes nothing."""
    source = Path(path)
    chosen = format_for(source, import_format)
    if chosen not in IMPORTABLE:
        raise VocabularyError(
            f"Cannot import {chosen.value} files; import one of "
            f"{', '.join(f.value for f in IMPORTABLE)}"
        )
    data = read_regular_file(source, MAX_IMPORT_BYTES, VocabularyError)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise VocabularyError(
            f"{source.name} is not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None
    parsers = {
        ExportFormat.CSV: text_formats.parse_csv,
        ExportFormat.JSON: text_formats.parse_json,
        ExportFormat.PLECO: text_formats.parse_pleco,
        ExportFormat.ANKI_TEXT: text_formats.parse_anki_text,
    }
    parsed = parsers[chosen](text)
    bad = list(parsed.bad)
    merged: dict[WordKey, VocabWord] = {}
    for line, word in parsed.good:
        problem = word_problem(word)
        if problem is not None:
            bad.append(BadLine(line, problem, shown_text(word.simplified)))
            continue
        earlier = merged.get(word.key)
        merged[word.key] = word if earlier is None else merge_words(earlier, word)
    return ImportPlan(
        source, chosen, tuple(merged.values()), tuple(sorted(bad, key=lambda b: b.line))
    )
