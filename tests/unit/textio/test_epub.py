"""EPUB books: chapters in reading order, title and author, and hostile books refused or tamed."""

from __future__ import annotations

import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.errors import InputFileError
from reader.textio import epub
from reader.textio.book import BookFormat
from reader.textio.epub import MAX_MEMBER_BYTES, read_epub
from reader.textio.reading import DocumentFormat, read_book, read_document
from tests.books import BookSpec, Chapter, article_paragraphs, epub_members, write_epub

TRADITIONAL = [
    Chapter("第一章 出發", ["清晨，我們從臺北車站出發。", "火車穿過稻田，遠處的山還籠罩在霧裡。"]),
    Chapter("第二章 抵達", ["下午三點，我們終於到達花蓮。", "海風很大，空氣裡有鹹鹹的味道。"]),
]


def simplified_chapters() -> list[Chapter]:
    paragraphs = article_paragraphs()
    return [
        Chapter("第一章 城市治理", paragraphs[4:7]),
        Chapter("第二章 基层着手", paragraphs[7:10]),
        Chapter("第三章 智慧城市", paragraphs[10:14]),
    ]


def build(tmp_path: Path, spec: BookSpec, name: str = "book.epub") -> Path:
    return write_epub(tmp_path / name, epub_members(spec))


@pytest.mark.parametrize("version", [3, 2])
def test_chapters_come_in_reading_order_with_their_exact_text(tmp_path: Path, version: int) -> None:
    chapters = simplified_chapters()
    path = build(
        tmp_path, BookSpec(title="广州治理", author="罗仕", chapters=chapters, version=version)
    )

    book = read_book(path)

    assert (book.title, book.author, book.format) == ("广州治理", "罗仕", BookFormat.EPUB)
    assert book.chapter_titles == tuple(chapter.title for chapter in chapters)
    for index, chapter in enumerate(chapters):
        assert book.chapter_text(index) == chapter.text()


def test_traditional_vertical_right_to_left_book_reads_like_any_other(tmp_path: Path) -> None:
    spec = BookSpec(
        title="花蓮遊記",
        author="旅人",
        chapters=TRADITIONAL,
        version=2,
        language="zh-TW",
        html_style="writing-mode: vertical-rl; -epub-writing-mode: vertical-rl",
        page_direction="rtl",
    )
    book = read_book(build(tmp_path, spec))

    assert book.title == "花蓮遊記"
    assert [book.chapter_text(i) for i in range(2)] == [c.text() for c in TRADITIONAL]


def test_the_whole_book_as_a_document_is_every_chapter_in_order(tmp_path: Path) -> None:
    chapters = simplified_chapters()
    path = build(tmp_path, BookSpec(chapters=chapters))

    document = read_document(path)

    assert document.format is DocumentFormat.EPUB
    assert document.title == "测试之书"
    assert document.text == "\n\n".join(chapter.text() for chapter in chapters)


def test_chapters_that_share_a_file_are_split_at_their_anchors(tmp_path: Path) -> None:
    spec = BookSpec(chapters=[Chapter("合集", [])])
    members = epub_members(spec)
    members["OEBPS/chapter1.xhtml"] = (
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>合集</title></head><body>'
        '<h2 id="one">第一节</h2><p>春天来了。</p>'
        '<h2 id="two">第二节</h2><p>夏天很热。</p></body></html>'
    )
    members["OEBPS/nav.xhtml"] = (
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        '<body><nav epub:type="toc"><ol><li><a href="chapter1.xhtml#one">第一节</a></li>'
        '<li><a href="chapter1.xhtml#two">第二节</a></li></ol></nav></body></html>'
    )
    book = read_book(write_epub(tmp_path / "anchors.epub", members))

    assert book.chapter_titles == ("第一节", "第二节")
    assert [book.chapter_text(0), book.chapter_text(1)] == [
        "第一节\n\n春天来了。",
        "第二节\n\n夏天很热。",
    ]


