"""Reading EPUB 2 and 3 books with the standard library's zip reader.

An EPUB is a zip archive: ``META-INF/container.xml`` names the package
document (the OPF), whose manifest lists the files and whose spine gives the
reading order; the table of contents is an EPUB 3 navigation document or an
EPUB 2 NCX.  Chapters follow the table of contents in spine order: a chapter
runs from its entry to the next one, across files and within a file (an entry
pointing at an anchor).  Files before the first entry (title page, preface)
form a first chapter when they hold text; a book without a usable table of
contents has one chapter per spine file.

Chapter files go through the same sanitising HTML-to-text path as ``.html``
files (``html_text``): scripts, styles, images and links contribute nothing,
so nothing in a book can make the reader open a file or a network address.
The book is read from memory and only members named by the book are looked
up, inside the archive, never on disk: a reference that climbs out of the
archive (``../``) or names another scheme (``file:``, ``http:``) is ignored.

Hostile or broken books are refused with one line (``InputFileError``):
XML with entity declarations (defusedxml refuses them, so no entity can
expand to gigabytes), a member larger than ``MAX_MEMBER_BYTES`` once
uncompressed or a book reading more than ``MAX_BOOK_BYTES`` in all (a zip
bomb), more than ``MAX_ARCHIVE_MEMBERS`` members or ``MAX_SPINE_ITEMS`` spine
entries, DRM-encrypted chapters.
"""

from __future__ import annotations

import io
import posixpath
import re
import threading
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from reader.errors import InputFileError
from reader.textio.book import Book, BookFormat
from reader.textio.decoding import decode_text
from reader.textio.html_text import html_to_text
from reader.textio.titles import title_from_text

MAX_MEMBER_BYTES = 8 * 1024 * 1024
"""A chapter file larger than this uncompressed is refused (a whole novel is a few MB)."""

MAX_BOOK_BYTES = 64 * 1024 * 1024
"""At most this much is decompressed from one book, all members together."""

MAX_ARCHIVE_MEMBERS = 20_000
MAX_SPINE_ITEMS = 5_000
"""A book with more spine entries (or table-of-contents entries) is refused."""

_CONTAINER = "META-INF/container.xml"
_ENCRYPTION = "META-INF/encryption.xml"
_NCX_TYPE = "application/x-dtbncx+xml"
_FRONT_MATTER_TITLE = "Front matter"


@dataclass(frozen=True, slots=True)
class _Part:
    """A stretch of one member: from the element with id ``start`` to the one with id ``end``
    (None: the member's beginning or end)."""

    member: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class _TocEntry:
    title: str
    member: str
    anchor: str | None


def read_epub(data: bytes, name: str) -> Book:
    """The book in ``data`` (the contents of the EPUB file ``name``), or ``InputFileError``."""
    archive = _EpubArchive(data, name)
    package_path = _package_path(archive)
    package = archive.xml(package_path)
    base = posixpath.dirname(package_path)
    manifest = _manifest(package, base, archive)
    spine = _spine(package, manifest, archive)
    _refuse_encrypted(archive, spine)
    title = (
        _metadata_text(package, "title", ", ") or posixpath.splitext(posixpath.basename(name))[0]
    )
    author = _metadata_text(package, "creator", ", ")
    toc = _table_of_contents(package, manifest, archive)
    titles, chapters = _chapters(spine, toc, archive)
    if not chapters:
        raise InputFileError(f"{name}: the book contains no text")
    return Book(name, title, author, BookFormat.EPUB, titles, _EpubChapters(archive, chapters))


