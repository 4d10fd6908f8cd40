from django.urls import path  # noqa: F401  (routes are added per channel)

app_name = "channels"

urlpatterns: list = []
