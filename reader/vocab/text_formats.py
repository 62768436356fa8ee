"""The plain-text exchange formats: CSV, Anki import text, Pleco flashcards and JSON.

Each format has ``render_*(words) -> str`` and ``parse_*(text) -> ParsedRows``.
What each carries:

* CSV and JSON carry everything (times included); CSV is for spreadsheets, JSON for
  backups and moving computers.
* Anki text carries everything but the times; status travels as an Anki tag
  ``status::<status>``.  Fields are HTML (``#html:true``): text is escaped, line
  breaks become ``<br>``, several contexts are separated by ``<hr>``, and tabs are
  written ``&#9;`` so a field never contains the separator.
* Pleco carries characters, reading, definition and status (as the category
  ``//Duzhe/<status>``: a learner drills by status, and Pleco shows categories as
  folders).  Pinyin is written with tone numbers without spaces ("he2zhang3zhi4",
  neutral tone 5, ü as u:), the form Pleco imports most reliably; line breaks in a
  definition become "; " because a Pleco line holds one card.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from reader.language.hsk import hsk_label, level_from_label
from reader.vocab.pinyin_tones import from_numbered, to_numbered, tone_coloured_html
from reader.vocab.word import Context, Status, VocabWord, clean_tags


@dataclass(frozen=True, slots=True)
class BadLine:
    line: int  # 1-based line of the file where the bad record starts
    reason: str
    text: str = ""  # the start of the offending line, to help find it


def shown_text(text: str) -> str:
    """The start of a bad record as it can be printed: a lone surrogate is shown escaped."""
    return text[:80].encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(slots=True)
class ParsedRows:
    good: list[tuple[int, VocabWord]] = field(default_factory=list)
    bad: list[BadLine] = field(default_factory=list)


class _RowProblem(ValueError):
    """A record that cannot become a word; the message is the reason shown."""


def _status(text: str) -> Status:
    value = text.strip().lower() or Status.NEW.value
    try:
        return Status(value)
    except ValueError:
        raise _RowProblem(
            f"unknown status {text!r} (expected one of {', '.join(s.value for s in Status)})"
        ) from None


def _hsk(text: str) -> int | None:
    try:
        return level_from_label(text)
    except ValueError as error:
        raise _RowProblem(str(error)) from None


def _time(text: str, name: str) -> datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _RowProblem(f"{name} time {text!r} is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        raise _RowProblem(f"{name} time {text!r} has no time zone")
    try:
        # Stored in UTC: 9999-12-31T23:59:59-23:59 is a valid date that UTC cannot hold.
        moment.astimezone(UTC)
    except OverflowError:
        raise _RowProblem(f"{name} time {text!r} is out of range") from None
    return moment


def _headword(text: str) -> str:
    text = text.strip()
    if not text:
        raise _RowProblem("the word (simplified characters) is empty")
    return text


# --------------------------------------------------------------------------- CSV

CSV_COLUMNS = (
    "simplified",
    "traditional",
    "pinyin",
    "definition",
    "note",
    "status",
    "tags",
    "hsk",
    "sentences",
    "articles",
    "created",
    "updated",
)
# A spreadsheet runs a cell starting with one of these as a formula; the leading
# apostrophe stops that.  The apostrophe itself is included so that un-escaping is
# exact: an original leading apostrophe is doubled, never lost.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def _csv_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_uncell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def render_csv(words: Iterable[VocabWord]) -> str:
    """UTF-8 text with a BOM (so spreadsheets detect the encoding) and a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for word in words:
        row = (
            word.simplified,
            word.traditional,
            word.pinyin,
            word.definition,
            word.note,
            word.status.value,
            " ".join(word.tags),
            "" if word.hsk is None else str(word.hsk),
            "\n".join(c.sentence for c in word.contexts),
            "\n".join(c.article_title for c in word.contexts),
            word.created.isoformat() if word.created else "",
            word.updated.isoformat() if word.updated else "",
        )
        writer.writerow([_csv_cell(cell) for cell in row])
    return "\ufeff" + out.getvalue()


def _contexts(sentences: list[str], titles: list[str]) -> tuple[Context, ...]:
    if len(titles) != len(sentences):
        raise _RowProblem(f"{len(sentences)} context sentences but {len(titles)} article titles")
    return tuple(Context(s, t) for s, t in zip(sentences, titles, strict=True))


