"""ingest_raw end to end on the corpus: where each message lands, and that none is lost."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalm.cases.models import Case, Channel, Message, PortalLink, Status
from kalm.channels.actions import email_ref_record
from kalm.channels.email.ingest import ingest_raw
from kalm.channels.models import EmailRef, InboundEmail
from kalm.channels.tests.mail import build, corpus, jpeg_bytes, tnef_bytes, with_winmail
from kalm.core.testing import TeamFactory, make_case
from kalm.dossier.models import EntryKind, Evidence
from kalm.dossier.selectors import dossier_verify_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_opens_a_case_from_a_plain_dutch_message():
    result = ingest_raw(corpus("plain_dutch.eml"))
    assert result.outcome == "new"
    case = result.case
    assert result.line == f"case {case.reference} new"
    assert case.channel == Channel.EMAIL
    assert case.subject == "Glassplinter in de pindakaas"
    assert case.consumer.email == "sanne@example.nl"
    assert case.consumer.name == "Sanne de Vries"
    message = case.messages.get()
    assert message.body.startswith("Goedemorgen,")
    assert "Dorpsstraat" not in message.body  # the signature is cut for the timeline
    inbound = InboundEmail.objects.get()
    assert inbound.status == InboundEmail.Status.PROCESSED
    assert inbound.case == case and inbound.case_message == message
    assert inbound.source == "pipe" and inbound.attempts == 1
    assert bytes(inbound.raw) == corpus("plain_dutch.eml")
    assert "Dorpsstraat 1, Utrecht" in inbound.text_full
    entry = case.dossier.get(kind=EntryKind.MESSAGE_IN)
    assert "Dorpsstraat 1, Utrecht" in entry.payload["original_body"]
    assert entry.payload["email"]["message_id"] == "plain-dutch-1@mail.example.nl"
    assert EmailRef.objects.get(message_id="plain-dutch-1@mail.example.nl").case == case


def test_it_sends_the_confirmation_with_a_status_link_for_a_new_case():
    result = ingest_raw(corpus("plain_dutch.eml"))
    assert PortalLink.objects.filter(case=result.case).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sanne@example.nl"]
    assert result.case.reference in mail.outbox[0].subject


def test_a_new_case_is_written_once_after_its_insert_with_one_chain(monkeypatch):
    """The opening, the message and the status link go in with one append: the case row is
    updated once (each UPDATE of it is a new row version on PostgreSQL), and the chain holds."""
    # The intake's own statements, not the worker's jobs it queues (run at once in tests).
    monkeypatch.setattr("kalm.cases.tasks.queue_case_intake", lambda *args: None)
    monkeypatch.setattr("kalm.cases.tasks.send_case_email", lambda *args, **kwargs: None)
    with CaptureQueriesContext(connection) as queries:
        result = ingest_raw(corpus("plain_dutch.eml"))
    case_updates = [q for q in queries if q["sql"].startswith('UPDATE "cases_case"')]
    inbound_updates = [q for q in queries if q["sql"].startswith('UPDATE "channels_inboundemail"')]
    assert len(case_updates) == 1
    assert len(inbound_updates) == 1  # the outcome, with the headers
    kinds = list(result.case.dossier.order_by("seq").values_list("kind", flat=True))
    assert kinds == [EntryKind.CASE_OPENED, EntryKind.MESSAGE_IN, EntryKind.PORTAL_LINK]
    link = PortalLink.objects.get(case=result.case)
    assert result.case.dossier.get(kind=EntryKind.PORTAL_LINK).payload == {
        "link_id": link.pk,
        "action": "created",
    }
    result.case.refresh_from_db()
    assert dossier_verify_case(result.case) is None
    inbound = InboundEmail.objects.get()
    assert (inbound.message_id, inbound.from_address) == (
        "plain-dutch-1@mail.example.nl",
        "sanne@example.nl",
    )


def test_it_puts_new_cases_in_the_given_team():
    team = TeamFactory(slug="klachten")
    result = ingest_raw(corpus("alternative.eml"), source="imap:klachten", team=team)
    assert result.case.team == team
    assert InboundEmail.objects.get().source == "imap:klachten"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("alternative.eml", "De yoghurt smaakt zuur terwijl de datum nog niet verstreken is."),
        ("iso_8859_1.eml", "De café crème kostte € 4,50"),
        ("windows_1252.eml", "Ik betaalde €12,99 voor de “voordeelverpakking”, maar dat\u2019s"),
        ("rfc2047_subject.eml", "De korting werd niet verrekend."),
        ("html_only_script.eml", "Mijn bestelling 5521 kwam beschadigd aan."),
        ("broken_boundary.eml", "De verpakking was kapot toen hij aankwam."),
        ("outlook_reply.eml", "Nee, het probleem is nog niet opgelost."),
    ],
)
def test_it_lands_awkward_messages_with_readable_text(name, expected):
    result = ingest_raw(corpus(name))
    assert result.outcome == "new", result.line
    body = result.case.messages.get().body
    assert body.startswith(expected)
    assert "Verstuurd vanaf" not in body and "Verzonden:" not in body


def test_it_keeps_the_sanitised_html_of_an_html_only_message():
    ingest_raw(corpus("html_only_script.eml"))
    inbound = InboundEmail.objects.get()
    assert "<li>Doos ingedeukt</li>" in inbound.html_sanitised
    assert "<script" not in inbound.html_sanitised and "onload" not in inbound.html_sanitised


def test_it_puts_a_nested_forward_on_the_timeline():
    result = ingest_raw(corpus("nested_forward.eml"))
    body = result.case.messages.get().body
    assert body.startswith("Zie hieronder")
    assert "Uw bestelling 77 wordt maandag bezorgd." in body
    assert "Picklijst: 1x pindakaas" in body


def test_it_keeps_winmail_dat_without_crashing(settings):
    result = ingest_raw(corpus("winmail.eml"))
    assert result.outcome == "new"
    inbound = InboundEmail.objects.get()
    [record] = inbound.attachments
    assert record["name"] == "winmail.dat"
    # Not an accepted evidence type: the refusal is in the dossier, the raw keeps the file.
    assert "refused" in record
    assert result.case.dossier.filter(kind=EntryKind.EVIDENCE_REFUSED).count() == 1
    assert b"winmail.dat" in bytes(inbound.raw)


def test_it_unpacks_winmail_dat_into_evidence():
    msg = build(body="Zie de foto van het etiket.")
    with_winmail(msg, tnef_bytes([("etiket.jpg", jpeg_bytes()), ("bon.jpg", jpeg_bytes("blue"))]))
    result = ingest_raw(msg.as_bytes())
    assert result.outcome == "new"
    records = InboundEmail.objects.get().attachments
    assert [r["name"] for r in records] == ["etiket.jpg", "bon.jpg"]
    assert all(r["packed_in"] == "winmail.dat" and "evidence_id" in r for r in records)
    evidence = Evidence.objects.filter(case=result.case).order_by("pk")
    assert [e.original_name for e in evidence] == ["etiket.jpg", "bon.jpg"]


def test_a_refused_file_from_winmail_dat_is_named_in_the_refusal():
    msg = build(body="Zie bijlage.")
    with_winmail(msg, tnef_bytes([("notitie.txt", b"alleen tekst")]))
    result = ingest_raw(msg.as_bytes())
    [record] = InboundEmail.objects.get().attachments
    assert record["name"] == "notitie.txt" and record["packed_in"] == "winmail.dat"
    assert "refused" in record
    [refusal] = result.case.dossier.filter(kind=EntryKind.EVIDENCE_REFUSED)
    assert refusal.payload["original_name"] == "notitie.txt"


def test_the_body_inside_winmail_dat_is_used_when_the_mime_message_has_none():
    msg = build()
    msg.clear_content()
    with_winmail(msg, tnef_bytes([], body="De pot was kapot bij aankomst."))
    result = ingest_raw(msg.as_bytes())
    assert result.outcome == "new"
    assert "De pot was kapot bij aankomst." in result.case.messages.get().body


def test_a_corrupt_winmail_dat_still_lands_the_message():
    msg = build(body="Zie bijlage.")
    with_winmail(msg, tnef_bytes([("etiket.jpg", jpeg_bytes())])[:40] + b"\xff" * 7)
    result = ingest_raw(msg.as_bytes())
    assert result.outcome == "new"
    [record] = InboundEmail.objects.get().attachments
    assert record["name"] == "winmail.dat" and "packed_in" not in record


def test_it_turns_attachments_and_inline_images_into_evidence():
    msg = build(body="Zie foto's.")
    msg.add_alternative('<p>Zie <img src="cid:foto1"></p>', subtype="html")
    msg.get_payload()[1].add_related(jpeg_bytes("blue"), "image", "jpeg", cid="<foto1>")
    msg.add_attachment(jpeg_bytes("red"), maintype="image", subtype="jpeg", filename="etiket.jpg")
    result = ingest_raw(msg.as_bytes())
    message = result.case.messages.get()
    evidence = Evidence.objects.filter(case=result.case).order_by("pk")
    assert evidence.count() == 2
    assert {e.original_name for e in evidence} >= {"etiket.jpg"}
    assert all(e.from_consumer and e.message_id == message.pk for e in evidence)
    assert all(e.content_type == "image/jpeg" for e in evidence)


def test_it_lands_the_message_but_refuses_an_attachment_over_the_limit(settings):
    settings.KALM_EVIDENCE_MAX_BYTES = 2000
    msg = build(body="Hier is de video.")
    msg.add_attachment(
        jpeg_bytes(size=(800, 600)), maintype="image", subtype="jpeg", filename="groot.jpg"
    )
    msg.add_attachment(
        jpeg_bytes(size=(8, 8)), maintype="image", subtype="jpeg", filename="klein.jpg"
    )
    result = ingest_raw(msg.as_bytes())
    assert result.outcome == "new"
    assert result.case.messages.get().body == "Hier is de video."
    assert list(
        Evidence.objects.filter(case=result.case).values_list("original_name", flat=True)
    ) == ["klein.jpg"]
    refused = result.case.dossier.get(kind=EntryKind.EVIDENCE_REFUSED)
    assert refused.payload["original_name"] == "groot.jpg"
    big = next(a for a in InboundEmail.objects.get().attachments if a["name"] == "groot.jpg")
    assert big["refused"] == refused.payload["reason"]


def test_it_quarantines_garbage_and_keeps_the_raw_bytes():
    raw = corpus("garbage.eml")
    result = ingest_raw(raw)
    assert result.outcome == "quarantined"
    assert result.line == "quarantined: no sender address"
    assert result.case is None
    inbound = InboundEmail.objects.get()
    assert inbound.status == InboundEmail.Status.QUARANTINED
    assert bytes(inbound.raw) == raw
    assert Case.objects.count() == 0


def test_it_threads_a_reply_by_in_reply_to():
    first = ingest_raw(corpus("plain_dutch.eml")).case
    reply = build(
        subject="Re: iets anders",
        body="Nog een vraag.\n\nOn Tue, Kalm wrote:\n> oud",
        in_reply_to="<plain-dutch-1@mail.example.nl>",
        sender="ander@example.nl",
    )
    result = ingest_raw(reply.as_bytes())
    assert result.outcome == "reply"
    assert result.case == first
    assert result.line == f"case {first.reference} reply"
    assert first.messages.order_by("pk").last().body == "Nog een vraag."
    assert Case.objects.count() == 1


def test_it_threads_a_reply_to_our_own_outbound_mail_by_references():
    case = make_case(email="sanne@example.nl")
    email_ref_record(message_id="<out-1@kalm.localhost>", case=case, direction="out")
    reply = build(
        subject="Antwoord",
        body="Ja, ik heb de fles nog.",
        references="<unknown@x> <out-1@kalm.localhost>",
    )
    result = ingest_raw(reply.as_bytes())
    assert (result.outcome, result.case) == ("reply", case)
    assert case.messages.order_by("pk").last().channel == Channel.EMAIL


def test_it_threads_by_the_reference_in_the_subject_from_the_consumer():
    case = make_case(email="sanne@example.nl")
    for subject in (
        f"Re: We received your message [{case.reference}]",
        f"vraag over {case.reference.lower()}",
    ):
        result = ingest_raw(build(subject=subject, sender="SANNE@example.nl").as_bytes())
        assert (result.outcome, result.case) == ("reply", case)


def test_it_opens_a_new_case_when_a_stranger_quotes_a_reference():
    case = make_case(email="sanne@example.nl")
    result = ingest_raw(
        build(subject=f"Re: [{case.reference}]", sender="kaper@example.com").as_bytes()
    )
    assert result.outcome == "new"
    assert result.case != case
    assert case.messages.count() == 1


def test_it_reopens_a_closed_case_when_the_consumer_replies():
    result = ingest_raw(corpus("plain_dutch.eml"))
    Case.objects.filter(pk=result.case.pk).update(status=Status.CLOSED)
    reply = build(in_reply_to="<plain-dutch-1@mail.example.nl>", body="Toch nog iets.")
    again = ingest_raw(reply.as_bytes())
    again.case.refresh_from_db()
    assert again.case.status == Status.REOPENED


def test_it_stores_the_same_message_id_once():
    first = ingest_raw(corpus("plain_dutch.eml"))
    second = ingest_raw(corpus("plain_dutch.eml"))
    assert second.outcome == "duplicate"
    assert second.case == first.case
    assert second.line == f"duplicate of {first.case.reference}"
    assert Message.objects.count() == 1
    assert list(InboundEmail.objects.order_by("pk").values_list("status", flat=True)) == [
        "processed",
        "duplicate",
    ]


def test_it_stores_an_identical_message_without_message_id_once():
    msg = build()
    del msg["Message-ID"]
    first = ingest_raw(msg.as_bytes())
    second = ingest_raw(msg.as_bytes())
    assert (first.outcome, second.outcome) == ("new", "duplicate")


@pytest.mark.parametrize(
    ("name", "outcome", "line", "status"),
    [
        ("auto_replied.eml", "auto_reply", "ignored: auto-reply", "ignored_auto_reply"),
        ("x_autoreply.eml", "auto_reply", "ignored: auto-reply", "ignored_auto_reply"),
        ("own_address.eml", "auto_reply", "ignored: auto-reply", "ignored_auto_reply"),
        ("dsn_bounce.eml", "bounce", "ignored: bounce", "ignored_bounce"),
    ],
)
def test_it_ignores_automatic_mail(name, outcome, line, status):
    make_case(email="sanne@example.nl")
    result = ingest_raw(corpus(name))
    assert (result.outcome, result.line, result.case) == (outcome, line, None)
    inbound = InboundEmail.objects.get()
    assert inbound.status == status and inbound.reason
    assert Case.objects.count() == 1 and Message.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Precedence": "bulk"},
        {"X-Autorespond": "yes"},
        {"X-Auto-Response-Suppress": "All"},
        {"Auto-Submitted": "auto-generated"},
    ],
)
def test_it_ignores_other_auto_reply_markers(headers):
    assert ingest_raw(build(headers=headers).as_bytes()).outcome == "auto_reply"


def test_it_accepts_auto_submitted_no():
    assert ingest_raw(build(headers={"Auto-Submitted": "no"}).as_bytes()).outcome == "new"


def test_it_ignores_a_postmaster_sender_and_our_own_message_coming_back():
    assert ingest_raw(build(sender="postmaster@example.nl").as_bytes()).outcome == "bounce"
    case = make_case()
    email_ref_record(message_id="sent-1@kalm.localhost", case=case, direction="out")
    echoed = build(message_id="<sent-1@kalm.localhost>", sender="someone@example.nl")
    assert ingest_raw(echoed.as_bytes()).line == "ignored: auto-reply"


def test_it_reuses_the_consumers_open_case_when_settings_say_so(settings):
    settings.KALM_EMAIL_REUSE_OPEN_CASE = True
    case = make_case(email="sanne@example.nl")
    result = ingest_raw(build(subject="Nieuw onderwerp").as_bytes())
    assert (result.outcome, result.case) == ("reply", case)
    settings.KALM_EMAIL_REUSE_OPEN_CASE = False
    assert ingest_raw(build(subject="Nog een").as_bytes()).outcome == "new"


def test_it_quarantines_when_processing_raises_and_returns_normally(monkeypatch):
    from kalm.channels import actions

    def broken(parsed):
        raise RuntimeError("threading exploded")

    monkeypatch.setattr(actions, "thread_find", broken)
    result = ingest_raw(corpus("plain_dutch.eml"))
    assert result.outcome == "quarantined"
    assert result.line == "quarantined: RuntimeError: threading exploded"
    inbound = InboundEmail.objects.get()
    assert inbound.status == "quarantined"
    assert inbound.from_address == "sanne@example.nl"  # what was read is still shown
    assert Case.objects.count() == 0 and EmailRef.objects.count() == 0


def test_a_message_that_breaks_the_parser_is_quarantined_with_its_headers(monkeypatch):
    from kalm.channels import actions

    def broken(raw):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(actions, "parse", broken)
    result = ingest_raw(corpus("plain_dutch.eml"))
    assert result.outcome == "quarantined"
    inbound = InboundEmail.objects.get()
    assert bytes(inbound.raw) == corpus("plain_dutch.eml")
    # Stored before parsing, without them; read on their own when processing failed.
    assert (inbound.message_id, inbound.from_address, inbound.subject) == (
        "plain-dutch-1@mail.example.nl",
        "Sanne de Vries <Sanne@Example.nl>",  # the header as written
        "Glassplinter in de pindakaas",
    )


def test_an_email_is_parsed_once_on_its_way_to_a_case(monkeypatch):
    import email.parser

    parses = []
    original = email.parser.BytesParser.parsebytes

    def counted(self, text, headersonly=False):
        parses.append(headersonly)
        return original(self, text, headersonly)

    monkeypatch.setattr(email.parser.BytesParser, "parsebytes", counted)
    result = ingest_raw(build(headers={"Cc": "Bram <bram@example.nl>"}).as_bytes())
    assert result.outcome == "new"
    assert parses == [False]
    assert result.recipients == ("klantenservice@kalm.localhost", "bram@example.nl")


def test_it_ignores_mail_from_any_address_we_send_from():
    from kalm.core.models import OrganisationSettings

    OrganisationSettings.objects.update_or_create(pk=1, defaults={"sender_email": "zorg@kalm.nl"})
    TeamFactory(slug="klachten", email="klachten@kalm.nl")
    for sender in ("Kalm <zorg@kalm.nl>", "KLACHTEN@kalm.nl", "klantenservice@kalm.localhost"):
        result = ingest_raw(build(sender=sender).as_bytes())
        assert result.line == "ignored: auto-reply", sender
    assert Case.objects.count() == 0


def test_it_lands_a_reply_to_a_merged_case_on_the_case_it_was_merged_into(agent):
    from kalm.cases.actions import case_merge

    first = ingest_raw(corpus("plain_dutch.eml")).case
    target = make_case(email="sanne@example.nl")
    case_merge(source=first, target=target, actor=agent)
    reply = build(in_reply_to="<plain-dutch-1@mail.example.nl>", body="En nu?")
    assert ingest_raw(reply.as_bytes()).case == target
