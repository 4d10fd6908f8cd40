from django.urls import path, re_path

from kalm.crisis import public_urls_mail, public_urls_outreach
from kalm.portal import views

app_name = "portal"

urlpatterns = [
    path("avatar/<str:key>", views.avatar, name="avatar"),
    path("", views.complaint_new, name="complaint"),
    path("c/<str:token>/", views.status, name="status"),
    path("crisis/<str:key>/", views.crisis_page, name="crisis"),
    path("c/<str:token>/message/", views.message_add, name="message"),
    path("c/<str:token>/solution/<int:solution_id>/", views.solution_respond, name="solution"),
    # The one-click answers in the solution email: GET only shows a page to confirm (mail
    # scanners open links), POST answers. See docs/decisions/0007-one-click-answers.md.
    re_path(
        r"^c/(?P<token>[^/]+)/solution/(?P<solution_id>[0-9]+)/(?P<answer>yes|no)/$",
        views.solution_answer_confirm,
        name="solution_answer",
    ),
    path("c/<str:token>/evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("c/<str:token>/items/<int:item_id>/receipt.pdf", views.item_receipt, name="receipt"),
]

# The crisis's public contact form and the unsubscribe link in crisis email updates.
urlpatterns += public_urls_outreach.urlpatterns + public_urls_mail.urlpatterns
