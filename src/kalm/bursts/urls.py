from django.urls import path

from kalm.bursts import views

app_name = "bursts"

urlpatterns = [
    path("", views.alerts, name="alerts"),
    path("<int:pk>/", views.alert, name="alert"),
    path("<int:pk>/dismiss/", views.dismiss, name="dismiss"),
]
