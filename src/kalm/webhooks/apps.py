from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "kalm.webhooks"
    label = "webhooks"

    def ready(self) -> None:
        from kalm.channels.delivery import register
        from kalm.webhooks.actions import outbound_reply_queue

        # Replies on social cases go back to the source the conversation came from.
        register("social", outbound_reply_queue)
