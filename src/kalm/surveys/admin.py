"""Surveys are edited here through the actions (the same rules as the desk's form); invitations
and answers are shown read-only, because the sweep and the consumer write them and the dashboards
count on them as they were given."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kalm.surveys import actions
from kalm.surveys.items import FIRST_ITEMS, ITEMS
from kalm.surveys.models import Invitation, Response, Survey

FIELDS = actions.SURVEY_FIELDS


class SurveyAdminForm(forms.ModelForm):
    """Runs the action on a savepoint that is rolled back, so the action's refusal shows on the
    form instead of as a server error, and the rules are written once."""

    request: HttpRequest | None = None  # set by SurveyAdmin.get_form

    class Meta:
        model = Survey
        fields = FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].help_text = _(
            'Item codes in the order asked, for example ["csat", "comment"]: %(codes)s. The '
            "first is answered with one click in the email and must be one of: %(first)s."
        ) % {"codes": ", ".join(ITEMS), "first": ", ".join(FIRST_ITEMS)}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors or self.request is None:
            return data
        values = {name: data.get(name) for name in FIELDS}
        try:
            with transaction.atomic():
                survey = Survey.objects.get(pk=self.instance.pk) if self.instance.pk else None
                _save(survey, self.request.user, values)
                transaction.set_rollback(True)
        except actions.SurveyError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


def _save(survey: Survey | None, actor: Any, values: dict[str, Any]) -> Survey:
    if survey is None:
        return actions.survey_create(actor=actor, **values)
    return actions.survey_update(survey=survey, actor=actor, **values)


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    form = SurveyAdminForm
    list_display = ("name", "trigger", "delay_hours", "team", "active", "created_at")
    list_filter = ("trigger", "active", "team")
    search_fields = ("name",)
    fields = FIELDS

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def save_model(self, request: HttpRequest, obj: Survey, form: Any, change: bool) -> None:
        values = {name: form.cleaned_data.get(name) for name in FIELDS}
        saved = _save(Survey.objects.get(pk=obj.pk) if change else None, request.user, values)
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Invitations and answers protect their survey; switch it off instead.
        return super().has_delete_permission(request, obj) and not (
            obj and obj.invitations.exists()
        )


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(_ReadOnly):
    list_display = ("case", "survey", "status", "language", "due_at", "sent_at", "answered_at")
    list_filter = ("status", "survey", "language")
    search_fields = ("case__reference", "note")
    list_select_related = ("case", "survey")
    date_hierarchy = "due_at"


@admin.register(Response)
class ResponseAdmin(_ReadOnly):
    list_display = (
        "case",
        "survey",
        "trigger",
        "language",
        "csat",
        "nps",
        "ces",
        "expectation",
        "is_low",
        "created_at",
    )
    list_filter = ("survey", "trigger", "language", "expectation")
    search_fields = ("case__reference", "comment")
    list_select_related = ("case", "survey")
    date_hierarchy = "created_at"

    @admin.display(boolean=True, description=_("low"))
    def is_low(self, obj: Response) -> bool:
        return obj.is_low