def parse_csv(text: str) -> ParsedRows:
    result = ParsedRows()
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        return result
    except csv.Error as error:
        result.bad.append(BadLine(1, f"unreadable CSV header: {error}"))
        return result
    if "simplified" not in header:
        result.bad.append(BadLine(1, "the header row has no 'simplified' column", ",".join(header)))
        return result
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            result.bad.append(BadLine(line, f"unreadable CSV: {error}"))
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            result.bad.append(
                BadLine(start, f"{len(row)} cells but {len(header)} columns", ",".join(row)[:80])
            )
            continue
        cells = {name: _csv_uncell(value) for name, value in zip(header, row, strict=False)}
        try:
            sentences = cells.get("sentences", "")
            word = VocabWord(
                simplified=_headword(cells["simplified"]),
                traditional=cells.get("traditional", ""),
                pinyin=cells.get("pinyin", ""),
                definition=cells.get("definition", ""),
                note=cells.get("note", ""),
                status=_status(cells.get("status", "")),
                tags=clean_tags(cells.get("tags", "").split()),
                hsk=_hsk(cells.get("hsk", "")),
                contexts=_contexts(sentences.split("\n"), cells.get("articles", "").split("\n"))
                if sentences
                else (),
                created=_time(cells.get("created", ""), "created"),
                updated=_time(cells.get("updated", ""), "updated"),
            )
        except (_RowProblem, KeyError) as problem:
            result.bad.append(BadLine(start, str(problem), ",".join(row)[:80]))
            continue
        result.good.append((start, word))
    return result


# --------------------------------------------------------------------------- Anki text

ANKI_NOTETYPE = "Duzhe vocabulary"
ANKI_DECK = "Duzhe vocabulary"
ANKI_FIELDS = (
    "Simplified",
    "Traditional",
    "Pinyin",
    "Definition",
    "Context",
    "Source",
    "HSK",
    "Note",
)
_STATUS_TAG = "status::"
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}


def anki_field(text: str) -> str:
    """Text escaped for an HTML Anki field; line breaks as <br>, no raw tab or CR."""
    escaped = html.escape(text, quote=True)
    return escaped.replace("\r", "&#13;").replace("\t", "&#9;").replace("\n", "<br>")


def highlighted_sentence(sentence: str, word: str) -> str:
    """The sentence escaped, with every occurrence of the word in <b>."""
    if not word:
        return anki_field(sentence)
    return f"<b>{anki_field(word)}</b>".join(anki_field(part) for part in sentence.split(word))


def anki_tags(word: VocabWord) -> str:
    return " ".join((*word.tags, _STATUS_TAG + word.status.value))


def anki_note_fields(word: VocabWord) -> list[str]:
    """The eight note fields, in ``ANKI_FIELDS`` order, as Anki will store them."""
    return [
        anki_field(word.simplified),
        anki_field(word.traditional_or_simplified),
        tone_coloured_html(word.pinyin),
        anki_field(word.definition),
        "<hr>".join(highlighted_sentence(c.sentence, word.simplified) for c in word.contexts),
        "<hr>".join(anki_field(c.article_title) for c in word.contexts),
        "" if word.hsk is None else hsk_label(word.hsk),
        anki_field(word.note),
    ]


def render_anki_text(words: Iterable[VocabWord]) -> str:
    """A file for Anki's File > Import, updating notes by GUID on re-import."""
    from genanki import guid_for

    lines = [
        "#separator:tab",
        "#html:true",
        f"#notetype:{ANKI_NOTETYPE}",
        f"#deck:{ANKI_DECK}",
        "#tags:duzhe-reader",
        f"#tags column:{len(ANKI_FIELDS) + 1}",
        f"#guid column:{len(ANKI_FIELDS) + 2}",
        "#columns:" + "\t".join((*ANKI_FIELDS, "Tags", "GUID")),
    ]
    for word in words:
        # The GUID goes last: base91 GUIDs may start with '#', which must not begin a line.
        fields = [*anki_note_fields(word), anki_tags(word), guid_for(word.simplified, word.pinyin)]
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


_TAG = re.compile(r"<[^>]*>")


def _from_html(field_text: str) -> str:
    return html.unescape(_TAG.sub("", re.sub(r"<br\s*/?>", "\n", field_text)))


