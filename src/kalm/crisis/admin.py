"""Playbooks, the protocol matrix and default crisis roles are reference data teams edit here."""

from django.contrib import admin

from kalm.crisis.models import (
    CrisisMailing,
    CrisisRole,
    CrisisSubscription,
    Playbook,
    PlaybookStep,
    ProtocolRule,
    Publication,
    SocialDraft,
    StatementVersion,
)


class PlaybookStepInline(admin.TabularInline):
    model = PlaybookStep
    extra = 1
    fields = ("position", "title", "description", "owner_role", "offset")


@admin.register(Playbook)
class PlaybookAdmin(admin.ModelAdmin):
    list_display = ("name", "scenario", "language", "active")
    list_filter = ("scenario", "language", "active")
    inlines = [PlaybookStepInline]


@admin.register(ProtocolRule)
class ProtocolRuleAdmin(admin.ModelAdmin):
    list_display = ("channel", "role", "may_draft", "may_approve", "may_publish")
    list_editable = ("may_draft", "may_approve", "may_publish")
    list_filter = ("channel", "role")


@admin.register(CrisisRole)
class CrisisRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "crisis", "assigned_at")
    list_filter = ("role",)
    raw_id_fields = ("user", "crisis", "assigned_by")
    readonly_fields = ("assigned_by", "assigned_at")


class _ReadOnly(admin.ModelAdmin):
    """Statements and publications are written only by the actions (four eyes, protocol);
    the admin shows them for audits and never changes them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StatementVersion)
class StatementVersionAdmin(_ReadOnly):
    list_display = ("statement", "number", "state", "drafted_by", "reviewed_by", "published_at")
    list_filter = ("state", "statement__language")


@admin.register(Publication)
class PublicationAdmin(_ReadOnly):
    list_display = ("crisis", "channel", "language", "version", "published_at", "superseded_at")
    list_filter = ("channel", "language")


@admin.register(CrisisSubscription)
class CrisisSubscriptionAdmin(_ReadOnly):
    """Who gets the email updates; the consumer's own unsubscribe is the only way out."""

    list_display = ("email", "crisis", "language", "source", "created_at", "unsubscribed_at")
    list_filter = ("source", "language")
    search_fields = ("email",)
    list_select_related = ("crisis",)
    exclude = ("token",)  # the unsubscribe link is the consumer's, not for copying around


@admin.register(CrisisMailing)
class CrisisMailingAdmin(_ReadOnly):
    list_display = ("id", "crisis", "version", "subscription", "status", "attempts", "error")
    list_filter = ("status",)
    list_select_related = ("crisis", "version__statement__crisis", "subscription__crisis")
    show_full_result_count = False


@admin.register(SocialDraft)
class SocialDraftAdmin(_ReadOnly):
    list_display = ("crisis", "source", "publication", "outbound", "created_at")
    list_select_related = (
        "crisis",
        "source",
        "publication__version__statement__crisis",
        "outbound",
    )
