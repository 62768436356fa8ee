"""Reading and writing glossary terms as TSV, CSV and JSON, loss-free both ways.

All three carry the same fields (``FIELDS``): ``related`` and ``variants`` are
one cell each with the terms separated by ``|`` (a JSON list in JSON) and
``in_cedict`` is ``yes`` or ``no`` (a JSON boolean).

* TSV, the format of every glossary file: UTF-8, a header row, one term a
  line.  A backslash escapes what a cell cannot hold: ``\\t`` tab, ``\\n`` line
  feed, ``\\r`` carriage return, ``\\\\`` backslash.  Any other backslash is kept
  as written.  Spreadsheets open TSV files too, so a cell that could run as a
  formula is protected as in CSV (below), and read back the same way.
* CSV, for spreadsheets: UTF-8 with a byte-order mark so Excel reads it as
  UTF-8, standard quoting.  A cell that begins with ``=``, ``+``, ``-``, ``@``,
  a tab, a carriage return or an apostrophe gets one extra apostrophe in front
  when written, so a spreadsheet shows it as text instead of running it as a
  formula; when read, one leading apostrophe is removed if the next character
  is one of those seven, so a round trip gives back the exact cell.
* JSON: a list of objects with the field names as keys.

Reading checks every row and returns the good terms and the bad rows (line
number and reason) together; nothing is written here, the caller decides.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.atomic_files import write_bytes_atomically
from reader.errors import GlossaryError
from reader.glossary.term import GlossaryTerm
from reader.glossary.validate import RELATED_SEPARATOR, stored_pinyin, term_problems
from reader.input_files import MEGABYTE, read_regular_file

FIELDS: tuple[str, ...] = (
    "term",
    "pinyin",
    "english",
    "explanation",
    "category",
    "related",
    "in_cedict",
    "example",
    "variants",
    "source",
)
REQUIRED_FIELDS: tuple[str, ...] = ("term", "pinyin", "english")
FORMATS: tuple[str, ...] = ("tsv", "csv", "json")

_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
_TRUE_WORDS = {
    "yes": True,
    "true": True,
    "1": True,
    "": False,
    "no": False,
    "false": False,
    "0": False,
}


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row that cannot be imported: where it is and why."""

    line: int  # line in a TSV/CSV file; position of the object (from 1) in a JSON list
    reason: str
    unit: str = "line"

    def __str__(self) -> str:
        return f"{self.unit} {self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    terms: tuple[GlossaryTerm, ...]
    bad_rows: tuple[BadRow, ...]


# --- cells ---------------------------------------------------------------------------


def escape_tsv_cell(value: str) -> str:
    return "".join(_TSV_ESCAPES.get(char, char) for char in value)


