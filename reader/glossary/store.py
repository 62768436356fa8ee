"""Glossaries on disk and the set of active ones.

The bundled glossary (``dictionaries/policy-glossary.tsv``) is read-only.  A
user's glossaries are TSV files of the same format in
``paths.user_glossaries_dir()``, one file per glossary, named after it
(``my-terms.tsv`` is the glossary ``my-terms``).  Which glossaries are active
is kept in ``active.json`` in the same folder; without that file the bundled
glossary and every user glossary are active.  When several active glossaries
have the same term, a user's glossary beats the bundled one, and among users'
glossaries the one later in the active list wins.

Every write goes to a temporary file that replaces the old one in one step,
so a failed write never damages a glossary.  Edits return a ``TermChange``
that ``GlossaryStore.apply(change.inverse())`` undoes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from reader import paths
from reader.errors import GlossaryError
from reader.glossary.exchange import MAX_GLOSSARY_BYTES, dump_tsv, parse_tsv, write_atomically
from reader.glossary.matching import TermMatch, TermMatcher, TermSpans, strip_ignored
from reader.glossary.term import GlossaryTerm
from reader.glossary.validate import check_term, han_characters
from reader.input_files import read_regular_file
from reader.language.script import to_simplified, word_to_simplified
from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind

BUNDLED_NAME = "bundled"
BUNDLED_FILE_NAME = "policy-glossary.tsv"
ACTIVE_FILE_NAME = "active.json"
GLOSSARY_SUFFIX = ".tsv"
_FORBIDDEN_IN_NAMES = set('<>:"/\\|?*')
_MAX_NAME_LENGTH = 80


@dataclass(frozen=True, slots=True)
class Glossary:
    name: str
    terms: tuple[GlossaryTerm, ...]
    read_only: bool = False

    def get(self, term: str) -> GlossaryTerm | None:
        return next((entry for entry in self.terms if entry.term == term), None)

    def __contains__(self, term: object) -> bool:
        return any(entry.term == term for entry in self.terms)

    def __len__(self) -> int:
        return len(self.terms)


@dataclass(frozen=True, slots=True)
class TermChange:
    """One edit of one glossary: ``before`` None for an addition, ``after`` None for a deletion."""

    glossary: str
    before: GlossaryTerm | None
    after: GlossaryTerm | None

    def inverse(self) -> TermChange:
        return TermChange(self.glossary, self.after, self.before)


def bundled_glossary_path() -> Path:
    return paths.bundled_dictionaries_dir() / BUNDLED_FILE_NAME


def load_bundled(path: Path | None = None) -> Glossary:
    """The bundled glossary (read once per file and modification time)."""
    source = path or bundled_glossary_path()
    try:
        modified = source.stat().st_mtime_ns
    except OSError as error:
        raise GlossaryError(f"the bundled glossary {source} is missing") from error
    return _load_bundled_cached(source, modified)


@lru_cache(maxsize=4)
def _load_bundled_cached(source: Path, _modified: int) -> Glossary:
    return Glossary(BUNDLED_NAME, _read_glossary_file(source, BUNDLED_NAME), read_only=True)


def _read_glossary_file(path: Path, name: str) -> tuple[GlossaryTerm, ...]:
    data = read_regular_file(path, MAX_GLOSSARY_BYTES, GlossaryError)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise GlossaryError(f"glossary “{name}” ({path}) is not UTF-8") from error
    result = parse_tsv(text, name, source=f"glossary “{name}”")
    if result.bad_rows:
        raise GlossaryError(f"glossary “{name}” ({path}) {result.bad_rows[0]}")
    return result.terms


def check_glossary_name(name: str) -> str:
    """``name`` if it can name a user glossary file; GlossaryError saying why not otherwise."""
    if not name or not name.strip():
        raise GlossaryError("a glossary needs a name")
    if name != name.strip():
        raise GlossaryError(f"the glossary name “{name}” starts or ends with a space")
    if name.lower() == BUNDLED_NAME:
        raise GlossaryError(f"“{BUNDLED_NAME}” is the name of the built-in glossary")
    if name.startswith(".") or any(c in _FORBIDDEN_IN_NAMES or ord(c) < 32 for c in name):
        raise GlossaryError(
            f'the glossary name “{name}” may not start with a dot or contain < > : " / \\ | ? *'
        )
    if len(name) > _MAX_NAME_LENGTH:
        raise GlossaryError(f"a glossary name may have at most {_MAX_NAME_LENGTH} characters")
    return name


class GlossaryStore:
    """The user's glossaries in one folder, plus the bundled one."""

    def __init__(self, folder: Path | None = None, bundled_path: Path | None = None) -> None:
        self.folder = folder or paths.user_glossaries_dir()
        self._bundled_path = bundled_path

    # --- glossaries ---------------------------------------------------------------

    def names(self) -> list[str]:
        """The user glossaries, sorted by name (the bundled one is not included)."""
        if not self.folder.is_dir():
            return []
        return sorted(
            path.stem
            for path in self.folder.glob(f"*{GLOSSARY_SUFFIX}")
            if not path.name.startswith(".")
        )

    def path_of(self, name: str) -> Path:
        return self.folder / f"{check_glossary_name(name)}{GLOSSARY_SUFFIX}"

    def exists(self, name: str) -> bool:
        return name == BUNDLED_NAME or (name.lower() != BUNDLED_NAME and name in self.names())

    def load(self, name: str) -> Glossary:
        if name == BUNDLED_NAME:
            return load_bundled(self._bundled_path)
        path = self.path_of(name)
        if not path.is_file():
            raise GlossaryError(f"there is no glossary named “{name}”")
        return Glossary(name, _read_glossary_file(path, name))

    def create(self, name: str, terms: Iterable[GlossaryTerm] = ()) -> Glossary:
        """A new user glossary, saved and made active; GlossaryError if the name is taken."""
        path = self.path_of(name)
        if path.exists():
            raise GlossaryError(f"a glossary named “{name}” already exists")
        glossary = self._save(name, tuple(terms))
        self.set_active([*self.active_names(), name])
        return glossary

    def rename(self, old: str, new: str) -> None:
        source = self._writable_path(old)
        target = self.path_of(new)
        if target.exists():
            raise GlossaryError(f"a glossary named “{new}” already exists")
        active = self.active_names()  # read before the move, which hides the old name
        try:
            os.replace(source, target)
        except OSError as error:
            raise GlossaryError(f"cannot rename “{old}”: {error.strerror or error}") from error
        self.set_active([new if name == old else name for name in active])

    def delete(self, name: str) -> None:
        path = self._writable_path(name)
        remaining = [active for active in self.active_names() if active != name]
        try:
            path.unlink()
        except OSError as error:
            raise GlossaryError(f"cannot delete “{name}”: {error.strerror or error}") from error
        self.set_active(remaining)

    # --- the active set -----------------------------------------------------------

    def active_names(self) -> list[str]:
        """Active glossaries, lowest precedence first; missing glossaries are left out."""
        existing = self.names()
        chosen = self._read_active_file()
        if chosen is None:
            return [BUNDLED_NAME, *existing]
        return [name for name in chosen if name == BUNDLED_NAME or name in existing]

    def set_active(self, names: Sequence[str]) -> None:
        existing = set(self.names()) | {BUNDLED_NAME}
        unknown = [name for name in names if name not in existing]
        if unknown:
            raise GlossaryError(f"there is no glossary named “{unknown[0]}”")
        ordered = list(dict.fromkeys(names))
        data = json.dumps({"active": ordered}, ensure_ascii=False, indent=2) + "\n"
        write_atomically(self.folder / ACTIVE_FILE_NAME, data.encode("utf-8"))

    def _read_active_file(self) -> list[str] | None:
        path = self.folder / ACTIVE_FILE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            # A damaged preference file must not lock the user out of the
            # glossaries: fall back to the default (everything active).
            return None
        active = data.get("active") if isinstance(data, dict) else None
        if not isinstance(active, list) or not all(isinstance(n, str) for n in active):
            return None
        return active

    def active_set(self) -> GlossarySet:
        names = self.active_names()
        ordered = [BUNDLED_NAME] if BUNDLED_NAME in names else []
        ordered += [name for name in names if name != BUNDLED_NAME]
        return GlossarySet([self.load(name) for name in ordered])

    # --- editing terms ------------------------------------------------------------

    def add_term(self, name: str, term: GlossaryTerm) -> TermChange:
        glossary = self._writable(name)
        check_term(term)
        taken = {form for existing in glossary.terms for form in existing.forms}
        clash = next((form for form in term.forms if form in taken), None)
        if clash is not None:
            raise GlossaryError(f"“{clash}” is already in glossary “{name}”")
        stored = _in_glossary(term, name)
        self._save(name, (*glossary.terms, stored))
        return TermChange(name, None, stored)

    def edit_term(self, name: str, term: str, new: GlossaryTerm) -> TermChange:
        """Replace ``term`` by ``new`` (which may rename it) in place."""
        glossary = self._writable(name)
        previous = glossary.get(term)
        if previous is None:
            raise GlossaryError(f"“{term}” is not in glossary “{name}”")
        check_term(new)
        if new.term != term and new.term in glossary:
            raise GlossaryError(f"“{new.term}” is already in glossary “{name}”")
        stored = _in_glossary(new, name)
        self._save(name, tuple(stored if t.term == term else t for t in glossary.terms))
        return TermChange(name, previous, stored)

    def delete_term(self, name: str, term: str) -> TermChange:
        glossary = self._writable(name)
        previous = glossary.get(term)
        if previous is None:
            raise GlossaryError(f"“{term}” is not in glossary “{name}”")
        self._save(name, tuple(t for t in glossary.terms if t.term != term))
        return TermChange(name, previous, None)

    def apply(self, change: TermChange) -> TermChange:
        """Carry out ``change`` (typically an undo or redo); returns what was done."""
        if change.before is None and change.after is not None:
            return self.add_term(change.glossary, change.after)
        if change.before is not None and change.after is None:
            return self.delete_term(change.glossary, change.before.term)
        if change.before is not None and change.after is not None:
            return self.edit_term(change.glossary, change.before.term, change.after)
        raise GlossaryError("an empty change cannot be applied")

    def merge(self, name: str, terms: Iterable[GlossaryTerm]) -> tuple[int, int]:
        """Add ``terms`` to ``name`` (created if needed), replacing same-named terms.

        Every term is checked before anything is written.  Returns (added, replaced).
        """
        incoming = [_in_glossary(term, name) for term in terms]
        for term in incoming:
            check_term(term)
        existing = self.load(name).terms if self.exists(name) else None
        if existing is None:
            self.create(name, incoming)
            return len(incoming), 0
        self._writable(name)
        by_term = {term.term: term for term in incoming}
        kept = [by_term.pop(term.term, term) for term in existing]
        replaced = len(incoming) - len(by_term)
        self._save(name, (*kept, *by_term.values()))
        return len(by_term), replaced

    # --- helpers ------------------------------------------------------------------

    def _writable_path(self, name: str) -> Path:
        if name == BUNDLED_NAME:
            raise GlossaryError(
                "the bundled glossary is read-only: copy the term into one of your glossaries"
            )
        path = self.path_of(name)
        if not path.is_file():
            raise GlossaryError(f"there is no glossary named “{name}”")
        return path

    def _writable(self, name: str) -> Glossary:
        self._writable_path(name)
        return self.load(name)

    def _save(self, name: str, terms: tuple[GlossaryTerm, ...]) -> Glossary:
        write_atomically(self.path_of(name), dump_tsv(terms).encode("utf-8"))
        return Glossary(name, terms)


