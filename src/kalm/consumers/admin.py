from django.contrib import admin

from kalm.consumers.models import Consumer, ConsumerMergeProposal, ContactIdentity


class ContactIdentityInline(admin.TabularInline):
    model = ContactIdentity
    extra = 0


@admin.register(Consumer)
class ConsumerAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "phone", "language", "created_at", "merged_into"]
    list_select_related = ["merged_into"]
    search_fields = ["name", "email", "phone", "identities__value"]
    raw_id_fields = ["merged_into"]
    inlines = [ContactIdentityInline]


@admin.register(ConsumerMergeProposal)
class ConsumerMergeProposalAdmin(admin.ModelAdmin):
    """Read-only: agents decide proposals in the desk (/desk/consumers/merges/), where the merge
    moves cases and writes their dossier entries."""

    list_display = ["a", "b", "reason", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["a", "b", "decided_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
