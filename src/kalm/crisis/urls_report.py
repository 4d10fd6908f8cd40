"""The post-crisis report, under the crisis room (namespace "crisis", /desk/crisis/)."""

from django.urls import URLPattern, path

from kalm.crisis import views_report

urlpatterns: list[URLPattern] = [
    path("<int:pk>/report/", views_report.report, name="report"),
    path("<int:pk>/report.pdf", views_report.report_download, name="report_pdf"),
]
