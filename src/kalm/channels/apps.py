from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    """Every way a consumer reaches us (email, chat, webhooks, phone) and every way we answer."""

    name = "kalm.channels"
    label = "channels"

    def ready(self) -> None:
        from kalm.cases.actions import reply_email_queue
        from kalm.cases.models import Channel
        from kalm.channels.delivery import register

        # Email is the default way back to a consumer; other channels register their own.
        register(Channel.EMAIL, lambda message: reply_email_queue(message=message))