def test_a_title_page_before_the_contents_is_a_first_chapter_and_a_bare_cover_is_not(
    tmp_path: Path,
) -> None:
    spec = BookSpec(
        chapters=[
            Chapter("", [], file_name="cover.xhtml", extra_html='<img src="cover.jpg" alt=""/>'),
            Chapter("前言", ["这是一本测试用的书。"], file_name="preface.xhtml"),
            *TRADITIONAL,
        ]
    )
    members = epub_members(spec)
    # The table of contents lists only the two chapters.
    nav = str(members["OEBPS/nav.xhtml"])
    members["OEBPS/nav.xhtml"] = nav.replace('<li><a href="cover.xhtml"></a></li>', "").replace(
        '<li><a href="preface.xhtml">前言</a></li>', ""
    )
    book = read_book(write_epub(tmp_path / "front.epub", members))

    assert book.chapter_titles == ("Front matter", *(c.title for c in TRADITIONAL))
    assert book.chapter_text(0) == "前言\n\n这是一本测试用的书。"


def test_a_book_without_a_table_of_contents_has_a_chapter_per_page_named_by_its_heading(
    tmp_path: Path,
) -> None:
    members = epub_members(BookSpec(title="无目录", chapters=TRADITIONAL, version=2))
    del members["OEBPS/toc.ncx"]
    for name in ("OEBPS/chapter1.xhtml", "OEBPS/chapter2.xhtml"):
        # Every page's <title> is the book's, as many books have it.
        page = str(members[name])
        members[name] = (
            page[: page.index("<title>")]
            + "<title>无目录</title>"
            + page[page.index("</title>") + len("</title>") :]
        )

    book = read_book(write_epub(tmp_path / "no-toc.epub", members))

    assert book.chapter_titles == tuple(chapter.title for chapter in TRADITIONAL)
    assert book.chapter_text(1) == TRADITIONAL[1].text()


def test_a_chapter_number_out_of_range_says_how_many_there_are(tmp_path: Path) -> None:
    book = read_book(build(tmp_path, BookSpec(chapters=TRADITIONAL)))

    with pytest.raises(InputFileError, match="has no chapter 3 .it has 2: 1 to 2"):
        book.chapter_text(2)


# Hostile and broken books


@contextmanager
def no_files_or_network_touched() -> Iterator[list[tuple[str, object]]]:
    """Records every file opened and network connection tried while the block runs."""
    touched: list[tuple[str, object]] = []
    active = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if active[0] and (event == "open" or event.startswith(("socket.", "urllib."))):
            touched.append((event, args[0] if args else None))

    sys.addaudithook(hook)  # hooks cannot be removed: this one goes quiet after the block
    try:
        yield touched
    finally:
        active[0] = False


