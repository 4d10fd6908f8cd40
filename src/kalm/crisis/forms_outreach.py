"""The crisis's public contact form: the complaint form's contact fields and honeypot
(portal.forms.ConsumerContactForm), with the message and the wish to be kept informed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.crisis.models import Crisis
from kalm.portal.forms import ConsumerContactForm, derive_subject


class ContactForm(ConsumerContactForm):
    # Unlike the complaint form, email is required: updates about the crisis go by email.
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    keep_informed = forms.BooleanField(
        label=_("Keep me informed by email about this issue"),
        required=False,
        help_text=_("Every update has a link to stop them."),
    )

    def __init__(self, *args: Any, crisis: Crisis, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        products = crisis.products.filter(active=True)
        self.fields["product"].queryset = products
        choices = list(products[:2])
        if len(choices) == 1:
            # One product in the scope: it is the one they mean.
            self.fields["product"].initial = choices[0].pk
        elif not choices:
            del self.fields["product"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # the honeypot, as on the complaint form
        data["subject"] = derive_subject(data.get("message") or "")
        data.setdefault("product", None)
        return data
