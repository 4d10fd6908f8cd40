from django.contrib import admin

from kalm.sla.models import BusinessCalendar, CaseSla, SlaPolicy


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(admin.ModelAdmin):
    list_display = ("name", "timezone", "country", "good_friday_closed", "liberation_day")


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "priority",
        "channel",
        "team",
        "calendar",
        "first_response",
        "next_response",
        "resolution",
        "active",
        "order",
    )
    list_filter = ("active", "priority", "channel", "team")
    list_editable = ("active", "order")


@admin.register(CaseSla)
class CaseSlaAdmin(admin.ModelAdmin):
    """Read-only: the clocks are written by actions and the worker only."""

    list_display = ("case", "policy", "first_response_due", "resolution_due", "paused_at")
    list_select_related = ("case", "policy")
    search_fields = ("case__reference",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
