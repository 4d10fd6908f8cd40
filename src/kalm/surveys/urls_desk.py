from django.urls import path

from kalm.surveys import views_desk

app_name = "surveys"

urlpatterns = [
    path("", views_desk.survey_list, name="list"),
    path("new/", views_desk.survey_new, name="new"),
    path("<int:survey_id>/edit/", views_desk.survey_edit, name="edit"),
]