class _EpubArchive:
    """The book's members, read with a budget; safe to use from several threads."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
            raise InputFileError(
                f"{name}: is not an EPUB book (not a readable zip archive)"
            ) from None
        if len(infos) > MAX_ARCHIVE_MEMBERS:
            raise InputFileError(
                f"{name}: holds {len(infos):,} files, more than the {MAX_ARCHIVE_MEMBERS:,} "
                "an EPUB book may hold here"
            )
        self._infos = {info.filename: info for info in infos if not info.is_dir()}
        self._lock = threading.Lock()
        self._budget = MAX_BOOK_BYTES
        # A file read again (a chapter of its own and part of the next) counts once.
        self._counted: set[str] = set()

    def has(self, member: str) -> bool:
        return member in self._infos

    def read(self, member: str) -> bytes:
        info = self._infos.get(member)
        if info is None:
            raise InputFileError(f"{self.name}: the book names {member}, which it does not contain")
        if info.file_size > MAX_MEMBER_BYTES:
            raise self._too_large(member)
        with self._lock:
            try:
                with self._zip.open(info) as stream:
                    # Read no more than the limit: the size in the header may lie.
                    data = stream.read(MAX_MEMBER_BYTES + 1)
            except RuntimeError:  # a password-protected member
                raise InputFileError(f"{self.name}: {member} is encrypted") from None
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
                raise InputFileError(f"{self.name}: {member} is damaged ({error})") from None
            if len(data) > MAX_MEMBER_BYTES:
                raise self._too_large(member)
            if member not in self._counted:
                if len(data) > self._budget:
                    raise InputFileError(
                        f"{self.name}: uncompresses to more than {MAX_BOOK_BYTES // 2**20} MB "
                        "(a damaged book or a zip bomb)"
                    )
                self._budget -= len(data)
                self._counted.add(member)
        return data

    def text(self, member: str) -> str:
        return decode_text(self.read(member), f"{self.name}: {member}").text

    def xml(self, member: str) -> Element:
        try:
            return safe_xml.fromstring(self.read(member))
        except DefusedXmlException:
            raise InputFileError(
                f"{self.name}: {member} declares XML entities, which this reader refuses "
                "(they can expand without limit)"
            ) from None
        except (ParseError, ValueError) as error:
            raise InputFileError(
                f"{self.name}: {member} is not well-formed XML ({error})"
            ) from None

    def _too_large(self, member: str) -> InputFileError:
        return InputFileError(
            f"{self.name}: {member} is larger than {MAX_MEMBER_BYTES // 2**20} MB uncompressed "
            "(a damaged book or a zip bomb)"
        )


def _local(tag: object) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if _local(child.tag) == name]


def _member_path(base: str, href: str) -> tuple[str, str | None] | None:
    """The member ``href`` (relative to ``base``) names, and its anchor; None when it names
    something outside the book (another scheme, an absolute path, a climb out with ``..``)."""
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if path == ".." or path.startswith("../") or path.startswith("/"):
        return None
    return path, (unquote(parts.fragment) or None)


def _package_path(archive: _EpubArchive) -> str:
    if not archive.has(_CONTAINER):
        raise InputFileError(f"{archive.name}: is not an EPUB book (it has no {_CONTAINER})")
    for rootfile in _children(archive.xml(_CONTAINER), "rootfile"):
        found = _member_path("", rootfile.get("full-path", ""))
        if found is not None and archive.has(found[0]):
            return found[0]
    raise InputFileError(f"{archive.name}: its {_CONTAINER} names no package document it contains")


@dataclass(frozen=True, slots=True)
class _ManifestItem:
    member: str
    media_type: str
    properties: frozenset[str]


def _manifest(package: Element, base: str, archive: _EpubArchive) -> dict[str, _ManifestItem]:
    items: dict[str, _ManifestItem] = {}
    for item in _children(package, "item"):
        found = _member_path(base, item.get("href", ""))
        identifier = item.get("id")
        if found is None or identifier is None or not archive.has(found[0]):
            continue  # outside the book or missing: as if it were not listed
        items[identifier] = _ManifestItem(
            found[0], item.get("media-type", ""), frozenset(item.get("properties", "").split())
        )
    return items


def _spine(
    package: Element, manifest: dict[str, _ManifestItem], archive: _EpubArchive
) -> list[str]:
    references = _children(package, "itemref")
    if len(references) > MAX_SPINE_ITEMS:
        raise InputFileError(
            f"{archive.name}: its reading order has {len(references):,} entries, more than the "
            f"{MAX_SPINE_ITEMS:,} this reader opens"
        )
    spine: list[str] = []
    for reference in references:
        item = manifest.get(reference.get("idref", ""))
        if item is not None and "html" in item.media_type:
            spine.append(item.member)
    spine = list(dict.fromkeys(spine))  # a file listed twice is read once, where it first comes
    if not spine:
        raise InputFileError(f"{archive.name}: the book's reading order names no chapter files")
    return spine


def _refuse_encrypted(archive: _EpubArchive, spine: list[str]) -> None:
    # Fonts are often obfuscated (and listed here) in books without DRM: only
    # encrypted chapter files make the book unreadable.
    if not archive.has(_ENCRYPTION):
        return
    encrypted = set()
    for reference in _children(archive.xml(_ENCRYPTION), "CipherReference"):
        found = _member_path("", reference.get("URI", ""))
        if found is not None:
            encrypted.add(found[0])
    if encrypted.intersection(spine):
        raise InputFileError(f"{archive.name}: the book is protected by DRM and cannot be read")


def _metadata_text(package: Element, name: str, separator: str) -> str:
    values = [" ".join("".join(element.itertext()).split()) for element in _children(package, name)]
    return separator.join(value for value in values if value)


def _table_of_contents(
    package: Element, manifest: dict[str, _ManifestItem], archive: _EpubArchive
) -> list[_TocEntry]:
    """The table of contents flattened in its order: the EPUB 3 nav, else the NCX, else []."""
    for item in manifest.values():
        if "nav" in item.properties:
            entries = _nav_entries(archive.text(item.member), posixpath.dirname(item.member))
            if entries:
                return entries
    spine_element = next(iter(_children(package, "spine")), None)
    ncx_id = spine_element.get("toc", "") if spine_element is not None else ""
    ncx = manifest.get(ncx_id) or next(
        (item for item in manifest.values() if item.media_type == _NCX_TYPE), None
    )
    if ncx is None:
        return []
    return _ncx_entries(archive.xml(ncx.member), posixpath.dirname(ncx.member))


def _ncx_entries(ncx: Element, base: str) -> list[_TocEntry]:
    entries: list[_TocEntry] = []
    for point in _children(ncx, "navPoint"):
        label = next(iter(_children(point, "text")), None)
        content = next((child for child in point if _local(child.tag) == "content"), None)
        if content is None:
            continue
        found = _member_path(base, content.get("src", ""))
        if found is not None:
            title = " ".join("".join(label.itertext()).split()) if label is not None else ""
            entries.append(_TocEntry(title, *found))
    return entries


class _NavLinks(HTMLParser):
    """The links of a navigation document's ``<nav epub:type="toc">``, with their text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._nav_depth = 0
        self._in_toc = False
        self._href: str | None = None
        self._label: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav":
            self._nav_depth += 1
            if self._nav_depth == 1:
                self._in_toc = "toc" in (dict(attrs).get("epub:type") or "").split()
        elif tag == "a" and self._in_toc:
            self._href = dict(attrs).get("href") or ""
            self._label = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1
            if not self._nav_depth:
                self._in_toc = False
        elif tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._label).split())))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._label.append(data)


