from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kalm.core"
    label = "core"
