from django.urls import path  # noqa: F401  (routes land with the views)

app_name = "crisis"
urlpatterns: list = []
