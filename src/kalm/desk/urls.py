from django.contrib.auth import views as auth_views
from django.urls import path

from kalm.desk.views import actions, case, consumers, evidence, inbox, profile

app_name = "desk"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="desk/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", inbox.inbox, name="inbox"),
    path("cases/<int:pk>/", case.case_detail, name="case"),
    path("cases/<int:pk>/reply/", actions.reply, name="case_reply"),
    path("cases/<int:pk>/note/", actions.note, name="case_note"),
    path("cases/<int:pk>/phone/", actions.phone_note, name="case_phone"),
    path("cases/<int:pk>/assign/", actions.assign, name="case_assign"),
    path("cases/<int:pk>/status/", actions.transition, name="case_status"),
    path("cases/<int:pk>/priority/", actions.priority, name="case_priority"),
    path("cases/<int:pk>/topic/", actions.topic, name="case_topic"),
    path("cases/<int:pk>/next-step/", actions.next_step, name="case_next_step"),
    path("cases/<int:pk>/solution/", actions.solution, name="case_solution"),
    path("cases/<int:pk>/solution/box/", actions.solution_box, name="case_solution_box"),
    path(
        "cases/<int:pk>/solution/preview/", actions.solution_preview, name="case_solution_preview"
    ),
    path("cases/<int:pk>/goodwill/", actions.goodwill, name="case_goodwill"),
    path("cases/<int:pk>/expectations/", actions.expectations, name="case_expectations"),
    path(
        "cases/<int:pk>/expectations/box/",
        actions.expectations_box,
        name="case_expectations_box",
    ),
    path("cases/<int:pk>/merge/", actions.merge, name="case_merge"),
    path("cases/<int:pk>/link/", actions.link, name="case_link"),
    path("cases/<int:pk>/evidence/", actions.evidence_upload, name="case_evidence"),
    path("cases/<int:pk>/status-link/", actions.portal_link_create, name="case_portal_link"),
    path(
        "cases/<int:pk>/status-link/revoke/",
        actions.portal_link_revoke,
        name="case_portal_link_revoke",
    ),
    path("evidence/<int:pk>/", evidence.evidence_download, name="evidence"),
    path("profile/", profile.profile, name="profile"),
    path("calls/new/", consumers.call_new, name="call_new"),
    path("consumers/merges/", consumers.merge_list, name="consumer_merges"),
    path("consumers/merges/<int:pk>/", consumers.merge_decide, name="consumer_merge_decide"),
    path("consumers/<int:pk>/", consumers.consumer_detail, name="consumer"),
    path("consumers/<int:pk>/identities/", consumers.identity_new, name="consumer_identity"),
]
