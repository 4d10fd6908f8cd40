"""The files in deploy/ are accepted by the tools that read them: nginx -t for the site, systemd's
own checker for the units. (The scale-out test then runs them; this runs on SQLite too.)"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.scaleout.test_two_webs_two_workers import (
    BIN,
    DEPLOY,
    NGINX,
    ROOT,
    _missing,
    _nginx_site,
    _unit_command,
)


def test_nginx_accepts_the_site_config(tmp_path):
    if not Path(NGINX).exists():
        _missing(f"nginx is not installed ({NGINX}; apt-get install nginx)")
    (tmp_path / "logs").mkdir()
    conf = _nginx_site(tmp_path, [18001, 18002], 18080, 18443, tmp_path / "var")
    result = subprocess.run(
        [NGINX, "-t", "-c", str(conf), "-e", str(tmp_path / "logs" / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_systemd_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (the systemd package)")
    # The units as installed, with this checkout standing in for /srv/kalm and the example
    # environment file for /etc/kalm/kalm.env; instance files, as `systemctl start` would make.
    names = []
    for template, instance in (("kalm-web@.service", "8001"), ("kalm-worker@.service", "1")):
        text = (DEPLOY / "systemd" / template).read_text(encoding="utf-8")
        text = text.replace("/srv/kalm/.venv/bin/", f"{ROOT}/.venv/bin/")
        text = text.replace("/srv/kalm", str(ROOT))
        text = text.replace("/etc/kalm/kalm.env", str(DEPLOY / "kalm.env.example"))
        name = template.replace("@.", f"@{instance}.")
        (tmp_path / name).write_text(text, encoding="utf-8")
        names.append(str(tmp_path / name))
    shutil.copy(DEPLOY / "systemd" / "kalm.target", tmp_path / "kalm.target")
    result = subprocess.run(
        [analyze, "verify", *names, str(tmp_path / "kalm.target")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    complaints = [line for line in result.stderr.splitlines() if str(tmp_path) in line]
    assert not complaints, result.stderr


def test_the_units_start_gunicorn_with_the_deploy_config_and_the_worker_with_its_threads():
    env = {"KALM_WORKER_THREADS": "3"}
    assert _unit_command("kalm-web@.service", "8002", env) == [
        f"{BIN}/gunicorn",
        "-c",
        f"{ROOT}/deploy/gunicorn.conf.py",
        "--bind",
        "127.0.0.1:8002",
    ]
    assert _unit_command("kalm-worker@.service", "1", env) == [
        f"{BIN}/kalm",
        "run_huey",
        "--workers",
        "3",
        "--worker-type",
        "thread",
        "--flush-locks",
    ]
