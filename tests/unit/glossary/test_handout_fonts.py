"""The Chinese font a PDF handout embeds, or the CID font it falls back to.

A test that needs a TrueType Chinese font uses the best one installed and skips
without one (``apt-get install fonts-wqy-microhei``); the fallback is tested always.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from reader import paths
from reader.annotation.annotator import Annotator
from reader.cli import main
from reader.errors import ReaderError
from reader.glossary import handout_fonts
from reader.glossary.handout import Handout, HandoutEntry, MarkedText, QuizKind
from reader.glossary.handout_choices import HandoutChoices, compose_handout
from reader.glossary.handout_fonts import (
    CID_FONT,
    MAX_FONT_BYTES,
    NOT_EMBEDDED,
    HanFont,
    best_installed_font,
    embeddable,
    font_from_file,
)
from reader.glossary.handout_pdf import LATIN_FONT, font_runs, write_handout_pdf
from reader.glossary.handout_pdf import _register_fonts as write_handout_pdf_fonts
from reader.glossary.store import GlossarySet
from reader.glossary.term import GlossaryTerm
from reader.language.han import han_characters

ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"
BUNDLED_LATIN = paths.bundled_resources_dir() / "fonts" / "DejaVuSans.ttf"
LOOK_ALIKES = [(0x2F00, 0x2FDF), (0x2E80, 0x2EFF), (0xF900, 0xFAFF)]
# Pinyin a Chinese font is likely to lack or set full width: ü with tones, ê with a macron.
RARE_PINYIN = "lǚ lǜ nǚ ê̄ ế"


@pytest.fixture(scope="module")
def installed() -> HanFont:
    font = best_installed_font()
    if not font.embedded:
        pytest.skip("no TrueType Chinese font is installed (apt-get install fonts-wqy-microhei)")
    return font


@pytest.fixture(scope="module")
def text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


def pdf_fonts(path: Path) -> dict[str, bool]:
    """Every font the PDF uses, by its name: True when its file is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"]).lstrip("/")] = embedded
    return fonts


def layer(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def look_alikes(text: str) -> list[str]:
    return [c for c in text if any(low <= ord(c) <= high for low, high in LOOK_ALIKES)]


def test_the_installed_font_is_embedded_as_a_subset_with_an_exact_text_layer(
    installed, text, tmp_path
):
    choices = HandoutChoices("Guangzhou governance", include_article=True, quiz=QuizKind.TERMS)
    document = compose_handout(GlossarySet.bundled_only(), choices, text, Annotator.create())
    target = tmp_path / "embedded.pdf"
    write_handout_pdf(document, target, installed)
    fonts = pdf_fonts(target)
    chinese = [
        name for name in fonts if name.split("+")[-1] != "Helvetica" and "DejaVu" not in name
    ]
    assert chinese and all(fonts[name] for name in chinese), fonts
    assert all(name[6] == "+" for name in chinese), "embedded as subsets (ABCDEF+Name)"
    assert CID_FONT not in fonts
    extracted = layer(target)
    assert not look_alikes(extracted)
    assert "广州" in extracted
    entry_han = "".join(
        han_characters(e.term.term + e.term.english + e.term.explanation + e.example.text)
        for e in document.entries
    )
    quiz_han = "".join(han_characters(item.answer) for item in document.quiz)
    assert han_characters(extracted) == entry_han + han_characters(text) + quiz_han


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils is not installed")
def test_pdffonts_and_pdftotext_agree(installed, text, tmp_path):
    document = compose_handout(GlossarySet.bundled_only(), HandoutChoices("Guangzhou"), text)
    target = tmp_path / "handout.pdf"
    write_handout_pdf(document, target, installed)
    listing = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    # name type encoding emb sub uni id gen: every font but reportlab's unused Helvetica.
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows if row[0] != "Helvetica")
    extracted = pdftotext(target)
    assert not look_alikes(extracted) and "广州" in extracted


def test_a_glyph_shared_with_a_kangxi_radical_still_maps_to_the_ideograph(
    installed, tmp_path, monkeypatch
):
    """Some fonts draw 广 and the radical ⼴ with one glyph; the text layer must still say 广."""
    # reportlab shares one font object per face, so the registered one is patched (and restored).
    name = pdfmetrics.getFont(write_handout_pdf_fonts(installed)).fontName
    glyphs = embeddable(installed).face.charToGlyph
    for radical, ideograph in (("⼴", "广"), ("⼤", "大"), ("⼈", "人")):
        monkeypatch.setitem(glyphs, ord(radical), glyphs[ord(ideograph)])
    target = tmp_path / "shared.pdf"
    canvas = Canvas(str(target))
    canvas.setFont(name, 20)
    canvas.drawString(50, 700, "广州 大人 ⼴⼤⼈")
    canvas.save()
    # The ToUnicode map gives each code printed the character it was printed for.
    assert to_unicode(target) == {"广", "州", "大", "人", "⼴", "⼤", "⼈"}
    if shutil.which("pdftotext"):
        assert pdftotext(target).strip() == "广州 大人 ⼴⼤⼈"


