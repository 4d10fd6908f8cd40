from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "kalm.portal"
    label = "portal"
