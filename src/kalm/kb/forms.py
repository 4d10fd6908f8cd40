"""Forms for the desk's knowledge-base pages: the list filters, the editor, review, categories."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kalm.kb.models import KB_LANGUAGES, Article, Category


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any state")), *Article.State.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Both")), *KB_LANGUAGES]
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.all(),
        empty_label=_("All categories"),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        required=False,
        choices=[("", _("Public and internal")), *Article.Visibility.choices],
    )


class ArticleForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the article a title.")},
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("One or two sentences; shown in search results."),
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": _("Write the text of the article.")},
        help_text=_(
            "Plain text. Leave a blank line between paragraphs; start list items with “- ”."
        ),
    )
    keywords = forms.CharField(
        label=_("Extra search words"),
        max_length=300,
        required=False,
        help_text=_("Words consumers use that the text does not, separated by commas."),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        error_messages={"required": _("Choose a category.")},
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Article.Visibility.choices, initial="public"
    )
    related = forms.ModelMultipleChoiceField(
        label=_("Related articles"),
        queryset=Article.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    note = forms.CharField(
        label=_("Change note"),
        max_length=300,
        required=False,
        help_text=_("What changed and why; kept in the history."),
    )

    def __init__(self, *args: Any, article: Article | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Archived articles are no longer offered, but one already related stays selectable.
        keep = ~Q(state=Article.State.ARCHIVED)
        if article is not None:
            keep |= Q(pk__in=article.related.values("pk"))
        related = Article.objects.filter(keep)
        if article is not None:
            related = related.exclude(pk=article.pk)
        self.fields["related"].queryset = related.order_by("language", "title")
        self.fields["related"].label_from_instance = lambda a: f"{a.title} ({a.language})"


class NewArticleForm(ArticleForm):
    language = forms.ChoiceField(label=_("Language"), choices=KB_LANGUAGES, initial="nl")
    # The knowledge gap (kalm.assistant) this article is written for: it is closed as answered
    # by the article when the article is saved.
    gap = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    field_order = ["language", "title", "summary", "body", "keywords", "category", "visibility"]

    @classmethod
    def initial_from(cls, query: Any) -> dict[str, Any]:
        """Initial values from the address (?title=&language=&gap=), as the gap page links
        here; anything that does not fit is left out rather than refused."""
        initial: dict[str, Any] = {}
        title = " ".join(str(query.get("title", "")).split())
        if title:
            initial["title"] = title[: cls.base_fields["title"].max_length]
        if query.get("language") in dict(KB_LANGUAGES):
            initial["language"] = query["language"]
        gap = str(query.get("gap", ""))
        if gap.isdigit() and int(gap) > 0:
            initial["gap"] = int(gap)
        return initial


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Why does it go back?"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the article goes back to draft.")},
    )


class CategoryForm(forms.Form):
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=120)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120)
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=80,
        required=False,
        help_text=_("Empty: from the Dutch name."),
    )
    description_nl = forms.CharField(label=_("Description (Dutch)"), max_length=300, required=False)
    description_en = forms.CharField(
        label=_("Description (English)"), max_length=300, required=False
    )
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=32767, initial=0)
