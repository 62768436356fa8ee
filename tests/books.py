"""EPUB and PDF files built by the tests, so each test shows the book it reads.

``epub_members`` returns the members of a well-formed EPUB (3 with a nav
document, or 2 with an NCX) as a dict that a test may change before
``write_epub`` zips it; ``write_pdf`` draws pages of text with reportlab's
built-in CID font STSong-Light, so no installed font is needed.
"""

from __future__ import annotations

import html
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.paths import bundled_articles_dir


def article_paragraphs() -> list[str]:
    """The bundled article's paragraphs: real Chinese text to put into books."""
    text = (bundled_articles_dir() / "guangzhou-governance-ycwb.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.split("\n") if line.strip()]


@dataclass(frozen=True)
class Chapter:
    title: str
    paragraphs: Sequence[str]
    file_name: str = ""
    extra_html: str = ""
    """Put into the body after the paragraphs (hostile markup, images ...)."""

    def text(self) -> str:
        """What a reader should get for this chapter."""
        return "\n\n".join([self.title, *self.paragraphs])


@dataclass(frozen=True)
class BookSpec:
    title: str = "测试之书"
    author: str = "作者甲"
    chapters: Sequence[Chapter] = field(default_factory=list)
    version: int = 3
    language: str = "zh-CN"
    html_style: str = ""
    page_direction: str = ""


def chapter_xhtml(chapter: Chapter, html_style: str = "") -> str:
    style = f' style="{html_style}"' if html_style else ""
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in chapter.paragraphs)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
        f"{style}>\n<head><title>{html.escape(chapter.title)}</title>"
        '<link rel="stylesheet" type="text/css" href="style.css"/></head>\n'
        f"<body><h1>{html.escape(chapter.title)}</h1>\n{paragraphs}\n{chapter.extra_html}"
        "</body></html>"
    )


def epub_members(spec: BookSpec) -> dict[str, str | bytes]:
    """The members of the EPUB ``spec`` describes (OPF in ``OEBPS/content.opf``)."""
    names = [chapter.file_name or f"chapter{n}.xhtml" for n, chapter in enumerate(spec.chapters, 1)]
    members: dict[str, str | bytes] = {
        "mimetype": "application/epub+zip",
        "META-INF/container.xml": (
            '<?xml version="1.0"?>\n<container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>"
        ),
        "OEBPS/style.css": "body { writing-mode: vertical-rl; } p { text-indent: 2em; }",
    }
    for name, chapter in zip(names, spec.chapters, strict=True):
        members[f"OEBPS/{name}"] = chapter_xhtml(chapter, spec.html_style)
    items = [
        f'<item id="c{n}" href="{name}" media-type="application/xhtml+xml"/>'
        for n, name in enumerate(names, 1)
    ]
    items.append('<item id="css" href="style.css" media-type="text/css"/>')
    if spec.version == 3:
        links = "".join(
            f'<li><a href="{name}">{html.escape(chapter.title)}</a></li>'
            for name, chapter in zip(names, spec.chapters, strict=True)
        )
        members["OEBPS/nav.xhtml"] = (
            '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
            'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>目录</title></head><body>'
            f'<nav epub:type="toc"><h1>目录</h1><ol>{links}</ol></nav>'
            '<nav epub:type="landmarks"><ol><li><a href="nav.xhtml">目录</a></li></ol></nav>'
            "</body></html>"
        )
        items.append(
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        )
        spine_toc = ""
    else:
        points = "".join(
            f'<navPoint id="p{n}" playOrder="{n}"><navLabel><text>{html.escape(chapter.title)}'
            f'</text></navLabel><content src="{name}"/></navPoint>'
            for n, (name, chapter) in enumerate(zip(names, spec.chapters, strict=True), 1)
        )
        members["OEBPS/toc.ncx"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" '
            '"http://www.daisy.org/z3986/2005/ncx-2005-1.dtd">\n'
            '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
            f"<docTitle><text>{html.escape(spec.title)}</text></docTitle>"
            f"<navMap>{points}</navMap></ncx>"
        )
        items.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
        spine_toc = ' toc="ncx"'
    direction = (
        f' page-progression-direction="{spec.page_direction}"' if spec.page_direction else ""
    )
    itemrefs = "".join(f'<itemref idref="c{n}"/>' for n in range(1, len(names) + 1))
    members["OEBPS/content.opf"] = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="{spec.version}.0" '
        'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:identifier id="id">urn:test:1</dc:identifier><dc:title>{html.escape(spec.title)}'
        f"</dc:title><dc:creator>{html.escape(spec.author)}</dc:creator>"
        f"<dc:language>{spec.language}</dc:language></metadata>"
        f"<manifest>{''.join(items)}</manifest>"
        f"<spine{spine_toc}{direction}>{itemrefs}</spine></package>"
    )
    return members


def write_epub(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return path


@dataclass(frozen=True)
class PdfLine:
    text: str
    x: float
    y: float
    size: float = 12.0


def write_pdf(
    path: Path,
    pages: Sequence[Sequence[PdfLine]],
    *,
    title: str | None = None,
    image_only: bool = False,
) -> Path:
    """A PDF whose pages draw ``pages``' lines (in the order given) in STSong-Light.

    (Its Adobe-GB1 character collection holds traditional characters too.  reportlab's
    MSung-Light is not used: it declares a GB encoding over CNS1 glyphs, a font no
    other program makes, which pdfminer reads as other characters.)

    With ``image_only`` every page holds only a drawn picture and no text, like a scan.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    drawing = canvas.Canvas(str(path), pagesize=A4)
    if title is not None:
        drawing.setTitle(title)
    for lines in pages:
        if image_only:
            for row in range(40):  # stripes, like the lines of a scanned page
                drawing.rect(72, 780 - row * 18, 450, 9, stroke=0, fill=1)
        for line in lines:
            drawing.setFont("STSong-Light", line.size)
            drawing.drawString(line.x, line.y, line.text)
        drawing.showPage()
    drawing.save()
    return path


def write_tounicode_pdf(path: Path, lines: Sequence[str], *, with_map: bool = True) -> Path:
    """A one-page PDF whose font numbers its glyphs in its own order (Identity-H), so the
    text can only be read through the font's ToUnicode map, written here by hand.

    The font is not embedded (a viewer substitutes one); extraction needs only the map.
    Without ``with_map`` nothing says which characters the glyphs are.
    """
    characters = sorted(set("".join(lines)))
    # Glyph numbers unrelated to any standard character collection.
    glyph_of = {char: 0x100 + 37 * number for number, char in enumerate(characters)}
    shown = "\n".join(
        f"1 0 0 1 72 {720 - 18 * number} Tm <{''.join(f'{glyph_of[c]:04X}' for c in line)}> Tj"
        for number, line in enumerate(lines)
    )
    content = f"BT /F1 12 Tf\n{shown}\nET".encode("ascii")
    chars = "\n".join(f"<{glyph_of[c]:04X}> <{ord(c):04X}>" for c in characters)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(characters)} beginbfchar\n{chars}\nendbfchar\n"
        "endcmap CMapName currentdict /CMapResource defineresource pop end end"
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TestSong /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R]%s >>" % (b" /ToUnicode 7 0 R" if with_map else b""),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSong /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R "
        b"/DW 1000 /CIDToGIDMap /Identity >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
        b"<< /Type /FontDescriptor /FontName /TestSong /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    path.write_bytes(bytes(data))
    return path
