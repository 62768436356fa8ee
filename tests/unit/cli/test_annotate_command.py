"""``reader annotate`` on the bundled article and on bad input, as a user runs it."""

from __future__ import annotations

import io
import json
import sys
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


OFFSET_INPUTS = {
    "leading blank lines": "\n\n  广州推行河长制。\n城市治理",
    "CRLF line ends": "广州推行河长制。\r\n\r\n城市治理现代化。\r\n",
    "lone CR line ends": "广州推行河长制。\r城市治理\r",
    "byte-order mark": "\ufeff广州推行河长制。\n",
    "trailing blank lines": "广州推行河长制。\n\n\n",
}


@pytest.mark.parametrize("given", OFFSET_INPUTS.values(), ids=OFFSET_INPUTS.keys())
def test_json_offsets_point_into_the_input_as_given(capsys, tmp_path, given: str) -> None:
    source = tmp_path / "given.txt"
    source.write_bytes(given.encode("utf-8"))
    status, out, _ = run(capsys, "annotate", str(source), "--format", "json")
    assert status == 0
    document = json.loads(out)
    assert document["offsets"] == "input"
    as_given = given.removeprefix("\ufeff")  # the offsets count decoded characters
    for token in document["tokens"]:
        found = as_given[token["start"] : token["end"]]
        assert found.replace("\r\n", "\n").replace("\r", "\n") == token["text"], token
    assert any(t["text"] == "河长制" for t in document["tokens"])


def test_json_of_html_carries_the_text_its_offsets_index(capsys, tmp_path) -> None:
    source = tmp_path / "page.html"
    source.write_text("<html><body><p>广州推行<b>河长制</b>。</p></body></html>", "utf-8")
    status, out, _ = run(capsys, "annotate", str(source), "--format", "json")
    assert status == 0
    document = json.loads(out)
    assert document["offsets"] == "text"
    for token in document["tokens"]:
        assert document["text"][token["start"] : token["end"]] == token["text"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "redirected"])
def test_a_long_run_shows_progress_only_on_a_terminal(monkeypatch, terminal: bool) -> None:
    from reader.cli import annotate_command

    stderr = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    total = annotate_command._PROGRESS_FROM_TOKENS
    assert list(annotate_command._with_progress(iter(range(total)), total)) == list(range(total))
    shown = stderr.getvalue()
    if terminal:
        assert "annotating  99%" in shown and "\n" not in shown
    else:
        assert shown == ""


def test_every_token_has_the_hover_line_as_gloss(article_json: dict) -> None:
    from reader.annotation.annotator import Annotator

    tokens = article_json["tokens"]
    annotation = Annotator.create().annotate("".join(token["text"] for token in tokens))
    assert len(tokens) == len(annotation.words)
    for token, info in zip(tokens, annotation.words, strict=True):
        assert token["gloss"] == info.gloss, token["text"]
        if token["kind"] == "han":
            assert token["gloss"], token["text"]
