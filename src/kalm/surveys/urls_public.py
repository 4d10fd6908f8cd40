"""The consumer's survey pages, under /c/<token>/survey/ (the token of a private status link).

The one-click links from the email only show the survey with that answer chosen: mail scanners
open every link (docs/decisions/0007-one-click-answers.md). A POST records."""

from django.urls import path

from kalm.surveys import views_public

app_name = "surveys_public"

urlpatterns = [
    path("<int:invitation_id>/", views_public.survey_page, name="survey"),
    path(
        "<int:invitation_id>/<str:item>/<str:value>/",
        views_public.answer_one_click,
        name="answer",
    ),
]