def parse_anki_text(text: str) -> ParsedRows:
    """Our own Anki text files, and Anki's "Notes in Plain Text" exports of our note type."""
    result = ParsedRows()
    lines = text.removeprefix("\ufeff").split("\n")
    headers: dict[str, str] = {}
    body_start = 0
    for index, header_line in enumerate(lines):
        if not header_line.startswith("#"):
            body_start = index
            break
        name, _, value = header_line[1:].partition(":")
        headers[name.strip().lower()] = value.rstrip("\r")
    else:
        body_start = len(lines)
    separator_name = headers.get("separator", "tab")
    separator = _SEPARATORS.get(separator_name.strip().lower(), separator_name)
    if len(separator) != 1:
        result.bad.append(BadLine(1, f"unknown #separator {separator_name!r}"))
        return result
    is_html = headers.get("html", "false").strip().lower() == "true"
    special: dict[int, str] = {}
    for role in ("guid", "notetype", "deck", "tags"):
        value = headers.get(f"{role} column", "").strip()
        if value.isdigit():
            special[int(value) - 1] = role
    columns: list[str]
    if "columns" in headers:
        columns = [c.strip().lower() for c in headers["columns"].split(separator)]
    else:
        # Anki's own export lists the note's fields in order around the special columns.
        field_names = iter(name.lower() for name in ANKI_FIELDS)
        width = len(ANKI_FIELDS) + len(special)
        columns = [special.get(i) or next(field_names, f"extra{i}") for i in range(width)]
    for index, role in special.items():
        if index < len(columns):
            columns[index] = role
    if "simplified" not in columns:
        result.bad.append(BadLine(1, "no Simplified column in the #columns header"))
        return result
    plain = (lambda value: _from_html(value)) if is_html else (lambda value: value)
    reader = csv.reader(io.StringIO("\n".join(lines[body_start:])), delimiter=separator)
    line = body_start + 1
    for row in _rows(reader, result, body_start):
        start, line = line, body_start + reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(columns, row, strict=False))
        try:
            tags = cells.get("tags", "").split()
            status_tags = [t for t in tags if t.startswith(_STATUS_TAG)]
            contexts_html = cells.get("context", "")
            if contexts_html:
                sentences = [plain(part) for part in contexts_html.split("<hr>")]
                sources = cells.get("source", "")
                titles = (
                    [plain(p) for p in sources.split("<hr>")] if sources else [""] * len(sentences)
                )
                contexts = _contexts(sentences, titles)
            else:
                contexts = ()
            simplified = _headword(plain(cells.get("simplified", "")))
            traditional = plain(cells.get("traditional", ""))
            word = VocabWord(
                simplified=simplified,
                traditional="" if traditional == simplified else traditional,
                pinyin=" ".join(plain(cells.get("pinyin", "")).split()),
                definition=plain(cells.get("definition", "")),
                note=plain(cells.get("note", "")),
                hsk=_hsk(plain(cells.get("hsk", ""))),
                status=_status(status_tags[-1][len(_STATUS_TAG) :] if status_tags else ""),
                tags=clean_tags([t for t in tags if not t.startswith(_STATUS_TAG)]),
                contexts=contexts,
            )
        except _RowProblem as problem:
            result.bad.append(BadLine(start, str(problem), separator.join(row)[:80]))
            continue
        result.good.append((start, word))
    return result


def _rows(reader: Iterator[list[str]], result: ParsedRows, offset: int) -> Iterator[list[str]]:
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            result.bad.append(BadLine(offset + getattr(reader, "line_num", 0), str(error)))


# --------------------------------------------------------------------------- Pleco

PLECO_CATEGORY_ROOT = "Duzhe"


def render_pleco(words: Iterable[VocabWord]) -> str:
    """Pleco flashcard text: one ``//Duzhe/<status>`` category per status used."""
    by_status: dict[Status, list[VocabWord]] = {}
    for word in words:
        by_status.setdefault(word.status, []).append(word)
    lines: list[str] = []
    for status in Status:
        if status not in by_status:
            continue
        lines.append(f"//{PLECO_CATEGORY_ROOT}/{status.value}")
        for word in by_status[status]:
            headword = word.simplified
            if word.traditional and word.traditional != word.simplified:
                headword += f"[{word.traditional}]"
            definition = "; ".join(
                part.strip() for part in word.definition.splitlines() if part.strip()
            ).replace("\t", " ")
            lines.append(f"{headword}\t{to_numbered(word.pinyin)}\t{definition}")
    return "\n".join(lines) + "\n"


_PLECO_HEADWORD = re.compile(r"^([^\[\]]+)(?:\[([^\[\]]+)\])?$")


def parse_pleco(text: str) -> ParsedRows:
    result = ParsedRows()
    status = Status.NEW
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("//"):
            leaf = line[2:].rstrip("/").rsplit("/", 1)[-1].strip().lower()
            status = Status(leaf) if leaf in {s.value for s in Status} else Status.NEW
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            result.bad.append(
                BadLine(number, "expected characters<TAB>pinyin<TAB>definition", line[:80])
            )
            continue
        match = _PLECO_HEADWORD.match(parts[0].strip())
        if match is None:
            result.bad.append(
                BadLine(number, "the characters are not 简体 or 简体[繁體]", line[:80])
            )
            continue
        simplified, traditional = match[1].strip(), (match[2] or "").strip()
        result.good.append(
            (
                number,
                VocabWord(
                    simplified=simplified,
                    traditional="" if traditional == simplified else traditional,
                    pinyin=from_numbered(parts[1].strip()),
                    definition="\t".join(parts[2:]).strip(),
                    status=status,
                ),
            )
        )
    return result


