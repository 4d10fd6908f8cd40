from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.chat.actions import MAX_MESSAGE_CHARS


class ChatStartForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        help_text=_("If nobody can chat right now, we send our answer to this address."),
    )
    body = forms.CharField(
        label=_("Your question"),
        max_length=MAX_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ChatMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
