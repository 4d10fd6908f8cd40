"""Forms for follow-ups: add one on a case, and move one to another time."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.accounts.models import Role, User


def _desk_members():
    return User.objects.filter(
        is_active=True, role__in=[Role.AGENT, Role.LEAD, Role.ADMIN]
    ).order_by("first_name", "last_name", "username")


class DueField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"])
        kwargs.setdefault("label", _("Due"))
        kwargs.setdefault("error_messages", {"invalid": _("Enter a date and time.")})
        super().__init__(**kwargs)


class FollowUpForm(forms.Form):
    title = forms.CharField(
        label=_("What to do"),
        max_length=300,
        error_messages={"required": _("Say what has to be done.")},
    )
    due_at = DueField()
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("The case's team"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _desk_members()
        self.fields["owner"].label_from_instance = lambda user: user.internal_name


class RescheduleForm(forms.Form):
    due_at = DueField(label=_("New due date"))
