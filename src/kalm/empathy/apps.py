from django.apps import AppConfig


class EmpathyConfig(AppConfig):
    name = "kalm.empathy"
    label = "empathy"
    verbose_name = "Empathy"
