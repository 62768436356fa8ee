"""Writing the vocabulary out: Anki package, Anki text, Pleco, CSV and JSON.

Every export goes to a temporary file in the target folder and is renamed over
the target only when complete, so an interrupted export never leaves a broken
file (and never damages an earlier export of the same name).
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path

from reader.atomic_files import replace_atomically
from reader.errors import VocabularyError
from reader.language.notation import marks_to_numbered
from reader.vocab import text_formats
from reader.vocab.word import VocabWord

# Generated once with random.randrange(1 << 30, 1 << 31) and fixed forever: Anki
# recognises our note type and deck by these numbers, so re-importing a later export
# updates the learner's cards instead of creating a second note type or deck.
ANKI_MODEL_ID = 1951793697
ANKI_DECK_ID = 1916013838

ANKI_CSS = """\
.card { font-family: sans-serif; font-size: 22px; text-align: center; }
.hanzi { font-size: 48px; }
.tone1 { color: #e30000; } .tone2 { color: #e07b00; } .tone3 { color: #00a000; }
.tone4 { color: #1a5fd0; } .tone5 { color: #808080; }
.context { font-size: 20px; } .source, .hsk, .note { font-size: 14px; color: #666; }
"""

_BACK_DETAILS = (
    '<div class="hanzi">{{Simplified}}</div><div>{{Traditional}}</div>'
    "<div>{{Pinyin}}</div><div>{{Definition}}</div>"
    '<div class="context">{{Context}}</div><div class="source">{{Source}}</div>'
    '{{#HSK}}<div class="hsk">{{HSK}}</div>{{/HSK}}<div class="note">{{Note}}</div>'
)


WordAudio = Callable[[str], bytes]
"""The sound of a word as a WAV file's bytes (``apkg`` with audio), given what to say:
its reading as numbered pinyin (``hang2``), so that 行 háng and 行 xíng sound as
their cards say, or its characters where it has no reading."""


class ExportFormat(StrEnum):
    APKG = "apkg"
    ANKI_TEXT = "anki-txt"
    PLECO = "pleco"
    CSV = "csv"
    JSON = "json"


_EXTENSIONS = {".apkg": ExportFormat.APKG, ".csv": ExportFormat.CSV, ".json": ExportFormat.JSON}


def format_for(path: Path, explicit: str | None = None) -> ExportFormat:
    """The format named, or the one the file name implies (.txt is Anki text)."""
    if explicit:
        try:
            return ExportFormat(explicit)
        except ValueError:
            names = ", ".join(f.value for f in ExportFormat)
            raise VocabularyError(f"Unknown format {explicit!r}; use one of {names}") from None
    suffix = path.suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if suffix == ".txt":
        return ExportFormat.ANKI_TEXT
    raise VocabularyError(
        f"Cannot tell the format of {path.name} from its extension; give --format"
    )


def export_words(
    words: Iterable[VocabWord],
    path: Path,
    export_format: ExportFormat,
    audio: WordAudio | None = None,
) -> int:
    """Write ``words`` to ``path`` in the format; returns how many were written.

    With ``audio`` an Anki package carries a sound file per word, named by
    ``sound_file_name`` and played with the pinyin; an error ``audio`` raises
    stops the export before anything is written.  Other formats have no audio.
    """
    chosen = list(words)
    if export_format is ExportFormat.APKG:
        _write_atomically(path, lambda temporary: _write_apkg(chosen, temporary, audio))
    else:
        renderers: dict[ExportFormat, Callable[[Iterable[VocabWord]], str]] = {
            ExportFormat.ANKI_TEXT: text_formats.render_anki_text,
            ExportFormat.PLECO: text_formats.render_pleco,
            ExportFormat.CSV: text_formats.render_csv,
            ExportFormat.JSON: text_formats.render_json,
        }
        content = renderers[export_format](chosen).encode("utf-8")
        _write_atomically(path, lambda temporary: temporary.write_bytes(content))
    return len(chosen)


def _write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    try:
        replace_atomically(path, write)
    except OSError as error:
        raise VocabularyError(
            f"Could not write {path}: {error.strerror or error}; no file was left half-written"
        ) from error


def anki_model() -> object:
    """Our Anki note type: eight fields, a Recognition and a Recall card."""
    import genanki

    return genanki.Model(
        ANKI_MODEL_ID,
        text_formats.ANKI_NOTETYPE,
        fields=[{"name": name} for name in text_formats.ANKI_FIELDS],
        templates=[
            {
                "name": "Recognition",
                "qfmt": '<div class="hanzi">{{Simplified}}</div>'
                '<div class="context">{{Context}}</div>',
                "afmt": '{{FrontSide}}<hr id="answer">' + _BACK_DETAILS,
            },
            {
                "name": "Recall",
                "qfmt": "<div>{{Definition}}</div>",
                "afmt": '{{FrontSide}}<hr id="answer">' + _BACK_DETAILS,
            },
        ],
        css=ANKI_CSS,
        sort_field_index=0,
    )


def sound_file_name(simplified: str, pinyin: str) -> str:
    """The deck's file name for a word's sound: the same on every export, so that
    re-importing replaces the sound instead of adding a copy; one per reading."""
    digest = hashlib.sha1(f"{simplified}\t{pinyin}".encode()).hexdigest()[:16]
    return f"duzhe-reader-{digest}.wav"


def spoken_text(word: VocabWord) -> str:
    """What a sound maker is asked to say for ``word``: its reading in numbered
    pinyin (ü as v, as espeak-ng's pinyin voice reads it), else its characters."""
    if not word.pinyin.strip():
        return word.simplified
    return marks_to_numbered(word.pinyin, umlaut="v")


def _write_apkg(words: list[VocabWord], target: Path, audio: WordAudio | None) -> None:
    with tempfile.TemporaryDirectory(prefix="reader-anki-media-") as media_folder:
        sounds: dict[str, Path] = {}
        if audio is not None:
            for word in words:
                name = sound_file_name(word.simplified, word.pinyin)
                if name not in sounds:
                    sounds[name] = Path(media_folder) / name
                    sounds[name].write_bytes(audio(spoken_text(word)))
        _write_deck(words, target, sounds)


def _write_deck(words: list[VocabWord], target: Path, sounds: dict[str, Path]) -> None:
    import genanki

    model = anki_model()
    deck = genanki.Deck(ANKI_DECK_ID, text_formats.ANKI_DECK)
    for word in words:
        fields = text_formats.anki_note_fields(word)
        sound = sound_file_name(word.simplified, word.pinyin)
        if sound in sounds:
            # With the pinyin, so the sound plays on the answer side of both cards
            # and the note type (which Anki matches by its fields) stays the same.
            fields[text_formats.ANKI_FIELDS.index("Pinyin")] += f" [sound:{sound}]"
        deck.add_note(
            genanki.Note(
                model=model,
                fields=fields,
                # From the word's identity only, so editing a definition and exporting
                # again updates the card instead of adding a duplicate.
                guid=genanki.guid_for(word.simplified, word.pinyin),
                tags=text_formats.anki_tags(word).split(),
            )
        )
    genanki.Package(deck, media_files=[str(path) for path in sounds.values()]).write_to_file(
        str(target)
    )
