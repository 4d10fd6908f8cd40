"""Admin for webhook sources, the stored inbound deliveries and the outbound replies.

The signing secret is generated on creation and shown once in a message; lists and the change
form never show it again (a new one can be generated with an action). Deliveries and replies are
read-only records: failed or rejected ones can be re-processed / re-sent with an action."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kalm.webhooks.actions import delivery_reprocess, source_secret_rotate
from kalm.webhooks.models import OutboundWebhook, WebhookDelivery, WebhookSource


class SourceAddForm(forms.ModelForm):
    outbound_url = forms.URLField(
        label=gettext_lazy("reply URL"),
        required=False,
        assume_scheme="https",
        help_text=WebhookSource._meta.get_field("outbound_url").help_text,
    )

    class Meta:
        model = WebhookSource
        fields = [
            "name",
            "slug",
            "kind",
            "team",
            "active",
            "outbound_url",
            "timestamp_tolerance",
        ]


@admin.register(WebhookSource)
class WebhookSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "team", "active", "outbound_url"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    form = SourceAddForm
    actions = ["rotate_secret"]

    def save_model(self, request: HttpRequest, obj: WebhookSource, form, change: bool) -> None:
        if not change:
            source_secret_rotate(source=obj, actor=request.user)  # new row: saved below
        super().save_model(request, obj, form, change)
        if not change:
            self._show_secret_once(request, obj)

    def _show_secret_once(self, request: HttpRequest, obj: WebhookSource) -> None:
        messages.warning(
            request,
            format_html(
                "{} <code>{}</code>",
                _("Signing secret for %(name)s (shown only now, copy it to the sender):")
                % {"name": obj.name},
                obj.secret,
            ),
        )

    @admin.action(description=gettext_lazy("Generate a new signing secret (shown once)"))
    def rotate_secret(self, request: HttpRequest, queryset: QuerySet[WebhookSource]) -> None:
        for source in queryset:
            source_secret_rotate(source=source, actor=request.user)
            self._show_secret_once(request, source)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "received_at",
        "slug",
        "status",
        "http_status",
        "signature_ok",
        "event_id",
        "case",
        "short_reason",
    ]
    list_filter = ["status", "signature_ok", "source"]
    search_fields = ["event_id", "slug", "reason"]
    list_select_related = ["case"]
    show_full_result_count = False
    actions = ["reprocess"]
    exclude = ["body"]
    readonly_fields = [
        "source",
        "slug",
        "received_at",
        "remote_addr",
        "headers",
        "raw_body",
        "signature_ok",
        "status",
        "http_status",
        "reason",
        "event_id",
        "case",
        "message",
        "processed_at",
    ]

    @admin.display(description=gettext_lazy("reason"))
    def short_reason(self, obj: WebhookDelivery) -> str:
        return obj.reason.splitlines()[0][:120] if obj.reason else ""

    @admin.display(description=gettext_lazy("raw body"))
    def raw_body(self, obj: WebhookDelivery) -> str:
        return format_html("<pre>{}</pre>", bytes(obj.body)[:200_000].decode("utf-8", "replace"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Re-process the selected rejected/failed deliveries"))
    def reprocess(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        for delivery in queryset.select_related("source"):
            try:
                delivery = delivery_reprocess(delivery=delivery, actor=request.user)
            except ValueError as exc:
                self.message_user(request, f"#{delivery.pk}: {exc}", messages.ERROR)
                continue
            level = messages.SUCCESS if delivery.http_status == 200 else messages.WARNING
            self.message_user(
                request,
                _("#%(id)s: %(status)s %(reason)s")
                % {
                    "id": delivery.pk,
                    "status": delivery.get_status_display(),
                    "reason": delivery.reason.splitlines()[0] if delivery.reason else "",
                },
                level,
            )


@admin.register(OutboundWebhook)
class OutboundWebhookAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "created_at",
        "source",
        "kind",
        "case",
        "status",
        "attempts",
        "response_code",
        "last_error",
    ]
    list_filter = ["kind", "status", "source"]
    list_select_related = ["source", "case"]
    show_full_result_count = False
    readonly_fields = [
        "source",
        "kind",
        "case",  # empty for a crisis statement draft (see crisis.SocialDraft)
        "message",
        "url",
        "payload",
        "status",
        "attempts",
        "last_error",
        "response_code",
        "created_at",
        "last_attempt_at",
        "sent_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
