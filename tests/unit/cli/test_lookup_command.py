"""``reader lookup`` as a learner uses it."""

from __future__ import annotations

import json

import pytest

from reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_word_with_several_readings_shows_them_all(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "lookup", "行", "--format", "json")
    assert status == 0
    readings = {d["pinyin"] for d in json.loads(out)["definitions"]}
    assert {"xíng", "háng"} <= readings


def test_glossary_term_shows_explanation_and_characters(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "lookup", "河长制")
    assert status == 0
    assert "Glossary" in out and "hé zhǎng zhì" in out
    assert "Characters:" in out and "河" in out


def test_a_misprinted_name_shows_the_term_it_stands_for(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "lookup", "慧智管")
    assert status == 0
    assert out.startswith("慧智管   huì zhì guǎn")
    assert "Glossary (bundled): 穗智管 Suì zhì guǎn — Suizhiguan" in out


@pytest.mark.parametrize("query", ["hezhangzhi", "he2 zhang3 zhi4", "hé zhǎng zhì"])
def test_pinyin_search_finds_glossary_terms(capsys: pytest.CaptureFixture[str], query: str) -> None:
    status, out, _ = run(capsys, "lookup", "--pinyin", query)
    assert status == 0
    assert "河长制" in out


def test_english_search(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "lookup", "--english", "river chief system", "--format", "json")
    assert status == 0
    document = json.loads(out)
    assert any(t["term"] == "河长制" for t in document["glossary"])


def test_unknown_word_and_bad_usage_give_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "lookup", "𠀀𠀀𠀀xyz")
    assert status == 2 and len(err.strip().splitlines()) == 1
    status, _, err = run(capsys, "lookup")
    assert status == 2 and len(err.strip().splitlines()) == 1
    status, _, err = run(capsys, "lookup", "--format", "yaml", "行")
    assert status == 2 and len(err.strip().splitlines()) == 1
