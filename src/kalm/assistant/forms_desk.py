"""Forms for the desk's gap pages: the list filters, answering with an article, merging."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.assistant import gap_selectors
from kalm.assistant.models import Gap
from kalm.kb.models import KB_LANGUAGES, Article

MERGE_CHOICES = 200


class GapFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[*Gap.Status.choices, ("all", _("Any status"))],
        initial=Gap.Status.OPEN,
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Both")), *KB_LANGUAGES]
    )

    def filters(self) -> dict[str, str]:
        """The selector's filters: open gaps unless another status is chosen."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or Gap.Status.OPEN
        return {"status": "" if status == "all" else status, "language": data.get("language", "")}


class GapAnswerForm(forms.Form):
    article = forms.ModelChoiceField(
        label=_("Article"),
        queryset=Article.objects.none(),
        error_messages={
            "required": _("Choose the article that answers these questions."),
            "invalid_choice": _("Choose a published article in the gap's language."),
        },
    )

    def __init__(self, *args: Any, gap: Gap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = gap_selectors.answer_candidates(gap.language)


class GapMergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Gap.objects.none(),
        error_messages={
            "required": _("Choose the gap to merge into."),
            "invalid_choice": _("Choose an open gap to merge into."),
        },
    )

    def __init__(self, *args: Any, gap: Gap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        targets = gap_selectors.merge_targets(gap)
        # The choice offers a bounded number; a sliced queryset cannot be filtered by the
        # field's validation, so it gets the ids of that slice.
        offered = list(targets.values_list("pk", flat=True)[:MERGE_CHOICES])
        field.queryset = targets.filter(pk__in=offered)
        field.label_from_instance = lambda g: f"{g.title} ({g.language}, {g.question_count})"