def test_scripts_external_images_and_file_links_give_text_only_and_touch_nothing(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    hostile = (
        "<script>document.write('SCRIPT-TEXT')</script>"
        f'<img src="file://{secret}"/><img src="http://example.invalid/track.png"/>'
        f'<p><a href="file://{secret}">链接</a></p>'
        f'<iframe src="file://{secret}">IFRAME-TEXT</iframe>'
        f'<object data="file://{secret}">OBJECT-TEXT</object>'
        "<style>@import url(http://example.invalid/x.css);</style>"
        f'<link rel="stylesheet" href="file://{secret}"/>'
    )
    chapters = [Chapter("第一章", ["正文。"], extra_html=hostile)]
    members = epub_members(BookSpec(chapters=chapters))
    members["OEBPS/content.opf"] = (
        str(members["OEBPS/content.opf"])
        .replace(
            "</manifest>",
            f'<item id="x" href="file://{secret}" media-type="application/xhtml+xml"/>'
            '<item id="y" href="http://example.invalid/c.xhtml" '
            'media-type="application/xhtml+xml"/>'
            "</manifest>",
        )
        .replace("</spine>", '<itemref idref="x"/><itemref idref="y"/></spine>')
    )
    data = write_epub(tmp_path / "hostile.epub", members).read_bytes()

    with no_files_or_network_touched() as touched:
        book = read_epub(data, "hostile.epub")
        text = book.full_text()

    assert touched == []
    assert text == "第一章\n\n正文。\n\n链接"
    for marker in ("SECRET", "SCRIPT", "IFRAME", "OBJECT", "example"):
        assert marker not in text


def test_references_that_climb_out_of_the_book_are_ignored(tmp_path: Path) -> None:
    outside = tmp_path / "outside.xhtml"
    outside.write_text("<p>OUTSIDE-THE-BOOK</p>", encoding="utf-8")
    members = epub_members(BookSpec(chapters=TRADITIONAL))
    members["../outside.xhtml"] = "<p>ZIP-SLIP</p>"
    members["/etc/evil.xhtml"] = "<p>ABSOLUTE</p>"
    members["OEBPS/content.opf"] = (
        str(members["OEBPS/content.opf"])
        .replace(
            "</manifest>",
            '<item id="up" href="../../outside.xhtml" media-type="application/xhtml+xml"/>'
            '<item id="up2" href="../../../outside.xhtml" media-type="application/xhtml+xml"/>'
            '<item id="abs" href="/etc/evil.xhtml" media-type="application/xhtml+xml"/>'
            "</manifest>",
        )
        .replace(
            "<spine>", '<spine><itemref idref="up"/><itemref idref="up2"/><itemref idref="abs"/>'
        )
    )
    (tmp_path / "book").mkdir()
    data = write_epub(tmp_path / "book" / "slip.epub", members).read_bytes()

    with no_files_or_network_touched() as touched:
        book = read_epub(data, "slip.epub")
        text = book.full_text()

    assert touched == []
    assert text == "\n\n".join(chapter.text() for chapter in TRADITIONAL)


def test_a_zip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    members = epub_members(BookSpec(chapters=TRADITIONAL))
    # Four times the limit of spaces compresses to a few dozen kilobytes.
    members["OEBPS/chapter2.xhtml"] = b"<p>" + b" " * (4 * MAX_MEMBER_BYTES) + b"</p>"
    path = write_epub(tmp_path / "bomb.epub", members)
    assert path.stat().st_size < 200_000
    book = read_book(path)

    started = time.perf_counter()
    with pytest.raises(InputFileError, match="zip bomb"):
        book.full_text()
    assert time.perf_counter() - started < 5


def test_many_files_each_under_the_limit_cannot_add_up_to_a_bomb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A smaller budget for the whole book keeps the test quick; the rule is the same.
    monkeypatch.setattr(epub, "MAX_BOOK_BYTES", 3 * 2**20)
    filler = b"<p>" + b" " * 2**20 + b"</p>"
    chapters = [Chapter(f"第{n}章", ["正文。"]) for n in range(1, 11)]
    members = epub_members(BookSpec(chapters=chapters))
    for number in range(1, 11):
        members[f"OEBPS/chapter{number}.xhtml"] = filler
    book = read_book(write_epub(tmp_path / "many.epub", members))

    with pytest.raises(InputFileError, match="uncompresses to more than 3 MB"):
        book.full_text()


def test_a_zip_bomb_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    members = epub_members(BookSpec(chapters=TRADITIONAL))
    members["OEBPS/chapter2.xhtml"] = b"<p>" + b" " * (4 * MAX_MEMBER_BYTES) + b"</p>"
    path = write_epub(tmp_path / "bomb.epub", members)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("OEBPS/chapter2.xhtml")
    # Patch the uncompressed size in the central directory to a small number.
    central = data.rfind(b"PK\x01\x02", 0, len(data))
    while central != -1:
        name_length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + name_length] == info.filename.encode():
            data[central + 24 : central + 28] = (1000).to_bytes(4, "little")
            break
        central = data.rfind(b"PK\x01\x02", 0, central)

    with pytest.raises(InputFileError, match="zip bomb|damaged"):
        read_epub(bytes(data), "liar.epub").full_text()