def to_unicode(path: Path) -> set[str]:
    """The non-ASCII characters the ToUnicode maps of the PDF's first page map codes to."""
    mapped: set[str] = set()
    for font in PdfReader(path).pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        if "/ToUnicode" in font:
            cmap = font["/ToUnicode"].get_object().get_data().decode("ascii")
            for target in re.findall(r"^<[0-9A-F]+> <([0-9A-F]{4,})>$", cmap, re.MULTILINE):
                if int(target, 16) > 0x7F:
                    mapped.add(chr(int(target, 16)))
    return mapped


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pinyin_is_set_in_the_bundled_latin_font_which_has_every_tone_mark(installed, tmp_path):
    han = font_from_file(installed.path or "", installed.index).pdf_name
    assert {font for font, _ in font_runs(RARE_PINYIN, han_font=han)} == {LATIN_FONT}
    latin = TTFont("LatinCheck", str(BUNDLED_LATIN)).face.charToGlyph
    assert all(ord(char) in latin for char in unicodedata.normalize("NFD", RARE_PINYIN))
    term = GlossaryTerm("绿女", "lǜ nǚ", "green woman", explanation="Also ê̄ and lǚ.")
    document = Handout("Tones", entries=(HandoutEntry(term, 0, MarkedText("")),))
    target = tmp_path / "tones.pdf"
    write_handout_pdf(document, target, installed)
    extracted = unicodedata.normalize("NFC", layer(target))
    assert "lǜ nǚ" in extracted and "lǚ" in extracted
    assert "ê̄" in extracted or "ê\u0304" in unicodedata.normalize("NFD", extracted)


def test_without_a_font_the_cid_font_is_used_unembedded_and_the_layer_is_still_exact(
    text, tmp_path
):
    document = compose_handout(GlossarySet.bundled_only(), HandoutChoices("Guangzhou"), text)
    target = tmp_path / "cid.pdf"
    write_handout_pdf(document, target, NOT_EMBEDDED)
    fonts = pdf_fonts(target)
    assert fonts[CID_FONT] is False
    # Only the bundled Latin font is embedded.
    assert {name.split("+")[-1] for name in fonts if fonts[name]} == {
        "DejaVuSans",
        "DejaVuSans-Bold",
    }
    extracted = layer(target)
    assert not look_alikes(extracted) and "广州" in extracted


def test_the_command_line_says_in_one_line_when_no_font_can_be_embedded(
    data_dir, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(handout_fonts, "_fontconfig_fonts", list)
    monkeypatch.setattr(handout_fonts, "_platform_fonts", list)
    target = tmp_path / "handout.pdf"
    assert main(["glossary", "export", "--format", "pdf", "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("wrote ")
    assert captured.err.count("\n") == 1 and "--font PATH" in captured.err
    assert pdf_fonts(target)[CID_FONT] is False


def test_fonts_that_cannot_be_embedded_are_one_line_errors(data_dir, tmp_path, capsys):
    with pytest.raises(ReaderError, match="no font file"):
        font_from_file(tmp_path / "missing.ttf")
    with pytest.raises(ReaderError, match="no Chinese characters"):
        font_from_file(BUNDLED_LATIN)
    not_a_font = tmp_path / "notes.ttf"
    not_a_font.write_text("not a font")
    export = ["glossary", "export", "--format", "pdf", "-o", str(tmp_path / "x.pdf")]
    assert main([*export, "--font", str(not_a_font)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "notes.ttf cannot be embedded" in err


def test_installed_fonts_put_the_preferred_families_first(monkeypatch, tmp_path):
    files = {name: tmp_path / f"{name}.ttf" for name in ("other", "droid", "wqy")}
    for file in files.values():
        file.write_bytes(b"")
    listed = [
        (files["other"], 0, "Some Font"),
        (files["droid"], 0, "Droid Sans Fallback"),
        (files["wqy"], 0, "WenQuanYi Micro Hei"),
        (tmp_path / "gone.ttf", 0, "WenQuanYi Zen Hei"),
    ]
    monkeypatch.setattr(handout_fonts, "_fontconfig_fonts", lambda: listed)
    monkeypatch.setattr(handout_fonts, "_platform_fonts", list)
    families = [font.family for font in handout_fonts.installed_fonts()]
    assert families == ["WenQuanYi Micro Hei", "Droid Sans Fallback", "Some Font"]
    assert best_installed_font() == NOT_EMBEDDED, "empty files cannot be embedded"


def test_a_font_path_that_is_no_font_file_says_what_it_is(data_dir, tmp_path, capsys):
    with pytest.raises(ReaderError, match="is a folder, not a font file"):
        font_from_file(tmp_path)
    fifo = tmp_path / "pipe.ttf"
    os.mkfifo(fifo)
    with pytest.raises(ReaderError, match="not a regular file"):
        font_from_file(fifo)  # never opened: reading a pipe would wait for a writer
    huge = tmp_path / "huge.ttc"
    with huge.open("wb") as file:
        file.truncate(MAX_FONT_BYTES + 1)  # sparse: no disk used
    with pytest.raises(ReaderError, match="larger than any font file"):
        font_from_file(huge)


def test_the_font_is_never_the_file_written(data_dir, tmp_path, capsys):
    font = tmp_path / "mine.ttf"
    font.write_bytes(BUNDLED_LATIN.read_bytes())
    export = ["glossary", "export", "--format", "pdf", "-o", str(font), "--font", str(font)]
    assert main(export) == 2
    assert "is the file being read" in capsys.readouterr().err
    assert font.read_bytes() == BUNDLED_LATIN.read_bytes()
