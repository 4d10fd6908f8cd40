from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrisisConfig(AppConfig):
    """The crisis room: incidents, playbooks, the communication protocol, statements, drills."""

    name = "kalm.crisis"
    label = "crisis"
    verbose_name = _("Crisis room")
