from django.contrib import admin

from kalm.consumers.models import Consumer, ContactIdentity


class ContactIdentityInline(admin.TabularInline):
    model = ContactIdentity
    extra = 0


@admin.register(Consumer)
class ConsumerAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "phone", "language", "created_at"]
    search_fields = ["name", "email", "phone"]
    inlines = [ContactIdentityInline]