def _in_glossary(term: GlossaryTerm, name: str) -> GlossaryTerm:
    return term if term.glossary == name else replace(term, glossary=name)


class GlossarySet:
    """Several glossaries seen as one; later glossaries override earlier ones term by term."""

    def __init__(self, glossaries: Sequence[Glossary]) -> None:
        self.glossaries: tuple[Glossary, ...] = tuple(glossaries)
        merged: dict[str, GlossaryTerm] = {}
        by_variant: dict[str, GlossaryTerm] = {}
        for glossary in self.glossaries:
            for term in glossary.terms:
                merged[term.term] = term
                by_variant.update(dict.fromkeys(term.variants, term))
        self._terms = merged
        # A variant spelling only stands in where no glossary has it as a term of its own.
        self._by_variant = {form: t for form, t in by_variant.items() if form not in merged}
        self._matcher: TermMatcher | None = None
        self._last_spans: tuple[str, TermSpans] | None = None

    @classmethod
    def load_active(cls) -> GlossarySet:
        """The active glossaries of the current data directory."""
        return GlossaryStore().active_set()

    @classmethod
    def bundled_only(cls) -> GlossarySet:
        return cls([load_bundled()])

    def lookup(self, term: str) -> GlossaryTerm | None:
        """The term as written, or with quote marks and whitespace inside it (“三旧”改造),
        or in the other script (河長制 finds 河长制).

        A variant spelling (慧智管) finds the term it belongs to (穗智管).
        """
        for form in (term, strip_ignored(term)) if term else ():
            found = self._terms.get(form) or self._by_variant.get(form)
            if found is not None:
                return found
        if term:
            simplified = word_to_simplified(term)
            if simplified != term:
                return self.lookup(simplified)
        return None

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self.lookup(term) is not None

    def __len__(self) -> int:
        return len(self._terms)

    def terms(self) -> list[GlossaryTerm]:
        """Every active term once (the winning entry), in glossary and file order."""
        return list(self._terms.values())

    def pinyin_for(self, term: str) -> tuple[str, ...] | None:
        """One syllable per Han character of ``term`` (digits and letters have none), or None.

        None for a variant spelling: the glossary's pinyin reads the term's own
        characters, and a misprint's characters read differently (慧 is not suì).
        """
        found = self.lookup(term)
        if (
            found is None
            or found.term != strip_ignored(term)
            or len(found.pinyin.split()) != len(han_characters(found.term))
        ):
            return None
        return tuple(found.pinyin.split())

    def user_words(self) -> list[str]:
        """Every active term and variant spelling, for the segmenter.

        Quoted forms are matched by ``find_terms``.
        """
        return sorted({*self._terms, *self._by_variant})

    def find_terms(self, text: str) -> list[TermMatch]:
        if self._matcher is None:
            self._matcher = TermMatcher(self._terms.values())
        return self._matcher.find(text)

    def spans(self, text: str) -> TermSpans:
        """Where the terms occur in ``text``; the last text's answer is kept (hover, paint)."""
        kept = self._last_spans
        if kept is None or kept[0] is not text:
            # terms are written in simplified characters; offsets survive the conversion
            kept = self._last_spans = (text, TermSpans(self.find_terms(to_simplified(text))))
        return kept[1]

    def term_at(self, segmented: SegmentedText, index: int) -> GlossaryTerm | None:
        """The term token ``index`` is, or is part of (“双区”建设, 数据多跑路，群众少跑腿)."""
        if KIND_CODES[segmented.kinds[index]] in (TokenKind.PUNCT, TokenKind.SPACE):
            return None
        start, end = segmented.starts[index], segmented.ends[index]
        return self.lookup(segmented.text[start:end]) or self.spans(segmented.text).covering(
            start, end
        )
