"""The inbox: filtered, searchable, keyset-paginated list of cases."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRedirect

from kalm.cases.models import OPEN_STATUSES
from kalm.desk.access import desk_member_required
from kalm.desk.forms import InboxFilterForm
from kalm.desk.selectors import (
    COUNT_LIMIT,
    Cursor,
    case_by_reference,
    crisis_lane,
    desk_agent_list,
    desk_team_list,
    inbox_key,
    inbox_page,
    inbox_queryset,
)
from kalm.drills.selectors import desk_drill_id

# Looks like a case reference (K26-7F3Q9X): worth one indexed look-up before searching.
REFERENCE_RE = re.compile(r"^[A-Za-z]{1,5}\d{2}-[0-9A-Za-z]{4,10}$")


@desk_member_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    if "status" not in data:
        data.setlist("status", list(OPEN_STATUSES))
    form = InboxFilterForm(data, agents=desk_agent_list(), teams=desk_team_list())
    form.is_valid()  # invalid values are shown on the form and ignored
    filters = form.cleaned_data
    query = (filters.get("q") or "").strip()
    if REFERENCE_RE.match(query) and (found := case_by_reference(query)) is not None:
        url = reverse("desk:case", args=[found.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    drill_id = desk_drill_id(request)
    after = Cursor.decode(request.GET.get("after", ""))
    before = Cursor.decode(request.GET.get("before", ""))
    page = inbox_page(
        inbox_queryset(user=request.user, filters=filters, drill_id=drill_id),
        after=after,
        before=before,
        newest_cases_first=bool(query),
        key=inbox_key(user=request.user, filters=filters, drill_id=drill_id),
    )
    # The crisis lane heads the first page. Not while searching (the agent is after one case)
    # or paging, and not when the list below already is the lane.
    show_lane = not (query or after or before or filters.get("lane") == "crisis")
    context = {
        "form": form,
        "page": page,
        "lane": crisis_lane(drill_id=drill_id) if show_lane else None,
        "lane_url": f"{reverse('desk:inbox')}?lane=crisis",
        "count_limit": COUNT_LIMIT,
        "next_url": _page_url(request, "after", page.next_cursor),
        "prev_url": _page_url(request, "before", page.prev_cursor),
        "first_url": _page_url(request, "", None),
        "query": query,
    }
    template = "desk/partials/inbox_table.html" if request.htmx else "desk/inbox.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _page_url(request: HttpRequest, key: str, cursor: Cursor | None) -> str:
    if key and cursor is None:
        return ""
    params = request.GET.copy()
    params.pop("after", None)
    params.pop("before", None)
    if cursor is not None:
        params[key] = cursor.encode()
    return f"{request.path}?{params.urlencode()}"
