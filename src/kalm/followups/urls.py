from django.urls import path

from kalm.followups import views

app_name = "followups"

urlpatterns = [
    path("", views.due, name="due"),
    path("badge", views.badge, name="badge"),
    path("case/<int:case_id>/", views.case_box, name="case_box"),
    path("case/<int:case_id>/add", views.create, name="create"),
    path("<int:followup_id>/done", views.complete, name="complete"),
    path("<int:followup_id>/cancel", views.cancel, name="cancel"),
    path("<int:followup_id>/confirm", views.confirm, name="confirm"),
    path("<int:followup_id>/dismiss", views.dismiss, name="dismiss"),
    path("<int:followup_id>/reschedule", views.reschedule, name="reschedule"),
]
