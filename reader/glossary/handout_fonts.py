"""Which Chinese font a PDF handout embeds.

A handout should print the same everywhere, so its Chinese font is embedded
(as a subset of the characters used).  reportlab embeds TrueType fonts
(``glyf`` outlines) but not CFF ones, and Noto/Source Han Sans CJK, the usual
Linux CJK fonts, are CFF; so the handout looks for a TrueType font with
Chinese glyphs: through fontconfig on Linux (WenQuanYi, AR PL, Droid Sans
Fallback, ...) and at the standard places on Windows (Microsoft YaHei, SimSun)
and macOS (PingFang, STHeiti).  The user can name a font file instead.  With
none, the handout falls back to the PDF's standard Chinese font STSong-Light,
which is not embedded: a viewer without Adobe's Asian fonts substitutes one.

Either way the text layer is right: reportlab numbers every character it
prints and maps each number back to that character, not to the glyph, so a
font that draws 广 and the Kangxi radical ⼴ with one glyph still gives 广.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.input_files import MEGABYTE

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

CID_FONT = "STSong-Light"
# The largest Chinese font collections (PingFang, Microsoft YaHei, Noto CJK) are
# tens of megabytes; a file far larger is a mistake, and reportlab would read it whole.
MAX_FONT_BYTES = 200 * MEGABYTE
"""The PDF's standard Chinese font: every viewer with Adobe's Asian fonts has it; not embedded."""

# Sans first (clearer at every size), then serif; each is used only if fontconfig lists it or
# the file is at its standard place.  Families are fontconfig's names.
_PREFERRED_FAMILIES = (
    "Noto Sans SC",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "AR PL UKai CN",
)
_WINDOWS_FILES = ("msyh.ttc", "simsun.ttc", "simhei.ttf", "Deng.ttf")
_MACOS_FILES = (
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
_PROBE = "广州人大的长制"
"""Characters any usable font has (the first is the one Kangxi radical look-alikes spoil)."""


@dataclass(frozen=True, slots=True)
class HanFont:
    """A TrueType font file to embed for Chinese, or (``path`` None) the CID font."""

    path: Path | None
    index: int = 0  # the font's number inside a .ttc collection
    family: str = CID_FONT

    @property
    def embedded(self) -> bool:
        return self.path is not None

    @property
    def pdf_name(self) -> str:
        """The name the font is registered under in reportlab (one per file and index)."""
        if self.path is None:
            return CID_FONT
        digest = hashlib.sha1(f"{self.path}#{self.index}".encode()).hexdigest()[:8]
        return f"Han-{digest}"

    def describe(self) -> str:
        if self.path is None:
            return f"{CID_FONT} (not embedded)"
        return f"{self.family} ({self.path.name})"


NOT_EMBEDDED = HanFont(None)

NO_FONT_NOTICE = (
    "no TrueType Chinese font found, so the PDF uses STSong-Light without embedding it "
    "(viewers without Adobe's Asian fonts substitute one); give a font with --font PATH"
)


def font_from_file(path: str | os.PathLike[str], index: int = 0) -> HanFont:
    """The font in ``path`` (a .ttf, or font ``index`` of a .ttc) if it can be embedded.

    Raises ReaderError saying why not: no such file, not TrueType (CFF/OpenType
    outlines cannot be embedded), embedding forbidden by the font, or no Chinese.
    """
    file = Path(path).expanduser()
    if file.is_dir():
        raise ReaderError(f"{file} is a folder, not a font file")
    if not file.exists():
        raise ReaderError(f"there is no font file {file}")
    if not file.is_file():
        raise ReaderError(f"{file} is not a regular file, so not a font file")
    if file.stat().st_size > MAX_FONT_BYTES:
        raise ReaderError(
            f"{file.name} is over {MAX_FONT_BYTES // MEGABYTE} MB, larger than any font file"
        )
    font = HanFont(file.resolve(), index, file.stem)
    face = embeddable(font).face
    missing = [char for char in _PROBE if ord(char) not in face.charToGlyph]
    if missing:
        raise ReaderError(f"the font {file.name} has no Chinese characters such as {missing[0]}")
    family = face.familyName
    name = family.decode("utf-8", "replace") if isinstance(family, bytes) else str(family)
    return HanFont(font.path, index, name or file.stem)


@functools.cache
def embeddable(font: HanFont) -> TTFont:
    """reportlab's font for ``font``, named ``font.pdf_name`` (cached: a CJK font is big).

    Raises ReaderError when the file cannot be embedded.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        return TTFont(font.pdf_name, str(font.path), subfontIndex=font.index)
    except Exception as error:  # reportlab's TTFError, or struct errors on a damaged file
        name = font.path.name if font.path else CID_FONT
        if "postscript outlines" in str(error).lower():
            raise ReaderError(
                f"the font {name} has CFF (PostScript) outlines, which cannot be embedded; "
                "choose a TrueType font"
            ) from error
        raise ReaderError(f"the font {name} cannot be embedded: {error}") from error


def installed_fonts() -> list[HanFont]:
    """TrueType fonts with Chinese on this computer, the preferred first (none may be usable)."""
    found: list[HanFont] = []
    seen: set[Path] = set()
    for path, index, family in [*_fontconfig_fonts(), *_platform_fonts()]:
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        found.append(HanFont(path, index, family))
    rank = {family: number for number, family in enumerate(_PREFERRED_FAMILIES)}
    return sorted(found, key=lambda font: rank.get(font.family, len(rank)))


def best_installed_font() -> HanFont:
    """The first installed font that can be embedded, else NOT_EMBEDDED."""
    for candidate in installed_fonts():
        try:
            return font_from_file(candidate.path or "", candidate.index)
        except ReaderError:
            continue
    return NOT_EMBEDDED


def _fontconfig_fonts() -> list[tuple[Path, int, str]]:
    program = shutil.which("fc-list")
    if program is None:
        return []
    try:
        listing = subprocess.run(
            [program, "-f", "%{file}\t%{index}\t%{family[0]}\t%{fontformat}\n", ":lang=zh"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    fonts = []
    for line in listing.splitlines():
        fields = line.split("\t")
        if len(fields) == 4 and fields[3] == "TrueType" and fields[1].isdigit():
            fonts.append((Path(fields[0]), int(fields[1]), fields[2]))
    return fonts


def _platform_fonts() -> list[tuple[Path, int, str]]:
    if sys.platform == "win32":
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        return [(folder / name, 0, Path(name).stem) for name in _WINDOWS_FILES]
    if sys.platform == "darwin":
        return [(Path(name), 0, Path(name).stem) for name in _MACOS_FILES]
    return []
