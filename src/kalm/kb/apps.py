from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KbConfig(AppConfig):
    """The knowledge base: articles in categories, Dutch and English, reviewed and versioned;
    the public help centre and the desk's article suggestions read it."""

    name = "kalm.kb"
    label = "kb"
    verbose_name = _("Knowledge base")
