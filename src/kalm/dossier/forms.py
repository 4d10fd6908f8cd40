"""Forms for physical items and exports. They only parse; the actions decide."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kalm.dossier.actions import CUSTODY_MOVES
from kalm.dossier.export import AUDIENCES
from kalm.dossier.models import PhysicalItem


class PhysicalItemForm(forms.ModelForm):
    collected_at = forms.DateTimeField(
        label=_("Collected on"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for now."),
    )

    class Meta:
        model = PhysicalItem
        fields = ["description", "condition", "collected_where", "collected_at"]
        labels = {
            "description": _("Item"),
            "condition": _("Condition"),
            "collected_where": _("Collected at (place)"),
        }
        help_texts = {
            "description": _("What it is, with brand, batch/lot number and any marks."),
            "condition": _("For example: seal broken, glass cracked, half full."),
            "collected_where": _("For example: at the consumer's home, shop in Utrecht, by post."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "condition": forms.TextInput(),
        }

    def clean_description(self) -> str:
        value = self.cleaned_data["description"].strip()
        if not value:
            raise forms.ValidationError(_("Describe the item."))
        return value

    def clean_collected_at(self) -> Any:
        value = self.cleaned_data.get("collected_at")
        if value and value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("The collection time cannot be in the future."))
        return value


class CustodyMoveForm(forms.Form):
    custody = forms.ChoiceField(label=_("Move to"), choices=())
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Lab name and reference, storage place, who took it back…"),
    )

    def __init__(self, *args: Any, item: PhysicalItem | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = CUSTODY_MOVES[item.custody] if item is not None else None
        self.fields["custody"].choices = [
            (value, label)
            for value, label in PhysicalItem.Custody.choices
            if value != PhysicalItem.Custody.COLLECTED and (allowed is None or value in allowed)
        ]


class ExportForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("For"),
        choices=[("internal", _("Internal (real names)")), ("consumer", _("The consumer"))],
        required=False,
    )

    def clean_audience(self) -> str:
        return self.cleaned_data.get("audience") or AUDIENCES[0]
