"""The library file: entries, progress per chapter, pasted texts, and a damaged file set aside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.library.store import ChapterProgress, Library


def test_progress_is_kept_per_chapter_and_across_instances(tmp_path: Path) -> None:
    file = tmp_path / "library.json"
    Library(file).add("/b.epub", "书", "epub", author="甲", chapter_titles=("一", "二", "三"))
    Library(file).set_progress("/b.epub", 2, fraction=0.6, last=True)
    Library(file).set_progress("/b.epub", 2, known_share=0.9)

    entry = Library(file).entry("/b.epub")

    assert entry is not None
    assert entry.chapters == (ChapterProgress(), ChapterProgress(), ChapterProgress(0.6, 0.9))
    assert entry.last_chapter == 2
    assert entry.progress == pytest.approx(0.2)


def test_reopening_keeps_progress_unless_the_chapters_changed(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.json")
    library.add("/b.epub", "书", "epub", chapter_titles=("一", "二"))
    library.set_progress("/b.epub", 1, fraction=0.5, last=True)

    library.add("/b.epub", "书", "epub", chapter_titles=("一", "二"))
    assert library.entry("/b.epub").chapter_progress(1).fraction == 0.5

    library.add("/b.epub", "书", "epub", chapter_titles=("一", "二", "三"))
    assert library.entry("/b.epub").chapters == (ChapterProgress(),) * 3


def test_most_recently_opened_come_first(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.json")
    for name in ("/a.txt", "/b.txt", "/c.txt"):
        library.add(name, name, "text")
    library.add("/a.txt", "/a.txt", "text")

    assert [entry.path for entry in library.entries()] == ["/a.txt", "/c.txt", "/b.txt"]


def test_a_pasted_text_becomes_a_file_of_the_library(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.json")

    first = library.add_pasted("河长制\n\n河湖变清了。", "河长制")
    again = library.add_pasted("河长制\n\n河湖变清了。", "河长制")

    assert first == again
    assert first.read_text(encoding="utf-8") == "河长制\n\n河湖变清了。"
    assert [(e.path, e.kind) for e in library.entries()] == [(str(first), "pasted")]


def test_a_damaged_library_file_is_set_aside_not_lost(tmp_path: Path) -> None:
    file = tmp_path / "library.json"
    file.write_text('{"entries": [{"path": 1', encoding="utf-8")

    library = Library(file)
    assert library.entries() == []
    library.add("/a.txt", "甲", "text")

    assert (tmp_path / "library.json.damaged").read_text(encoding="utf-8").startswith('{"entries"')
    assert [entry["path"] for entry in json.loads(file.read_text("utf-8"))["entries"]] == ["/a.txt"]


def test_progress_of_a_path_not_in_the_library_changes_nothing(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.json")

    assert library.set_progress("/nowhere.epub", 0, fraction=0.5) is None
    assert not (tmp_path / "library.json").exists()


def test_known_shares_of_several_chapters_are_written_at_once(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.json")
    library.add("/b.epub", "书", "epub", chapter_titles=("一", "二", "三"))
    library.set_progress("/b.epub", 1, fraction=0.4)

    library.set_known_shares("/b.epub", {0: 0.5, 2: 0.25})

    assert library.entry("/b.epub").chapters == (
        ChapterProgress(0.0, 0.5),
        ChapterProgress(0.4, None),
        ChapterProgress(0.0, 0.25),
    )


def test_reopening_the_most_recent_text_does_not_write_the_library_again(tmp_path: Path) -> None:
    """The window reopens the last article at every start: the file is left as it is,
    and the order stays right when another text is opened in between."""
    file = tmp_path / "library.json"
    library = Library(file)
    library.add("/a.txt", "A", "text")
    written = file.stat().st_ino, file.read_bytes()

    library.add("/a.txt", "A", "text")
    assert (file.stat().st_ino, file.read_bytes()) == written

    library.add("/b.txt", "B", "text")
    library.add("/a.txt", "A", "text")
    assert [entry.path for entry in Library(file).entries()] == ["/a.txt", "/b.txt"]
    library.add("/a.txt", "A renamed", "text")
    assert Library(file).entry("/a.txt").title == "A renamed"
