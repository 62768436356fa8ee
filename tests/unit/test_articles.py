"""The bundled article: cleaned from its scan without changing a word, and its metadata."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader import articles, paths
from reader.articles import ArticleInfo, bundled_articles, default_article
from reader.errors import InputFileError, ReaderError

RAW_SEED = Path(__file__).resolve().parents[1] / "data/articles/guangzhou-governance-ycwb.raw.txt"
"""The article as it came from the scan, kept so the cleaning can be checked."""

SENTENCE_END = "。！？”…）」"
CAPTION = re.compile(r" 图/\S+$")


@pytest.fixture(scope="module")
def article() -> ArticleInfo:
    found = [info for info in bundled_articles() if info.path.stem == "guangzhou-governance-ycwb"]
    assert len(found) == 1
    return found[0]


@pytest.fixture(scope="module")
def text(article: ArticleInfo) -> str:
    return article.path.read_text(encoding="utf-8")


def test_metadata(article: ArticleInfo) -> None:
    assert article.title == "致广大而尽精微 打造超大城市现代化治理新范例"
    assert article.source == "羊城晚报"
    assert article.reporters == ("罗仕", "李煊坤")
    assert article.language == "zh-Hans"
    assert article.path.parent == paths.bundled_articles_dir()


def test_default_article_is_a_bundled_one() -> None:
    assert default_article() in bundled_articles()


@pytest.mark.parametrize(
    "joined",
    [
        "对接业务系统115个",
        "实现全部侦破",
        "全部消除黑臭",
        "这是广州坚持社会治理共建共治共享",
        "对原样复核和重新采样检测",
        "保护等级较低的建筑立面，",
        "历史文化底蕴在新时代",
        "涉黑涉恶突出问题重点整治村",
    ],
)
def test_sentences_cut_by_page_breaks_are_joined(text: str, joined: str) -> None:
    assert joined in text


def test_no_line_ends_mid_sentence(text: str) -> None:
    # A line may end without sentence punctuation only if it is a heading
    # (short, no clause punctuation inside) or a photo caption.
    for line in text.splitlines():
        if not line or line[-1] in SENTENCE_END:
            continue
        is_heading = len(line) <= 30 and not re.search("[，。、；！？]", line)
        assert is_heading or CAPTION.search(line), f"line ends mid-sentence: {line}"


def test_paragraphs_are_separated_by_one_blank_line(text: str) -> None:
    assert not text.startswith("\n")
    assert text.endswith("。\n") or CAPTION.search(text.rstrip("\n"))
    assert not text.endswith("\n\n")
    lines = text.rstrip("\n").split("\n")
    assert all(line for line in lines[0::2]), "paragraph lines sit at even positions"
    assert not any(lines[1::2]), "every other line is blank"


def test_header_lines_are_kept_as_they_were(text: str) -> None:
    assert text.split("\n\n")[:4] == [
        "奋进新征程 建功新时代",
        "广州",
        "致广大而尽精微 打造超大城市现代化治理新范例",
        "羊城晚报记者 罗仕 李煊坤",
    ]


def test_only_newlines_differ_from_the_scan(text: str) -> None:
    raw = RAW_SEED.read_text(encoding="utf-8")
    assert text != raw
    assert text.replace("\n", "") == raw.replace("\n", "")
    # Every cleaned line is a run of consecutive lines of the scan, glued together.
    raw_lines = [line for line in raw.split("\n") if line]
    position = 0
    for line in (line for line in text.split("\n") if line):
        glued = ""
        while glued != line:
            glued += raw_lines[position]
            position += 1
            assert line.startswith(glued), f"not a run of scanned lines: {line}"
    assert position == len(raw_lines)


def test_repeated_passage_is_kept_and_noted(article: ArticleInfo, text: str) -> None:
    assert len(article.repeated_passages) == 1
    passage = article.repeated_passages[0]
    assert passage.startswith("“双区”建设、“双城联动”")
    assert "广州76万名党员冲锋在前" in passage
    assert text.count(passage) == 2
    section_one = text.index("壹 关键词")
    section_three = text.index("叁 关键词")
    section_four = text.index("肆 关键词")
    first, second = (match.start() for match in re.finditer(re.escape(passage), text))
    assert section_one < first < section_three < second < section_four
    assert any("叁" in note and "壹" in note for note in article.notes)


def test_captions_are_kept_on_lines_of_their_own(article: ArticleInfo, text: str) -> None:
    lines = text.split("\n")
    assert len(article.captions) == 3
    for caption in article.captions:
        assert caption in lines
        assert CAPTION.search(caption)
    assert [line for line in lines if CAPTION.search(line)] == list(article.captions)
    assert any("caption" in note for note in article.notes)


# The metadata reader on articles made up for the test.


@pytest.fixture
def bundled_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(paths, "bundled_articles_dir", lambda: tmp_path)
    return tmp_path


def test_articles_are_sorted_and_a_missing_sidecar_means_defaults(bundled_folder: Path) -> None:
    (bundled_folder / "b-second.txt").write_text("第二篇。\n", encoding="utf-8")
    (bundled_folder / "a-first.txt").write_text("第一篇。\n", encoding="utf-8")
    (bundled_folder / "a-first.json").write_text(
        json.dumps({"title": "第一篇", "reporters": ["记者"]}), encoding="utf-8"
    )
    (bundled_folder / "notes.md").write_text("不是文章", encoding="utf-8")
    found = bundled_articles()
    assert [info.path.name for info in found] == ["a-first.txt", "b-second.txt"]
    assert found[0].title == "第一篇"
    assert found[0].reporters == ("记者",)
    assert found[1] == ArticleInfo(
        bundled_folder / "b-second.txt", "b-second", "", (), "", (), (), ()
    )
    assert default_article() == found[0]


def test_no_articles_means_no_default(bundled_folder: Path) -> None:
    assert bundled_articles() == []
    with pytest.raises(ReaderError, match="no bundled articles"):
        default_article()


@pytest.mark.parametrize(
    ("sidecar", "problem"),
    [
        ("{not json", "cannot be read"),
        ('["a list"]', "must be a JSON object"),
        ('{"title": 3}', "'title' must be a string"),
        ('{"notes": "one note"}', "'notes' must be a list of strings"),
    ],
)
def test_broken_sidecar_is_reported_in_one_line(
    bundled_folder: Path, sidecar: str, problem: str
) -> None:
    (bundled_folder / "x.txt").write_text("正文。", encoding="utf-8")
    (bundled_folder / "x.json").write_text(sidecar, encoding="utf-8")
    with pytest.raises(InputFileError) as raised:
        bundled_articles()
    message = str(raised.value)
    assert problem in message
    assert "x.json" in message
    assert "\n" not in message


def test_article_for_path_only_knows_bundled_text_files(bundled_folder: Path) -> None:
    article_file = bundled_folder / "x.txt"
    article_file.write_text("正文。", encoding="utf-8")
    assert articles.article_for_path(article_file) is not None
    assert articles.article_for_path(bundled_folder / "missing.txt") is None
    assert articles.article_for_path(bundled_folder / "x.json") is None
    assert articles.article_for_path(RAW_SEED) is None
