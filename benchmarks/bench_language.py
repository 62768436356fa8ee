"""How fast the language layer annotates text, measured on this machine.

``annotation_speed()`` segments the bundled article repeated ``copies`` times
and resolves the pinyin of every token, after start-up (jieba, pypinyin and
the CC-CEDICT index loaded, one warm-up pass).  Run as a script it prints the
figure beside jieba's own ``Tokenizer.cut`` on the same text (the anchor), and
the peak memory of the process.
"""

from __future__ import annotations

import csv
import resource
import time

import jieba

from reader import paths
from reader.dictionary.index import CedictIndex
from reader.language.pinyin import PinyinResolver
from reader.language.segment import Segmenter

ARTICLE = "guangzhou-governance-ycwb.txt"


def _article(copies: int) -> str:
    return (paths.bundled_articles_dir() / ARTICLE).read_text(encoding="utf-8") * copies


def _glossary() -> dict[str, tuple[str, ...]]:
    table = paths.bundled_dictionaries_dir() / "policy-glossary.tsv"
    with table.open(encoding="utf-8", newline="") as stream:
        return {
            row["term"]: tuple(row["pinyin"].split())
            for row in csv.DictReader(stream, delimiter="\t")
        }


def annotation_speed(copies: int = 30) -> float:
    """Characters per second for segmentation plus pinyin of every token."""
    glossary = _glossary()
    dictionary = CedictIndex.load()
    # repaired against the dictionary, as the annotator does
    segmenter = Segmenter(glossary, known=lambda word: word in dictionary or word in glossary)
    resolver = PinyinResolver(dictionary.readings, glossary.get)
    resolver.resolve_all(segmenter.segment(_article(1)))  # warm-up
    text = _article(copies)
    started = time.perf_counter()
    resolver.resolve_all(segmenter.segment(text))
    return len(text) / (time.perf_counter() - started)


def jieba_cut_speed(copies: int = 30) -> float:
    """Anchor: jieba's own Tokenizer.cut (words only, no tags, no pinyin) on the same text."""
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(paths.cache_dir())
    tokenizer.initialize()
    text = _article(copies)
    started = time.perf_counter()
    for _ in tokenizer.cut(text):
        pass
    return len(text) / (time.perf_counter() - started)


def main() -> None:
    ours = annotation_speed()
    anchor = jieba_cut_speed()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"segmentation + pinyin: {ours:,.0f} characters/s")
    print(f"jieba Tokenizer.cut alone (anchor): {anchor:,.0f} characters/s")
    print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
