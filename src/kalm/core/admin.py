from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kalm.core.models import FailedTask, OrganisationSettings
from kalm.core.selectors import organisation_forget
from kalm.core.worker import WorkerActionError, failed_task_resolve, failed_task_retry

# The logo is shown on every public page: small, and only formats every browser shows. SVG is
# left out on purpose: it can carry script.
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
LOGO_MAX_BYTES = 512 * 1024


class OrganisationSettingsForm(forms.ModelForm):
    class Meta:
        model = OrganisationSettings
        fields = [
            "name",
            "sender_email",
            "logo",
            "brand_color",
            "accent_color",
            "first_response_hours_urgent",
            "first_response_hours_high",
            "first_response_hours_normal",
            "first_response_hours_low",
        ]
        widgets = {
            "brand_color": forms.TextInput(attrs={"placeholder": "#2f6f5e", "size": 8}),
            "accent_color": forms.TextInput(attrs={"placeholder": "#e8590c", "size": 8}),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # A newly uploaded file carries the image Pillow read (forms.ImageField sets .image);
        # an unchanged logo is the stored file and was checked when it was uploaded.
        image = getattr(logo, "image", None)
        if logo and image is not None:
            if image.format not in LOGO_FORMATS:
                raise forms.ValidationError(_("Upload the logo as PNG, JPEG, GIF or WebP."))
            if logo.size > LOGO_MAX_BYTES:
                raise forms.ValidationError(_("The logo may be at most 512 KB."))
        return logo


@admin.register(OrganisationSettings)
class OrganisationSettingsAdmin(admin.ModelAdmin):
    form = OrganisationSettingsForm
    list_display = ["__str__", "name", "sender_email", "brand_color", "accent_color"]
    fieldsets = [
        (None, {"fields": ["name", "sender_email"]}),
        (
            _("Public pages"),
            {
                "fields": ["logo", "brand_color", "accent_color"],
                "description": _(
                    "The help centre, complaint form, status and crisis pages show the logo "
                    "and use these colours. Leave empty to keep Kalm's own."
                ),
            },
        ),
        (
            _("First response"),
            {
                "fields": [
                    "first_response_hours_urgent",
                    "first_response_hours_high",
                    "first_response_hours_normal",
                    "first_response_hours_low",
                ]
            },
        ),
    ]

    def has_add_permission(self, request) -> bool:
        return not OrganisationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        organisation_forget()


@admin.register(FailedTask)
class FailedTaskAdmin(admin.ModelAdmin):
    """Tasks that failed for good, with their error; retried or filed away, never deleted here."""

    list_display = [
        "task_name",
        "signal",
        "short_error",
        "times_failed",
        "retries_used",
        "first_failed_at",
        "last_failed_at",
        "retried_at",
        "resolved_at",
    ]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter), "signal", "task_name"]
    search_fields = ["task_name", "task_id", "error"]
    ordering = ["-last_failed_at"]
    readonly_fields = [f.name for f in FailedTask._meta.fields]
    actions = ["retry", "mark_resolved"]

    @admin.display(description=_("error"))
    def short_error(self, obj: FailedTask) -> str:
        return obj.error.splitlines()[0][:120] if obj.error else ""

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Retry the selected tasks"))
    def retry(self, request, queryset) -> None:
        done = 0
        for failed in queryset:
            try:
                failed_task_retry(failed=failed)
            except WorkerActionError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(n)d task was queued again.", "%(n)d tasks were queued again.", done)
                % {"n": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Mark the selected tasks resolved"))
    def mark_resolved(self, request, queryset) -> None:
        count = 0
        for failed in queryset.filter(resolved_at__isnull=True):
            failed_task_resolve(failed=failed)
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d task marked resolved.", "%(n)d tasks marked resolved.", count)
            % {"n": count},
            messages.SUCCESS,
        )
