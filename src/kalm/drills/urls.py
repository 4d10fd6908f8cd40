from django.urls import path

from kalm.drills import views

app_name = "drills"

urlpatterns = [
    path("", views.drills, name="list"),
    path("start/", views.start, name="start"),
    path("leave/", views.leave, name="leave"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/advance/", views.advance, name="advance"),
    path("<int:pk>/finish/", views.finish, name="finish"),
    path("<int:pk>/report/", views.report, name="report"),
]
