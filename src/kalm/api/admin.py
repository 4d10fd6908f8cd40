"""Admin for API tokens (create one: its secret is shown once, in a message; revoke it) and the
case requests accepted with ``Prefer: respond-async`` (read them; open failed ones again)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kalm.api.actions import (
    ApiTokenError,
    api_token_create,
    api_token_revoke,
    case_requests_retry,
)
from kalm.api.models import ApiToken, CaseRequest, Scope


class ApiTokenCreateForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiToken
        fields = ["name", "acting_user", "scopes"]

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("acting_user")
        if user is not None and not user.is_desk_member:
            self.add_error("acting_user", _("The acting user must be an active desk member."))
        elif user is not None and not user.alias:
            self.add_error("acting_user", _("The acting user needs a public alias."))
        return cleaned


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "prefix",
        "acting_user",
        "scope_list",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "acting_user__username"]
    actions = ["revoke"]
    readonly_fields = [
        "name",
        "prefix",
        "acting_user",
        "scopes",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]

    @admin.display(description=_("scopes"))
    def scope_list(self, obj: ApiToken) -> str:
        return ", ".join(obj.scopes)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenCreateForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        return ["name", "acting_user", "scopes"] if obj is None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:
        if change:
            return  # tokens are not edited; revoke and create a new one
        try:
            token, secret = api_token_create(
                name=form.cleaned_data["name"],
                user=form.cleaned_data["acting_user"],
                scopes=form.cleaned_data["scopes"],
            )
        except ApiTokenError as exc:  # pragma: no cover - the form checks the same
            messages.error(request, str(exc))
            return
        obj.pk, obj.prefix, obj.created_at = token.pk, token.prefix, token.created_at
        messages.warning(
            request,
            _("Token for %(name)s: %(secret)s — copy it now, it will not be shown again.")
            % {"name": token.name, "secret": secret},
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoke instead, so last use and history stay visible

    @admin.action(description=_("Revoke selected tokens"))
    def revoke(self, request: HttpRequest, queryset) -> None:
        for token in queryset.filter(revoked_at=None):
            api_token_revoke(token=token)
        messages.success(request, _("Tokens revoked."))


@admin.register(CaseRequest)
class CaseRequestAdmin(admin.ModelAdmin):
    """Read-only: a request is what an integration sent. One that failed can be put back in the
    queue once the reason is dealt with."""

    list_display = ["key", "status", "token", "received_at", "processed_at", "case", "error"]
    list_filter = ["status"]
    search_fields = ["key", "error"]
    list_select_related = ["token", "case"]
    actions = ["retry"]
    readonly_fields = [
        "key",
        "status",
        "token",
        "acting_user",
        "payload",
        "error",
        "attempts",
        "case",
        "received_at",
        "processed_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # kept: what an integration sent, and what became of it

    @admin.action(description=_("Open the selected failed requests again"), permissions=["view"])
    def retry(self, request: HttpRequest, queryset) -> None:
        count = case_requests_retry(requests=queryset)
        messages.success(
            request,
            ngettext(
                "%(count)d request is waiting to be opened again.",
                "%(count)d requests are waiting to be opened again.",
                count,
            )
            % {"count": count},
        )
