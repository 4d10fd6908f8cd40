from django.urls import path  # noqa: F401  (routes land with the views)

app_name = "bursts"
urlpatterns: list = []
