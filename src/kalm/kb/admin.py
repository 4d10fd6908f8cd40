"""Categories are edited here (through the actions); articles and feedback are shown read-only,
because writing an article outside the desk would skip its revisions and the four-eyes review."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kalm.kb import actions
from kalm.kb.models import Article, ArticleFeedback, ArticleRevision, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_nl", "name_en", "position")
    list_editable = ("position",)
    search_fields = ("slug", "name_nl", "name_en")
    fields = ("name_nl", "name_en", "slug", "description_nl", "description_en", "position")

    def save_model(self, request: HttpRequest, obj: Category, form: Any, change: bool) -> None:
        values = {name: form.cleaned_data.get(name, getattr(obj, name)) for name in self.fields}
        if change:
            saved = actions.category_update(category=obj, actor=request.user, **values)
        else:
            saved = actions.category_create(actor=request.user, **values)
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Articles protect their category; an empty category may go.
        return super().has_delete_permission(request, obj) and not (obj and obj.articles.exists())


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RevisionInline(ReadOnlyMixin, admin.StackedInline):
    model = ArticleRevision
    extra = 0
    fields = ("number", "title", "summary", "body", "keywords", "author", "created_at", "note")
    readonly_fields = fields
    ordering = ("-number",)


@admin.register(Article)
class ArticleAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "language",
        "category",
        "state",
        "visibility",
        "revision",
        "helpful_yes",
        "helpful_no",
        "updated_at",
    )
    list_filter = ("state", "language", "visibility", "category")
    search_fields = ("title", "slug", "body", "keywords")
    list_select_related = ("category",)
    inlines = [RevisionInline]


@admin.register(ArticleFeedback)
class ArticleFeedbackAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("article", "helpful", "reason", "source", "created_at")
    list_filter = ("helpful", "reason", "source")
    search_fields = ("comment", "article__title")
    list_select_related = ("article",)
