"""The consumer's private status page at ``/c/<token>/``."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.translation import gettext

from kalm.cases.actions import (
    case_transition,
    message_reply,
    next_step_set,
    note_add,
    phone_note_add,
    portal_link_create,
    portal_link_revoke,
    solution_answer,
    solution_propose,
)
from kalm.cases.models import ExpectationOption, PortalLink, Status
from kalm.core.testing import ProductFactory, make_case
from kalm.dossier.actions import item_custody_move, item_register
from kalm.dossier.evidence import evidence_attach
from kalm.dossier.models import PhysicalItem
from kalm.portal.tests.conftest import jpeg_upload, status_url


def test_it_shows_what_we_received(client, db):
    product = ProductFactory(name="Bruisend water 1L")
    refund = ExpectationOption.objects.get(code="refund")
    case = make_case(product=product, batch_number="L123", expectations=[refund])
    _link, token = portal_link_create(case=case)
    body = client.get(status_url(token)).content.decode()
    assert case.reference in body and "Fles ontploft" in body
    assert "Bruisend water 1L" in body and "L123" in body
    assert "Geld terug of een vergoeding" in body
    assert "De fles is in mijn hand ontploft." in body


def test_it_refuses_a_forged_token(client, case, token, outsider):
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(status_url(forged)).status_code == 404
    assert client.get(status_url("1.abc")).status_code == 404
    client.force_login(outsider)  # being logged in grants nothing here
    assert client.get(status_url(forged)).status_code == 404


def test_it_refuses_a_revoked_link(client, case, token, agent):
    assert client.get(status_url(token)).status_code == 200
    portal_link_revoke(link=PortalLink.objects.get(case=case), actor=agent)
    assert client.get(status_url(token)).status_code == 404


def test_it_shows_only_the_case_of_the_link(client, case, token, other_case, other_token):
    body = client.get(status_url(token)).content.decode()
    assert case.reference in body and other_case.reference not in body
    other = client.get(status_url(other_token)).content.decode()
    assert other_case.reference in other and case.reference not in other


def test_it_shows_the_agent_by_alias_only(client, case, token, agent):
    message_reply(case=case, agent=agent, body="Wat vervelend! Wij zoeken het uit.")
    solution_propose(case=case, agent=agent, text="Wij sturen u een nieuwe fles.")
    body = client.get(status_url(token)).content.decode()
    assert "Wat vervelend! Wij zoeken het uit." in body
    assert "Eva" in body
    for secret in ("Evelien", "Jansen", agent.email, agent.internal_name):
        assert secret not in body


def test_it_never_shows_internal_notes(client, case, token, agent):
    note_add(case=case, agent=agent, body="INTERN: klant eerder lastig geweest")
    phone_note_add(case=case, agent=agent, body="TELEFOON: gebeld met de fabriek")
    body = client.get(status_url(token)).content.decode()
    assert "INTERN" not in body and "TELEFOON" not in body


def test_it_explains_the_status_and_the_first_response_promise(client, case, token):
    body = client.get(status_url(token)).content.decode()
    assert gettext("We have received your message. A member of our team will read it soon.") in body
    due = timezone.localtime(case.first_response_due_at)
    assert str(due.year) in body and f"{due:%H:%M}" in body
    assert 'aria-current="step"' in body


def test_it_apologises_when_the_first_reply_is_late(client, case, token):
    with time_machine.travel(case.first_response_due_at + timedelta(hours=1)):
        page = client.get(status_url(token)).context["page"]
    assert page.reply_overdue


def test_it_drops_the_reply_promise_once_we_answered(client, case, token, agent):
    message_reply(case=case, agent=agent, body="Wij kijken ernaar.")
    page = client.get(status_url(token)).context["page"]
    assert page.reply_due is None and not page.reply_overdue


def test_it_shows_the_next_step_the_agent_set(client, case, token, agent):
    case_transition(case=case, to=Status.WAITING_US, actor=agent)
    next_step_set(case=case, actor=agent, text="De fles gaat naar het lab.", due=date(2031, 3, 14))
    body = client.get(status_url(token)).content.decode()
    assert "De fles gaat naar het lab." in body
    assert "2031" in body
    assert gettext("Under investigation") in body


@pytest.mark.parametrize(
    "status,step",
    [
        (Status.OPEN, "In progress"),
        (Status.SOLUTION_PROPOSED, "Solution proposed"),
        (Status.RESOLVED, "Resolved"),
    ],
)
def test_it_marks_the_current_step(client, case, token, agent, status, step):
    case_transition(case=case, to=status, actor=agent)
    response = client.get(status_url(token))
    assert [s["label"] for s in response.context["page"].progress if s["current"]] == [
        gettext(step)
    ]


def test_it_asks_about_a_pending_solution_and_shows_the_answer(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Wij vergoeden de fles.")
    body = client.get(status_url(token)).content.decode()
    assert gettext("Are you satisfied with the proposed solution?") in body
    assert f"/solution/{solution.pk}/" in body
    solution_answer(solution=solution, accepted=True, comment="Prima zo")
    body = client.get(status_url(token)).content.decode()
    assert f"/solution/{solution.pk}/" not in body
    assert "Prima zo" in body
    assert gettext("Your answer: yes, you are satisfied with this solution.") in body


def test_it_lists_the_consumers_files_and_items(client, case, token, agent):
    evidence_attach(case=case, upload=jpeg_upload("kapot.jpg"), from_consumer=True)
    evidence_attach(case=case, upload=jpeg_upload("intern-lab.jpg", colour="blue"), actor=agent)
    item = item_register(
        case=case, agent=agent, description="Kapotte fles, 1 liter", collected_where="Utrecht"
    )
    item_custody_move(item=item, agent=agent, custody=PhysicalItem.Custody.SENT_TO_LAB)
    body = client.get(status_url(token)).content.decode()
    assert "kapot.jpg" in body and "intern-lab.jpg" not in body
    assert item.receipt_number in body and gettext("Sent to lab") in body
    assert f"/items/{item.pk}/receipt.pdf" in body


def test_it_is_not_cached_and_not_indexed(client, token):
    response = client.get(status_url(token))
    assert "no-store" in response["Cache-Control"]
    assert 'name="robots" content="noindex' in response.content.decode()


def test_it_reads_in_a_fixed_number_of_queries(
    client, case, token, agent, django_assert_max_num_queries
):
    for n in range(5):
        message_reply(case=case, agent=agent, body=f"Antwoord {n}")
        evidence_attach(
            case=case,
            upload=jpeg_upload(f"{n}.jpg", taken=f"2024:05:1{n} 10:00:00"),
            from_consumer=True,
        )
    with django_assert_max_num_queries(10):
        client.get(status_url(token))
