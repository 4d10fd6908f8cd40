"""The consumer's survey pages (/c/<token>/survey/<invitation>/...), the status-page card and
the survey emails.

The one-click links from the email are opened by mail scanners too: their GET records nothing,
only a POST does (docs/decisions/0007-one-click-answers.md)."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone, translation

from kalm.accounts.models import Role
from kalm.cases.actions import portal_link_create, portal_link_revoke
from kalm.cases.models import PortalLink
from kalm.core.testing import UserFactory, make_case
from kalm.dossier.models import EntryKind
from kalm.followups.models import FollowUp
from kalm.surveys.actions import invitation_send, response_submit
from kalm.surveys.items import ITEMS
from kalm.surveys.links import answer_links, answer_path, survey_path
from kalm.surveys.models import Invitation, Response, Survey, Trigger

ITEM_CODES = ["csat", "expectation", "understood", "comment"]


@pytest.fixture
def survey(db) -> Survey:
    return Survey.objects.create(
        name="Na een oplossing",
        trigger=Trigger.RESOLVED,
        items=ITEM_CODES,
        intro_nl="Wij horen graag hoe het ging.",
        intro_en="We would love to hear how it went.",
    )


def _invite(survey: Survey, case, **fields) -> Invitation:
    now = timezone.now()
    params = {
        "survey": survey,
        "case": case,
        "consumer": case.consumer,
        "occasion": f"resolved:{now.isoformat()}",
        "language": case.language,
        "status": Invitation.Status.SENT,
        "due_at": now,
        "sent_at": now,
    }
    params.update(fields)
    return Invitation.objects.create(**params)


@pytest.fixture
def invitation(survey, case) -> Invitation:
    return _invite(survey, case)


@pytest.fixture
def token(case) -> str:
    _link, value = portal_link_create(case=case)
    return value


def _recorded(invitation: Invitation) -> bool:
    answered = invitation.case.dossier.filter(kind=EntryKind.SURVEY_ANSWERED).exists()
    return answered or Response.objects.filter(invitation=invitation).exists()


def _checked(body: str, name: str) -> list[str]:
    """The values of the radio buttons of ``name`` that are chosen on the page."""
    pattern = rf'<input type="radio" name="{name}" value="([^"]+)" checked>'
    return re.findall(pattern, body)


# --- the survey page ------------------------------------------------------------------------


def test_it_shows_every_question_with_the_intro_in_the_case_language(client, invitation, token):
    response = client.get(survey_path(token, invitation.pk))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert response["Content-Language"] == "nl"
    body = response.content.decode()
    assert '<html lang="nl">' in body
    assert "Wij horen graag hoe het ging." in body
    assert "We would love to hear how it went." not in body
    assert 'name="robots" content="noindex, nofollow"' in body
    with translation.override("nl"):
        for code in ITEM_CODES:
            assert str(ITEMS[code].question) in body
    assert len(re.findall(r'type="radio" name="csat"', body)) == 5
    assert len(re.findall(r'type="radio" name="expectation"', body)) == 3
    assert '<textarea id="survey-comment" name="comment"' in body
    assert "surveys/survey.js" not in body  # only the one-click page posts by itself


def test_the_page_is_in_english_for_an_english_case(client, survey):
    case = make_case(language="en", email="jo@example.com")
    _link, token = portal_link_create(case=case)
    invitation = _invite(survey, case)
    response = client.get(survey_path(token, invitation.pk), HTTP_ACCEPT_LANGUAGE="nl")
    body = response.content.decode()
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in body
    assert "We would love to hear how it went." in body
    assert "How satisfied are you with how we handled your question or complaint?" in body
    assert "Positively surprised" in body and "Very dissatisfied" in body
    assert "Send" in body


def test_the_language_the_consumer_chose_wins(client, invitation, token):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(survey_path(token, invitation.pk)).content.decode()
    assert "We would love to hear how it went." in body


def test_sending_saves_every_answer_and_thanks_on_the_same_page(client, invitation, token):
    url = survey_path(token, invitation.pk)
    posted = {"csat": "4", "expectation": "surprised", "understood": "5", "comment": "Fijn!"}
    response = client.post(url, posted)
    assert response.status_code == 302
    assert response["Location"] == url + "?saved=1#thanks"
    answer = Response.objects.get(invitation=invitation)
    assert (answer.csat, answer.expectation, answer.understood) == (4, "surprised", 5)
    assert answer.comment == "Fijn!"
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ANSWERED

    page = client.get(response["Location"])
    body = page.content.decode()
    assert 'id="thanks"' in body and "survey-thanks" in body
    assert _checked(body, "csat") == ["4"]
    assert _checked(body, "expectation") == ["surprised"]
    assert _checked(body, "understood") == ["5"]
    assert ">Fijn!</textarea>" in body


def test_answers_can_be_changed_and_completed_later(client, invitation, token):
    url = survey_path(token, invitation.pk)
    client.post(url, {"csat": "2"})
    client.post(url, {"csat": "4", "expectation": "as_expected"})
    answer = Response.objects.get(invitation=invitation)
    assert (answer.csat, answer.expectation, answer.understood) == (4, "as_expected", None)
    assert _checked(client.get(url).content.decode(), "csat") == ["4"]


def test_a_comment_can_be_taken_back(client, invitation, token):
    url = survey_path(token, invitation.pk)
    client.post(url, {"csat": "4", "comment": "Te laat gebeld"})
    client.post(url, {"csat": "4", "comment": ""})
    assert Response.objects.get(invitation=invitation).comment == ""


def test_an_empty_form_asks_for_an_answer(client, invitation, token):
    response = client.post(survey_path(token, invitation.pk), {"comment": "  "})
    assert response.status_code == 200
    # The page speaks the case's language (Dutch here), whatever the browser says.
    assert "Beantwoord minstens één vraag." in response.content.decode()
    assert not _recorded(invitation)


def test_a_value_off_the_scale_is_refused_and_nothing_is_saved(client, invitation, token):
    response = client.post(survey_path(token, invitation.pk), {"csat": "9", "understood": "3"})
    assert response.status_code == 200
    assert 'class="survey-item survey-scale has-error"' in response.content.decode()
    assert not _recorded(invitation)


def test_an_item_the_survey_does_not_ask_is_ignored(client, invitation, token):
    client.post(survey_path(token, invitation.pk), {"csat": "5", "nps": "0"})
    answer = Response.objects.get(invitation=invitation)
    assert (answer.csat, answer.nps) == (5, None)


# --- the one-click link from the email --------------------------------------------------------


def test_opening_the_one_click_link_records_nothing(client, invitation, token):
    url = answer_path(token, invitation.pk, "csat", "4")
    for _scanner_visit in range(3):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert _checked(body, "csat") == ["4"]
    assert f'data-one-click="{url}"' in body
    assert "surveys/survey.js" in body
    assert not _recorded(invitation)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT


def test_the_one_click_page_keeps_the_other_answers_given(client, invitation, token):
    response_submit(invitation=invitation, answers={"csat": "2", "understood": "4"})
    body = client.get(answer_path(token, invitation.pk, "csat", "5")).content.decode()
    assert _checked(body, "csat") == ["5"]  # the clicked answer, not the stored one
    assert _checked(body, "understood") == ["4"]
    assert Response.objects.get(invitation=invitation).csat == 2


def test_posting_the_one_click_link_records_just_that_answer(client, invitation, token):
    url = answer_path(token, invitation.pk, "expectation", "as_expected")
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == survey_path(token, invitation.pk) + "?saved=1#thanks"
    answer = Response.objects.get(invitation=invitation)
    assert answer.expectation == "as_expected"
    assert (answer.csat, answer.understood, answer.comment) == (None, None, "")
    assert invitation.case.dossier.filter(kind=EntryKind.SURVEY_ANSWERED).count() == 1


def test_the_script_posts_with_the_page_csrf_token_and_gets_json(invitation, token):
    """What survey.js does in a person's browser; a POST without the page's token is refused."""
    browser = Client(enforce_csrf_checks=True)
    url = answer_path(token, invitation.pk, "csat", "5")
    assert browser.post(url, HTTP_ACCEPT="application/json").status_code == 403
    assert not _recorded(invitation)

    page = browser.get(url).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    for _twice in range(2):
        response = browser.post(url, {"csrfmiddlewaretoken": csrf}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        assert response.json() == {"saved": True}
    assert Response.objects.get(invitation=invitation).csat == 5
    # The same click twice is one answer in the dossier.
    assert invitation.case.dossier.filter(kind=EntryKind.SURVEY_ANSWERED).count() == 1


@pytest.mark.parametrize(
    ("item", "value"),
    [
        ("csat", "6"),  # off the scale
        ("csat", "0"),
        ("expectation", "great"),
        ("nps", "9"),  # a real item, but not asked by this survey
        ("comment", "hello"),  # an open question has no one-click answer
        ("nonsense", "1"),
    ],
)
def test_a_one_click_link_with_an_invalid_answer_is_not_found(
    client, invitation, token, item, value
):
    url = answer_path(token, invitation.pk, item, value)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not _recorded(invitation)


# --- links that do not lead to this invitation -------------------------------------------------


def test_a_revoked_status_link_disables_its_survey_links(client, invitation, token, agent):
    link = PortalLink.objects.filter(case=invitation.case).latest("pk")
    portal_link_revoke(link=link, actor=agent)
    for url in (survey_path(token, invitation.pk), answer_path(token, invitation.pk, "csat", "5")):
        assert client.get(url).status_code == 404
        assert client.post(url, {"csat": "5"}).status_code == 404
    assert not _recorded(invitation)


def test_a_forged_token_is_not_found(client, invitation, token, english):
    for forged in (token[:-2] + "xx", "1.not-a-token", token + "0"):
        for url in (
            survey_path(forged, invitation.pk),
            answer_path(forged, invitation.pk, "csat", "5"),
        ):
            response = client.get(url)
            assert response.status_code == 404
            assert "This link no longer works" in response.content.decode()
            assert client.post(url, {"csat": "5"}).status_code == 404
    assert not _recorded(invitation)


def test_an_invitation_of_another_case_is_not_found(client, survey, invitation, token):
    other = make_case(name="Piet Bakker", email="piet@example.nl", subject="Andere zaak")
    theirs = _invite(survey, other)
    for url in (survey_path(token, theirs.pk), answer_path(token, theirs.pk, "csat", "1")):
        assert client.get(url).status_code == 404
        assert client.post(url, {"csat": "1"}).status_code == 404
    assert not _recorded(theirs)


# --- the card on the status page ---------------------------------------------------------------

CARD = Template("{% load survey_tags %}{% survey_status_card case token %}")


def _card(case, token: str) -> str:
    return CARD.render(Context({"case": case, "token": token}))


def test_the_card_offers_the_first_question_with_one_click_links(invitation, token, english):
    html = _card(invitation.case, token)
    assert "How did we do?" in html
    assert str(ITEMS["csat"].question) in html
    for value in ("1", "2", "3", "4", "5"):
        assert f'href="{answer_path(token, invitation.pk, "csat", value)}"' in html
    assert f'href="{survey_path(token, invitation.pk)}"' in html
    assert "Very dissatisfied" in html


def test_the_card_thanks_once_answered_and_offers_to_change(invitation, token, english):
    response_submit(invitation=invitation, answers={"csat": "5"})
    html = _card(invitation.case, token)
    assert "Thank you for your answer" in html
    assert f'href="{survey_path(token, invitation.pk)}"' in html
    assert answer_path(token, invitation.pk, "csat", "5") not in html


def test_there_is_no_card_without_an_invitation_to_answer(survey, case, token):
    assert _card(case, token).strip() == ""
    _invite(survey, case, status=Invitation.Status.SCHEDULED, sent_at=None)
    assert _card(case, token).strip() == ""


def test_the_card_shows_on_the_status_page_where_the_lead_puts_it(client, invitation, token):
    """Until the line is in portal/status.html this only checks that the status page still
    works; once it is there the card must carry this page's token."""
    body = client.get(f"/c/{token}/").content.decode()
    if "survey-card" in body:
        assert answer_path(token, invitation.pk, "csat", "5") in body


