"""The churn pages' forms: the at-risk list's filters and marking a consumer as lost. They only
parse; the rules (not in the future, not before we knew them, one mark at a time) live in
kalm.churn.actions."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kalm.churn.models import Band, Loss
from kalm.consumers.models import Consumer


class RiskFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Who"),
        required=False,
        choices=[
            ("", _("Everyone")),
            (Consumer.Kind.PERSON, _("People")),
            (Consumer.Kind.ORGANISATION, _("Organisations")),
        ],
    )
    band = forms.ChoiceField(
        label=_("Risk"),
        required=False,
        choices=[("", _("High and medium")), (Band.HIGH, _("High")), (Band.MEDIUM, _("Medium"))],
    )

    def filters(self) -> dict[str, Any]:
        """The selector's arguments; an unknown value in the address is ignored, not an error."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"kind": data.get("kind") or None, "band": data.get("band") or None}


class LossForm(forms.Form):
    lost_on = forms.DateField(
        label=_("Lost on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.ChoiceField(
        label=_("Why"), choices=[("", _("Choose a reason")), *Loss.Reason.choices]
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: what they said, for colleagues."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"lost_on": timezone.localdate()})
        kwargs.setdefault("auto_id", "id_lost_%s")
        super().__init__(*args, **kwargs)

    def lost_at(self) -> datetime:
        """The start of the chosen day in the desk's time zone: the model learns from what was
        known before the day they left, so the call in which they said goodbye does not teach
        it that calling means leaving. A future day stays in the future and the action refuses
        it."""
        day = self.cleaned_data["lost_on"]
        return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
