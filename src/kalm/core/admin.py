from django.contrib import admin

from kalm.core.models import OrganisationSettings
from kalm.core.selectors import organisation_forget


@admin.register(OrganisationSettings)
class OrganisationSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "name", "sender_email"]

    def has_add_permission(self, request) -> bool:
        return not OrganisationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        organisation_forget()