# --- the emails --------------------------------------------------------------------------------


def _invitation_context(invitation: Invitation, token: str, item: str | None) -> dict:
    return {
        "case": invitation.case,
        "subject": "How did we do?",
        "organisation": "Kalm Foods",
        "survey": invitation.survey,
        "intro": invitation.survey.intro_en,
        "first_item": ITEMS[item] if item else None,
        "answer_links": answer_links(token, invitation.pk, item) if item else [],
        "survey_url": "https://zorg.example/survey",
        "status_url": "https://zorg.example/status",
    }


@pytest.mark.parametrize("item", ["csat", "nps", "expectation"])
def test_the_invitation_email_has_one_link_per_answer(invitation, token, english, item):
    context = _invitation_context(invitation, token, item)
    text = render_to_string("surveys/email/invitation.txt", context)
    html = render_to_string("surveys/email/invitation.html", context)
    for _value, _label, url in context["answer_links"]:
        assert url in text
        assert f'href="{url}"' in html
    assert str(ITEMS[item].question) in text and str(ITEMS[item].question) in html
    for words in ("Dear Sanne de Vries,", "We would love to hear how it went."):
        assert words in text and words in html
    assert "https://zorg.example/survey" in text and 'href="https://zorg.example/survey"' in html
    assert "Or answer all questions" in html
    assert "&amp;" not in text  # the text part is not HTML-escaped


