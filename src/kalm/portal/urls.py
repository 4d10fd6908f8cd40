from django.urls import path

from kalm.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.complaint_new, name="complaint"),
    path("c/<str:token>/", views.status, name="status"),
]
