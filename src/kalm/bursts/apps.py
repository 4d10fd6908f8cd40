from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BurstsConfig(AppConfig):
    """Burst detection: notices a wave of related complaints early and raises an alert."""

    name = "kalm.bursts"
    label = "bursts"
    verbose_name = _("Burst detection")