def test_the_invitation_email_without_a_one_click_question(invitation, token, english):
    context = _invitation_context(invitation, token, None)
    context["intro"] = ""
    text = render_to_string("surveys/email/invitation.txt", context)
    html = render_to_string("surveys/email/invitation.html", context)
    assert "Answer our questions" in text and "Answer our questions" in html
    assert "Recently we handled your case" in text
    assert "/survey/" not in text.replace("https://zorg.example/survey", "")


def test_the_low_answer_email_says_a_team_lead_will_call(case, english):
    context = {"case": case, "organisation": "Kalm Foods", "status_url": "https://z.example/s"}
    for name in ("surveys/email/thanks_low.txt", "surveys/email/thanks_low.html"):
        rendered = render_to_string(name, context)
        assert "Thank you for your honest answer." in rendered
        assert "within one working day" in rendered
        assert "https://z.example/s" in rendered


def test_the_sent_invitation_leads_to_a_page_that_records_only_when_posted(
    client, survey, settings
):
    """From the sweep's email to the answer: the links in the real email work, and opening
    them (as a scanner does) records nothing."""
    settings.SITE_URL = "https://zorg.example"
    case = make_case(language="en", email="jo@example.com")
    invitation = _invite(
        survey,
        case,
        occasion="chat:1",
        status=Invitation.Status.SCHEDULED,
        sent_at=None,
        due_at=timezone.now() - timedelta(minutes=1),
    )
    mail.outbox.clear()
    assert invitation_send(invitation_id=invitation.pk).status == Invitation.Status.SENT
    (email,) = mail.outbox
    html = email.alternatives[0][0]
    links = re.findall(r'href="https://zorg\.example(/c/[^"]+/survey/\d+/csat/\d/)"', html)
    assert len(links) == 5
    assert "We would love to hear how it went." in email.body

    for link in links:
        assert client.get(link).status_code == 200
    assert not _recorded(invitation)
    client.post(links[4])
    assert Response.objects.get(invitation=invitation).csat == 5


