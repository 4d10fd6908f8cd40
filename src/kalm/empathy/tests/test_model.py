import socket

import numpy as np
import pytest

from kalm.empathy import features, model


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_it_loads_the_shipped_models_without_network(no_network):
    features._encoder.cache_clear()
    for backend in ("embeddings", "ngrams"):
        loaded = model.load(backend)
        sentiment, emotion, signals = loaded.predict(["Mijn waterkoker lekt."])

        assert sentiment.shape == (1, 3) and np.isclose(sentiment.sum(), 1.0, atol=1e-4)
        assert emotion.shape == (1, 6)
        assert signals.shape == (1, 6)


def test_the_artefact_is_small_and_records_its_training_data():
    meta = model.read_meta()

    assert model.MODEL_PATH.stat().st_size < 5_000_000
    assert len(meta["data"]["train.jsonl"]) == 64
    assert meta["trained_at"]
    assert meta["n_features"] == features.N_FEATURES


def test_it_refuses_an_unknown_backend():
    with pytest.raises(ValueError, match="unknown backend"):
        model.load("bert")
