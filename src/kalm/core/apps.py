from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kalm.core"
    label = "core"

    def ready(self) -> None:
        # Every process (web, worker, commands) records tasks that fail for good.
        from kalm.core import worker  # noqa: F401
