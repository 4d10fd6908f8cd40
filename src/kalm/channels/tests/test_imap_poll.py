"""The IMAP poller against a real Dovecot on 127.0.0.1 (see servers.py)."""

from __future__ import annotations

import io
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.core.management import CommandError, call_command

from kalm.cases.models import Case, Channel
from kalm.channels.email.imap import Mailbox, MailboxError, mailbox_poll, mailbox_poll_locked
from kalm.channels.models import InboundEmail
from kalm.channels.tests import servers
from kalm.channels.tests.servers import free_port
from kalm.core.testing import TeamFactory

dovecot = servers.dovecot  # the fixture, a real Dovecot on 127.0.0.1
SUPPORT = "support@kalm.test"
SALES = "sales@kalm.test"


def _email(
    subject: str = "Fles ontploft",
    body: str = "De fles is in mijn hand ontploft.",
    *,
    sender: str = "Sanne de Vries <sanne@example.nl>",
    to: str = SUPPORT,
    in_reply_to: str = "",
    headers: dict[str, str] | None = None,
) -> tuple[bytes, str]:
    msg = EmailMessage()
    if sender:
        msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = message_id = make_msgid(domain="example.nl")
    if in_reply_to:
        msg["In-Reply-To"] = msg["References"] = in_reply_to
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg.as_bytes(), message_id


def _config(server, user: str, **extra) -> Mailbox:
    return Mailbox(
        name=user.split("@")[0],
        host="127.0.0.1",
        port=server.port,
        user=user,
        password=server.users[user],
        ssl=False,
        team=user.split("@")[0],
        **extra,
    )


@pytest.fixture
def imap(dovecot, db):
    for user in (SUPPORT, SALES):
        dovecot.reset(user)
    TeamFactory(slug="support", name="Support", email=SUPPORT)
    TeamFactory(slug="sales", name="Sales", email=SALES)
    return dovecot


@pytest.fixture
def support(imap) -> Mailbox:
    return _config(imap, SUPPORT)


def _seen(server, user: str = SUPPORT) -> list[bool]:
    return [b"\\Seen" in flags for flags in server.flags(user)]


def test_it_opens_a_case_per_new_message_and_marks_them_seen(imap, support):
    imap.append(SUPPORT, _email("Fles ontploft")[0])
    imap.append(SUPPORT, _email("Dop lekt", sender="Piet <piet@example.nl>")[0])
    result = mailbox_poll(support)
    assert result.fetched == 2 and dict(result.outcomes) == {"new": 2}
    assert result.line() == "support: 2 fetched (2 new)"
    cases = Case.objects.order_by("pk")
    assert [c.subject for c in cases] == ["Fles ontploft", "Dop lekt"]
    assert {c.team.slug for c in cases} == {"support"} and {c.channel for c in cases} == {
        Channel.EMAIL
    }
    assert set(InboundEmail.objects.values_list("source", flat=True)) == {"imap:support"}
    assert _seen(imap) == [True, True]


def test_a_second_poll_finds_nothing(imap, support):
    imap.append(SUPPORT, _email()[0])
    assert mailbox_poll(support).fetched == 1
    again = mailbox_poll(support)
    assert again.fetched == 0 and again.line() == "support: 0 fetched"
    assert Case.objects.count() == 1 and InboundEmail.objects.count() == 1


def test_it_leaves_messages_that_were_already_seen(imap, support):
    imap.append(SUPPORT, _email()[0], flags="(\\Seen)")
    assert mailbox_poll(support).fetched == 0
    assert not Case.objects.exists()


def test_a_reply_threads_onto_its_case(imap, support):
    raw, first_id = _email("Fles ontploft")
    imap.append(SUPPORT, raw)
    mailbox_poll(support)
    case = Case.objects.get()
    imap.append(SUPPORT, _email("Nog een vraag", "Is er nieuws?", in_reply_to=first_id)[0])
    result = mailbox_poll(support)
    assert dict(result.outcomes) == {"reply": 1}
    assert Case.objects.get() == case
    assert case.messages.filter(kind="inbound", body__contains="Is er nieuws?").exists()


def test_an_auto_reply_opens_no_case_but_is_marked_seen(imap, support):
    raw, _ = _email("Afwezig", "Ik ben er niet.", headers={"Auto-Submitted": "auto-replied"})
    imap.append(SUPPORT, raw)
    result = mailbox_poll(support)
    assert dict(result.outcomes) == {"auto_reply": 1}
    assert not Case.objects.exists()
    assert InboundEmail.objects.get().status == InboundEmail.Status.IGNORED_AUTO_REPLY
    assert _seen(imap) == [True]


def test_a_message_it_cannot_use_is_kept_quarantined_and_marked_seen(imap, support):
    imap.append(SUPPORT, _email(sender="")[0])  # no From: nobody to answer
    result = mailbox_poll(support)
    assert dict(result.outcomes) == {"quarantined": 1}
    inbound = InboundEmail.objects.get()
    assert inbound.status == InboundEmail.Status.QUARANTINED and bytes(inbound.raw)
    assert _seen(imap) == [True]


