from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.replies.models import ReplyTemplate
from kalm.replies.variables import unknown_variables


class ReplyTemplateForm(forms.ModelForm):
    """Used by the admin and the desk's templates page: unknown variables are refused here, so a
    typo never reaches a consumer (rendering leaves them visible rather than failing)."""

    class Meta:
        model = ReplyTemplate
        fields = ["name", "situation", "language", "body", "active", "position"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        unknown = unknown_variables(body)
        if unknown:
            raise forms.ValidationError(
                _("Unknown variable: %(names)s. Write {{ or }} for a brace itself."),
                code="unknown_variable",
                params={"names": ", ".join(unknown)},
            )
        return body


class CheckForm(forms.Form):
    """The draft to check: the reply form's own field name, so the check posts the same form."""

    body = forms.CharField(required=False, max_length=20000, strip=False)
