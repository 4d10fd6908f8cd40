from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CasesConfig(AppConfig):
    name = "kalm.cases"
    label = "cases"

    def ready(self) -> None:
        from kalm.cases.search import ensure_search_index

        # SQLite table rebuilds in later migrations drop the full-text triggers: put them back.
        post_migrate.connect(ensure_search_index, sender=self, dispatch_uid="kalm_case_search")
