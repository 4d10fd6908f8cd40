"""The shipped linear models (models/engine.npz): loaded lazily, no network, no pickle.

The artefact holds, per backend and task, the weights and intercepts of a logistic regression
trained by `python -m kalm.empathy.train`, stored as float16, plus a JSON `meta` record (training
date, data hashes, seed, counts). Backends (features.py): "embeddings" (multilingual USE of the
message and of its clause after a contrast word, better on unseen wording, ~700-800 msg/s batched
on 2 idle cores) and "ngrams" (hashed character/word n-grams, >3,000 msg/s, weaker on wording it
has not seen).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kalm.empathy.features import BACKENDS, N_FEATURES

MODEL_PATH = Path(__file__).resolve().parent / "models" / "engine.npz"
_lock = threading.Lock()
_loaded: dict[str, Models] = {}
DEFAULT_BACKEND = "embeddings"


@dataclass(frozen=True)
class Linear:
    classes: tuple[str, ...]
    coef: np.ndarray  # (n_outputs, N_FEATURES) float32
    intercept: np.ndarray

    def scores(self, X) -> np.ndarray:
        return np.asarray(X @ self.coef.T) + self.intercept

    def softmax(self, X) -> np.ndarray:
        z = self.scores(X)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def sigmoid(self, X) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.scores(X)))


@dataclass(frozen=True)
class Models:
    sentiment: Linear
    emotion: Linear
    signals: Linear  # one binary model per signal (rows in SIGNALS order)
    backend: str

    def predict(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        X = BACKENDS[self.backend](texts)
        return self.sentiment.softmax(X), self.emotion.softmax(X), self.signals.sigmoid(X)


def _linear(data, name: str) -> Linear:
    return Linear(
        classes=tuple(str(c) for c in data[f"{name}_classes"]),
        coef=data[f"{name}_coef"].astype(np.float32),
        intercept=data[f"{name}_intercept"].astype(np.float32),
    )


def read_meta(path: Path = MODEL_PATH) -> dict:
    with np.load(path, allow_pickle=False) as data:
        return json.loads(str(data["meta"]))


def load(backend: str, path: Path = MODEL_PATH) -> Models:
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose from {sorted(BACKENDS)}")
    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        if meta.get("n_features") != N_FEATURES:
            raise ValueError(f"{path} was trained with other features; run kalm.empathy.train")
        return Models(
            sentiment=_linear(data, f"{backend}_sentiment"),
            emotion=_linear(data, f"{backend}_emotion"),
            signals=_linear(data, f"{backend}_signals"),
            backend=backend,
        )


def get(backend: str = DEFAULT_BACKEND) -> Models:
    """The shipped models for `backend`, loaded on first use and kept for the process."""
    if backend not in _loaded:
        with _lock:
            if backend not in _loaded:
                _loaded[backend] = load(backend)
    return _loaded[backend]
