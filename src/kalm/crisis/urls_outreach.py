"""The crisis room's outreach: affected consumers (page, CSV, subscribe) and the room section."""

from django.urls import URLPattern, path

from kalm.crisis import views_outreach

urlpatterns: list[URLPattern] = [
    path("<int:pk>/outreach", views_outreach.outreach_panel, name="outreach"),
    path("<int:pk>/affected/", views_outreach.affected, name="affected"),
    path("<int:pk>/affected.csv", views_outreach.affected_csv, name="affected_csv"),
    path(
        "<int:pk>/affected/subscribe", views_outreach.affected_subscribe, name="affected_subscribe"
    ),
]
