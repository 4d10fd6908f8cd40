from django.urls import path

from kalm.churn import views

app_name = "churn"

urlpatterns = [
    path("", views.risk_list, name="list"),
    path("export.csv", views.risk_export, name="export"),
    path("lost/", views.lost_list, name="lost"),
    path("consumers/<int:pk>/lost/", views.mark_lost, name="mark_lost"),
    path("consumers/<int:pk>/plan/", views.plan, name="plan"),
    path("losses/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
