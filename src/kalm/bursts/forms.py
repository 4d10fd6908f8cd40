from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this not a crisis?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
