"""``reader annotate`` on the bundled article and on bad input, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(scope="module")
def article_json() -> dict:
    from contextlib import redirect_stdout
    from io import StringIO

    buffer = StringIO()
    with redirect_stdout(buffer):
        assert main(["annotate", "--format", "json"]) == 0
    return json.loads(buffer.getvalue())


def test_tokens_cover_the_article_exactly(article_json: dict) -> None:
    tokens = article_json["tokens"]
    assert tokens[0]["start"] == 0
    for before, after in zip(tokens, tokens[1:], strict=False):
        assert before["end"] == after["start"]
    assert "".join(t["text"] for t in tokens).startswith("奋进新征程")


def test_policy_terms_are_single_tokens_with_glossary_entries(article_json: dict) -> None:
    by_text = {t["text"]: t for t in article_json["tokens"]}
    for term in (
        "河长制",
        "河湖长制",
        "一网统管",
        "黑臭水体",
        "海绵城市",
        "最小应急单元",
        "还绿于民",
    ):
        assert term in by_text, term
        assert by_text[term]["glossary"] is not None, term
    assert by_text["河长制"]["pinyin"] == ["hé", "zhǎng", "zhì"]
    assert by_text["还绿于民"]["pinyin"][0] == "huán"


def test_words_carry_definitions_pinyin_and_hsk(article_json: dict) -> None:
    by_text = {t["text"]: t for t in article_json["tokens"]}
    city = by_text["城市"]
    assert city["kind"] == "han"
    assert city["pinyin"] == ["chéng", "shì"]
    assert city["hsk"] is not None
    assert any("city" in sense for d in city["definitions"] for sense in d["senses"])
    assert by_text["PM2.5"]["kind"] == "latin"
    assert article_json["stats"]["words"] > 1000


def test_pinyin_is_one_syllable_per_han_character(article_json: dict) -> None:
    for token in article_json["tokens"]:
        han = [c for c in token["text"] if "\u4e00" <= c <= "\u9fff"]
        assert len(token["pinyin"]) == len(han), token


def test_text_and_html_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "short.txt"
    source.write_text("广州推行河长制。<b>&</b>", encoding="utf-8")
    status, out, _ = run(capsys, "annotate", str(source), "--format", "text")
    assert status == 0 and "河长制 hézhǎngzhì" in out
    status, out, _ = run(capsys, "annotate", str(source), "--format", "html")
    assert status == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "<rt>zhǎng</rt>" in out
    assert "<b>" not in out and "&lt;b&gt;&amp;&lt;/b&gt;" in out


def test_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("银行".encode("gb18030"))))
    status, out, _ = run(capsys, "annotate", "-", "--format", "json")
    assert status == 0
    assert json.loads(out)["tokens"][0]["pinyin"] == ["yín", "háng"]


@pytest.mark.parametrize(
    "content",
    [b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", None],
    ids=["empty", "binary", "missing"],
)
def test_bad_files_give_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    status, out, err = run(capsys, "annotate", str(path))
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "input.txt" in err


def test_every_token_has_the_hover_line_as_gloss(article_json: dict) -> None:
    from reader.annotation.annotator import Annotator

    tokens = article_json["tokens"]
    annotation = Annotator.create().annotate("".join(token["text"] for token in tokens))
    assert len(tokens) == len(annotation.words)
    for token, info in zip(tokens, annotation.words, strict=True):
        assert token["gloss"] == info.gloss, token["text"]
        if token["kind"] == "han":
            assert token["gloss"], token["text"]
