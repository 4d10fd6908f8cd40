"""The knowledge gaps in the desk: the list, one gap with its questions, and the team's actions
on it (answer with an article, write a new one, dismiss, reopen, merge). Every desk member;
every POST is one action and a redirect."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kalm.assistant import gap_actions, gap_selectors
from kalm.assistant.forms_desk import GapAnswerForm, GapFilterForm, GapMergeForm
from kalm.assistant.models import Gap
from kalm.desk.access import desk_member_required

LIST_LIMIT = 100
QUESTIONS_LIMIT = 200


def _detail(gap: Gap) -> HttpResponse:
    return redirect(reverse("gaps:detail", args=[gap.pk]))


def new_article_url(gap: Gap) -> str:
    """The knowledge base's new-article form, filled in with the gap's question and language;
    the article links the gap when it is saved (kalm.kb.views.article_new)."""
    query = urlencode({"title": gap.title[:200], "language": gap.language, "gap": gap.pk})
    return f"{reverse('kb:new')}?{query}"


@desk_member_required
@require_GET
def gap_list(request: HttpRequest) -> HttpResponse:
    form = GapFilterForm(request.GET or None)
    rows = gap_selectors.gaps_list(**form.filters(), limit=LIST_LIMIT)
    context = {
        "form": form,
        "rows": rows,
        "limited": len(rows) == LIST_LIMIT,
        "open_count": gap_selectors.open_gap_count(),
        "nav": "kb",
    }
    return render(request, "assistant/gaps/list.html", context)


@desk_member_required
@require_GET
def gap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    gap = gap_selectors.access_gap(request.user, pk)
    context = {
        "gap": gap,
        "questions": gap_selectors.gap_questions(gap, QUESTIONS_LIMIT),
        "languages": gap_selectors.gap_languages(gap),
        "answer_form": GapAnswerForm(gap=gap),
        "merge_form": GapMergeForm(gap=gap),
        "new_article_url": new_article_url(gap),
        "nav": "kb",
    }
    return render(request, "assistant/gaps/detail.html", context)


def _errors(request: HttpRequest, form: GapAnswerForm | GapMergeForm) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@desk_member_required
@require_POST
def gap_answer(request: HttpRequest, pk: int) -> HttpResponse:
    gap = gap_selectors.access_gap(request.user, pk)
    form = GapAnswerForm(request.POST, gap=gap)
    if not form.is_valid():
        _errors(request, form)
        return _detail(gap)
    try:
        gap = gap_actions.gap_answer(
            gap=gap, article=form.cleaned_data["article"], actor=request.user
        )
    except gap_actions.GapActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Gap closed: answered by the article."))
    return _detail(gap)


def _close_or_reopen(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    """Dismiss or reopen: one action on the gap, its refusal or success as a message."""
    gap = gap_selectors.access_gap(request.user, pk)
    try:
        gap = action(gap=gap, actor=request.user)
    except gap_actions.GapActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return _detail(gap)


@desk_member_required
@require_POST
def gap_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _close_or_reopen(request, pk, gap_actions.gap_dismiss, _("Gap dismissed."))


@desk_member_required
@require_POST
def gap_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _close_or_reopen(request, pk, gap_actions.gap_reopen, _("Gap reopened."))


@desk_member_required
@require_POST
def gap_merge(request: HttpRequest, pk: int) -> HttpResponse:
    gap = gap_selectors.access_gap(request.user, pk)
    form = GapMergeForm(request.POST, gap=gap)
    if not form.is_valid():
        _errors(request, form)
        return _detail(gap)
    try:
        target = gap_actions.gap_merge(gap=gap, into=form.cleaned_data["into"], actor=request.user)
    except gap_actions.GapActionError as exc:
        messages.error(request, str(exc))
        return _detail(gap)
    messages.success(request, _("Gaps merged."))
    return _detail(target)
