from django.urls import path

from kalm.empathy import views

app_name = "empathy"

urlpatterns = [
    path("case/<int:case_id>/", views.card, name="card"),
    path("case/<int:case_id>/callback", views.callback, name="callback"),
    path("case/<int:case_id>/legal-hold", views.legal_hold_set, name="legal_hold_set"),
    path(
        "case/<int:case_id>/legal-hold/release",
        views.legal_hold_release,
        name="legal_hold_release",
    ),
]
