from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    """Follow-ups: promised call-backs, lab results and after-care, reminded by the worker."""

    name = "kalm.followups"
    label = "followups"
    verbose_name = _("Follow-ups")
