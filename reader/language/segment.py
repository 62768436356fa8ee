"""Cutting text into tokens with jieba's dictionary and model.

``Segmenter`` owns a private ``jieba.Tokenizer`` (never the global one, so the
words it is taught do not leak into other users of jieba) and finds the same
words as ``Tokenizer.cut(text, HMM=True)``.  It runs jieba's algorithm itself
because jieba's loops, plus ``jieba.posseg`` for tags, fall far short of the
200,000 characters a second the reader needs: best route over the word graph
in one backward pass, unknown runs handed to jieba's own HMM
(``jieba.finalseg``).  Part-of-speech tags come from a word -> tag table read
from jieba's ``dict.txt`` (what ``jieba.posseg`` consults first), not from the
posseg HMM.

Unlike jieba, a run of whitespace is one token, and so is a run of fullwidth
letters or digits.

A change here that can alter any token must bump ``SEGMENTATION_RULES_VERSION``
(reader/language/versions.py): saved annotations are only reused under it.
"""

from __future__ import annotations

import logging
import re
import sys
from array import array
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import accumulate, compress, repeat
from math import log
from pathlib import Path

from reader import paths
from reader.errors import ReaderError
from reader.language.han import is_han
from reader.language.lexicon import Lexicon, build_lexicon, read_lexicon
from reader.language.repair import WordRepairer
from reader.language.script import to_simplified
from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind
from reader.language.versions import SEGMENTATION_RULES_VERSION as SEGMENTATION_RULES_VERSION


def _import_jieba_without_pkg_resources() -> None:
    """Import jieba without pkg_resources, which it uses only to find its own files.

    jieba falls back to plain paths when the import fails, and importing
    pkg_resources alone costs about a quarter of a second of start-up.  The
    block is lifted at once, so anyone who needs pkg_resources later gets it.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        return
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import jieba  # noqa: F401
    finally:
        del sys.modules["pkg_resources"]


_import_jieba_without_pkg_resources()
import jieba  # noqa: E402
import jieba.finalseg  # noqa: E402

_USER_WORD_TAG = "nz"
_JIEBA_VERSION = f"jieba {jieba.__version__}"  # its dictionary changes with it

# jieba hands these runs to its word graph; everything else is cut apart here.
_BLOCK = re.compile(
    r"([\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u3007a-zA-Z0-9+#&._%\-]+)"
    r"|(\s+)"
    r"|([\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+)"
)

_HAN, _LATIN, _NUMBER, _PUNCT, _SPACE = (
    KIND_CODES.index(kind)
    for kind in (TokenKind.HAN, TokenKind.LATIN, TokenKind.NUMBER, TokenKind.PUNCT, TokenKind.SPACE)
)
_KIND_TAG = {_HAN: "", _NUMBER: "m", _LATIN: "eng", _PUNCT: "x", _SPACE: "x"}


def _is_digit(char: str) -> bool:
    return "0" <= char <= "9" or "\uff10" <= char <= "\uff19"


def _kind_of(word: str) -> int:
    first = word[0]
    if "\u4e00" <= first <= "\u9fff":
        return _HAN
    if first.isspace():
        return _SPACE
    if _is_digit(first):
        return _NUMBER
    if any(is_han(char) for char in word):
        return _HAN
    if any(char.isalpha() for char in word):
        return _LATIN
    return _PUNCT


_cached_kind_of = lru_cache(maxsize=65536)(_kind_of)


class SegmentationError(ReaderError):
    """jieba's dictionary could not be loaded."""


def _load_lexicon(tokenizer: jieba.Tokenizer) -> Lexicon:
    """jieba's lexicon from the cache folder (built from its ``dict.txt`` the first time);
    its frequency table becomes ``tokenizer``'s ``FREQ``."""
    cache_file = Path(tokenizer.tmp_dir) / tokenizer.cache_file
    try:
        lexicon = read_lexicon(cache_file, _JIEBA_VERSION)
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        lexicon = None  # missing or damaged cache: rebuild below
    if lexicon is None:
        try:
            with tokenizer.get_dict_file() as stream:
                lexicon = build_lexicon(stream, cache_file, _JIEBA_VERSION)
        except (OSError, ValueError, UnicodeDecodeError) as error:
            raise SegmentationError(f"Cannot read jieba's dictionary: {error}") from error
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = lexicon.freq, lexicon.total, True
    return lexicon


