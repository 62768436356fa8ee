"""``reader vocab …``: the learner's word list from the command line.

Every command opens the store under the data directory (``--data-dir`` moves it).
If the store had to be recovered from a backup, one line on stderr says so and
the command carries on.

``reader vocab import FILE`` never writes without consent: with ``--yes`` it
imports; without it, on a terminal it shows the plan and asks; when stdin is not
a terminal (a script, a pipe) it prints what would happen and exits with status 2
having written nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from reader.cli.shared import check_output_path, text_argument
from reader.errors import VocabularyError
from reader.language.han import han_characters
from reader.speech.espeak import NO_SOUND_MAKER, EspeakSynthesizer
from reader.vocab.export import ExportFormat, export_words, format_for
from reader.vocab.importing import parse_import
from reader.vocab.pinyin_tones import from_numbered
from reader.vocab.store import VocabularyStore
from reader.vocab.text_formats import render_json
from reader.vocab.word import Context, Status, VocabWord, WordFilter, WordKey, word_problem

EXIT_OK = 0
EXIT_NOT_DONE = 2


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    vocab = subparsers.add_parser("vocab", help="your saved words: add, list, export, import")
    commands = vocab.add_subparsers(
        dest="vocab_command", metavar="ACTION", required=True, parser_class=type(vocab)
    )

    add = commands.add_parser("add", help="save a word (merges into it if already saved)")
    add.add_argument("word")
    add.add_argument("--context", metavar="SENTENCE", help="the sentence you met it in")
    add.add_argument("--article", metavar="TITLE", default="", help="where the sentence is from")
    add.add_argument(
        "--pinyin",
        help="the reading, tone marks or numbers (default: your correction, else the dictionary)",
    )
    add.add_argument("--definition", help="default: the dictionary's senses")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.set_defaults(handler=_add)

    listing = commands.add_parser("list", help="show saved words")
    _add_filter_arguments(listing)
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(handler=_list)

    status = commands.add_parser("status", help="set a word's status")
    status.add_argument("word")
    status.add_argument("status", help="new, learning, known or ignored")
    status.add_argument("--pinyin", help="which reading, when the word has several")
    status.set_defaults(handler=_status)

    remove = commands.add_parser("remove", help="delete a saved word")
    remove.add_argument("word")
    remove.add_argument("--pinyin", help="which reading, when the word has several")
    remove.set_defaults(handler=_remove)

    export = commands.add_parser("export", help="write flashcards or a backup file")
    export.add_argument(
        "--format",
        choices=[f.value for f in ExportFormat],
        help="default: from the file extension (.apkg .csv .json; .txt = anki-txt)",
    )
    _add_filter_arguments(export)
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    export.add_argument(
        "--audio",
        action="store_true",
        help="apkg: a sound file per word, read by espeak-ng's Mandarin voice where installed",
    )
    export.set_defaults(handler=_export)

    importing = commands.add_parser("import", help="merge words from a file")
    importing.add_argument("file")
    importing.add_argument("--format", choices=("csv", "json", "pleco", "anki-txt"))
    importing.add_argument("--yes", action="store_true", help="import without asking")
    importing.set_defaults(handler=_import)

    backup = commands.add_parser("backup", help="write a backup now (kept until you delete it)")
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser("restore", help="go back to a backup (newest by default)")
    restore.add_argument("backup", nargs="?", help="a backup file (see the backups folder)")
    restore.set_defaults(handler=_restore)


def _add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status", action="append", default=[], help="only words with this status (repeatable)"
    )
    parser.add_argument("--tag", help="only words with this tag")
    parser.add_argument("--article", help="only words saved from this article title")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="only words added on or after")


def _parse_status(text: str) -> Status:
    try:
        return Status(text.strip().lower())
    except ValueError:
        names = ", ".join(s.value for s in Status)
        raise VocabularyError(f"Unknown status {text!r}; use one of {names}") from None


def _word_filter(namespace: argparse.Namespace) -> WordFilter:
    since = None
    if namespace.since:
        try:
            since = date.fromisoformat(namespace.since)
        except ValueError:
            raise VocabularyError(
                f"--since {namespace.since!r} is not a date like 2024-03-31"
            ) from None
    return WordFilter(
        statuses=frozenset(_parse_status(s) for s in namespace.status),
        tag=namespace.tag,
        article=namespace.article,
        added_since=since,
    )


@contextlib.contextmanager
def _open() -> Iterator[VocabularyStore]:
    """The store, closed at the end; a recovery or a backup that failed is one line each."""
    store = VocabularyStore.open()
    if store.recovery is not None:
        print(f"reader: {store.recovery.message}", file=sys.stderr)
    with store:
        yield store
    for warning in store.warnings:
        print(f"reader: warning: {warning}", file=sys.stderr)


def _key(namespace: argparse.Namespace) -> WordKey | str:
    pinyin = getattr(namespace, "pinyin", None)
    return WordKey(namespace.word, from_numbered(pinyin)) if pinyin else namespace.word


def dictionary_details(word: str, pinyin: str | None, cedict: str | None) -> tuple[str, str, str]:
    """(pinyin, traditional, definition) for a word, from CC-CEDICT when it is available.

    The reading given wins; then the learner's correction of the word (``reader
    readings``); otherwise the reader's own reading of the word out of context,
    the one the window shows for it on its own (重点 zhòng diǎn, not chóng diǎn "to
    recount"), with the CC-CEDICT entry of that reading, common words before
    proper nouns.  Without a dictionary entry an active glossary's term is used;
    failing that the definition is left empty.
    """
    from reader.dictionary.index import CedictIndex
    from reader.glossary.store import GlossarySet
    from reader.language.pinyin import PinyinResolver
    from reader.language.reading_corrections import ReadingCorrections

    dictionary = CedictIndex.load(Path(cedict) if cedict else None)
    glossaries = GlossarySet.load_active()
    if not pinyin:
        corrected = ReadingCorrections.load().reading_for(word)
        pinyin = " ".join(corrected) if corrected else None
    # A capitalised reading is a proper noun (火 Huǒ, the surname): the common word first.
    entries = tuple(sorted(dictionary.lookup(word), key=lambda e: e.pinyin[:1].isupper()))
    if pinyin:
        entries = tuple(e for e in entries if e.pinyin.lower() == pinyin.lower())
    elif han_characters(word) == word:
        resolver = PinyinResolver(dictionary.readings, glossaries.pinyin_for)
        own = " ".join(resolver.word_reading(word))
        # pypinyin's reading of a single character may be one CC-CEDICT lacks (谁 shuí)
        entries = tuple(e for e in entries if e.pinyin.lower() == own) or entries
    if entries:
        entry = entries[0]
        return (pinyin or entry.pinyin, entry.traditional, "; ".join(entry.senses))
    term = glossaries.lookup(word)  # policy terms CC-CEDICT lacks (河长制)
    if term is not None:
        return pinyin or term.pinyin, "", term.english
    if pinyin:
        return pinyin, "", ""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(word, style=Style.TONE)), "", ""


def _check_text(namespace: argparse.Namespace) -> None:
    """Every text the learner typed is real text (not undecodable terminal bytes)."""
    for option in ("word", "context", "article", "pinyin", "definition", "tag"):
        value = getattr(namespace, option, None)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                name = "the word" if option == "word" else f"--{option}"
                text_argument(text, name)
    if "word" in namespace and not namespace.word.strip():
        raise VocabularyError("A word needs its characters; nothing was changed")


def _check_word_and_reading(word: str, pinyin: str | None) -> None:
    """A vocabulary word as ``word_problem`` wants it, and one typed syllable per character."""
    problem = word_problem(VocabWord(word, pinyin or ""))
    if problem is not None:
        raise VocabularyError(f"{problem}; nothing was saved")
    if pinyin is not None and len(pinyin.split()) != len(han_characters(word)):
        raise VocabularyError(
            f"--pinyin '{pinyin}' is not one pinyin syllable per character of '{word}' "
            "(write hé zhǎng zhì or he2 zhang3 zhi4); nothing was saved"
        )


def _add(namespace: argparse.Namespace) -> int:
    _check_text(namespace)
    given_pinyin = from_numbered(namespace.pinyin) if namespace.pinyin else None
    _check_word_and_reading(namespace.word.strip(), given_pinyin)
    pinyin, traditional, definition = dictionary_details(
        namespace.word, given_pinyin, getattr(namespace, "cedict", None)
    )
    if namespace.definition is not None:
        definition = namespace.definition
    context = Context(namespace.context, namespace.article) if namespace.context else None
    word = VocabWord(
        namespace.word,
        pinyin,
        traditional=traditional,
        definition=definition,
        tags=tuple(namespace.tag),
    )
    with _open() as store:
        saved = store.add(word, context)
    print(_line(saved))
    return EXIT_OK


def _line(word: VocabWord) -> str:
    characters = word.simplified
    if word.traditional and word.traditional != word.simplified:
        characters += f" [{word.traditional}]"
    tags = f"  #{' #'.join(word.tags)}" if word.tags else ""
    return f"{characters}\t{word.pinyin}\t{word.status.value}\t{word.definition}{tags}"


def _list(namespace: argparse.Namespace) -> int:
    word_filter = _word_filter(namespace)
    with _open() as store:
        words = store.words(word_filter)
    if namespace.format == "json":
        sys.stdout.write(render_json(words))
    else:
        for word in words:
            print(_line(word))
    return EXIT_OK


def _status(namespace: argparse.Namespace) -> int:
    _check_text(namespace)
    status = _parse_status(namespace.status)
    with _open() as store:
        word = store.set_status(_key(namespace), status)
    print(_line(word))
    return EXIT_OK


def _remove(namespace: argparse.Namespace) -> int:
    _check_text(namespace)
    with _open() as store:
        word = store.remove(_key(namespace))
    print(f"removed {word.simplified} {word.pinyin}".rstrip())
    return EXIT_OK


def _export(namespace: argparse.Namespace) -> int:
    output = check_output_path(namespace.output)
    chosen = format_for(output, namespace.format)
    word_filter = _word_filter(namespace)
    with _open() as store:
        words = store.words(word_filter)
    audio = _word_audio(chosen) if namespace.audio else None
    count = export_words(words, output, chosen, audio)
    with_audio = " with audio" if audio is not None else ""
    print(f"exported {count} words to {output} ({chosen.value}){with_audio}")
    return EXIT_OK


def _word_audio(chosen: ExportFormat) -> EspeakSynthesizer | None:
    """The sound maker for ``--audio``, or None after one line saying why there is none."""
    if chosen is not ExportFormat.APKG:
        print(
            f"reader: --audio: {chosen.value} files hold no audio; exporting without",
            file=sys.stderr,
        )
        return None
    synthesizer = EspeakSynthesizer()
    if not synthesizer.available():
        print(f"reader: --audio: {NO_SOUND_MAKER}; exporting without audio", file=sys.stderr)
        return None
    return synthesizer


def _import(namespace: argparse.Namespace) -> int:
    plan = parse_import(namespace.file, namespace.format)
    with _open() as store:
        preview = store.import_preview(plan)
        print(f"{plan.summary()}: {preview.added} new, {preview.merged} merged into saved words")
        for bad in plan.bad:
            print(f"  line {bad.line}: {bad.reason}", file=sys.stderr)
        if not plan.good:
            raise VocabularyError(
                f"{plan.source.name} has no words to import; nothing was imported"
            )
        if not namespace.yes:
            if sys.stdin is None or not sys.stdin.isatty():
                print(
                    "reader: nothing was imported; run again with --yes to import", file=sys.stderr
                )
                return EXIT_NOT_DONE
            try:
                answer = input(f"Import {len(plan.good)} words? [y/N] ").strip().lower()
            except EOFError:  # Ctrl+D at the question: the same as no
                answer = ""
            if answer not in ("y", "yes"):
                print("nothing was imported")
                return EXIT_NOT_DONE
        outcome = store.apply_import(plan)
    print(f"imported: {outcome.added} new, {outcome.merged} merged")
    return EXIT_OK


def _backup(namespace: argparse.Namespace) -> int:
    with _open() as store:
        path = store.backup(manual=True)
    print(f"backup written: {path}")
    return EXIT_OK


def _restore(namespace: argparse.Namespace) -> int:
    with _open() as store:
        restored = store.restore(namespace.backup)
        count = store.count()
    print(f"restored {restored.name}: {count} words (the previous state was backed up first)")
    return EXIT_OK
