"""The public "You said, we did" page, mounted at /you-said-we-did/ before the portal's
catch-all."""

from django.urls import path

from kalm.surveys import views_improvements

app_name = "you_said"

urlpatterns = [
    path("", views_improvements.you_said, name="index"),
]
