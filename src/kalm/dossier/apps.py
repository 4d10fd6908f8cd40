from django.apps import AppConfig


class DossierConfig(AppConfig):
    name = "kalm.dossier"
    label = "dossier"
