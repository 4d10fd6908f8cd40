"""Read-only admin views of the dossier: it is append-only, so nothing here can change it."""

from django.contrib import admin

from kalm.dossier.models import DossierEntry, Evidence, PhysicalItem


class ReadOnlyAdmin(admin.ModelAdmin):
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DossierEntry)
class DossierEntryAdmin(ReadOnlyAdmin):
    list_display = ["case", "seq", "kind", "created_at", "actor_label", "summary"]
    list_filter = ["kind", "actor_type"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["case", "original_name", "content_type", "size", "sha256", "uploaded_at"]
    list_filter = ["content_type", "from_consumer"]
    search_fields = ["case__reference", "sha256", "original_name"]
    list_select_related = ["case"]


@admin.register(PhysicalItem)
class PhysicalItemAdmin(ReadOnlyAdmin):
    list_display = ["receipt_number", "case", "description", "custody", "collected_at"]
    list_filter = ["custody"]
    search_fields = ["receipt_number", "case__reference"]
    list_select_related = ["case"]