# --------------------------------------------------------------------------- JSON

JSON_FORMAT_NAME = "duzhe-reader vocabulary"
JSON_VERSION = 1


def word_to_json(word: VocabWord) -> dict[str, object]:
    return {
        "simplified": word.simplified,
        "traditional": word.traditional,
        "pinyin": word.pinyin,
        "definition": word.definition,
        "note": word.note,
        "status": word.status.value,
        "tags": list(word.tags),
        "hsk": word.hsk,
        "contexts": [{"sentence": c.sentence, "article": c.article_title} for c in word.contexts],
        "created": word.created.isoformat() if word.created else None,
        "updated": word.updated.isoformat() if word.updated else None,
    }


def render_json(words: Iterable[VocabWord]) -> str:
    """One word per line, so a bad entry can be reported by its line."""
    entries = ",\n".join(json.dumps(word_to_json(w), ensure_ascii=False) for w in words)
    return (
        f'{{"format": {json.dumps(JSON_FORMAT_NAME)}, "version": {JSON_VERSION}, "words": [\n'
        f"{entries}\n]}}\n"
    )


def _text(entry: dict[str, object], name: str) -> str:
    value = entry.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _RowProblem(f"{name} is not text")
    return value


def word_from_json(entry: object) -> VocabWord:
    if not isinstance(entry, dict):
        raise _RowProblem("an entry is not a JSON object")
    tags = entry.get("tags", [])
    contexts = entry.get("contexts", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _RowProblem("tags is not a list of text")
    if not isinstance(contexts, list) or not all(
        isinstance(c, dict)
        and isinstance(c.get("sentence"), str)
        and isinstance(c.get("article", ""), str)
        for c in contexts
    ):
        raise _RowProblem("contexts is not a list of {sentence, article}")
    hsk = entry.get("hsk")
    if hsk is not None and (type(hsk) is not int or not 1 <= hsk <= 9):  # true is no level
        raise _RowProblem(f"HSK level {hsk!r} is not a number from 1 to 9")
    return VocabWord(
        simplified=_headword(_text(entry, "simplified")),
        traditional=_text(entry, "traditional"),
        pinyin=_text(entry, "pinyin"),
        definition=_text(entry, "definition"),
        note=_text(entry, "note"),
        status=_status(_text(entry, "status")),
        tags=clean_tags(tags),
        hsk=hsk,
        contexts=tuple(Context(c["sentence"], c.get("article", "")) for c in contexts),
        created=_time(_text(entry, "created"), "created"),
        updated=_time(_text(entry, "updated"), "updated"),
    )


def parse_json(text: str) -> ParsedRows:
    """Our JSON export; each entry of ``words`` is checked on its own."""
    result = ParsedRows()
    text = text.removeprefix("\ufeff")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        result.bad.append(BadLine(error.lineno, f"not valid JSON: {error.msg}"))
        return result
    except ValueError as error:  # a number of thousands of digits (Python's safety limit)
        result.bad.append(BadLine(1, f"not valid JSON: {error}"))
        return result
    except RecursionError:  # brackets nested thousands deep: no export of ours looks like that
        result.bad.append(BadLine(1, "not valid JSON: nested too deeply"))
        return result
    if not isinstance(document, dict) or not isinstance(document.get("words"), list):
        result.bad.append(BadLine(1, 'expected an object with a "words" list'))
        return result
    entry_lines = _json_entry_lines(text, len(document["words"]))
    for entry, line in zip(document["words"], entry_lines, strict=True):
        try:
            result.good.append((line, word_from_json(entry)))
        except _RowProblem as problem:
            result.bad.append(
                BadLine(line, str(problem), shown_text(json.dumps(entry, ensure_ascii=False)))
            )
    return result


def _json_entry_lines(text: str, count: int) -> list[int]:
    """The line each entry of the "words" list starts on (0 when it cannot be told)."""
    decoder = json.JSONDecoder()
    lines: list[int] = []
    try:
        position = text.index("[", text.index('"words"')) + 1
        for _ in range(count):
            while text[position] in " \t\r\n,":
                position += 1
            lines.append(text.count("\n", 0, position) + 1)
            _, position = decoder.raw_decode(text, position)
    except (ValueError, IndexError):
        lines.extend([0] * (count - len(lines)))
    return lines