def test_a_ten_thousand_entry_spine_is_refused_with_one_line(tmp_path: Path) -> None:
    members = epub_members(BookSpec(chapters=TRADITIONAL))
    members["OEBPS/content.opf"] = str(members["OEBPS/content.opf"]).replace(
        "</spine>", '<itemref idref="c1"/>' * 10_000 + "</spine>"
    )
    path = write_epub(tmp_path / "long.epub", members)

    started = time.perf_counter()
    with pytest.raises(InputFileError) as refused:
        read_book(path)
    assert time.perf_counter() - started < 5
    assert "10,002 entries" in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_ten_thousand_entry_table_of_contents_is_refused_with_one_line(tmp_path: Path) -> None:
    members = epub_members(BookSpec(chapters=TRADITIONAL))
    links = "".join(f'<li><a href="chapter1.xhtml#p{n}">{n}</a></li>' for n in range(10_000))
    members["OEBPS/nav.xhtml"] = (
        '<html xmlns:epub="http://www.idpf.org/2007/ops"><body>'
        f'<nav epub:type="toc"><ol>{links}</ol></nav></body></html>'
    )

    with pytest.raises(InputFileError, match="table of contents has 10,000 entries"):
        read_book(write_epub(tmp_path / "toc.epub", members))


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>\n'
)


@pytest.mark.parametrize("member", ["META-INF/container.xml", "OEBPS/content.opf", "OEBPS/toc.ncx"])
def test_xml_entity_declarations_are_refused(tmp_path: Path, member: str) -> None:
    members = epub_members(BookSpec(chapters=TRADITIONAL, version=2))
    original = str(members[member])
    body = original[original.index("?>") + 2 :] if original.startswith("<?xml") else original
    body = body.replace("<!DOCTYPE ncx", "<!-- ").replace('ncx-2005-1.dtd">', "-->")
    members[member] = BILLION_LAUGHS + body.replace("</", "&lol4;</", 1)
    path = write_epub(tmp_path / "laughs.epub", members)

    with pytest.raises(InputFileError, match="declares XML entities"):
        read_book(path).full_text()


def test_entities_declared_in_a_chapter_are_never_expanded(tmp_path: Path) -> None:
    members = epub_members(BookSpec(chapters=TRADITIONAL))
    members["OEBPS/chapter1.xhtml"] = (
        BILLION_LAUGHS + "<html><body><h1>第一章</h1><p>&lol4;</p></body></html>"
    )
    book = read_book(write_epub(tmp_path / "laughs.epub", members))

    assert len(book.chapter_text(0)) < 100


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"mimetype": "application/epub+zip"}, "has no META-INF/container.xml"),
        (
            {"META-INF/container.xml": "<container><rootfiles/></container>"},
            "names no package document",
        ),
        (
            {
                "META-INF/container.xml": '<container><rootfiles><rootfile full-path="a.opf"/>'
                "</rootfiles></container>",
                "a.opf": "<package><manifest/><spine/></package>",
            },
            "reading order names no chapter files",
        ),
        (
            {
                "META-INF/container.xml": '<container><rootfiles><rootfile full-path="a.opf"/>'
                "</rootfiles></container>",
                "a.opf": "<package><manifest>",
            },
            "a.opf is not well-formed XML",
        ),
    ],
)
def test_broken_books_get_one_clear_line(
    tmp_path: Path, members: dict[str, str | bytes], message: str
) -> None:
    path = write_epub(tmp_path / "broken.epub", members)

    with pytest.raises(InputFileError, match=message) as refused:
        read_book(path)
    assert "\n" not in str(refused.value)


def test_a_file_that_is_not_a_zip_is_not_an_epub(tmp_path: Path) -> None:
    path = tmp_path / "fake.epub"
    path.write_text("第一章 这不是压缩包", encoding="utf-8")

    with pytest.raises(InputFileError, match="is not an EPUB book"):
        read_book(path)


def test_drm_protected_chapters_are_refused(tmp_path: Path) -> None:
    members = epub_members(BookSpec(chapters=TRADITIONAL))
    members["META-INF/encryption.xml"] = (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:CipherData>'
        '<enc:CipherReference URI="OEBPS/chapter1.xhtml"/></enc:CipherData></enc:EncryptedData>'
        "</encryption>"
    )

    with pytest.raises(InputFileError, match="protected by DRM"):
        read_book(write_epub(tmp_path / "drm.epub", members))
