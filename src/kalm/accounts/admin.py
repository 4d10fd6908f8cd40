from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from kalm.accounts.models import Team, User


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "email"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(User)
class KalmUserAdmin(UserAdmin):
    list_display = ["username", "get_full_name", "alias", "role", "is_active"]
    list_filter = ["role", "is_active", "teams"]
    search_fields = ["username", "first_name", "last_name", "alias", "email"]
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Kalm"), {"fields": ["role", "alias", "alias_avatar", "teams", "preferred_language"]}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Kalm"), {"fields": ["role", "alias", "first_name", "last_name", "email"]}),
    )