def test_a_message_ingested_before_a_crash_is_not_stored_twice(imap, support):
    from kalm.channels.email.ingest import ingest_raw

    raw, _ = _email()
    imap.append(SUPPORT, raw)
    ingest_raw(raw, source="imap:support")  # the earlier poll died before flagging it
    result = mailbox_poll(support)
    assert dict(result.outcomes) == {"duplicate": 1}
    assert Case.objects.count() == 1
    assert _seen(imap) == [True]


def test_it_moves_processed_messages_when_the_folder_exists(imap):
    imap.create_folder(SUPPORT, "Processed")
    mailbox = _config(imap, SUPPORT, processed_folder="Processed")
    imap.append(SUPPORT, _email()[0])
    result = mailbox_poll(mailbox)
    assert result.moved == 1
    assert imap.count(SUPPORT) == 0 and imap.count(SUPPORT, folder="Processed") == 1
    assert _seen(imap, SUPPORT) == []
    assert [b"\\Seen" in f for f in imap.flags(SUPPORT, folder="Processed")] == [True]


def test_each_mailbox_feeds_its_own_team(imap, support):
    imap.append(SUPPORT, _email("Voor support")[0])
    imap.append(SALES, _email("Voor sales", to=SALES)[0])
    mailbox_poll(support)
    mailbox_poll(_config(imap, SALES))
    teams = dict(Case.objects.values_list("subject", "team__slug"))
    assert teams == {"Voor support": "support", "Voor sales": "sales"}


def test_it_logs_and_raises_when_the_server_cannot_be_reached(db, caplog):
    closed = Mailbox(
        name="dead", host="127.0.0.1", port=free_port(), user="x", password="y", ssl=False
    )
    with pytest.raises(MailboxError, match="cannot connect"):
        mailbox_poll(closed)
    [record] = [r for r in caplog.records if r.name == "kalm.channels.email.imap"]
    assert record.levelname == "ERROR" and "mailbox dead: cannot connect" in record.getMessage()


def test_it_raises_when_the_login_is_refused(imap):
    # Slow on purpose (~4 s): Dovecot makes the next login from this IP wait after a failure.
    wrong = Mailbox(
        name="support", host="127.0.0.1", port=imap.port, user=SUPPORT, password="nope", ssl=False
    )
    imap.append(SUPPORT, _email()[0])
    with pytest.raises(MailboxError, match="login"):
        mailbox_poll(wrong)
    assert _seen(imap) == [False]


def test_it_refuses_a_mailbox_mapped_to_an_unknown_team(imap):
    mailbox = _config(imap, SUPPORT)
    mailbox = Mailbox(**{**mailbox.__dict__, "team": "nobody"})
    with pytest.raises(MailboxError, match="no team"):
        mailbox_poll(mailbox)


def test_a_mailbox_another_worker_polls_is_skipped(imap, support):
    from huey.contrib.djhuey import HUEY

    imap.append(SUPPORT, _email()[0])
    with HUEY.lock_task("kalm-imap-poll-support"):
        assert mailbox_poll_locked(support) is None
    assert _seen(imap) == [False]
    assert mailbox_poll_locked(support).fetched == 1


def test_the_periodic_task_polls_every_configured_mailbox(imap, support, settings):
    from kalm.channels.tasks import mailboxes_poll

    settings.KALM_IMAP_MAILBOXES = [support, _config(imap, SALES)]
    imap.append(SUPPORT, _email("Voor support")[0])
    imap.append(SALES, _email("Voor sales", to=SALES)[0])
    mailboxes_poll()
    assert set(Case.objects.values_list("team__slug", flat=True)) == {"support", "sales"}


def test_the_command_prints_one_line_per_mailbox(imap, support, settings):
    settings.KALM_IMAP_MAILBOXES = [support, _config(imap, SALES)]
    imap.append(SUPPORT, _email()[0])
    out = io.StringIO()
    call_command("poll_mailboxes", "--once", stdout=out)
    assert out.getvalue().splitlines() == ["support: 1 fetched (1 new)", "sales: 0 fetched"]


def test_the_command_fails_when_a_mailbox_cannot_be_polled(imap, support, settings):
    dead = Mailbox(
        name="dead", host="127.0.0.1", port=free_port(), user="x", password="y", ssl=False
    )
    settings.KALM_IMAP_MAILBOXES = [dead, support]
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 mailbox"):
        call_command("poll_mailboxes", "--once", stdout=out, stderr=err)
    assert "dead: error:" in err.getvalue()
    assert out.getvalue().splitlines() == ["support: 0 fetched"]


def test_without_move_it_copies_and_expunges_only_that_message(imap, support):
    from kalm.channels.email.imap import _move

    imap.create_folder(SUPPORT, "Processed")
    imap.append(SUPPORT, _email("Eerste")[0])
    imap.append(SUPPORT, _email("Tweede")[0])
    conn = imap.imap(SUPPORT)
    try:
        conn.select("INBOX")
        first_uid = conn.uid("SEARCH", None, "ALL")[1][0].split()[0]
        assert _move(conn, first_uid, "Processed", {"UIDPLUS"}, support)
        assert not _move(conn, first_uid, "Processed", set(), support)  # neither: stays put
    finally:
        conn.logout()
    assert imap.count(SUPPORT) == 1 and imap.count(SUPPORT, folder="Processed") == 1
