"""``kalm ingest_email < message.eml``, through call_command and as a real MTA pipe would run it."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kalm.channels.models import InboundEmail
from kalm.channels.tests.mail import CORPUS, corpus
from kalm.core.testing import TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _run(raw: bytes, *args: str) -> str:
    out = io.StringIO()
    call_command("ingest_email", *args, stdin=io.BytesIO(raw), stdout=out)
    return out.getvalue()


def test_it_prints_one_line_per_outcome():
    first = _run(corpus("plain_dutch.eml"))
    reference = InboundEmail.objects.get().case.reference
    assert first == f"case {reference} new\n"
    assert _run(corpus("plain_dutch.eml")) == f"duplicate of {reference}\n"
    assert _run(corpus("auto_replied.eml")) == "ignored: auto-reply\n"
    assert _run(corpus("dsn_bounce.eml")) == "ignored: bounce\n"
    assert _run(corpus("garbage.eml")) == "quarantined: no sender address\n"
    reply = (
        corpus("outlook_reply.eml")
        .replace(b"Subject: RE: Reply to your message", f"Subject: RE: [{reference}]".encode())
        .replace(b"marieke@example.nl", b"sanne@example.nl")
    )
    assert _run(reply) == f"case {reference} reply\n"


def test_it_puts_new_cases_in_the_team_given():
    team = TeamFactory(slug="klachten")
    _run(corpus("plain_dutch.eml"), "--team", "klachten", "--source", "imap:test")
    inbound = InboundEmail.objects.get()
    assert inbound.case.team == team and inbound.source == "imap:test"


def test_it_refuses_empty_input_and_an_unknown_team():
    with pytest.raises(CommandError, match="empty input"):
        _run(b"")
    with pytest.raises(CommandError, match="unknown team"):
        _run(corpus("plain_dutch.eml"), "--team", "nope")
    assert InboundEmail.objects.count() == 0


def _kalm() -> str:
    return str(Path(sys.executable).with_name("kalm"))


def test_it_works_as_a_real_pipe(tmp_path):
    env = {**os.environ, "KALM_VAR_DIR": str(tmp_path / "var"), "KALM_QUEUE_IMMEDIATE": "1"}
    env.pop("DATABASE_URL", None)  # a fresh SQLite database under the temp var dir
    env["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    subprocess.run([_kalm(), "migrate", "-v0"], env=env, check=True, timeout=300)

    def pipe(name: str) -> subprocess.CompletedProcess:
        with (CORPUS / name).open("rb") as stdin:
            return subprocess.run(
                [_kalm(), "ingest_email"], stdin=stdin, env=env, capture_output=True, timeout=120
            )

    new = pipe("plain_dutch.eml")
    assert new.returncode == 0, new.stderr
    line = new.stdout.decode().strip()
    assert line.startswith("case K") and line.endswith(" new")
    reference = line.split()[1]
    again = pipe("plain_dutch.eml")
    assert (again.returncode, again.stdout.decode().strip()) == (0, f"duplicate of {reference}")
    garbage = pipe("garbage.eml")
    assert (garbage.returncode, garbage.stdout.decode().strip()) == (
        0,
        "quarantined: no sender address",
    )
    empty = subprocess.run(
        [_kalm(), "ingest_email"], input=b"", env=env, capture_output=True, timeout=120
    )
    assert empty.returncode != 0
    assert b"empty input" in empty.stderr
