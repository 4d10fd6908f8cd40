from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """Dashboards for team leads and management, and each agent's own figures: volumes,
    response and resolution times, SLA, backlog, satisfaction, expectation, sentiment, with
    crisis periods marked. Reads the other apps' rows; its only writes are its daily figures,
    sums per day the worker keeps so the dashboards stay fast on a million cases (models.py)."""

    name = "kalm.insights"
    label = "insights"
    verbose_name = _("Insights")
