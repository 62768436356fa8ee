"""The polyphone model: faithful to g2pM's own implementation, and used where the dictionary
leaves a choice."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence

import pytest

from reader import paths
from reader.language.pinyin import PinyinResolver
from reader.language.polyphone_model import PolyphoneModel, shared_model
from reader.language.segment import Segmenter

SENTENCES = (
    "他们为此付出了很大的代价。",
    "这些车辆被改造为现在使用的型号。",
    "车站的站舍建于一九三零年，后来改为仓库。",
    "我们在银行门口排队。",
    "他长得很高，头发也长了。",
)


def test_the_batched_model_answers_as_g2pms_own_class() -> None:
    g2pm = pytest.importorskip("g2pM")
    reference = g2pm.G2pM()
    model = shared_model()
    assert model is not None
    for sentence, predicted in zip(SENTENCES, model.predict(SENTENCES), strict=True):
        expected = reference(sentence, char_split=True, tone=True)
        for offset, (syllable, probability) in predicted.items():
            if syllable != expected[offset]:
                # g2pM's argmax runs over all classes; ours only over the character's own
                assert expected[offset] not in model.candidates[sentence[offset]]
            assert 0 < probability <= 1


def test_a_polyphone_no_dictionary_word_settles_is_read_in_context(
    segmenter: Segmenter, resolver: PinyinResolver
) -> None:
    sentence = "车站的站舍建于一九三零年。"
    segmented = segmenter.segment(sentence)
    index = segmented.index_at(sentence.index("舍"))
    assert index is not None and segmented.token(index).text == "舍"
    assert resolver.resolve(segmented, index) == ("shè",)


def test_the_model_loads_only_when_a_text_needs_it(
    readings_for: Callable[[str], Sequence[tuple[str, ...]]],
) -> None:
    calls = []

    def counting_model() -> PolyphoneModel | None:
        calls.append(1)
        return shared_model()

    resolver = PinyinResolver(readings_for, model=counting_model)
    resolver.resolve_all(Segmenter().segment("你好，谢谢。"))
    assert not calls
    resolver.resolve_all(Segmenter().segment("车站的站舍"))
    assert calls


_NO_POLYPHONE_LEFT_OPEN = """
import sys
from reader.annotation.annotator import Annotator

annotator = Annotator.create()
# 行 and 作 are polyphones, but the dictionary words 银行 and 工作 settle them
annotation = annotator.annotate("我在银行工作。")
print(annotation.words[2].pinyin, "numpy" in sys.modules)
"""


def test_a_text_whose_polyphones_the_dictionary_settles_never_loads_numpy(data_dir) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", _NO_POLYPHONE_LEFT_OPEN],
        capture_output=True,
        text=True,
        env={**os.environ, paths.DATA_DIR_ENV: str(data_dir)},
        timeout=180,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.split("\n")[-2] == "('yín', 'háng') False"


class _CountingModel:
    """The shared model, counting the sentences it is asked to read."""

    def __init__(self) -> None:
        model = shared_model()
        assert model is not None
        self.model = model
        self.candidates = model.candidates
        self.sentences_read = 0

    def is_polyphonic(self, char: str) -> bool:
        return self.model.is_polyphonic(char)

    def predict(self, sentences: Sequence[str]) -> list[dict[int, tuple[str, float]]]:
        self.sentences_read += len(sentences)
        return self.model.predict(sentences)


def test_after_reading_ahead_no_token_of_the_text_waits_for_the_model(
    readings_for: Callable[[str], Sequence[tuple[str, ...]]],
) -> None:
    counting = _CountingModel()
    resolver = PinyinResolver(readings_for, model=lambda: counting)  # type: ignore[arg-type, return-value]
    article = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"
    segmented = Segmenter().segment(article.read_text(encoding="utf-8"))
    resolver.read_ahead(segmented)
    assert counting.sentences_read  # the article has polyphones the model settles
    read_ahead = counting.sentences_read
    fresh = PinyinResolver(readings_for)
    for index in reversed(range(len(segmented))):  # hovering in any order
        assert resolver.resolve(segmented, index) == fresh.resolve(segmented, index)
    assert counting.sentences_read == read_ahead
