from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kalm.api"
    label = "api"