class Segmenter:
    """Cuts Chinese text into words; ``user_words`` (glossary terms) are always kept whole.

    With ``known`` (is this a dictionary word?), jieba's words are repaired
    against the dictionary (reader/language/repair.py).
    """

    def __init__(
        self, user_words: Iterable[str] = (), known: Callable[[str], bool] | None = None
    ) -> None:
        logging.getLogger("jieba").setLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = str(paths.cache_dir())
        tokenizer.cache_file = "jieba-lexicon.marshal"
        # jieba's tables hold only the words of the characters loaded so far: every
        # text, word to add and word asked about is loaded first
        self._lexicon = _load_lexicon(tokenizer)
        self._tags = self._lexicon.tags
        self._tokenizer = tokenizer
        self._terms: set[str] = set()
        # Glossary terms wait, by first character, until a text holds it: adding one
        # loads jieba's words of all its characters, which most texts never need.
        self._waiting: dict[str, list[str]] = {}
        self._repairer = (
            WordRepairer(known, self._tags, self._terms, tokenizer.FREQ)
            if known is not None
            else None
        )
        for word in user_words:
            self.add_word(word)

    def add_word(self, word: str) -> None:
        """Teach the segmenter a word (a glossary term) so it comes out as one token.

        The frequency is jieba's suggestion times ten: the suggestion only
        beats the word's own pieces, and a term must also beat pieces that
        borrow a neighbouring character (推进河 / 湖长制 ...).
        """
        word = word.strip()
        if not word or any(char.isspace() for char in word) or word in self._terms:
            return
        self._terms.add(word)
        if self._lexicon.loaded(word[0]):
            self._add_now(word)
        else:
            self._waiting.setdefault(word[0], []).append(word)

    def _add_now(self, word: str) -> None:
        tokenizer = self._tokenizer
        self._load(word)
        suggested = tokenizer.suggest_freq(word, False)
        tokenizer.add_word(word, max(suggested * 10, tokenizer.FREQ.get(word) or 0))
        # jieba adds the term's count to its total; kept at the dictionary's own, since
        # terms are added as texts need them and a cut must not depend on earlier texts
        tokenizer.total = self._lexicon.total
        self._tags.setdefault(word, _USER_WORD_TAG)

    def _load(self, chars: str) -> None:
        """Load jieba's words beginning with ``chars``, and add the terms that do."""
        self._lexicon.load(chars)
        if self._waiting:
            for char in set(chars):
                for word in self._waiting.pop(char, ()):
                    self._add_now(word)

    def tag_of(self, word: str) -> str:
        """jieba's part-of-speech tag for a dictionary word, "" when unknown."""
        self._load(word[:1])
        return self._tags.get(word, "")

    def segment(self, text: str) -> SegmentedText:
        """Cut ``text`` into tokens that cover every character exactly once.

        Traditional characters are cut in their simplified form (same offsets);
        the tokens keep the characters as written.
        """
        analysed = to_simplified(text)
        self._load(analysed)
        words: list[str] = []
        position = 0
        for match in _BLOCK.finditer(analysed):
            if match.start() > position:
                words.extend(analysed[position : match.start()])  # one token per character
            block = match.group(1)
            if block is None:
                words.append(match.group())
            else:
                self._cut_block(block, words)
            position = match.end()
        words.extend(analysed[position:])
        if self._repairer is not None:
            words = self._repairer.repair(words)

        # offsets, kinds and tags in bulk: per-token Python code is what costs
        ends = array("l", accumulate(map(len, words)))
        starts = array("l", [0])
        starts.extend(ends[:-1])
        del starts[len(ends) :]
        kinds = bytes(map(_cached_kind_of, words))
        # a word missing from the table (found by jieba's HMM) has no known tag
        tags = list(map(self._tags.get, words, repeat("")))
        for index in compress(range(len(kinds)), map(_HAN.__ne__, kinds)):
            tags[index] = _KIND_TAG[kinds[index]]
        return SegmentedText(text, starts, ends, kinds, tuple(tags))

    def _cut_block(self, sentence: str, words: list[str]) -> None:
        """jieba's ``__cut_DAG`` for one block: appends its words to ``words``."""
        freq = self._tokenizer.FREQ
        logtotal = log(self._tokenizer.total)
        length = len(sentence)
        # best[i]: best log probability of sentence[i:]; until[i]: end of its first word
        best = [0.0] * (length + 1)
        until = [0] * length
        for index in range(length - 1, -1, -1):
            candidate_end = -1
            candidate_score = 0.0
            end = index + 1
            count = freq.get(sentence[index])
            while count is not None:
                if count:
                    score = log(count) - logtotal + best[end]
                    # jieba's max() over (score, end) prefers the longer word on a tie
                    if candidate_end < 0 or score >= candidate_score:
                        candidate_score, candidate_end = score, end
                end += 1
                if end > length:
                    break
                count = freq.get(sentence[index:end])
            if candidate_end < 0:
                candidate_score, candidate_end = best[index + 1] - logtotal, index + 1
            best[index] = candidate_score
            until[index] = candidate_end

        append = words.append
        start = 0
        buffer_start = -1
        while start < length:
            end = until[start]
            if end - start == 1:
                if buffer_start < 0:
                    buffer_start = start
            else:
                if buffer_start >= 0:
                    self._flush(sentence[buffer_start:start], freq, words)
                    buffer_start = -1
                append(sentence[start:end])
            start = end
        if buffer_start >= 0:
            self._flush(sentence[buffer_start:], freq, words)

    @staticmethod
    def _flush(buffer: str, freq: dict[str, int], words: list[str]) -> None:
        """Single characters in a row: jieba lets its HMM find unknown words in them."""
        if len(buffer) == 1:
            words.append(buffer)
        elif freq.get(buffer):
            words.extend(buffer)
        else:
            words.extend(_hmm_cut(buffer))


@lru_cache(maxsize=8192)
def _hmm_cut(run: str) -> tuple[str, ...]:
    """jieba's HMM over a run of unknown characters; names and terms recur, so keep answers."""
    return tuple(jieba.finalseg.cut(run))
