"""Forms for the crisis room: open a crisis, change its status, record a decision, give a role."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.accounts.models import Role, User
from kalm.cases.models import Product
from kalm.crisis.models import (
    CrisisEvent,
    CrisisStatus,
    PublishChannel,
    Scenario,
    Severity,
    TeamRole,
)


def _desk_members():
    return User.objects.filter(
        is_active=True, role__in=[Role.AGENT, Role.LEAD, Role.ADMIN]
    ).order_by("first_name", "last_name", "username")


class ListField(forms.CharField):
    """Comma- or line-separated values, e.g. batch numbers."""

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


class WhenField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"])
        kwargs.setdefault("error_messages", {"invalid": _("Enter a date and time.")})
        super().__init__(**kwargs)


class CrisisForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the crisis a title.")},
    )
    scenario = forms.ChoiceField(label=_("Scenario"), choices=Scenario.choices)
    severity = forms.TypedChoiceField(
        label=_("Severity"), choices=Severity.choices, coerce=int, initial=Severity.MODERATE
    )
    language = forms.ChoiceField(
        label=_("Playbook language"),
        choices=[("nl", "Nederlands"), ("en", "English")],
        initial="nl",
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products"), queryset=Product.objects.none(), required=False
    )
    batches = ListField(
        label=_("Batches / lot numbers"),
        required=False,
        help_text=_("Separate with commas."),
    )
    regions = ListField(label=_("Regions"), required=False, help_text=_("Separate with commas."))
    segments = ListField(
        label=_("Customer segments"), required=False, help_text=_("Separate with commas.")
    )
    window_start = WhenField(
        label=_("Affected from"),
        required=False,
        help_text=_("Cases from this moment on are proposed. Empty: the last two weeks."),
    )
    alert = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = Product.objects.filter(active=True)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=CrisisStatus.choices)
    note = forms.CharField(label=_("Why"), max_length=500, required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision or note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": _("Write down what was decided.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (CrisisEvent.Kind.DECISION, CrisisEvent.Kind.DECISION.label),
            (CrisisEvent.Kind.NOTE, CrisisEvent.Kind.NOTE.label),
        ],
        initial=CrisisEvent.Kind.DECISION,
    )


class RoleForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)
    everywhere = forms.BooleanField(
        label=_("For every crisis (default team)"), required=False, initial=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _desk_members()
        self.fields["user"].label_from_instance = lambda user: user.internal_name


class FaqField(forms.CharField):
    """One question per line, the answer after a vertical bar: "Can I still drink it? | No."."""

    def to_python(self, value: Any) -> list[dict[str, str]]:
        text = super().to_python(value) or ""
        items = []
        for line in text.splitlines():
            if not line.strip():
                continue
            question, bar, answer = line.partition("|")
            if not bar or not question.strip() or not answer.strip():
                raise forms.ValidationError(
                    _("Write each FAQ line as: question | answer."), code="faq"
                )
            items.append({"q": question.strip(), "a": answer.strip()})
        return items


def _section(label: str) -> forms.CharField:
    return forms.CharField(label=label, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class StatementForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"), choices=[("nl", "Nederlands"), ("en", "English")], initial="nl"
    )
    what_happened = _section(_("What happened"))
    what_we_do = _section(_("What we are doing"))
    what_to_expect = _section(_("What you can expect and when"))
    what_you_can_do = _section(_("What you can do now"))
    how_to_reach_us = _section(_("How to reach us"))
    faq = FaqField(
        label=_("FAQ"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("question | answer")}),
        help_text=_("One question per line: question | answer."),
    )


class ReviewForm(forms.Form):
    approve = forms.BooleanField(required=False)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)


class PublishForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=PublishChannel.choices, widget=forms.CheckboxSelectMultiple
    )