def _nav_entries(nav_html: str, base: str) -> list[_TocEntry]:
    parser = _NavLinks()
    parser.feed(nav_html)
    parser.close()
    entries = []
    for href, label in parser.links:
        found = _member_path(base, href)
        if found is not None:
            entries.append(_TocEntry(label, *found))
    return entries


def _chapters(
    spine: list[str], toc: list[_TocEntry], archive: _EpubArchive
) -> tuple[tuple[str, ...], list[tuple[_Part, ...]]]:
    """Each chapter's title and the stretches of members it reads, in spine order."""
    if len(toc) > MAX_SPINE_ITEMS:
        raise InputFileError(
            f"{archive.name}: its table of contents has {len(toc):,} entries, more than the "
            f"{MAX_SPINE_ITEMS:,} this reader opens"
        )
    position = {member: index for index, member in enumerate(spine)}
    # Entries that share a file keep the table's order (sorted() is stable).
    in_spine = sorted(
        (entry for entry in toc if entry.member in position),
        key=lambda entry: position[entry.member],
    )
    starts: dict[tuple[int, str | None], str] = {}
    for entry in in_spine:
        starts.setdefault((position[entry.member], entry.anchor), entry.title)
    if not starts:
        titles: list[tuple[str, tuple[_Part, ...]]] = []
        for member in spine:
            # A page's first line (its heading, usually) names it better than its <title>,
            # which is often the book's title on every page.
            first_line = title_from_text(html_to_text(archive.text(member)).text)
            if first_line:
                titles.append((first_line, (_Part(member),)))
        return tuple(title for title, _ in titles), [parts for _, parts in titles]

    boundaries = list(starts)
    titles_and_parts: list[tuple[str, tuple[_Part, ...]]] = []
    front = _stretch(spine, (0, None), boundaries[0]) if boundaries[0] != (0, None) else ()
    if any(_part_text(archive, part).strip() for part in front):
        titles_and_parts.append((_FRONT_MATTER_TITLE, front))
    for number, boundary in enumerate(boundaries):
        following = boundaries[number + 1] if number + 1 < len(boundaries) else None
        title = starts[boundary] or f"Chapter {number + 1}"
        titles_and_parts.append((title, _stretch(spine, boundary, following)))
    return tuple(title for title, _ in titles_and_parts), [parts for _, parts in titles_and_parts]


def _stretch(
    spine: list[str], start: tuple[int, str | None], end: tuple[int, str | None] | None
) -> tuple[_Part, ...]:
    """The members from ``start`` (spine index, anchor) up to ``end`` (None: the book's end)."""
    start_index, start_anchor = start
    end_index, end_anchor = end if end is not None else (len(spine), None)
    if end_index == start_index:
        return (_Part(spine[start_index], start_anchor, end_anchor),)
    parts = [_Part(spine[start_index], start_anchor)]
    parts += [_Part(member) for member in spine[start_index + 1 : end_index]]
    if end_anchor is not None and end_index < len(spine):
        parts.append(_Part(spine[end_index], None, end_anchor))
    return tuple(parts)


def _anchor_offset(html: str, anchor: str) -> int | None:
    match = re.search(rf"<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*[\"']{re.escape(anchor)}[\"']", html)
    return match.start() if match else None


def _part_text(archive: _EpubArchive, part: _Part) -> str:
    html = archive.text(part.member)
    begin = _anchor_offset(html, part.start) if part.start else None
    end = _anchor_offset(html, part.end) if part.end else None
    return html_to_text(html[begin or 0 : end if end is not None else len(html)]).text


class _EpubChapters:
    """Chapter texts read from the archive when first asked for, then kept."""

    def __init__(self, archive: _EpubArchive, chapters: list[tuple[_Part, ...]]) -> None:
        self._archive = archive
        self._chapters = chapters
        self._texts: dict[int, str] = {}
        self._lock = threading.Lock()

    def chapter_text(self, index: int) -> str:
        with self._lock:
            known = self._texts.get(index)
        if known is not None:
            return known
        texts = (_part_text(self._archive, part) for part in self._chapters[index])
        text = "\n\n".join(text for text in texts if text.strip())
        with self._lock:
            self._texts[index] = text
        return text