def test_a_low_one_click_answer_sends_the_short_reply(
    client, invitation, token, django_capture_on_commit_callbacks
):
    UserFactory(username="teamlead", role=Role.LEAD, email="lead@staff.example")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_path(token, invitation.pk, "csat", "1"))
    answer = Response.objects.get(invitation=invitation)
    assert answer.low_reasons == ["csat"]
    assert FollowUp.objects.filter(case=invitation.case).count() == 1
    (email,) = [m for m in mail.outbox if m.to == [invitation.case.consumer.email]]
    with translation.override("nl"):
        assert translation.gettext("Dear %(name)s,") % {"name": "Sanne de Vries"} in email.body
    assert "/c/" in email.body  # the status link


# --- in a real browser -------------------------------------------------------------------------

CHROMIUM = os.environ.get("KALM_CHROMIUM", "/usr/bin/chromium")
# A person's browser: automation tools (and the sandboxes of some mail scanners) set
# navigator.webdriver, and survey.js does not answer for them.
AS_A_PERSON = "Object.defineProperty(Navigator.prototype, 'webdriver', {get: () => false})"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.mark.browser
@pytest.mark.skipif(
    not Path(CHROMIUM).exists() and os.environ.get("KALM_REQUIRE_ALL") != "1",
    reason=f"no Chromium at {CHROMIUM}",
)
def test_the_one_click_answer_is_posted_by_a_persons_browser_only(
    live_server, browser, transactional_db
):
    survey = Survey.objects.create(
        name="Na een chat", trigger=Trigger.CHAT, items=ITEM_CODES, intro_en="How was it?"
    )
    case = make_case(language="en", email="jo@example.com")
    _link, token = portal_link_create(case=case)
    invitation = _invite(survey, case)
    url = live_server.url + answer_path(token, invitation.pk, "csat", "4")

    automated = browser.new_context()
    page = automated.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert "has not been saved yet" in page.locator("#thanks").inner_text()
    automated.close()
    assert not _recorded(invitation)

    person = browser.new_context()
    person.add_init_script(AS_A_PERSON)
    page = person.new_page()
    page.goto(url)
    page.locator("#thanks", has_text="Thank you — tell us more?").wait_for(timeout=10000)
    assert Response.objects.get(invitation=invitation).csat == 4
    assert page.url == live_server.url + survey_path(token, invitation.pk)

    page.locator("#item-understood label.survey-option", has_text="5").click()
    page.get_by_label("Is there anything you would like to tell us?").fill("Quick and kind.")
    page.get_by_role("button", name="Send").click()
    page.locator("#thanks", has_text="Thank you for your answers.").wait_for(timeout=10000)
    answer = Response.objects.get(invitation=invitation)
    assert (answer.csat, answer.understood, answer.comment) == (4, 5, "Quick and kind.")
    person.close()


@pytest.mark.parametrize(
    ("status", "note"),
    [
        (Invitation.Status.SCHEDULED, ""),
        (Invitation.Status.SENDING, ""),
        (Invitation.Status.FAILED, "smtp down"),
        (Invitation.Status.SKIPPED, "quiet"),
        (Invitation.Status.SKIPPED, "reopened"),
        (Invitation.Status.SKIPPED, "inactive"),
    ],
)
def test_an_invitation_that_was_not_offered_cannot_be_answered(
    client, survey, case, token, status, note
):
    invitation = _invite(survey, case, status=status, note=note, sent_at=None)
    assert client.get(survey_path(token, invitation.pk)).status_code == 404
    url = answer_path(token, invitation.pk, "csat", "1")
    assert client.post(url, HTTP_ACCEPT="application/json").status_code == 404
    assert not _recorded(invitation)
    assert not FollowUp.objects.exists()


def test_a_survey_offered_for_lack_of_an_email_address_can_be_answered(client, survey, case, token):
    invitation = _invite(survey, case, status=Invitation.Status.SKIPPED, note="no_email")
    url = answer_path(token, invitation.pk, "csat", "4")
    assert client.post(url, HTTP_ACCEPT="application/json").status_code == 200
    assert _recorded(invitation)
