from django.apps import AppConfig


class ConsumersConfig(AppConfig):
    name = "kalm.consumers"
    label = "consumers"
