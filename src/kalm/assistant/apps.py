from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    """The answer bot in the chat widget: conversations, the hand-off to a person, and the
    questions it could not answer (gaps) for the knowledge team. Retrieval lives in kalm.kb.bot."""

    name = "kalm.assistant"
    label = "assistant"
    verbose_name = _("Answer bot")