def unescape_tsv_cell(cell: str) -> str:
    if "\\" not in cell:
        return cell
    out: list[str] = []
    index = 0
    while index < len(cell):
        char = cell[index]
        following = cell[index + 1] if index + 1 < len(cell) else ""
        if char == "\\" and following in _TSV_UNESCAPES:
            out.append(_TSV_UNESCAPES[following])
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def protect_csv_cell(value: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would run as a formula (see module doc)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def unprotect_csv_cell(cell: str) -> str:
    if cell.startswith("'") and cell[1:2] and cell[1] in _FORMULA_STARTS:
        return cell[1:]
    return cell


# --- terms <-> rows ------------------------------------------------------------------


def term_to_row(term: GlossaryTerm) -> dict[str, str]:
    return {
        "term": term.term,
        "pinyin": term.pinyin,
        "english": term.english,
        "explanation": term.explanation,
        "category": term.category,
        "related": RELATED_SEPARATOR.join(term.related),
        "in_cedict": "yes" if term.in_cedict else "no",
        "example": term.example,
        "variants": RELATED_SEPARATOR.join(term.variants),
        "source": term.source,
    }


def row_to_term(row: dict[str, object], glossary: str = "") -> GlossaryTerm:
    """A term from one row's cells; raises GlossaryError when a cell has the wrong type."""
    related_terms = _term_list(row, "related")
    variants = _term_list(row, "variants")
    in_cedict = row.get("in_cedict", "")
    if isinstance(in_cedict, str):
        if in_cedict.strip().lower() not in _TRUE_WORDS:
            raise GlossaryError(f"“in_cedict” must be yes or no, not “{in_cedict}”")
        in_cedict = _TRUE_WORDS[in_cedict.strip().lower()]
    if not isinstance(in_cedict, bool):
        raise GlossaryError("“in_cedict” must be yes or no")
    texts = {}
    for field in ("term", "pinyin", "english", "explanation", "category", "example", "source"):
        value = row.get(field, "")
        if not isinstance(value, str):
            raise GlossaryError(f"“{field}” must be text")
        texts[field] = value
    texts["pinyin"] = stored_pinyin(texts["pinyin"])
    return GlossaryTerm(
        related=related_terms, variants=variants, in_cedict=in_cedict, glossary=glossary, **texts
    )


def _term_list(row: dict[str, object], field: str) -> tuple[str, ...]:
    value = row.get(field, "")
    if isinstance(value, str):
        return tuple(value.split(RELATED_SEPARATOR)) if value else ()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise GlossaryError(f"“{field}” must be text or a list of texts")


def _check_rows(
    rows: Iterable[tuple[int, dict[str, object] | BadRow]], glossary: str, unit: str = "line"
) -> ImportResult:
    """Turn parsed rows into terms, collecting every problem instead of stopping at the first."""
    terms: list[GlossaryTerm] = []
    bad: list[BadRow] = []
    first_line_of: dict[str, int] = {}
    for line, row in rows:
        if isinstance(row, BadRow):
            bad.append(row)
            continue
        try:
            term = row_to_term(row, glossary)
        except GlossaryError as error:
            bad.append(BadRow(line, str(error), unit))
            continue
        problems = term_problems(term)
        taken = next((form for form in term.forms if form in first_line_of), None)
        if problems:
            bad.append(BadRow(line, "; ".join(problems), unit))
        elif taken is not None:
            earlier = first_line_of[taken]
            bad.append(BadRow(line, f"“{taken}” already appears at {unit} {earlier}", unit))
        else:
            first_line_of.update(dict.fromkeys(term.forms, line))
            terms.append(term)
    return ImportResult(tuple(terms), tuple(bad))


def _header_fields(header: Sequence[str], source: str) -> list[str]:
    names = [name.strip().lower() for name in header]
    unknown = [name for name in names if name not in FIELDS]
    if unknown:
        raise GlossaryError(
            f"{source}: unknown column “{unknown[0]}” in the header "
            f"(columns are {', '.join(FIELDS)})"
        )
    missing = [name for name in REQUIRED_FIELDS if name not in names]
    if missing:
        raise GlossaryError(f"{source}: the header has no “{missing[0]}” column")
    if len(set(names)) != len(names):
        raise GlossaryError(f"{source}: a column appears twice in the header")
    return names


def _rows_from_cells(
    numbered_cells: Iterable[tuple[int, list[str]]], source: str
) -> list[tuple[int, dict[str, object] | BadRow]]:
    iterator = iter(numbered_cells)
    for _line, header in iterator:
        if any(cell.strip() for cell in header):
            names = _header_fields(header, source)
            break
    else:
        raise GlossaryError(f"{source} is empty: expected a header row ({', '.join(FIELDS)})")
    rows: list[tuple[int, dict[str, object] | BadRow]] = []
    for line, cells in iterator:
        if not any(cells):
            continue
        if len(cells) != len(names):
            reason = f"has {len(cells)} columns, the header has {len(names)}"
            rows.append((line, BadRow(line, reason)))
        else:
            rows.append((line, dict(zip(names, cells, strict=True))))
    return rows


# --- TSV -----------------------------------------------------------------------------


def dump_tsv(terms: Iterable[GlossaryTerm], fields: Sequence[str] = FIELDS) -> str:
    lines = ["\t".join(fields)]
    for term in terms:
        row = term_to_row(term)
        cells = (escape_tsv_cell(protect_csv_cell(row[field])) for field in fields)
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def parse_tsv(text: str, glossary: str = "", source: str = "TSV file") -> ImportResult:
    text = text.removeprefix("\ufeff")
    numbered = (
        (number, [unprotect_csv_cell(unescape_tsv_cell(cell)) for cell in line.split("\t")])
        for number, line in enumerate(text.split("\n"), start=1)
        for line in [line.removesuffix("\r")]
    )
    return _check_rows(_rows_from_cells(numbered, source), glossary)


# --- CSV -----------------------------------------------------------------------------


def dump_csv(terms: Iterable[GlossaryTerm]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for term in terms:
        row = term_to_row(term)
        writer.writerow([protect_csv_cell(row[field]) for field in FIELDS])
    return buffer.getvalue().encode("utf-8-sig")


def parse_csv(data: bytes, glossary: str = "", source: str = "CSV file") -> ImportResult:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GlossaryError(f"{source} is not UTF-8 (byte {error.start})") from error
    reader = csv.reader(io.StringIO(text, newline=""))
    numbered: list[tuple[int, list[str]]] = []
    first_line = 1
    try:
        for cells in reader:
            numbered.append((first_line, [unprotect_csv_cell(cell) for cell in cells]))
            first_line = reader.line_num + 1
    except csv.Error as error:
        raise GlossaryError(f"{source}: line {reader.line_num}: {error}") from error
    return _check_rows(_rows_from_cells(numbered, source), glossary)


# --- JSON ----------------------------------------------------------------------------


def dump_json(terms: Iterable[GlossaryTerm]) -> str:
    objects = []
    for term in terms:
        row: dict[str, object] = dict(term_to_row(term))
        row["related"] = list(term.related)
        row["variants"] = list(term.variants)
        row["in_cedict"] = term.in_cedict
        objects.append(row)
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"


def parse_json(text: str, glossary: str = "", source: str = "JSON file") -> ImportResult:
    try:
        items = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}: {error.msg}"
        raise GlossaryError(f"{source} is not valid JSON ({where})") from error
    except RecursionError:  # brackets nested thousands deep: no glossary looks like that
        raise GlossaryError(f"{source} is not a glossary: its JSON is nested too deeply") from None
    if not isinstance(items, list):
        raise GlossaryError(f"{source} must hold a list of terms")
    rows: list[tuple[int, dict[str, object] | BadRow]] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            rows.append((number, BadRow(number, "is not an object", "item")))
            continue
        unknown = [key for key in item if key not in FIELDS]
        if unknown:
            rows.append((number, BadRow(number, f"unknown key “{unknown[0]}”", "item")))
        else:
            rows.append((number, item))
    return _check_rows(rows, glossary, unit="item")


# --- files ---------------------------------------------------------------------------


def format_of(path: str | os.PathLike[str]) -> str:
    """``tsv``, ``csv`` or ``json`` from the file name; GlossaryError for anything else."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "txt":
        suffix = "tsv"
    if suffix not in FORMATS:
        raise GlossaryError(f"{path}: cannot tell the format; name the file .csv, .tsv or .json")
    return suffix


# The bundled glossary is 33 KB; every lookup walks the active glossaries, so a
# glossary of tens of megabytes would make hovering slow for good.
MAX_GLOSSARY_BYTES = 2 * MEGABYTE


def read_terms_file(
    path: str | os.PathLike[str], glossary: str = "", file_format: str | None = None
) -> ImportResult:
    """Every good term and every bad row of a TSV, CSV or JSON file; nothing is written."""
    file_format = file_format or format_of(path)
    data = read_regular_file(path, MAX_GLOSSARY_BYTES, GlossaryError)
    source = str(path)
    if file_format == "csv":
        return parse_csv(data, glossary, source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise GlossaryError(f"{source} is not UTF-8 (byte {error.start})") from error
    if file_format == "json":
        return parse_json(text, glossary, source)
    return parse_tsv(text, glossary, source)


def dump_terms(terms: Iterable[GlossaryTerm], file_format: str) -> bytes:
    if file_format == "csv":
        return dump_csv(terms)
    if file_format == "json":
        return dump_json(terms).encode("utf-8")
    if file_format == "tsv":
        return dump_tsv(terms).encode("utf-8")
    raise GlossaryError(f"unknown glossary format “{file_format}” (use csv, tsv or json)")


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: a crash leaves the old file or the new one."""
    try:
        write_bytes_atomically(path, data)
    except OSError as error:
        raise GlossaryError(f"cannot write {path}: {error.strerror or error}") from error
