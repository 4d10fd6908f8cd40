"""KALM_IMAP_MAILBOXES: a JSON list of mailboxes, refused loudly when unclear."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kalm.channels.email.imap import Mailbox, mailboxes_parse
from kalm.core.env import ConfigurationError

GOOD = {"name": "support", "host": "imap.example", "user": "support", "password": "s3cret"}


def _parse(*items) -> list[Mailbox]:
    return mailboxes_parse(json.dumps(list(items)))


def test_it_reads_several_mailboxes_with_defaults():
    support, sales = _parse(
        {**GOOD, "team": "support"},
        {**GOOD, "name": "sales", "ssl": False, "folder": "Klachten", "port": 1143},
    )
    assert (support.effective_port, support.ssl, support.folder) == (993, True, "INBOX")
    assert support.team == "support" and support.secret() == "s3cret"
    assert (sales.effective_port, sales.ssl, sales.folder) == (1143, False, "Klachten")
    assert sales.effective_port == 1143
    assert Mailbox(name="x", host="h", user="u", ssl=False).effective_port == 143


def test_it_is_empty_when_unset():
    assert mailboxes_parse("") == [] and mailboxes_parse("[]") == []


def test_it_reads_the_password_from_a_file(tmp_path):
    secret = tmp_path / "imap-password"
    secret.write_text("from-a-file\n")
    item = {**GOOD, "password_file": str(secret)}
    del item["password"]
    [mailbox] = _parse(item)
    assert mailbox.secret() == "from-a-file"
    assert "from-a-file" not in repr(mailbox) and "s3cret" not in repr(_parse(GOOD)[0])


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('[{"name": "x"', "not valid JSON"),
        ('{"name": "x"}', "must be a JSON list"),
        ('["support"]', r"\[0\] must be an object"),
        (json.dumps([{**GOOD, "host": ""}]), "needs 'host'"),
        (json.dumps([{k: v for k, v in GOOD.items() if k != "password"}]), "'password' or"),
        (json.dumps([{**GOOD, "port": "993"}]), "port must be a port number"),
        (json.dumps([{**GOOD, "ssl": "yes"}]), "ssl must be true or false"),
        (json.dumps([{**GOOD, "tema": "x"}]), "unknown keys: tema"),
        (json.dumps([{**GOOD, "password_file": "/nonexistent/pw"}]), "is missing"),
        (json.dumps([GOOD, GOOD]), "names must be unique"),
    ],
)
def test_it_refuses_unclear_configuration(raw, message):
    with pytest.raises(ConfigurationError, match=message):
        mailboxes_parse(raw)


def test_bad_json_in_the_environment_stops_start_up(tmp_path):
    env = {
        **os.environ,
        "KALM_IMAP_MAILBOXES": "[{oops",
        "KALM_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "kalm.settings",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "ConfigurationError: KALM_IMAP_MAILBOXES is not valid JSON" in done.stderr
