import json
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
    assert isinstance(meta["seed"], int)
    assert meta["rows"]["own"] > 2000
    if meta["rows"]["davidson"]:
        assert len(meta["data"]["labeled_data.csv"]) == 64


def test_the_shipped_model_was_trained_on_the_shipped_training_file():
    from kalm.empathy.train import TRAIN, sha256

    assert model.read_meta()["data"]["train.jsonl"] == sha256(TRAIN)


def test_the_held_out_set_shares_no_template_or_text_with_training():
    from kalm.empathy.data.build_dataset import build

    train, heldout = build()
    train_templates = {r["template"] for r in train}
    train_texts = {r["text"] for r in train}

    assert heldout and not train_templates & {r["template"] for r in heldout}
    assert not train_texts & {r["text"] for r in heldout}
    assert all("-h" in r["id"] for r in heldout)
    # the second round of templates is training only
    assert not any("-m" in r["template"] for r in heldout)


def test_the_fresh_held_out_set_is_not_in_the_training_file():
    from kalm.empathy.data.build_dataset import REPO
    from kalm.empathy.train import read_own

    fresh = REPO / "bench" / "data" / "classify_fresh.jsonl"
    if not fresh.exists():
        pytest.skip("bench/data/classify_fresh.jsonl is not in this checkout")
    rows = [json.loads(line) for line in fresh.read_text(encoding="utf-8").splitlines() if line]
    trained = {r["text"].casefold() for r in read_own()}

    assert len(rows) == 180
    assert not trained & {r["text"].casefold() for r in rows}


def test_it_refuses_an_unknown_backend():
    with pytest.raises(ValueError, match="unknown backend"):
        model.load("bert")
