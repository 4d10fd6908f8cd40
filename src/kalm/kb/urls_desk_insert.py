"""The desk's article picker, included by kalm.kb.urls under ``insert/`` (namespace ``kb``)."""

from django.urls import path

from kalm.kb import views_desk_insert as views

urlpatterns = [
    path("", views.picker, name="desk_insert_picker"),
    path("<int:pk>/", views.insert, name="desk_insert_article"),
]
