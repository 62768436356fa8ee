"""Exceptions the core raises with messages a user can read.

The command line prints ``str(error)`` as one line and exits with status 2;
the window shows it in a dialog or the status bar.  Anything else escaping the
core is a bug.
"""


class ReaderError(Exception):
    """Base class: the message is complete, user-facing and fits on one line."""


class InputFileError(ReaderError):
    """A file the user gave cannot be read as text (missing, binary, empty, undecodable)."""


class DictionaryError(ReaderError):
    """The CC-CEDICT source file is missing or cannot be parsed."""


class GlossaryError(ReaderError):
    """A glossary cannot be read, written or edited as asked."""


class VocabularyError(ReaderError):
    """The vocabulary store cannot do what was asked; nothing saved was lost."""


class SpeechError(ReaderError):
    """Speech or a sound file could not be made (no engine, no voice, a failing program)."""
