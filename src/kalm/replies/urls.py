from django.urls import path

from kalm.replies import views

app_name = "replies"

urlpatterns = [
    path("check/<int:case_id>/", views.check, name="check"),
    path("render/<int:case_id>/", views.render_template, name="render"),
    path("templates/", views.template_list, name="templates"),
    path("templates/new/", views.template_new, name="template_new"),
    path("templates/<int:template_id>/", views.template_edit, name="template_edit"),
]
