from django.contrib import admin
from django.utils import timezone

from kalm.replies.forms import ReplyTemplateForm
from kalm.replies.models import ReplyTemplate


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    form = ReplyTemplateForm
    list_display = ("name", "situation", "language", "active", "position", "updated_at")
    list_filter = ("situation", "language", "active")
    list_editable = ("active", "position")
    search_fields = ("name", "body")

    def save_model(self, request, obj, form, change) -> None:
        obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)
