from django.urls import path

from kalm.assistant import views_visitor

app_name = "assistant"

urlpatterns = [
    path("ask", views_visitor.ask, name="ask"),
    path("<int:turn_id>/feedback", views_visitor.feedback, name="feedback"),
    path("person", views_visitor.person, name="person"),
]
