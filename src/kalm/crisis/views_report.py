"""The post-crisis report: an HTML page (printable) and the same figures as a PDF download."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kalm.crisis.report import crisis_report
from kalm.crisis.report_pdf import report_pdf
from kalm.crisis.selectors import access_crisis
from kalm.desk.access import desk_member_required


@desk_member_required
@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    crisis = access_crisis(request.user, pk)
    context = {"crisis": crisis, "report": crisis_report(crisis), "nav": "crisis"}
    return render(request, "crisis/report.html", context)


@desk_member_required
@require_GET
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    crisis = access_crisis(request.user, pk)
    response = HttpResponse(report_pdf(crisis_report(crisis)), content_type="application/pdf")
    # The slug is ASCII (slugify) and unique; a crisis without one falls back to its number.
    filename = f"crisis-{crisis.slug or crisis.pk}-report.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
