from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Customer-experience surveys: composed by teams, sent after a resolution, a chat or a
    crisis, answered in one click from the email or on the status page, and a low score closes
    the loop with a follow-up for the team lead."""

    name = "kalm.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
