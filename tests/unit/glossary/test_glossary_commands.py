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
        "term,pinyin,english\n湖长,hú zhǎng,lake chief\n河,he2,river\n,x,\n", encoding="utf-8"
    )
    assert main(["glossary", "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert "line 3:" in err and "line 4:" in err and "nothing imported" in err
    assert not (paths.user_glossaries_dir() / "class.tsv").exists()
    assert main(["glossary", "import", str(source), "--skip-bad", "--into", "mine"]) == 0
    captured = capsys.readouterr()
    assert "line 3:" in captured.err and "imported 1 terms into glossary “mine”" in captured.out
    assert main(["glossary", "show", "湖长"]) == 0
    assert "Glossary: mine" in capsys.readouterr().out


def test_export_json_of_all_active_glossaries_round_trips_through_import(tmp_path, capsys):
    out = tmp_path / "all.json"
    assert main(["glossary", "export", "--format", "json", "-o", str(out)]) == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) >= 80 and items[0]["term"] == "共建共治共享"
    assert main(["glossary", "import", str(out), "--into", "copy"]) == 0
    assert "replaced" in capsys.readouterr().out


def test_export_for_an_article_as_html_and_csv(tmp_path):
    html = tmp_path / "handout.html"
    assert (
        main(["glossary", "export", "--article", ARTICLE, "--format", "html", "-o", str(html)]) == 0
    )
    page = html.read_text(encoding="utf-8")
    assert "<ruby>河<rt>hé</rt></ruby>" in page
    table = tmp_path / "terms.csv"
    assert (
        main(["glossary", "export", "--article", ARTICLE, "--format", "csv", "-o", str(table)]) == 0
    )
    assert "《关于全面推行河长制的意见》" in table.read_bytes().decode("utf-8-sig")


def test_export_errors_are_one_line(tmp_path, capsys):
    assert main(["glossary", "export", "--name", "nope", "--format", "csv", "-o", "x.csv"]) == 2
    assert "no glossary named “nope”" in capsys.readouterr().err
    assert main(["glossary", "export", "--format", "doc", "-o", str(tmp_path / "x")]) == 2
    assert main(["glossary", "import", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv: no such file" in capsys.readouterr().err
