from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DrillsConfig(AppConfig):
    """Crisis drills: a scripted complaint wave replayed into a sandbox, and the drill report."""

    name = "kalm.drills"
    label = "drills"
    verbose_name = _("Crisis drills")
