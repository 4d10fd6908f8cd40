"""The desk's reply tools: the reply check, filling in a template, and the templates pages.

The check answers htmx with the results partial that sits under the reply box; without htmx it
shows the reply form again with the results and the draft, so the agent can still send it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kalm.cases.selectors import access_case
from kalm.desk.access import desk_member_required
from kalm.desk.forms import ReplyForm
from kalm.replies import actions, selectors
from kalm.replies.check import check_reply, score
from kalm.replies.forms import CheckForm, ReplyTemplateForm
from kalm.replies.models import Situation
from kalm.replies.variables import VARIABLES


@never_cache
@desk_member_required
@require_POST
def check(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    form = CheckForm(request.POST)
    draft = form.cleaned_data["body"] if form.is_valid() else ""
    results = check_reply(draft=draft, case=case) if draft.strip() else None
    context = {"case": case, "results": results, "score": score(results or []), "check_form": form}
    if request.htmx:
        return render(request, "replies/partials/check.html", context)
    # The desk's own reply form, so the draft can be sent from this page as it is.
    reply_form = ReplyForm(initial={"body": draft}, auto_id="id_reply_%s")
    return render(request, "replies/check_page.html", {**context, "reply_form": reply_form})


@never_cache
@desk_member_required
@require_GET
def render_template(request: HttpRequest, case_id: int) -> HttpResponse:
    """The template filled in for this case, as plain text (JSON when asked for), for the reply
    box's "Insert" button to put into the textarea."""
    case = access_case(request.user, case_id)
    template = selectors.access_reply_template(request.user, request.GET.get("template"))
    rendered = selectors.template_render(template, case=case, agent=request.user)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {
                "template": template.pk,
                "language": template.language,
                "text": rendered.text,
                "unknown": rendered.unknown,
            }
        )
    return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")


@desk_member_required
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    templates = list(selectors.reply_templates(request.user))
    groups = [
        (label, [t for t in templates if t.situation == value])
        for value, label in Situation.choices
    ]
    context = {"groups": [g for g in groups if g[1]], "can_edit": request.user.is_lead}
    return render(request, "replies/template_list.html", context)


def _edit_page(request: HttpRequest, form: ReplyTemplateForm, template=None, status: int = 200):
    context = {"form": form, "template": template, "variables": sorted(VARIABLES.items())}
    return render(request, "replies/template_form.html", context, status=status)


@desk_member_required
@require_http_methods(["GET", "POST"])
def template_new(request: HttpRequest) -> HttpResponse:
    selectors.access_reply_template_editing(request.user)
    if request.method == "GET":
        return _edit_page(request, ReplyTemplateForm())
    form = ReplyTemplateForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, form, status=400)
    template = actions.reply_template_create(**form.cleaned_data)
    messages.success(request, _("Template “%(name)s” added.") % {"name": template.name})
    return redirect("replies:templates")


@desk_member_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    template = selectors.access_reply_template(request.user, template_id, for_edit=True)
    if request.method == "GET":
        return _edit_page(request, ReplyTemplateForm(instance=template), template)
    form = ReplyTemplateForm(request.POST, instance=template)
    if not form.is_valid():
        template.refresh_from_db()  # the form wrote the refused values onto the instance
        return _edit_page(request, form, template, status=400)
    actions.reply_template_update(template=template, **form.cleaned_data)
    messages.success(request, _("Template “%(name)s” saved.") % {"name": template.name})
    return redirect("replies:templates")
