from django.contrib import admin

from kalm.followups.models import AfterCareRule, FollowUp


@admin.register(AfterCareRule)
class AfterCareRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "product", "channel", "delay_days", "active")
    list_filter = ("active", "channel")
    list_editable = ("active",)


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    """Read-only: follow-ups change through the desk, which records each change in the dossier."""

    list_display = ("title", "case", "due_at", "owner", "source", "status", "reminded_at")
    list_filter = ("status", "source")
    search_fields = ("title", "case__reference")
    raw_id_fields = ("case", "source_message")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
