"""The desk's forms for "You said, we did": the filters of the feedback page, linking selected
answers, and the improvement itself.

The forms only parse; the rules (a lead, both texts in one language to publish, only answers
with a comment or a low score) live in kalm.surveys.improvement_actions, which the views call."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kalm.accounts.models import Team
from kalm.surveys.improvement_actions import linkable
from kalm.surveys.models import Improvement, Response

PERIOD_DAYS = 30


class FeedbackFilterForm(forms.Form):
    """The period (default: the last 30 days), low answers only, team and language."""

    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    low = forms.BooleanField(label=_("Low answers only"), required=False)
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("Every team"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Every language")), *settings.LANGUAGES],
    )

    def period(self) -> tuple[date, date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        until = data.get("until") or today
        since = data.get("since") or until - timedelta(days=PERIOD_DAYS - 1)
        return (since, until) if since <= until else (until, since)


def feedback_responses() -> Any:
    return linkable(Response.objects.all())


class LinkForm(forms.Form):
    """Selected answers, and the improvement to link them to (or "new": make one from them)."""

    responses = forms.ModelMultipleChoiceField(
        queryset=feedback_responses(),
        error_messages={"required": _("Select at least one answer.")},
    )
    improvement = forms.ModelChoiceField(
        queryset=Improvement.objects.all(), required=False, empty_label=_("Choose an improvement")
    )
    new = forms.BooleanField(required=False)
    next = forms.CharField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("new") and not data.get("improvement") and "responses" in data:
            raise forms.ValidationError(_("Choose the improvement to link them to."))
        return data


class ImprovementForm(forms.Form):
    said_nl = forms.CharField(
        label=_("You said (Dutch)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The theme of the feedback in your own words. This text is public once published: "
            "never copy a comment or a name."
        ),
    )
    said_en = forms.CharField(
        label=_("You said (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    did_nl = forms.CharField(
        label=_("We did (Dutch)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changes because of it, as consumers will read it (formal: “u”)."),
    )
    did_en = forms.CharField(
        label=_("We did (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(label=_("Status"), choices=Improvement.Status.choices)
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("No team"),
    )
    published = forms.BooleanField(
        label=_("Publish on the portal"),
        required=False,
        help_text=_(
            "Shown on the public “You said, we did” page, with the number of customers who "
            "gave this feedback; never their names or comments."
        ),
    )
    # Answers picked on the feedback page, linked when a new improvement is saved.
    responses = forms.ModelMultipleChoiceField(
        queryset=feedback_responses(), required=False, widget=forms.MultipleHiddenInput
    )

    def __init__(self, *args: Any, improvement: Improvement | None = None, **kwargs: Any) -> None:
        if improvement is not None:
            kwargs.setdefault(
                "initial",
                {
                    "said_nl": improvement.said_nl,
                    "said_en": improvement.said_en,
                    "did_nl": improvement.did_nl,
                    "did_en": improvement.did_en,
                    "status": improvement.status,
                    "team": improvement.team_id,
                    "published": improvement.published,
                },
            )
        super().__init__(*args, **kwargs)
        if improvement is not None:
            del self.fields["responses"]  # linked from the feedback page, not here

    def action_fields(self) -> dict[str, Any]:
        names = ("said_nl", "said_en", "did_nl", "did_en", "status", "team", "published")
        return {name: self.cleaned_data[name] for name in names}
