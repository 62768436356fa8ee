"""Opening files and standard input as documents, and refusing what is not text."""

from __future__ import annotations

import codecs
import io
import os
import random
import sys
import zipfile
from pathlib import Path

import pytest

from reader import articles, paths
from reader.errors import InputFileError
from reader.textio import reading
from reader.textio.reading import (
    MAX_FILE_BYTES,
    TITLE_MAX_CHARS,
    Document,
    DocumentFormat,
    decode_bytes,
    read_document,
    read_stdin,
)

BUNDLED_ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"
ARTICLE = BUNDLED_ARTICLE.read_text("utf-8")
ARTICLE_TEXT = ARTICLE.strip("\n")
FIRST_LINE = "奋进新征程 建功新时代"
TRADITIONAL = (
    "廣州這座超大城市實際管理服務人口超過2200萬、流動人口超過1000萬。\n"
    "推進城市治理現代化、加強精細化管理是城市發展面臨的難題。\n"
)

PNG_START = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
)


def _write(folder: Path, name: str, data: bytes) -> Path:
    target = folder / name
    target.write_bytes(data)
    return target


def _refusal(path: Path | str) -> str:
    """The message read_document gives for ``path``, checked to be one line naming it."""
    with pytest.raises(InputFileError) as raised:
        read_document(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("prefix", "codec", "encoding"),
    [
        (b"", "utf-8", "utf-8"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (b"", "gb18030", "gb18030"),
        (b"", "gbk", "gb18030"),
    ],
)
def test_article_copy_reads_back_in_every_encoding(
    tmp_path: Path, prefix: bytes, codec: str, encoding: str
) -> None:
    source = _write(tmp_path, "copy.txt", prefix + ARTICLE.encode(codec))
    document = read_document(source)
    assert document == Document(ARTICLE_TEXT, FIRST_LINE, source, encoding, DocumentFormat.TEXT)


def test_big5_file_reads_back(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "trad.txt", TRADITIONAL.encode("big5")))
    assert document.text == TRADITIONAL.strip("\n")
    assert document.encoding == "big5"
    assert document.title == "廣州這座超大城市實際管理服務人口超過2200萬、流動人口超過1000萬。"


def test_windows_and_old_mac_newlines_become_line_feeds(tmp_path: Path) -> None:
    source = _write(tmp_path, "crlf.txt", "第一行\r\n第二行\r第三行\r\n".encode())
    assert read_document(source).text == "第一行\n第二行\n第三行"


def test_long_first_line_is_shortened_for_the_title(tmp_path: Path) -> None:
    paragraph = ARTICLE.split("\n")[10]
    source = _write(tmp_path, "para.txt", f"\n  \n{paragraph}\n".encode())
    title = read_document(source).title
    assert len(title) == TITLE_MAX_CHARS
    assert title.endswith("…")
    assert paragraph.startswith(title[:-1])


def test_bundled_article_takes_its_title_from_the_sidecar() -> None:
    document = read_document(BUNDLED_ARTICLE)
    assert document.title == "致广大而尽精微 打造超大城市现代化治理新范例"
    assert document.text == ARTICLE_TEXT


def test_copy_of_the_article_elsewhere_has_no_sidecar_title(tmp_path: Path) -> None:
    copy = _write(tmp_path, BUNDLED_ARTICLE.name, BUNDLED_ARTICLE.read_bytes())
    (tmp_path / "guangzhou-governance-ycwb.json").write_text('{"title": "not bundled"}')
    assert read_document(copy).title == FIRST_LINE


def test_any_article_in_the_bundled_folder_uses_its_sidecar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "bundled_articles_dir", lambda: tmp_path)
    text_file = _write(tmp_path, "other.txt", "第一行\n正文。\n".encode())
    (tmp_path / "other.json").write_text('{"title": "侧车标题"}', encoding="utf-8")
    assert read_document(text_file).title == "侧车标题"
    assert articles.article_for_path(text_file) is not None


HTML_PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
  <meta charset="utf-8">
  <title>广州 &amp; 城市治理</title>
  <style>body { font-family: serif; } p::before { content: "样式"; }</style>
  <script>document.write("<p>脚本</p>"); var a = 1 < 2;</script>
  <link rel="stylesheet" href="file:///etc/style.css">
</head>
<body>
<!-- 注释：不要显示 -->
<h1>致广大而<em>尽精微</em></h1>
<p>作为国家中心城市和综合性门户城市，广州这座超大城市
实际管理服务人口超过2200万。<img src="file:///etc/passwd" alt="照片"></p>
<p>详见<a href="https://example.org/report?a=1&amp;b=2">政府工作报告</a>&nbsp;&lt;全文&gt;
&copy; 2022 &#20013;&#x6587;</p>
<ul><li>绣花功夫</li><li>微雕街区</li></ul>
第一行<br>第二行
<noscript>请启用脚本</noscript>
</body>
</html>
"""

HTML_TEXT = (
    "致广大而尽精微\n\n"
    "作为国家中心城市和综合性门户城市，广州这座超大城市实际管理服务人口超过2200万。\n\n"
    "详见政府工作报告 <全文> © 2022 中文\n\n"
    "绣花功夫\n微雕街区\n\n"
    "第一行\n第二行"
)


def test_html_file_gives_only_its_text(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "page.html", HTML_PAGE.encode()))
    assert document.format is DocumentFormat.HTML
    assert document.title == "广州 & 城市治理"
    assert document.text == HTML_TEXT


def test_html_without_title_takes_the_first_heading(tmp_path: Path) -> None:
    page = "<html><body><p>导语。</p><h2>未来五年 <b>施工图</b></h2><h3>别的</h3></body></html>"
    document = read_document(_write(tmp_path, "page.htm", page.encode("gbk")))
    assert document.title == "未来五年 施工图"
    assert document.text == "导语。\n\n未来五年 施工图\n\n别的"
    assert document.encoding == "gb18030"


def test_html_with_nothing_but_script_has_no_text(tmp_path: Path) -> None:
    source = _write(tmp_path, "empty.html", b"<html><script>alert(1)</script></html>")
    assert "contains no text" in _refusal(source)


MARKDOWN = """---
title: 广州城市治理
date: 2022-01-20
---

