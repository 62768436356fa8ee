"""g2pM's polyphone model, run in batches: the reading of a polyphonic character in context.

g2pM (Park & Lee, Interspeech 2020; Apache-2.0) ships a one-layer
bidirectional LSTM (64-wide character embeddings, 32 hidden units each way)
with a two-layer classifier over 876 toned syllables, trained on the CPP
benchmark's training split.  Its own ``G2pM.__call__`` runs one sentence at a
time in float64 (about 6 ms a sentence here); this module loads the same
weights from the installed package and runs many sentences at once in
float32, with the input projection precomputed per character, and keeps the
argmax among the character's own readings (g2pM's takes it over all 876
classes, so it can answer a syllable the character never has).

numpy and the weights are loaded only for the first sentence that holds one of
the model's polyphones: asking whether a character is one (``is_polyphonic``)
reads the small readings table alone, so a text whose polyphones the
dictionary and the rules settle never imports numpy.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Sequence
from functools import cache
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy

_BOS, _EOS, _UNK = "시", "끝", "<UNK>"  # g2pM's own sentence markers (Korean letters)
_BATCH = 256


class PolyphoneModel:
    """Readings of polyphonic characters in sentences, as numbered pinyin (``le5``, ``lu:4``)."""

    def __init__(self, folder: str) -> None:
        self._folder = folder
        readings_of: dict[str, list[str]] = _load(folder, "digest_cedict.pkl")
        self.candidates = {char: found for char, found in readings_of.items() if len(found) > 1}
        self._weights: _Weights | None = None
        self._weights_lock = threading.Lock()

    def is_polyphonic(self, char: str) -> bool:
        """Whether the model reads ``char`` (answered without loading numpy or the weights)."""
        return char in self.candidates

    def _loaded(self) -> _Weights:
        with self._weights_lock:
            if self._weights is None:
                self._weights = _Weights(self._folder, self.candidates)
            return self._weights

    def predict(self, sentences: Sequence[str]) -> list[dict[int, tuple[str, float]]]:
        """For each sentence, offset -> (numbered reading, probability) of each polyphone in it."""
        results: list[dict[int, tuple[str, float]]] = [{} for _ in sentences]
        jobs = [
            index
            for index, sentence in enumerate(sentences)
            if any(char in self.candidates for char in sentence)
        ]
        if not jobs:
            return results
        jobs.sort(key=lambda index: len(sentences[index]))
        self._loaded().predict(sentences, jobs, results)
        return results


def _load(folder: str, name: str) -> Any:
    with open(os.path.join(folder, name), "rb") as stream:
        return pickle.load(stream)  # noqa: S301 - the installed package's own files


class _Weights:
    """The network, loaded with numpy on the first sentence that holds a polyphone."""

    def __init__(self, folder: str, candidates: dict[str, list[str]]) -> None:
        self._candidates = candidates
        # Small matrices: OpenBLAS's worker threads only spin and slow each product
        # down several times on a busy machine.  Set before numpy's first import.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        import numpy as np

        self._np = np
        self._char_ids: dict[str, int] = _load(folder, "char2idx.pkl")
        class_ids: dict[str, int] = _load(folder, "class2idx.pkl")
        self._class_numbers = class_ids
        self._classes = [""] * len(class_ids)
        for syllable, number in class_ids.items():
            self._classes[number] = syllable
        weights = _load(folder, "np_ckpt.pkl")
        embeddings = weights["embedding.weight"]
        size = weights["lstm.weight_hh_l0"].shape[1]
        # sigmoid(x) = (tanh(x / 2) + 1) / 2: halving the input, forget and output gates'
        # weights lets one tanh serve all four gates (PyTorch's order: i, f, g, o)
        halves = np.full(4 * size, 0.5, dtype=np.float32)
        halves[2 * size : 3 * size] = 1

        def direction(suffix: str) -> tuple[Any, Any]:
            # the input half of each LSTM step depends on the character alone: precompute it
            inputs = (
                embeddings @ weights[f"lstm.weight_ih_l0{suffix}"].T
                + weights[f"lstm.bias_ih_l0{suffix}"]
                + weights[f"lstm.bias_hh_l0{suffix}"]
            )
            return inputs * halves, weights[f"lstm.weight_hh_l0{suffix}"].T * halves

        forward, backward = direction(""), direction("_reverse")
        # both directions run in the same steps, as one stacked product
        self._inputs = (forward[0].astype(np.float32), backward[0].astype(np.float32))
        self._recurrent = np.stack([forward[1], backward[1]]).astype(np.float32)
        self._hidden = (weights["logit_layer.0.weight"].T.copy(), weights["logit_layer.0.bias"])
        self._output = (weights["logit_layer.2.weight"].T.copy(), weights["logit_layer.2.bias"])
        self._masks: dict[str, numpy.ndarray] = {}

    def predict(
        self,
        sentences: Sequence[str],
        jobs: list[int],
        results: list[dict[int, tuple[str, float]]],
    ) -> None:
        """Fill ``results`` for the sentences ``jobs`` names, shortest first."""
        np = self._np
        candidates = self._candidates
        unknown = self._char_ids[_UNK]
        for first in range(0, len(jobs), _BATCH):
            batch = jobs[first : first + _BATCH]
            width = len(sentences[batch[-1]]) + 2
            ids = np.zeros((len(batch), width), dtype=np.int64)
            lengths = np.empty(len(batch), dtype=np.int64)
            for row, index in enumerate(batch):
                sequence = [
                    self._char_ids[_BOS],
                    *(self._char_ids.get(char, unknown) for char in sentences[index]),
                    self._char_ids[_EOS],
                ]
                ids[row, : len(sequence)] = sequence
                lengths[row] = len(sequence)
            # each row reversed within its own length, so padding stays at the end
            positions = lengths[:, None] - 1 - np.arange(width)[None, :]
            reversed_ids = np.take_along_axis(ids, np.maximum(positions, 0), axis=1)
            reversed_ids[positions < 0] = 0
            forward, backward = self._run(ids, reversed_ids)
            rows, columns, offsets, chars = [], [], [], []
            for row, index in enumerate(batch):
                for offset, char in enumerate(sentences[index]):
                    if char in candidates:
                        rows.append(row)
                        columns.append(offset + 1)
                        offsets.append((index, offset))
                        chars.append(char)
            row_array = np.array(rows)
            column_array = np.array(columns)
            states = np.concatenate(
                [
                    forward[row_array, column_array],
                    backward[row_array, lengths[row_array] - 1 - column_array],
                ],
                axis=1,
            )
            hidden = np.maximum(states @ self._hidden[0] + self._hidden[1], 0)
            distinct = list(dict.fromkeys(chars))
            place = {char: number for number, char in enumerate(distinct)}
            masks = np.stack([self._mask(char) for char in distinct])
            logits = hidden @ self._output[0] + self._output[1] + masks[[place[c] for c in chars]]
            best = np.argmax(logits, axis=1)
            top = logits[np.arange(len(best)), best]
            # the best class's probability among the character's own readings
            confidence = 1 / np.exp(logits - top[:, None]).sum(axis=1)
            for (index, offset), number, sure in zip(
                offsets, best.tolist(), confidence.tolist(), strict=True
            ):
                results[index][offset] = (self._classes[number], sure)

    def _mask(self, char: str) -> numpy.ndarray:
        """0 for the character's own readings, -inf for every other class."""
        mask = self._masks.get(char)
        if mask is None:
            np = self._np
            mask = np.full(len(self._classes), -np.inf, dtype=np.float32)
            for syllable in self._candidates[char]:
                if syllable in self._class_numbers:
                    mask[self._class_numbers[syllable]] = 0
            if not np.isfinite(mask).any():
                mask[:] = 0
            self._masks[char] = mask
        return mask

    def _run(self, ids: numpy.ndarray, reversed_ids: numpy.ndarray) -> Any:
        """Both directions of the LSTM over a padded batch: the hidden states at every step."""
        np = self._np
        recurrent = self._recurrent
        size = recurrent.shape[1]
        batch, steps = ids.shape
        # step-major, so that each step reads one contiguous block
        projected = np.empty((2, steps, batch, 4 * size), dtype=np.float32)
        np.take(self._inputs[0], ids.T, axis=0, out=projected[0])
        np.take(self._inputs[1], reversed_ids.T, axis=0, out=projected[1])
        hidden = np.zeros((2, batch, size), dtype=np.float32)
        cell = np.zeros((2, batch, size), dtype=np.float32)
        out = np.empty((2, batch, steps, size), dtype=np.float32)
        for step in range(steps):
            squashed = np.tanh(projected[:, step] + hidden @ recurrent)
            gates = squashed * 0.5 + 0.5  # the sigmoid gates; the cell input is squashed itself
            cell = (
                gates[..., size : 2 * size] * cell
                + gates[..., :size] * squashed[..., 2 * size : 3 * size]
            )
            hidden = gates[..., 3 * size :] * np.tanh(cell)
            out[:, :, step] = hidden
        return out[0], out[1]


_lock = threading.Lock()


@cache
def _installed_folder() -> str | None:
    spec = find_spec("g2pM")
    if spec is None or not spec.submodule_search_locations:
        return None
    return list(spec.submodule_search_locations)[0]


_loaded: list[PolyphoneModel | None] = []


def shared_model() -> PolyphoneModel | None:
    """The one model of the process, loaded on first call; None when g2pM is not installed."""
    with _lock:
        if not _loaded:
            folder = _installed_folder()
            _loaded.append(PolyphoneModel(folder) if folder else None)
        return _loaded[0]
