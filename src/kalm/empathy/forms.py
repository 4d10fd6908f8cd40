"""Forms of the empathy card: the reason for a legal hold."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LegalHoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        error_messages={"required": _("Say why the dossier is put on legal hold.")},
    )
