from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "kalm.webhooks"
    label = "webhooks"
