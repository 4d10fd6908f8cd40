import pytest
from hypothesis import given
from hypothesis import strategies as st

from kalm.core.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_database_url,
)


def test_it_parses_a_postgres_url():
    cfg = parse_database_url("postgres://kalm:s%40cret@db.local:5433/kalm?sslmode=require")
    assert cfg["ENGINE"] == "django.db.backends.postgresql"
    assert (cfg["USER"], cfg["PASSWORD"], cfg["HOST"], cfg["PORT"], cfg["NAME"]) == (
        "kalm",
        "s@cret",
        "db.local",
        "5433",
        "kalm",
    )
    assert cfg["OPTIONS"] == {"sslmode": "require"}


def test_a_sqlite_url_gets_the_same_options_as_the_default_file(tmp_path):
    # WAL, IMMEDIATE transactions and a busy timeout: without them a web process and a worker
    # writing at once fail with "database is locked" (seen in bench/throughput.py).
    cfg = parse_database_url(f"sqlite:///{tmp_path}/kalm.sqlite3")
    assert cfg["NAME"] == f"{tmp_path}/kalm.sqlite3"
    assert cfg["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert cfg["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in cfg["OPTIONS"]["init_command"]
    # Kept connections: closing the last one checkpoints and deletes the WAL every request.
    assert cfg["CONN_MAX_AGE"] == 600
    assert cfg["CONN_HEALTH_CHECKS"] is True


def test_it_refuses_an_unknown_scheme():
    with pytest.raises(ConfigurationError, match="not supported"):
        parse_database_url("mysql://x@y/z")


def test_it_refuses_a_postgres_url_without_database():
    with pytest.raises(ConfigurationError, match="no database name"):
        parse_database_url("postgres://x@y/")


def test_bad_boolean_fails_loudly(monkeypatch):
    monkeypatch.setenv("KALM_X", "maybe")
    with pytest.raises(ConfigurationError, match="KALM_X"):
        env_bool("KALM_X")


def test_bad_integer_fails_loudly(monkeypatch):
    monkeypatch.setenv("KALM_X", "ten")
    with pytest.raises(ConfigurationError, match="KALM_X"):
        env_int("KALM_X", 1)


def test_file_variant_is_read(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("KALM_X_FILE", str(secret))
    assert env_str("KALM_X") == "from-a-file"


def test_missing_file_fails_loudly(monkeypatch, tmp_path):
    monkeypatch.setenv("KALM_X_FILE", str(tmp_path / "absent"))
    with pytest.raises(ConfigurationError, match="cannot be read"):
        env_str("KALM_X")


def test_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("KALM_X", " a, b ,,c ")
    assert env_list("KALM_X") == ["a", "b", "c"]


@given(st.text())
def test_env_bool_either_parses_or_says_why(value):
    import os

    os.environ["KALM_FUZZ"] = value.replace("\x00", "")
    try:
        assert env_bool("KALM_FUZZ") in (True, False)
    except ConfigurationError as exc:
        assert "KALM_FUZZ" in str(exc)
    finally:
        del os.environ["KALM_FUZZ"]
