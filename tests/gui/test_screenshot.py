"""``reader --screenshot``: the window rendered to a PNG by a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_reader(data_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", READER_DATA_DIR=str(data_dir))
    environment.pop("READER_STARTUP_TIMING", None)
    return subprocess.run(
        [sys.executable, "-m", "reader", *arguments],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )


def distinct_colours(image: QImage, step: int = 7) -> int:
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


@pytest.mark.slow
def test_screenshot_of_the_bundled_article_is_not_blank(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "window.png"

    result = run_reader(data_dir, "--screenshot", str(out), "--size", "1000x700")

    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1000, 700)
    assert distinct_colours(image) > 10  # text, toolbar, sidebar: not one flat colour


@pytest.mark.slow
def test_screenshot_of_a_given_file(data_dir: Path, tmp_path: Path) -> None:
    article = tmp_path / "short.txt"
    article.write_text("广州推行河长制，河湖变清了。", encoding="utf-8")
    out = tmp_path / "short.png"

    result = run_reader(data_dir, str(article), "--screenshot", str(out), "--size", "640x480")

    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).size().width() == 640


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (["--size", "big"], "--size"),
        (["--size", "10x10"], "out of range"),
        (["--screenshot", "{missing}/shot.png"], "does not exist"),
        (["--screenshot", "{tmp}/shot.gif"], ".png"),
        (["--bogus"], "unrecognized arguments"),
        (["--cedict", "{missing}/cedict.u8"], "is not a file"),
    ],
)
def test_bad_options_give_one_line_and_status_2(
    data_dir: Path, tmp_path: Path, arguments: list[str], fragment: str
) -> None:
    filled = [a.format(missing=tmp_path / "missing", tmp=tmp_path) for a in arguments]

    result = run_reader(data_dir, *filled)

    assert result.returncode == 2
    assert result.stderr.startswith("reader: ")
    assert fragment in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_screenshot_of_an_unreadable_file_fails_with_one_line(
    data_dir: Path, tmp_path: Path
) -> None:
    binary = tmp_path / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)

    result = run_reader(data_dir, str(binary), "--screenshot", str(tmp_path / "x.png"))

    assert result.returncode == 2
    assert "picture.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()
