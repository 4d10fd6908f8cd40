from django.urls import path

from kalm.crisis import urls_outreach, urls_report, views

app_name = "crisis"

urlpatterns = [
    path("", views.crisis_list, name="list"),
    path("badge", views.badge, name="badge"),
    path("new/", views.crisis_new, name="new"),
    path("<int:pk>/", views.crisis_detail, name="detail"),
    path("<int:pk>/status", views.status_set, name="status"),
    path("<int:pk>/decision", views.decision_add, name="decision"),
    path("<int:pk>/links/confirm", views.links_confirm, name="links_confirm"),
    path("<int:pk>/roles", views.role_assign, name="role_assign"),
    path("<int:pk>/roles/<int:role_id>/remove", views.role_remove, name="role_remove"),
    path("<int:pk>/statements", views.statement_draft, name="statement_draft"),
    path("statement/<int:version_id>/submit", views.statement_submit, name="statement_submit"),
    path("statement/<int:version_id>/review", views.statement_review, name="statement_review"),
    path("statement/<int:version_id>/publish", views.statement_publish, name="statement_publish"),
    path("task/<int:task_id>/done", views.task_complete, name="task_complete"),
    path("link/<int:link_id>/decide", views.link_decide, name="link_decide"),
]

# Outreach (affected consumers, priority lane) and the post-crisis report.
urlpatterns += urls_outreach.urlpatterns + urls_report.urlpatterns
