from __future__ import annotations

from datetime import date

from kalm.cases.actions import next_step_set, portal_link_create
from kalm.core.testing import ProductFactory, make_case
from kalm.replies.selectors import template_values
from kalm.replies.variables import VARIABLES, render, unknown_variables


def test_it_substitutes_known_variables():
    rendered = render(
        "Beste {consumer_name}, groet van {alias}.", {"consumer_name": "Sanne", "alias": "Eva"}
    )
    assert rendered.text == "Beste Sanne, groet van Eva."
    assert rendered.unknown == []


def test_unknown_variables_stay_visible_and_are_reported():
    rendered = render("Beste {naam}, {consumer_name} {naam} {foo bar}", {"consumer_name": "Sanne"})
    assert rendered.text == "Beste {naam}, Sanne {naam} {foo bar}"
    assert rendered.unknown == ["{naam}", "{foo bar}"]
    assert unknown_variables("{naam} {alias} {naam}") == ["{naam}"]


def test_double_braces_are_literal_braces():
    rendered = render("{{consumer_name}} is {consumer_name}; {{}}", {"consumer_name": "Sanne"})
    assert rendered.text == "{consumer_name} is Sanne; {}"
    assert unknown_variables("{{naam}}") == []


def test_a_value_is_never_expanded_again():
    rendered = render("{consumer_name}", {"consumer_name": "{alias}", "alias": "Eva"})
    assert rendered.text == "{alias}"


def test_it_never_crashes_on_odd_input():
    assert render("{", {}).text == "{"
    assert render("}{}{{{", {}).text == "}{}{{"
    assert render("", {}).text == ""


def test_every_variable_has_a_value_for_a_case(calm_case, agent):
    values = template_values(calm_case, agent=agent, language="nl")
    assert set(values) == set(VARIABLES)


def test_missing_values_read_naturally_in_each_language(db, wednesday, agent):
    case = make_case(email="", phone="+31612345681")  # no product, no next step, no link
    nl = template_values(case, agent=agent, language="nl")
    en = template_values(case, agent=agent, language="en")
    assert (nl["product"], en["product"]) == ("uw product", "your product")
    assert nl["next_step"].startswith("wij onderzoeken uw melding")
    assert en["next_step"].startswith("we are looking carefully")
    # Two working days after Wednesday 25 November 2026.
    assert nl["next_step_date"] == "vrijdag 27 november 2026"
    assert en["next_step_date"] == "Friday 27 November 2026"
    assert nl["date"] == "woensdag 25 november 2026"
    assert "link" in nl["status_link_hint"] and "Laat het ons weten" in nl["status_link_hint"]


def test_it_fills_in_the_case(db, wednesday, agent):
    product = ProductFactory(name="Appelsap", brand="Kalm Foods")
    case = make_case(name="Sanne de Vries", product=product, email="", phone="+31612345682")
    next_step_set(
        case=case, actor=agent, text="Wij laten de fles onderzoeken.", due=date(2026, 12, 3)
    )
    portal_link_create(case=case)
    values = template_values(case, agent=agent, language="nl")
    assert values["consumer_name"] == "Sanne de Vries"
    assert values["first_name"] == "Sanne"
    assert values["alias"] == "Eva"
    assert values["reference"] == case.reference
    assert values["product"] == "Kalm Foods Appelsap"
    assert values["next_step"] == "Wij laten de fles onderzoeken"  # the sentence goes on
    assert values["next_step_date"] == "donderdag 3 december 2026"
    assert "eerder stuurden" in values["status_link_hint"]


def test_a_passed_next_step_date_is_replaced_by_a_near_one(db, wednesday, agent):
    case = make_case(email="", phone="+31612345683")
    next_step_set(case=case, actor=agent, text="Onderzoek", due=date(2026, 11, 20))
    assert template_values(case, agent=agent, language="nl")["next_step_date"] == (
        "vrijdag 27 november 2026"
    )


def test_an_emailed_reply_points_below_for_the_status_link(calm_case, agent):
    assert (
        "Onder dit bericht"
        in template_values(calm_case, agent=agent, language="nl")["status_link_hint"]
    )


def test_a_nameless_consumer_is_addressed_politely(db, wednesday, agent):
    case = make_case(name="", email="", phone="+31612345684")
    assert template_values(case, agent=agent, language="nl")["consumer_name"] == "Beste klant"
    assert template_values(case, agent=agent, language="en")["consumer_name"] == "Dear customer"
