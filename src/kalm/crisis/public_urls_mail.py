"""The unsubscribe link in crisis email updates, mounted in the portal (namespace "portal")."""

from django.urls import URLPattern, path

from kalm.crisis import views_public_mail

urlpatterns: list[URLPattern] = [
    path(
        "crisis/unsubscribe/<str:token>/",
        views_public_mail.unsubscribe,
        name="crisis_unsubscribe",
    ),
]
