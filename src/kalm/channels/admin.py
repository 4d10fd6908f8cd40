"""Admins see every inbound email, why it was not processed, its raw bytes, and can retry it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kalm.channels.actions import REPROCESSABLE, inbound_email_reprocess
from kalm.channels.models import EmailRef, InboundEmail


@admin.register(InboundEmail)
class InboundEmailAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "received_at",
        "source",
        "status",
        "from_address",
        "subject",
        "case",
        "short_reason",
        "attempts",
    )
    list_filter = ("status", "source")
    search_fields = ("message_id", "from_address", "subject", "sha256", "case__reference")
    list_select_related = ("case",)
    actions = ["process_again"]
    exclude = ("raw",)
    readonly_fields = [f.name for f in InboundEmail._meta.fields if f.name not in {"raw", "id"}] + [
        "raw_download"
    ]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).defer("raw")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("reason"))
    def short_reason(self, obj: InboundEmail) -> str:
        return obj.reason[:120]

    @admin.display(description=_("raw message"))
    def raw_download(self, obj: InboundEmail) -> str:
        url = reverse("admin:channels_inboundemail_raw", args=[obj.pk])
        return format_html('<a href="{}">{}</a> ({} bytes)', url, _("Download .eml"), obj.size)

    def get_urls(self):
        raw = path(
            "<int:pk>/raw/",
            self.admin_site.admin_view(self.raw_view),
            name="channels_inboundemail_raw",
        )
        return [raw, *super().get_urls()]

    def raw_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        inbound = get_object_or_404(InboundEmail, pk=pk)
        response = HttpResponse(bytes(inbound.raw), content_type="message/rfc822")
        response["Content-Disposition"] = f'attachment; filename="inbound-{inbound.pk}.eml"'
        return response

    @admin.action(description=_("Process again"))
    def process_again(self, request: HttpRequest, queryset) -> None:
        for inbound in queryset.filter(status__in=REPROCESSABLE):
            result = inbound_email_reprocess(inbound=inbound)
            level = messages.WARNING if result.outcome == "quarantined" else messages.SUCCESS
            self.message_user(request, f"#{inbound.pk}: {result.line}", level)
        skipped = queryset.exclude(status__in=REPROCESSABLE).count()
        if skipped:
            self.message_user(
                request,
                _("%(n)d message(s) skipped: only quarantined or failed ones are processed again.")
                % {"n": skipped},
                messages.WARNING,
            )


@admin.register(EmailRef)
class EmailRefAdmin(admin.ModelAdmin):
    list_display = ("message_id", "direction", "case", "created_at")
    list_filter = ("direction",)
    search_fields = ("message_id", "case__reference")
    raw_id_fields = ("case", "case_message")
