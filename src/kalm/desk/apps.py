from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "kalm.desk"
    label = "desk"
