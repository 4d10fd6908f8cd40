from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrisisConfig(AppConfig):
    """The crisis room: incidents, playbooks, the communication protocol, statements, drills."""

    name = "kalm.crisis"
    label = "crisis"
    verbose_name = _("Crisis room")

    def ready(self) -> None:
        from kalm.consumers.signals import consumer_merged
        from kalm.crisis.mailing import subscriptions_follow_merge

        consumer_merged.connect(subscriptions_follow_merge, dispatch_uid="crisis-subscriptions")
