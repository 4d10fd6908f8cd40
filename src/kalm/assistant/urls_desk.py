from django.urls import path

from kalm.assistant import views_desk

app_name = "gaps"

urlpatterns = [
    path("", views_desk.gap_list, name="list"),
    path("<int:pk>/", views_desk.gap_detail, name="detail"),
    path("<int:pk>/answer", views_desk.gap_answer, name="answer"),
    path("<int:pk>/dismiss", views_desk.gap_dismiss, name="dismiss"),
    path("<int:pk>/reopen", views_desk.gap_reopen, name="reopen"),
    path("<int:pk>/merge", views_desk.gap_merge, name="merge"),
]
