from django.urls import path

from kalm.surveys import views_desk, views_improvements

app_name = "surveys"

urlpatterns = [
    path("", views_desk.survey_list, name="list"),
    path("new/", views_desk.survey_new, name="new"),
    path("<int:survey_id>/edit/", views_desk.survey_edit, name="edit"),
    path("feedback/", views_improvements.feedback, name="feedback"),
    path("feedback/link/", views_improvements.feedback_link, name="feedback_link"),
    path("improvements/", views_improvements.improvement_list, name="improvements"),
    path("improvements/new/", views_improvements.improvement_new, name="improvement_new"),
    path(
        "improvements/<int:improvement_id>/edit/",
        views_improvements.improvement_edit,
        name="improvement_edit",
    ),
    path(
        "improvements/<int:improvement_id>/unlink/",
        views_improvements.improvement_unlink,
        name="improvement_unlink",
    ),
]
