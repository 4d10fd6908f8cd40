"""Typed environment helpers that fail loudly on bad values.

Every helper also accepts ``NAME_FILE`` pointing at a file that holds the value, so secrets can
come from Docker/Kubernetes secret mounts instead of the process environment.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit


class ConfigurationError(RuntimeError):
    """A setting in the environment has a value we cannot use."""


def _raw(name: str) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigurationError(f"{name}_FILE={file_name!r} cannot be read: {exc}") from exc
    return os.environ.get(name)


def env_str(name: str, default: str = "") -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no)")


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigurationError(f"{name}={value!r} is not a whole number") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = _raw(name)
    if value is None or value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


# Every SQLite database Kalm opens, from DATABASE_URL or the default file: WAL lets the web app
# read while the worker writes; IMMEDIATE avoids the "database is locked" upgrade deadlock
# between two writers; the timeout lets a writer wait its turn instead of failing.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}

# Connections are kept (per web thread, per worker thread) rather than opened per request: when
# the last connection to a WAL database closes, SQLite checkpoints the whole log into the file,
# syncs it and deletes the log, and the next request creates it again. With Django's default
# (close after every request) an API case creation on an otherwise idle web process waited
# 28 ms for that, against 10 ms of work. The health check replaces a connection that broke.
SQLITE_CONNECTION = {"CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": True}


def parse_database_url(url: str) -> dict:
    """Turn ``postgres://user:pass@host:port/name?opt=v`` or ``sqlite:///path`` into a DATABASES entry."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ConfigurationError("DATABASE_URL has no database name")
        config: dict = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
        options = dict(parse_qsl(parts.query))
        if options:
            config["OPTIONS"] = options
        return config
    if scheme == "sqlite":
        path = unquote(parts.path)
        if path.startswith("/") and parts.netloc == "":
            path = path[1:] if path.startswith("//") else path
        return {
            "ENGINE": "kalm.core.sqlite",
            "NAME": path or ":memory:",
            "OPTIONS": dict(SQLITE_OPTIONS),
            **SQLITE_CONNECTION,
        }
    raise ConfigurationError(f"DATABASE_URL scheme {scheme!r} is not supported (postgres, sqlite)")