# 致广大而尽精微

作为**国家中心城市**和*综合性门户城市*，详见[报告](https://example.org/r)。
![照片](file:///tmp/photo.png)

> 办好中国的事情，关键在党。

- 绣花功夫
- 微雕街区
1. 第一条

---

```
保持 **原样**
```
转义的 \\*星号\\* 和 `代码` 和 ~~删除~~ 和 file_name_here
"""

MARKDOWN_TEXT = """致广大而尽精微

作为国家中心城市和综合性门户城市，详见报告。

办好中国的事情，关键在党。

绣花功夫
微雕街区
1. 第一条

保持 **原样**
转义的 *星号* 和 代码 和 删除 和 file_name_here"""


def test_markdown_markup_is_removed_and_front_matter_gives_the_title(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "notes.md", MARKDOWN.encode()))
    assert document.format is DocumentFormat.MARKDOWN
    assert document.title == "广州城市治理"
    assert document.text == MARKDOWN_TEXT


def test_markdown_title_falls_back_to_the_first_heading(tmp_path: Path) -> None:
    source = _write(tmp_path, "n.md", "导语\n\n标题\n===\n\n正文。\n".encode())
    document = read_document(source)
    assert document.title == "标题"
    assert document.text == "导语\n\n标题\n\n正文。"


def test_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "words.csv", "词,拼音\n广州,guǎngzhōu\n".encode()))
    assert document.format is DocumentFormat.TEXT
    assert document.text == "词,拼音\n广州,guǎngzhōu"


def test_unknown_extension_that_starts_like_a_web_page_is_read_as_html(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "saved", HTML_PAGE.encode()))
    assert document.format is DocumentFormat.HTML
    assert document.text == HTML_TEXT


def test_standard_input_is_read_to_its_end(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin = io.TextIOWrapper(io.BytesIO(ARTICLE.encode("gb18030")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake_stdin)
    document = read_stdin()
    assert document == Document(ARTICLE_TEXT, FIRST_LINE, None, "gb18030", DocumentFormat.TEXT)


def test_standard_input_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    fake_stdin = io.TextIOWrapper(io.BytesIO(ARTICLE.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake_stdin)
    with pytest.raises(InputFileError, match=r"^<stdin>: is larger than"):
        read_stdin()


def test_decoded_bytes_take_their_format_from_the_name() -> None:
    document = decode_bytes(HTML_PAGE.encode(), "clipboard.html")
    assert document.format is DocumentFormat.HTML
    assert document.path is None
    assert document.text == HTML_TEXT


# Refusals: each is one line that names the file.


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _refusal(tmp_path / "missing.txt")


def test_folder(tmp_path: Path) -> None:
    assert "is a folder" in _refusal(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    assert "is empty" in _refusal(_write(tmp_path, "empty.txt", b""))


@pytest.mark.parametrize(
    "data",
    [b" \n\t\r\n   \n", "　\n \n".encode(), codecs.BOM_UTF16_LE + " \n\n".encode("utf-16-le")],
    ids=["ascii-whitespace", "ideographic-space", "utf16-whitespace"],
)
def test_whitespace_only_file(tmp_path: Path, data: bytes) -> None:
    assert "contains no text" in _refusal(_write(tmp_path, "blank.txt", data))


def test_png_image(tmp_path: Path) -> None:
    assert "PNG image" in _refusal(_write(tmp_path, "photo.txt", PNG_START + b"\x00" * 64))


def test_zip_archive(tmp_path: Path) -> None:
    archive = tmp_path / "chapters.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("chapter.txt", ARTICLE)
    assert "ZIP archive" in _refusal(archive)


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes(tmp_path: Path, seed: int) -> None:
    noise = random.Random(seed).randbytes(4096)
    _refusal(_write(tmp_path, "noise.bin", noise))


def test_random_bytes_without_nul_or_signature(tmp_path: Path) -> None:
    noise = bytes(b for b in random.Random(7).randbytes(8192) if b)
    _refusal(_write(tmp_path, "noise.txt", noise))


def test_latin1_european_text(tmp_path: Path) -> None:
    letter = "Chère Hélène, à bientôt à Genève; ça va très bien.\n".encode("latin-1")
    assert "save it as UTF-8" in _refusal(_write(tmp_path, "lettre.txt", letter))


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _write(tmp_path, "secret.txt", ARTICLE.encode())

    real_open = os.open

    def refuse(path, *arguments, **keywords):
        if Path(path) == source:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *arguments, **keywords)

    # The tests run as root, who may read anything, so the refusal is simulated.
    monkeypatch.setattr(os, "open", refuse)
    assert "permission denied" in _refusal(source)


def test_other_read_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _write(tmp_path, "disk.txt", ARTICLE.encode())

    real_open = os.open

    def fail(path, *arguments, **keywords):
        if Path(path) == source:
            raise OSError(5, "Input/output error")
        return real_open(path, *arguments, **keywords)

    monkeypatch.setattr(os, "open", fail)
    assert "cannot be read (Input/output error)" in _refusal(source)


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as sparse:
        sparse.truncate(MAX_FILE_BYTES + 1)
    assert "larger than the 20.0 MB" in _refusal(huge)


def test_standard_input_closed_is_an_input_file_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputFileError, match="standard input is closed"):
        read_stdin()
