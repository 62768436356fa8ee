"""``reader glossary`` through ``reader.cli.main``, with a fresh data directory per test."""

from __future__ import annotations

import json

import pytest

from reader import paths
from reader.cli import main

ARTICLE = str(paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt")


@pytest.fixture(autouse=True)
def _fresh_data(data_dir):
    return data_dir


def test_list_and_list_for_an_article(capsys):
    assert main(["glossary", "list"]) == 0
    assert "河长制\thé zhǎng zhì\triver chief system\t[bundled]" in capsys.readouterr().out
    assert main(["glossary", "list", "--article", ARTICLE]) == 0
    out = capsys.readouterr().out
    assert "双区建设\tshuāng qū jiàn shè" in out and "×2" in out


def test_show_a_term_and_a_quoted_form(capsys):
    assert main(["glossary", "show", "“三旧”改造"]) == 0
    out = capsys.readouterr().out
    assert "三旧改造  sān jiù gǎi zào" in out and "In CC-CEDICT: no" in out


def test_unknown_term_is_one_line_and_exit_2(capsys):
    assert main(["glossary", "show", "不存在"]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_import_with_bad_rows_writes_nothing_and_lists_every_bad_row(tmp_path, capsys):
    source = tmp_path / "class.csv"
    source.write_text(
        "term,pinyin,english\n湖长,hú zhǎng,lake chief\n河,hx2,river\n,x,\n老师,lao2shi1,teacher\n",
        encoding="utf-8",
    )
    assert main(["glossary", "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert "line 3:" in err and "line 4:" in err and "nothing imported" in err
    assert not (paths.user_glossaries_dir() / "class.tsv").exists()
    assert main(["glossary", "import", str(source), "--skip-bad", "--into", "mine"]) == 0
    captured = capsys.readouterr()
    assert "line 3:" in captured.err and "imported 2 terms into glossary “mine”" in captured.out
    assert main(["glossary", "show", "湖长"]) == 0
    assert "Glossary: mine" in capsys.readouterr().out
    assert main(["glossary", "show", "老师"]) == 0
    assert "老师  láo shī" in capsys.readouterr().out  # numbered pinyin stored with tone marks


def test_export_json_of_all_active_glossaries_round_trips_through_import(tmp_path, capsys):
    out = tmp_path / "all.json"
    assert main(["glossary", "export", "--format", "json", "-o", str(out)]) == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) >= 80 and items[0]["term"] == "共建共治共享"
    assert main(["glossary", "import", str(out), "--into", "copy"]) == 0
    assert "replaced" in capsys.readouterr().out


def test_export_for_an_article_as_html_and_csv(tmp_path):
    html = tmp_path / "handout.html"
    export = ["glossary", "export", "--article", ARTICLE, "--format", "html", "-o", str(html)]
    assert main(export) == 0
    page = html.read_text(encoding="utf-8")
    assert "<mark>河长制</mark>" in page and "Source: 羊城晚报" in page
    assert "<ruby>" not in page, "the article section is asked for with --with-article"
    assert main([*export, "--with-article", "--quiz", "terms", "--teacher", "Class 3B"]) == 0
    page = html.read_text(encoding="utf-8")
    assert "<ruby>河<rt>hé</rt></ruby>" in page and "Quiz: the terms" in page
    assert "Class 3B" in page
    table = tmp_path / "terms.csv"
    assert (
        main(["glossary", "export", "--article", ARTICLE, "--format", "csv", "-o", str(table)]) == 0
    )
    assert "《关于全面推行河长制的意见》" in table.read_bytes().decode("utf-8-sig")


def test_a_pdf_handout_from_the_command_line_on_letter_paper(tmp_path, capsys):
    from pypdf import PdfReader

    pdf = tmp_path / "handout.pdf"
    export = ["glossary", "export", "--article", ARTICLE, "--format", "pdf", "-o", str(pdf)]
    assert main([*export, "--paper", "letter", "--date", "Week 3"]) == 0
    assert capsys.readouterr().out.startswith("wrote ")
    reader = PdfReader(pdf)
    first = reader.pages[0]
    assert round(float(first.mediabox.width)) == 612
    assert "致广大而尽精微" in first.extract_text() and "Date: Week 3" in first.extract_text()


def test_export_errors_are_one_line(tmp_path, capsys):
    assert main(["glossary", "export", "--name", "nope", "--format", "csv", "-o", "x.csv"]) == 2
    assert "no glossary named “nope”" in capsys.readouterr().err
    assert main(["glossary", "export", "--format", "doc", "-o", str(tmp_path / "x")]) == 2
    assert main(["glossary", "import", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv: no such file" in capsys.readouterr().err
    handout = ["glossary", "export", "--format", "pdf", "-o", str(tmp_path / "x.pdf")]
    assert main([*handout, "--with-article"]) == 2
    assert capsys.readouterr().err.strip() == (
        "reader: --with-article needs the article: add --article PATH"
    )


def test_suggest_prints_whole_terms_with_pinyin_count_reason_and_sentence(tmp_path, capsys):
    source = tmp_path / "shenzhen.txt"
    source.write_text(
        "深圳推行林长制。林长制让每片山林都有人负责。市民说“秒批”很快，“秒批”省时间。",
        encoding="utf-8",
    )
    assert main(["glossary", "suggest", str(source), "--limit", "5"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    by_term = {row[0]: row for row in rows}
    assert by_term["林长制"][1:4] == ["lín zhǎng zhì", "×2", "policy-language pattern"]
    assert by_term["林长制"][4] == "深圳推行林长制。"
    assert by_term["秒批"][1:4] == ["miǎo pī", "×2", "quoted in the text"]
    assert len(rows) <= 5


def test_show_the_misprinted_name_gives_the_real_one_with_its_source(capsys):
    assert main(["glossary", "show", "慧智管"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("穗智管  Suì zhì guǎn")
    assert "Also written: 慧智管" in out and "Source: Name:" in out
