from django.apps import AppConfig


class ChatConfig(AppConfig):
    """Live chat for the website: a widget, the visitor's page, and the agents' queue."""

    name = "kalm.chat"
    label = "chat"

    def ready(self) -> None:
        from kalm.cases.models import Channel
        from kalm.channels.delivery import register
        from kalm.chat.actions import chat_reply_deliver

        register(Channel.CHAT, lambda message: chat_reply_deliver(message=message))
