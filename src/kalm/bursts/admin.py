from django.contrib import admin

from kalm.bursts.models import BurstAlert


@admin.register(BurstAlert)
class BurstAlertAdmin(admin.ModelAdmin):
    """Alerts are written by the detector and handled on the desk; the admin only reads."""

    list_display = ("__str__", "dimension", "start", "detected_at", "count", "expected", "status")
    list_filter = ("status", "dimension")
    search_fields = ("key", "label", "batch")
    raw_id_fields = ("product", "cases", "handled_by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
