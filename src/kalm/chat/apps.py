from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "kalm.chat"
    label = "chat"
