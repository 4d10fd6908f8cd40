"""The crisis's public contact form, mounted in the portal (namespace "portal")."""

from django.urls import URLPattern, path

from kalm.crisis import views_public_outreach

urlpatterns: list[URLPattern] = [
    path("crisis/<str:key>/contact/", views_public_outreach.contact, name="crisis_contact"),
]
