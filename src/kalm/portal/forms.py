"""Forms the consumer fills in: the complaint, a follow-up message, the answer to a solution."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from kalm.cases.models import ExpectationOption, Product

FILES_NOT_KEPT = _(
    "Browsers cannot keep attached files when a form is sent back: please attach your photos "
    "and videos again."
)
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./-]+$")


class _FilesMixin:
    files_not_kept = FILES_NOT_KEPT

    @property
    def max_files(self) -> int:
        return settings.KALM_EVIDENCE_MAX_FILES

    @property
    def files_dropped(self) -> bool:
        """Files came with a form that is shown again: browsers cannot keep them."""
        sent = self.files.getlist("files")  # type: ignore[attr-defined]
        return self.is_bound and bool(sent) and bool(self.errors)  # type: ignore[attr-defined]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one ``<input type=file multiple>``; cleans to a list (maybe empty)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/*,video/*,application/pdf"}),
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        one = super().clean
        if isinstance(data, (list, tuple)):
            files = [one(item, initial) for item in data if item]
        else:
            files = [one(data, initial)] if data else []
        files = [f for f in files if f]
        limit = settings.KALM_EVIDENCE_MAX_FILES
        if len(files) > limit:
            raise forms.ValidationError(
                ngettext_lazy(
                    "You can attach at most %(limit)d file at a time.",
                    "You can attach at most %(limit)d files at a time.",
                    "limit",
                )
                % {"limit": limit},
                code="too_many_files",
            )
        return files


class ExpectationCheckboxes(forms.CheckboxSelectMultiple):
    """Marks the option that asks for a text, so CSS can reveal the 'other' field."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None and instance.asks_for_text:
            option["attrs"]["data-asks-text"] = "true"
        return option


def clean_phone(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not _PHONE_CHARS.match(value) or not 6 <= len(digits) <= 15:
        raise forms.ValidationError(
            _(
                "Enter a phone number with 6 to 15 digits, for example 06 12345678 or +31 6 12345678."
            ),
            code="phone",
        )
    return value


def derive_subject(text: str, limit: int = 80) -> str:
    """A short subject from the first line of the text, cut at a word boundary."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = " ".join(first.split())
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0] or first[:limit]
    return cut.rstrip(" ,.;:-") + "…"


class ConsumerContactForm(forms.Form):
    """Who the consumer is and which product, guarded by a honeypot: shared by the complaint
    form and a crisis's contact form."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
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
    # Honeypot: hidden from people by CSS; bots that fill every field give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

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
        return data


class ComplaintForm(_FilesMixin, ConsumerContactForm):
    subject = forms.CharField(
        label=_("Subject"),
        required=False,
        max_length=200,
        help_text=_("Optional: we take the first line of your message when you leave it empty."),
    )
    body = forms.CharField(
        label=_("What happened?"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Tell us what happened, when and where you bought the product."),
    )
    expectations = forms.ModelMultipleChoiceField(
        label=_("What would you like from us?"),
        queryset=ExpectationOption.objects.none(),
        required=False,
        widget=ExpectationCheckboxes,
    )
    expectation_other = forms.CharField(
        label=_("Tell us what you would like"),
        required=False,
        max_length=500,
    )
    files = MultipleFileField(
        label=_("Photos or videos"),
        help_text=_("You may add several files: photos, videos or PDF documents."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(active=True)
        self.fields["expectations"].queryset = ExpectationOption.objects.filter(active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        contact_given = data.get("email") or data.get("phone")
        if not contact_given and not self.has_error("email") and not self.has_error("phone"):
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Give an email address or a phone number, so we can reach you."),
                    code="contact",
                ),
            )
        chosen = data.get("expectations") or []
        if (
            any(option.asks_for_text for option in chosen)
            and not (data.get("expectation_other") or "").strip()
        ):
            self.add_error(
                "expectation_other",
                forms.ValidationError(
                    _("Tell us in a few words what you would like."), code="required"
                ),
            )
        if not (data.get("subject") or "").strip() and data.get("body"):
            data["subject"] = derive_subject(data["body"])
        return data


class MessageForm(_FilesMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = MultipleFileField(label=_("Add photos or videos"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not (data.get("body") or "").strip() and not data.get("files"):
            raise forms.ValidationError(
                _("Write a message or attach at least one file."), code="empty"
            )
        return data


class SolutionAnswerForm(forms.Form):
    answer = forms.TypedChoiceField(
        label=_("Are you satisfied with the proposed solution?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SolutionConfirmForm(forms.Form):
    """Confirms the answer chosen by a link in the solution email. A "no" needs the reason:
    it reopens the case, and the team needs to know what would solve it."""

    comment = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, accepted: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.accepted = accepted
        field = self.fields["comment"]
        if accepted:
            field.label = _("Anything you would like to add?")
        else:
            field.label = _("What would solve it for you?")
            field.required = True
            field.error_messages["required"] = _(
                "Tell us in a few words what would solve it for you."
            )
            field.widget.attrs["autofocus"] = True
