"""The crisis's public contact form. It guards against robots the way the complaint form does
(the same hidden honeypot field and message), and checks the phone number the same way."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.cases.models import Product
from kalm.crisis.models import Crisis
from kalm.portal.forms import clean_phone, derive_subject


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=Product.objects.none(),
        required=False,
        empty_label=_("— choose a product (optional) —"),
    )
    batch_number = forms.CharField(
        label=_("Batch or lot number"),
        required=False,
        max_length=60,
        help_text=_("Usually printed near the best-before date."),
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
    # Honeypot, as on the complaint form: hidden from people; robots fill every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
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

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("website"):
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "The hidden field 'Leave this field empty' was filled in, which robots "
                        "do. If you are a person, clear it and send the form again."
                    ),
                    code="honeypot",
                ),
            )
        data["subject"] = derive_subject(data.get("message") or "")
        data.setdefault("product", None)
        return data
