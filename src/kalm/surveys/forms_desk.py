"""The desk's survey form: the survey's settings and its questions, picked from the items with a
checkbox and a position each.

The form only parses; the rules (a lead, at least one item, the first one answerable with one
click, the longest delay) live in kalm.surveys.actions, which the view calls, so the desk, the
admin and any later API refuse the same things with the same words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.accounts.models import Team
from kalm.surveys.actions import SURVEY_FIELDS
from kalm.surveys.items import FIRST_ITEMS, ITEMS
from kalm.surveys.models import Survey, Trigger


def _use(code: str) -> str:
    return f"use_{code}"


def _position(code: str) -> str:
    return f"position_{code}"


class SurveyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    trigger = forms.ChoiceField(label=_("When"), choices=Trigger.choices)
    delay_hours = forms.IntegerField(
        label=_("Hours after the occasion"),
        min_value=0,
        initial=24,
        help_text=_("How long after the resolution, chat or crisis the survey is sent."),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("Every team"),
        help_text=_("Empty: cases of every team."),
    )
    intro_nl = forms.CharField(
        label=_("Introduction (Dutch)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Above the questions, for consumers who write in Dutch."),
    )
    intro_en = forms.CharField(
        label=_("Introduction (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Above the questions, for consumers who write in English."),
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, survey: Survey | None = None, **kwargs: Any) -> None:
        if survey is not None:
            kwargs.setdefault("initial", self.initial_from(survey))
        super().__init__(*args, **kwargs)
        count = len(ITEMS)
        for code in ITEMS:
            self.fields[_use(code)] = forms.BooleanField(label=_("Ask"), required=False)
            self.fields[_position(code)] = forms.IntegerField(
                label=_("Position"),
                required=False,
                min_value=1,
                max_value=count,
                widget=forms.NumberInput(attrs={"size": 2, "inputmode": "numeric"}),
            )

    @staticmethod
    def initial_from(survey: Survey) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": survey.name,
            "trigger": survey.trigger,
            "delay_hours": survey.delay_hours,
            "team": survey.team_id,
            "intro_nl": survey.intro_nl,
            "intro_en": survey.intro_en,
            "active": survey.active,
        }
        for number, code in enumerate(survey.items, start=1):
            initial[_use(code)] = True
            initial[_position(code)] = number
        return initial

    def item_rows(self) -> list[dict[str, Any]]:
        """One row per item for the template: the item, its two fields, and whether it may be
        the first question."""
        return [
            {
                "item": item,
                "use": self[_use(code)],
                "position": self[_position(code)],
                "may_be_first": code in FIRST_ITEMS,
            }
            for code, item in ITEMS.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # Checked items by their position; an item without one, or two with the same, keep the
        # order of the list, so whatever was typed gives one definite order (shown on save).
        picked = [
            (data.get(_position(code)) or len(ITEMS) + 1, index, code)
            for index, code in enumerate(ITEMS)
            if data.get(_use(code))
        ]
        data["items"] = [code for _position_, _index, code in sorted(picked)]
        return data

    def action_fields(self) -> dict[str, Any]:
        """The cleaned values as the actions take them."""
        data = self.cleaned_data
        names = SURVEY_FIELDS
        return {name: data[name] for name in names}
