from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kalm.accounts"
    label = "accounts"
