from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.assistant.actions import MAX_QUESTION_CHARS
from kalm.assistant.models import Turn


class AskForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        max_length=MAX_QUESTION_CHARS,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_QUESTION_CHARS}),
    )


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("1", _("Yes")), ("0", _("No"))], coerce=lambda v: v == "1"
    )
    reason = forms.ChoiceField(choices=[("", ""), *Turn.Reason.choices], required=False)
