from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChurnConfig(AppConfig):
    """Churn risk: a score per consumer (people and organisations) from what the desk knows of
    them, explained in words with a suggested action; a rule-based index until the team has marked
    enough consumers as lost, then a calibrated classifier trained on those outcomes."""

    name = "kalm.churn"
    label = "churn"
    verbose_name = _("Churn risk")
