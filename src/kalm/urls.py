from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("kalm.api.urls")),
    path("in/", include("kalm.channels.urls")),
    path("hooks/", include("kalm.webhooks.urls")),
    path("chat/bot/", include("kalm.assistant.urls_visitor")),
    path("chat/", include("kalm.chat.urls")),
    path("desk/dossier/", include("kalm.dossier.urls")),
    path("desk/followups/", include("kalm.followups.urls")),
    path("desk/empathy/", include("kalm.empathy.urls")),
    path("desk/replies/", include("kalm.replies.urls")),
    path("desk/bursts/", include("kalm.bursts.urls")),
    path("desk/crisis/", include("kalm.crisis.urls")),
    path("desk/drills/", include("kalm.drills.urls")),
    path("desk/kb/gaps/", include("kalm.assistant.urls_desk")),
    path("desk/kb/", include("kalm.kb.urls")),
    path("help/", include("kalm.kb.public_urls")),
    path("desk/surveys/", include("kalm.surveys.urls_desk")),
    path("desk/insights/", include("kalm.insights.urls")),
    path("desk/churn/", include("kalm.churn.urls")),
    path("desk/", include("kalm.desk.urls")),
    path("c/<str:token>/survey/", include("kalm.surveys.urls_public")),
    path("you-said-we-did/", include("kalm.surveys.urls_portal")),
    path("", include("kalm.portal.urls")),
]
