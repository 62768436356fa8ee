"""``reader speak``: mistakes in the arguments are one line and status 2, before Qt loads."""

from __future__ import annotations

import pytest

from reader.cli import main


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["speak"], "TEXT or --file"),
        (["speak", "你好", "--file", "x.txt"], "TEXT or --file"),
        (["speak", "   "], "no text to read"),
        (["speak", "你好", "--rate", "2"], "--rate"),
        (["speak", "你好", "--rate", "fast"], "--rate"),
        (["speak", "--file", "/no/such/file.txt"], "no such file"),
        (["speak", "--list-voices", "你好"], "--list-voices takes no TEXT"),
    ],
)
def test_bad_arguments_are_one_line_and_status_2(capsys, arguments, expected) -> None:
    assert main(arguments) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: ") and expected in lines[0]
