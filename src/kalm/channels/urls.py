from django.urls import path

from kalm.channels import views

app_name = "channels"

urlpatterns = [
    path("email/", views.email_receive, name="email_receive"),
]
