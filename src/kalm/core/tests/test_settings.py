"""Settings for running on several machines: a shared Redis cache and S3 evidence storage.

Each case loads ``kalm.settings`` afresh in a child process with its own environment, as a web
process or worker does at start-up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

REDIS_URL = os.environ.get("KALM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _load(env: dict[str, str], code: str = "", *, block: tuple[str, ...] = ()) -> dict:
    """Import kalm.settings with ``env`` and return what ``code`` stores in ``out`` (plus the
    error, if start-up refused). Modules in ``block`` behave as not installed."""
    script = f"""
import json, sys
for name in {block!r}:
    sys.modules[name] = None
out = {{}}
try:
    import kalm.settings as s
    {code or "pass"}
except Exception as exc:
    out["error"] = type(exc).__name__ + ": " + str(exc)
out["imported"] = sorted(m for m in ("boto3", "botocore", "storages") if sys.modules.get(m))
print(json.dumps(out, default=str))
"""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("KALM_S3_", "KALM_CACHE"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**base, "DATABASE_URL": "", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_bucket_evidence_stays_on_the_filesystem_and_boto3_is_not_imported():
    out = _load({}, 'out["storage"] = s.STORAGES["default"]["BACKEND"]')
    assert out == {
        "storage": "django.core.files.storage.FileSystemStorage",
        "imported": [],
    }


def test_a_bucket_selects_s3_storage_with_keys_from_files(tmp_path):
    pytest.importorskip("storages", reason="the s3 extra is not installed (pip install 'kalm[s3]')")
    (tmp_path / "secret").write_text("s3cr3t\n", encoding="utf-8")
    out = _load(
        {
            "KALM_S3_BUCKET": "kalm-evidence",
            "KALM_S3_ENDPOINT_URL": "https://s3.example.net",
            "KALM_S3_ACCESS_KEY_ID": "AKIAKALM",
            "KALM_S3_SECRET_ACCESS_KEY_FILE": str(tmp_path / "secret"),
            "KALM_S3_PREFIX": "/prod/",
        },
        'out["default"] = s.STORAGES["default"]',
    )
    assert out["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "kalm-evidence",
            "endpoint_url": "https://s3.example.net",
            "region_name": None,
            "access_key": "AKIAKALM",
            "secret_key": "s3cr3t",
            "location": "prod",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    assert out["imported"] == []  # the backend is imported when first used, not by settings


def test_a_bucket_without_the_s3_extra_stops_start_up_with_a_clear_message():
    out = _load({"KALM_S3_BUCKET": "kalm-evidence"}, block=("boto3", "storages"))
    assert out["error"] == (
        "ConfigurationError: KALM_S3_BUCKET is set but django-storages with boto3 is not "
        "installed: install Kalm with the s3 extra (pip install 'kalm[s3]')"
    )


def test_it_refuses_a_cache_url_it_cannot_use():
    out = _load({"KALM_CACHE_URL": "memcached://127.0.0.1:11211"})
    assert out["error"] == (
        "ConfigurationError: KALM_CACHE_URL='memcached://127.0.0.1:11211': only redis:// URLs "
        "are supported"
    )


def test_without_a_cache_url_each_process_keeps_its_own_cache():
    out = _load({}, 'out["caches"] = getattr(s, "CACHES", None)')
    assert out["caches"] is None  # Django's per-process memory cache


def test_a_redis_cache_is_shared_by_processes():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as exc:
        message = f"Redis does not answer at {REDIS_URL} (set KALM_TEST_REDIS_URL): {exc}"
        if os.environ.get("KALM_REQUIRE_ALL") == "1":
            pytest.fail(message)
        pytest.skip(message)
    env = {"KALM_CACHE_URL": REDIS_URL}
    setup = "import django; django.setup(); from django.core.cache import cache, caches; "
    written = _load(env, setup + 'cache.set("kalm-test-shared", {"set by": "process one"}, 30)')
    read = _load(
        env,
        setup
        + 'out["value"] = cache.get("kalm-test-shared"); cache.delete("kalm-test-shared"); '
        + 'out["backend"] = type(caches["default"]).__name__',
    )
    assert "error" not in written, written
    assert read["value"] == {"set by": "process one"}
    assert read["backend"] == "RedisCache"
