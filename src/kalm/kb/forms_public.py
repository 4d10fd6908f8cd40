"""Forms of the public help centre: the search box and "was this helpful?"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.kb.actions import COMMENT_MAX
from kalm.kb.models import ArticleFeedback

# Long enough for a question typed in full; longer input is cut, never refused.
SEARCH_MAX = 200


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the help centre"), required=False, strip=True)

    def query(self) -> str:
        if not self.is_valid():
            return ""
        return " ".join(self.cleaned_data["q"].split())[:SEARCH_MAX]


class FeedbackForm(forms.Form):
    """Yes needs nothing more; no needs a reason, and a comment may say what was missing."""

    helpful = forms.TypedChoiceField(
        label=_("Was this helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.ChoiceField(
        label=_("What was wrong with it?"),
        choices=ArticleFeedback.Reason.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything else you want to tell us?"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Please leave out personal details: this goes to the help centre's editors, "
            "not to a person who answers."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("helpful") is False and not data.get("reason"):
            self.add_error("reason", _("Choose what was wrong with the article."))
        if data.get("helpful") is True:
            # A "yes" carries no reason; a stale one from the other step is not kept.
            data["reason"], data["comment"] = "", ""
        return data
