"""Han tokens without a meaning, and tokens that cut across a gold word, on public texts.

* Meaning coverage: the share of Han tokens whose hover line (``WordInfo.gloss``,
  the shipped path) is empty, on the CPP dev sentences and the SIGHAN 2005 AS and
  CityU gold texts (traditional news text) in ``../shared/data/``.
* Units: the share of tokens cutting across a gold word (neither inside one gold
  word nor a run of whole gold words), for the reader's segmenter and for
  jieba's ``Tokenizer.cut`` alone (the anchor), on the same SIGHAN texts.

Skipped with a reason when the shared data folder is absent.  The PKU and MSR
test texts are not on this machine and no package ships them.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared" / "data"
SIGHAN = {"AS": "as_testing_gold.utf8", "CityU": "cityu_test_gold.utf8"}


def _gold_lines(name: str) -> list[list[str]] | str:
    path = SHARED / "sighan" / SIGHAN[name]
    if not path.is_file():
        return f"{path} is absent (development data, see ../shared/data/README.md)"
    return [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.split()]


def _cpp_text() -> str | None:
    path = SHARED / "cpp" / "dev.sent"
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8").replace("▁", "")


def texts() -> dict[str, str]:
    """name -> text for every corpus on this machine."""
    found = {}
    cpp = _cpp_text()
    if cpp is not None:
        found["CPP dev"] = cpp
    for name in SIGHAN:
        lines = _gold_lines(name)
        if not isinstance(lines, str):
            found[f"SIGHAN {name}"] = "\n".join("".join(words) for words in lines)
    return found


def without_meaning(text: str) -> tuple[int, int]:
    """(Han tokens without a hover line, Han tokens) through the window's annotator."""
    from reader.annotation.annotator import Annotator
    from reader.dictionary.index import CedictIndex
    from reader.glossary.store import GlossarySet
    from reader.language.tokens import TokenKind

    annotator = Annotator(CedictIndex.load(), GlossarySet.bundled_only())
    segmented = annotator.segment(text)
    han = empty = 0
    for index in range(len(segmented)):
        if segmented.token(index).kind is TokenKind.HAN:
            han += 1
            empty += not annotator.word_info(segmented, index).gloss
    return empty, han


def _cutting(pieces: list[str], words: list[str]) -> tuple[int, int]:
    """(tokens cutting across a gold word, tokens) for one line."""
    boundaries = {0}
    word_end = []
    position = 0
    for word in words:
        position += len(word)
        boundaries.add(position)
        word_end.extend([position] * len(word))
    cutting = 0
    start = 0
    for piece in pieces:
        end = start + len(piece)
        whole_run = start in boundaries and end in boundaries
        inside_one = (
            start < len(word_end)
            and end <= word_end[start]
            and (start in boundaries or word_end[start] == word_end[max(start - 1, 0)])
        )
        cutting += not (whole_run or inside_one)
        start = end
    return cutting, len(pieces)


def cutting_across_gold(name: str) -> tuple[float, float] | str:
    """Share of tokens cutting across a gold word: (reader, jieba alone); or why skipped."""
    import jieba

    from reader import paths
    from reader.annotation.annotator import Annotator
    from reader.dictionary.index import CedictIndex
    from reader.glossary.store import GlossarySet

    lines = _gold_lines(name)
    if isinstance(lines, str):
        return lines
    annotator = Annotator(CedictIndex.load(), GlossarySet.bundled_only())
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(paths.cache_dir())
    ours = [0, 0]
    anchor = [0, 0]
    for words in lines:
        line = "".join(words)
        segmented = annotator.segment(line)
        pieces = [line[s:e] for s, e in zip(segmented.starts, segmented.ends, strict=True)]
        for total, found in ((ours, pieces), (anchor, list(tokenizer.cut(line)))):
            cut, count = _cutting(found, words)
            total[0] += cut
            total[1] += count
    return ours[0] / ours[1], anchor[0] / anchor[1]


def main() -> None:
    for name, text in texts().items():
        empty, han = without_meaning(text)
        print(f"{name}: {empty / han:.2%} of {han:,} Han tokens without a meaning")
    for name in SIGHAN:
        result = cutting_across_gold(name)
        if isinstance(result, str):
            print(f"SIGHAN {name}: skipped: {result}")
        else:
            ours, anchor = result
            print(f"SIGHAN {name}: {ours:.2%} of tokens cut across a gold word")
            print(f"  jieba Tokenizer.cut alone (anchor): {anchor:.2%}")


if __name__ == "__main__":
    main()
