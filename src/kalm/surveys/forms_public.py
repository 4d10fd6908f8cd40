"""The consumer's survey form: one optional field per item of the survey, in its order."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.surveys.actions import MAX_COMMENT_CHARS as COMMENT_MAX_LENGTH
from kalm.surveys.items import Item


class SurveyForm(forms.Form):
    """Every question is optional, but a sent form answers at least one of them.

    ``initial`` holds the current answers (item code -> value as a string), so the page shows
    them chosen and an answer can be changed or completed later."""

    def __init__(self, items: list[Item], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            if item.kind == "text":
                self.fields[item.code] = forms.CharField(
                    label=item.question,
                    required=False,
                    max_length=COMMENT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 5}),
                )
            else:
                labels = item.labels if item.kind == "choice" else item.values
                self.fields[item.code] = forms.ChoiceField(
                    label=item.question,
                    required=False,
                    choices=list(zip(item.values, labels, strict=True)),
                    widget=forms.RadioSelect,
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not self.answers():
            raise forms.ValidationError(_("Please answer at least one question."))
        return cleaned

    def answers(self) -> dict[str, str]:
        """The answers given. An emptied comment is passed on (as "") only when there was one,
        so it can be taken back; unanswered questions are left out, never cleared."""
        given = {}
        for item in self.items:
            value = (self.cleaned_data.get(item.code) or "").strip()
            if value or (item.kind == "text" and self.initial.get(item.code)):
                given[item.code] = value
        return given

    def rows(self) -> list[dict[str, Any]]:
        """What the template needs per question: the options with the chosen one marked (what
        was sent when the form comes back with an error, else the current answer)."""
        rows = []
        for item in self.items:
            bound = self[item.code]
            chosen = str(bound.value() or "")
            row: dict[str, Any] = {
                "code": item.code,
                "kind": item.kind,
                "question": item.question,
                "field": bound,
                "value": chosen,
                "errors": bound.errors,
            }
            if item.kind == "scale":
                low, high = item.labels
                last = len(item.values) - 1
                row["ends"] = (low, high)
                row["options"] = [
                    {
                        "value": value,
                        "label": value,
                        "checked": value == chosen,
                        "end": low if i == 0 else high if i == last else "",
                    }
                    for i, value in enumerate(item.values)
                ]
            elif item.kind == "choice":
                row["options"] = [
                    {"value": value, "label": label, "checked": value == chosen, "end": ""}
                    for value, label in zip(item.values, item.labels, strict=True)
                ]
            rows.append(row)
        return rows
