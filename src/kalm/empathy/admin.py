"""Priority and routing rules, in one place for admins; analyses and decisions read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kalm.accounts.models import Role, User
from kalm.dossier.models import LegalHold
from kalm.empathy.models import MessageAnalysis, RoutingDecision, RoutingRule


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by actions that also record the dossier: not edited by hand."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "signal",
        "min_probability",
        "set_priority",
        "team",
        "legal_hold",
        "sla_policy",
        "personal_followup_hours",
        "order",
        "active",
    )
    list_editable = ("order", "active")
    list_filter = ("active", "signal")
    filter_horizontal = ("notify_users",)
    fieldsets = (
        (None, {"fields": ("name", "signal", "min_probability", "order", "active")}),
        (
            _("What happens to the case"),
            {
                "fields": (
                    "set_priority",
                    "team",
                    "legal_hold",
                    "sla_policy",
                    "personal_followup_hours",
                )
            },
        ),
        (_("Who is told"), {"fields": ("notify_users", "notify_team_leads", "notify_team")}),
        (_("Guidance shown on the case"), {"fields": ("guidance_nl", "guidance_en")}),
    )

    def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "notify_users":
            kwargs["queryset"] = User.objects.filter(
                is_active=True, role__in=[Role.AGENT, Role.LEAD, Role.ADMIN]
            ).order_by("first_name", "last_name", "username")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(RoutingDecision)
class RoutingDecisionAdmin(ReadOnlyAdmin):
    list_display = ("case", "rule", "probability", "applied_at", "notified_at")
    list_filter = ("rule",)
    search_fields = ("case__reference",)
    list_select_related = ("case", "rule")


@admin.register(MessageAnalysis)
class MessageAnalysisAdmin(ReadOnlyAdmin):
    list_display = ("message", "case", "language", "emotion", "sentiment", "fired", "created_at")
    list_filter = ("language", "emotion")
    search_fields = ("case__reference",)
    list_select_related = ("case",)


@admin.register(LegalHold)
class LegalHoldAdmin(ReadOnlyAdmin):
    """Set and released on the case page by leads (each change is a dossier entry)."""

    list_display = ("case", "reason", "set_at", "set_by", "released_at", "released_by")
    list_filter = ("released_at",)
    search_fields = ("case__reference", "reason")
    list_select_related = ("case", "set_by", "released_by")
