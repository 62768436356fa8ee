"""The specific ways the vocabulary store refuses, so the window can react to each.

All are ``VocabularyError``: the command line prints any of them as one line.
"""

from __future__ import annotations

from reader.errors import VocabularyError


class UnknownWordError(VocabularyError):
    """The word asked for is not in the vocabulary."""


class AmbiguousWordError(VocabularyError):
    """The characters are saved with several readings and none was given."""


class InvalidWordError(VocabularyError):
    """What was given is not a word that can be saved (not Chinese, too long, bad pinyin…)."""


class VocabularyLockedError(VocabularyError):
    """Another running copy of the reader held the vocabulary for longer than the wait allowed."""


class NewerVocabularyError(VocabularyError):
    """The vocabulary was written by a newer version of the reader; it was left untouched."""


class VocabularyStorageError(VocabularyError):
    """The disk refused a write (full, read-only, failing); what was saved before is intact."""


class DamagedVocabularyError(VocabularyError):
    """The vocabulary file failed its integrity check while in use."""
