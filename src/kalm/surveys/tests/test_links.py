"""The survey addresses made from a status-link token: kalm.surveys.links."""

from __future__ import annotations

from django.urls import resolve
from django.utils import translation

from kalm.surveys.links import answer_links, answer_path, answer_url, survey_path, survey_url

TOKEN = "12.abc:def"  # the shape of a signed status-link token (kalm.cases.actions)


def test_the_survey_url_is_absolute(settings):
    settings.SITE_URL = "https://zorg.example"
    assert survey_url(TOKEN, 7) == "https://zorg.example/c/12.abc:def/survey/7/"
    assert survey_path(TOKEN, 7) == "/c/12.abc:def/survey/7/"


def test_the_one_click_url_names_the_item_and_the_value(settings):
    settings.SITE_URL = "https://zorg.example"
    assert answer_url(TOKEN, 7, "csat", "4") == "https://zorg.example/c/12.abc:def/survey/7/csat/4/"


def test_the_urls_lead_to_the_survey_views():
    match = resolve(answer_path(TOKEN, 7, "expectation", "as_expected"))
    assert match.view_name == "surveys_public:answer"
    assert match.kwargs == {
        "token": TOKEN,
        "invitation_id": 7,
        "item": "expectation",
        "value": "as_expected",
    }
    assert resolve(survey_path(TOKEN, 7)).view_name == "surveys_public:survey"


def test_a_scale_gets_one_link_per_number(settings):
    settings.SITE_URL = "https://zorg.example"
    links = answer_links(TOKEN, 7, "nps")
    assert [value for value, _label, _url in links] == [str(n) for n in range(11)]
    assert [label for _value, label, _url in links] == [str(n) for n in range(11)]
    assert links[0][2] == "https://zorg.example/c/12.abc:def/survey/7/nps/0/"


def test_a_choice_is_labelled_in_the_language_it_is_shown_in():
    links = answer_links(TOKEN, 7, "expectation", absolute=False)
    assert [value for value, _label, _url in links] == ["below", "as_expected", "surprised"]
    assert links[2][2] == "/c/12.abc:def/survey/7/expectation/surprised/"
    with translation.override("en"):
        assert str(links[0][1]) == "Below what I expected"
    with translation.override("nl"):
        assert str(links[0][1]) == translation.gettext("Below what I expected")


def test_an_open_question_or_unknown_item_has_no_one_click_links():
    assert answer_links(TOKEN, 7, "comment") == []
    assert answer_links(TOKEN, 7, "nonsense") == []
