from django.urls import path

from kalm.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("me/", views.my_figures, name="mine"),
]
