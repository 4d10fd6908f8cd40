import pytest

from kalm.cases.actions import (
    CaseActionError,
    case_assign,
    case_link,
    case_merge,
    case_open,
    message_receive,
    message_reply,
    portal_link_create,
    portal_link_revoke,
    solution_answer,
    solution_propose,
)
from kalm.cases.models import CaseLink, Message, Solution, Status
from kalm.cases.selectors import portal_link_from_token
from kalm.consumers.models import Consumer
from kalm.core.testing import make_case
from kalm.dossier.models import DossierEntry, EntryKind


def test_it_needs_a_way_to_reach_the_consumer(db):
    with pytest.raises(CaseActionError):
        case_open(name="X", subject="s", body="b")


def test_it_finds_the_same_consumer_by_phone_in_another_spelling(db):
    first = make_case(email="", phone="06-12345678")
    second = make_case(email="", phone="+31 6 1234 5678")
    assert first.consumer_id == second.consumer_id
    assert Consumer.objects.count() == 1


def test_it_gives_each_case_a_unique_reference(db):
    refs = {make_case().reference for _ in range(20)}
    assert len(refs) == 20


def test_reply_is_stored_under_the_alias_and_starts_the_clock(case, agent):
    message = message_reply(case=case, agent=agent, body="Wat vervelend, we zoeken het uit.")
    case.refresh_from_db()
    assert message.author_alias == "Eva"
    assert case.first_responded_at == message.created_at
    assert case.status == Status.OPEN


def test_an_agent_without_alias_cannot_reply(case, outsider):
    with pytest.raises(CaseActionError):
        message_reply(case=case, agent=outsider, body="Hallo")


def test_reply_email_shows_alias_not_real_name(
    case, agent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(case=case, agent=agent, body="We sturen een nieuwe fles.")
    assert len(mailoutbox) == 1
    sent = mailoutbox[0]
    assert "Eva" in sent.from_email and "Eva" in sent.body
    assert "Evelien" not in sent.body + sent.from_email and "Jansen" not in sent.body
    assert DossierEntry.objects.filter(case=case, kind=EntryKind.EMAIL_SENT).exists()


def test_a_message_on_a_closed_case_reopens_it(case, agent):
    from kalm.cases.actions import case_transition

    case_transition(case=case, to=Status.CLOSED, actor=agent)
    message_receive(case=case, body="Het is toch weer kapot")
    case.refresh_from_db()
    assert case.status == Status.REOPENED


def test_rejected_solution_puts_the_case_back_with_us(case, agent):
    solution = solution_propose(case=case, agent=agent, text="Nieuwe fles en een bon van 10 euro")
    case.refresh_from_db()
    assert case.status == Status.SOLUTION_PROPOSED
    solution_answer(solution=solution, accepted=False, comment="Te weinig")
    case.refresh_from_db()
    assert case.status == Status.REOPENED  # "no" reopens the case with the consumer's reason
    with pytest.raises(CaseActionError):
        solution_answer(solution=solution, accepted=True)


def test_a_new_proposal_withdraws_the_pending_one(case, agent):
    first = solution_propose(case=case, agent=agent, text="A")
    solution_propose(case=case, agent=agent, text="B")
    first.refresh_from_db()
    assert first.response == Solution.Response.WITHDRAWN


def test_merge_closes_the_duplicate_and_records_both_sides(case, agent):
    duplicate = make_case(subject="Zelfde fles")
    case_merge(source=duplicate, target=case, actor=agent)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == case and duplicate.status == Status.CLOSED
    assert DossierEntry.objects.filter(case=case, kind=EntryKind.MERGED).exists()
    with pytest.raises(CaseActionError):
        case_merge(source=case, target=case, actor=agent)


def test_link_is_stored_once_and_recorded_on_both(case, agent):
    other = make_case()
    case_link(case=case, other=other, actor=agent)
    case_link(case=other, other=case, actor=agent)
    assert CaseLink.objects.count() == 1
    assert DossierEntry.objects.filter(kind=EntryKind.LINKED).count() == 2


def test_assign_refuses_a_non_agent(case, agent, outsider):
    with pytest.raises(CaseActionError):
        case_assign(case=case, actor=agent, assignee=outsider)


def test_status_link_resolves_until_revoked(case, agent):
    from django.http import Http404

    link, token = portal_link_create(case=case)
    assert portal_link_from_token(token).case == case
    with pytest.raises(Http404):
        portal_link_from_token(token[:-2] + "xx")
    portal_link_revoke(link=link, actor=agent)
    with pytest.raises(Http404):
        portal_link_from_token(token)


def test_only_the_secret_hash_is_stored(case):
    link, token = portal_link_create(case=case)
    secret = token.split(":")[0].split(".", 1)[1]
    assert secret not in link.secret_hash


def test_first_message_is_inbound_and_public(case):
    message = Message.objects.get(case=case)
    assert message.kind == Message.Kind.INBOUND and message.is_public
