"""Forms for consumers in the desk: add an address, find a caller, open a case from a call."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.consumers.models import ContactIdentity


class IdentityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactIdentity.Kind.choices)
    value = forms.CharField(
        label=_("Address"),
        max_length=254,
        error_messages={"required": _("Enter an email address, phone number or handle.")},
    )


class CallerForm(forms.Form):
    phone = forms.CharField(
        label=_("Caller's phone number"),
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autofocus": True, "autocomplete": "off"}),
        error_messages={"required": _("Enter the number the consumer calls from.")},
    )


class CallCaseForm(forms.Form):
    """A new case for a caller who has none open (or whose call is about something new)."""

    phone = forms.CharField(label=_("Phone number"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email (optional)"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("What was said"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write down what was said first.")},
    )


class MergeDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Merge")), ("reject", _("Not the same"))])
    keep = forms.IntegerField(required=False, widget=forms.HiddenInput)
