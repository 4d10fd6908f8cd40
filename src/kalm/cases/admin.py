"""Admin for reference data. Cases themselves are worked on in the desk, where every change is
an action that writes the dossier; here they are read-only so admin edits cannot bypass it."""

from typing import Any

from django.contrib import admin
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse

from kalm.cases.models import Case, ExpectationOption, GoodwillGesture, Product


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


@admin.register(GoodwillGesture)
class GoodwillGestureAdmin(admin.ModelAdmin):
    """Read-only like cases: gestures are recorded on the desk, which writes the dossier. The
    list shows the total cost of what is filtered (template admin/cases/goodwillgesture/)."""

    list_display = ["case", "kind", "cost", "currency", "given_by", "given_at"]
    list_filter = ["kind", "currency", "given_at", "given_by"]
    search_fields = ["case__reference", "description"]
    date_hierarchy = "given_at"
    list_select_related = ["case", "given_by"]
    show_full_result_count = False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            context["goodwill_totals"] = list(
                context["cl"]
                .queryset.order_by()
                .values("currency")
                .annotate(count=Count("id"), total=Sum("cost"))
                .order_by("currency")
            )
        return response

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
