"""Admin for reference data. Cases themselves are worked on in the desk, where every change is
an action that writes the dossier; here they are read-only so admin edits cannot bypass it."""

from django.contrib import admin

from kalm.cases.models import Case, ExpectationOption, Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "brand", "sku", "active"]
    list_filter = ["active", "brand"]
    search_fields = ["name", "brand", "sku"]


@admin.register(ExpectationOption)
class ExpectationOptionAdmin(admin.ModelAdmin):
    list_display = ["code", "label_nl", "label_en", "asks_for_text", "position", "active"]
    list_editable = ["position", "active"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "subject", "status", "priority", "channel", "updated_at"]
    list_filter = ["status", "priority", "channel"]
    search_fields = ["reference", "subject"]
    list_select_related = ["consumer"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
