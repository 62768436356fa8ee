from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import GlossaryError
from reader.glossary.exchange import (
    dump_csv,
    dump_json,
    dump_tsv,
    parse_csv,
    parse_json,
    parse_tsv,
    protect_csv_cell,
    read_terms_file,
    unprotect_csv_cell,
    write_atomically,
)
from reader.glossary.store import load_bundled
from reader.glossary.term import GlossaryTerm

SYLLABLES = {"河": "hé", "长": "zhǎng", "制": "zhì", "湖": "hú", "绿": "lǜ", "民": "mín"}
tricky_text = st.text(
    alphabet=st.sampled_from(list("ab =+-@'\t\r\n\",;|\\nt河“”，")), min_size=0, max_size=12
)


@st.composite
def terms(draw):
    chars = draw(st.lists(st.sampled_from(sorted(SYLLABLES)), min_size=1, max_size=4))
    english = draw(tricky_text)
    english = english if english.strip() else english + "x"
    return GlossaryTerm(
        term="".join(chars),
        pinyin=" ".join(SYLLABLES[c] for c in chars),
        english=english,
        explanation=draw(tricky_text),
        category=draw(tricky_text),
        related=tuple(f"{r.replace('|', '/')}民" for r in draw(st.lists(tricky_text, max_size=3))),
        in_cedict=draw(st.booleans()),
        example=draw(tricky_text),
        glossary="mine",
    )


unique_terms = st.lists(terms(), max_size=6, unique_by=lambda t: t.term)


@settings(max_examples=100, deadline=None)
@given(unique_terms)
def test_tsv_round_trip_is_loss_free(items):
    result = parse_tsv(dump_tsv(items), "mine")
    assert result.bad_rows == () and list(result.terms) == items


@settings(max_examples=100, deadline=None)
@given(unique_terms)
def test_csv_round_trip_is_loss_free(items):
    result = parse_csv(dump_csv(items), "mine")
    assert result.bad_rows == () and list(result.terms) == items


@settings(max_examples=100, deadline=None)
@given(unique_terms)
def test_json_round_trip_is_loss_free(items):
    result = parse_json(dump_json(items), "mine")
    assert result.bad_rows == () and list(result.terms) == items


def test_the_bundled_glossary_survives_every_format():
    bundled = [replace(t, glossary="x") for t in load_bundled().terms]
    assert list(parse_tsv(dump_tsv(bundled), "x").terms) == bundled
    assert list(parse_csv(dump_csv(bundled), "x").terms) == bundled
    assert list(parse_json(dump_json(bundled), "x").terms) == bundled


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("'quoted", "''quoted"),
        ("plain = text", "plain = text"),
    ],
)
def test_formula_cells_get_an_apostrophe_that_import_removes(cell, written):
    assert protect_csv_cell(cell) == written
    assert unprotect_csv_cell(written) == cell


def test_csv_is_utf8_with_bom_and_neutralises_formulas():
    data = dump_csv([GlossaryTerm("河长制", "hé zhǎng zhì", "=1+1")])
    assert data.startswith(b"\xef\xbb\xbfterm,pinyin,english,")
    assert "'=1+1" in data.decode("utf-8-sig")


@pytest.mark.parametrize("dump", [dump_csv, lambda terms: dump_tsv(terms).encode()])
def test_every_spreadsheet_format_neutralises_formulas_in_every_field(dump):
    formula = '=HYPERLINK("http://example.invalid")'
    term = GlossaryTerm(
        "河长制", "hé zhǎng zhì", formula, explanation="+1", category="@x", source="-2"
    )
    text = dump([term]).decode("utf-8-sig")
    cells = [cell for line in text.splitlines()[1:] for cell in line.replace(",", "\t").split("\t")]
    assert not [cell for cell in cells if cell.lstrip('"')[:1] in ("=", "+", "-", "@")]
    parse = parse_csv if dump is dump_csv else lambda data: parse_tsv(data.decode())
    assert parse(dump([term])).terms[0] == term


def test_a_handwritten_apostrophe_cell_is_kept():
    text = "term,pinyin,english\r\n河长制,hé zhǎng zhì,'tis a system\r\n"
    assert parse_csv(text.encode()).terms[0].english == "'tis a system"


def test_tsv_escapes_tabs_and_newlines_in_cells():
    dumped = dump_tsv([GlossaryTerm("河长制", "hé zhǎng zhì", "a\tb\nc\\d")])
    assert dumped.splitlines()[1].split("\t")[2] == "a\\tb\\nc\\\\d"


def test_every_bad_row_is_reported_with_its_line_and_the_good_rows_are_kept():
    text = (
        "term\tpinyin\tenglish\n"
        "河长制\thé zhǎng zhì\triver chief system\n"
        "河湖长制\the hu zhang\tbad count\n"
        "\n"
        "绿\tlǜ\t\n"
        "河长制\thé zhǎng zhì\tagain\n"
        "民\tmín\n"
        "湖\thx2\tlake\n"
        "老师\tlao2shi1\tteacher\n"
    )
    result = parse_tsv(text)
    assert [(t.term, t.pinyin) for t in result.terms] == [
        ("河长制", "hé zhǎng zhì"),
        ("老师", "láo shī"),
    ]
    assert [(bad.line, bad.reason.split(" ")[0]) for bad in result.bad_rows] == [
        (3, "“河湖长制”"),
        (5, "the"),
        (6, "“河长制”"),
        (7, "has"),
        (8, "“hx2”"),
    ]
    assert str(result.bad_rows[2]) == "line 6: “河长制” already appears at line 2"


def test_csv_line_numbers_count_lines_inside_quoted_cells():
    text = 'term,pinyin,english\r\n河,hé,"two\nlines"\r\n湖,hx2,lake\r\n'
    assert parse_csv(text.encode()).bad_rows[0].line == 4


def test_json_bad_items_are_numbered():
    items = [
        {"term": "河", "pinyin": "hé", "english": "river"},
        {"term": "湖", "pinyin": "hú"},
        "not an object",
        {"term": "民", "pinyin": "mín", "english": "people", "colour": "red"},
    ]
    result = parse_json(json.dumps(items, ensure_ascii=False))
    assert [str(bad).split(":")[0] for bad in result.bad_rows] == ["item 2", "item 3", "item 4"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.tsv", "", "is empty"),
        ("x.tsv", "term\tenglish\n", "no “pinyin” column"),
        ("x.tsv", "term\tpinyin\tenglish\tcolour\n", "unknown column “colour”"),
        ("x.json", "{", "not valid JSON"),
        ("x.json", "{}", "must hold a list"),
        ("x.xlsx", "", "name the file .csv, .tsv or .json"),
    ],
)
def test_unreadable_files_raise_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError, match=message):
        read_terms_file(path)


def test_a_missing_file_is_a_glossary_error(tmp_path):
    with pytest.raises(GlossaryError, match="no such file"):
        read_terms_file(tmp_path / "absent.csv")


def test_writing_under_a_file_as_if_it_were_a_folder_is_a_glossary_error(tmp_path):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("keep me", encoding="utf-8")
    with pytest.raises(GlossaryError, match="cannot write"):
        write_atomically(not_a_folder / "glossary.csv", b"term\n")
    assert not_a_folder.read_text(encoding="utf-8") == "keep me"
