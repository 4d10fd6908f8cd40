from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "kalm.cases"
    label = "cases"
