"""The hostile import files of tests/data/hostile/vocab-import: one line each, nothing bad saved.

Every file holds one good word (城市) and one hostile record; the good word is
imported, the hostile one is reported as a bad line, and the vocabulary still lists
and exports afterwards.  A file that is not JSON at all imports nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.vocab.store import VocabularyStore
from reader.vocab.word import word_problem

CORPUS = Path(__file__).resolve().parents[2] / "data" / "hostile" / "vocab-import"
NOTHING_IMPORTABLE = {"json-5000-digit-integer.json"}


@pytest.mark.parametrize("path", sorted(CORPUS.iterdir()), ids=lambda path: path.name)
def test_a_hostile_import_is_refused_in_one_line_and_saves_only_good_words(
    path: Path, data_dir, tmp_path, capsys
):
    # The name's first part is the format (a Pleco file's .txt would be read as Anki text).
    import_format = path.name.split("-")[0]
    status = main(["vocab", "import", str(path), "--format", import_format, "--yes"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    if path.name in NOTHING_IMPORTABLE:
        assert status == 2
        assert len(captured.err.splitlines()) == 2  # the bad line, then "nothing was imported"
    else:
        assert status == 0, captured.err
        assert len(captured.err.splitlines()) == 1  # the one bad record
    assert main(["vocab", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)["words"]
    expected = set() if path.name in NOTHING_IMPORTABLE else {"城市"}
    assert {word["simplified"] for word in listed} == expected
    with VocabularyStore.open() as store:
        assert all(word_problem(word) is None for word in store.words())
    assert main(["vocab", "export", "-o", str(tmp_path / "out.csv")]) == 0
