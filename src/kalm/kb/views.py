"""The knowledge base in the desk: the article list, the editor, history, review and feedback.

Every desk member reads all articles and writes drafts; leads and admins publish, reject and
archive, never their own text (kalm.kb.actions). Every POST is one action and a redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kalm.assistant.gap_actions import GapActionError, gap_answer
from kalm.assistant.gap_selectors import access_gap, open_gap_count
from kalm.desk.access import desk_member_required
from kalm.kb import actions, selectors
from kalm.kb.forms import ArticleForm, FilterForm, NewArticleForm, RejectForm
from kalm.kb.models import Article

LIST_LIMIT = 200


def _detail(article: Article) -> HttpResponse:
    return redirect(reverse("kb:detail", args=[article.pk]))


@desk_member_required
@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "state": data["state"],
            "language": data["language"],
            "category": data["category"].pk if data["category"] else None,
            "visibility": data["visibility"],
            "text": data["q"],
        }
    articles = list(selectors.desk_articles(**filters)[:LIST_LIMIT])
    context = {
        "form": form,
        "articles": articles,
        "limited": len(articles) == LIST_LIMIT,
        "in_review": selectors.review_queue().count(),
        "can_publish": selectors.can_publish(request.user),
        "open_gaps": open_gap_count(),
        "nav": "kb",
    }
    return render(request, "kb/desk/list.html", context)


@desk_member_required
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest) -> HttpResponse:
    initial = NewArticleForm.initial_from(request.GET) if request.method == "GET" else {}
    form = NewArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            article = actions.article_create(
                actor=request.user,
                category=data["category"],
                language=data["language"],
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                keywords=data["keywords"],
                visibility=data["visibility"],
                note=data["note"],
            )
            actions.related_set(article=article, actor=request.user, related=data["related"])
            if "submit" in request.POST:
                actions.article_submit(article=article, actor=request.user)
        except actions.KbActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Article saved as a draft."))
            if data["gap"]:
                _answer_gap(request, data["gap"], article)
            return _detail(article)
    status = 400 if form.is_bound else 200
    context = {"form": form, "gap": _gap_of(request, form), "nav": "kb"}
    return render(request, "kb/desk/edit.html", context, status=status)


def _gap_of(request: HttpRequest, form: NewArticleForm) -> Any:
    """The knowledge gap the new article is written for, shown above the form."""
    gap_id = form["gap"].value()
    if not str(gap_id or "").isdigit():
        return None
    try:
        return access_gap(request.user, int(gap_id))
    except Http404:
        return None


def _answer_gap(request: HttpRequest, gap_id: int, article: Article) -> None:
    """Close the gap the article was written for as answered by it (the gap pages show the
    article's state, so the team sees it is still a draft). The article is saved either way: a
    gap closed meanwhile, or gone, only earns a warning."""
    try:
        gap_answer(gap=access_gap(request.user, gap_id), article=article, actor=request.user)
    except Http404:
        messages.warning(request, _("The knowledge gap no longer exists; the article was saved."))
    except GapActionError as exc:
        messages.warning(request, str(exc))
    else:
        messages.success(request, _("The knowledge gap is closed as answered by this article."))


@desk_member_required
@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.access_article(request.user, pk)
    newest = selectors.newest_revision(article)
    can_publish = selectors.can_publish(request.user)
    context = {
        "article": article,
        "newest": newest,
        "translation": selectors.translation_any_state(article),
        "related": list(article.related.select_related("category").order_by("title")),
        "feedback": selectors.feedback_summary(article),
        "can_publish": can_publish,
        # Four eyes, shown before anyone clicks: the author of the newest text cannot clear it.
        "may_review": can_publish and newest is not None and newest.author_id != request.user.pk,
        "reject_form": RejectForm(),
        "nav": "kb",
    }
    return render(request, "kb/desk/detail.html", context)


@desk_member_required
@require_http_methods(["GET", "POST"])
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.access_article(request.user, pk)
    initial = {
        "title": article.title,
        "summary": article.summary,
        "body": article.body,
        "keywords": article.keywords,
        "category": article.category_id,
        "visibility": article.visibility,
        "related": list(article.related.values_list("pk", flat=True)),
    }
    form = ArticleForm(request.POST or None, initial=initial, article=article)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = actions.article_edit(
                article=article,
                actor=request.user,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                keywords=data["keywords"],
                category=data["category"],
                visibility=data["visibility"],
                note=data["note"],
                submit="submit" in request.POST,
            )
        except actions.NothingChanged:
            # Only the related articles may have changed: they are not part of the revision.
            changed = article
        except actions.KbActionError as exc:
            form.add_error(None, str(exc))
            changed = None
        if changed is not None:
            actions.related_set(article=changed, actor=request.user, related=data["related"])
            messages.success(request, _("Article saved."))
            return _detail(changed)
    status = 400 if form.is_bound else 200
    context = {"form": form, "article": article, "nav": "kb"}
    return render(request, "kb/desk/edit.html", context, status=status)


@desk_member_required
@require_GET
def article_history(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.access_article(request.user, pk)
    context = {"article": article, "revisions": selectors.revisions(article), "nav": "kb"}
    return render(request, "kb/desk/history.html", context)


@desk_member_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    articles = list(selectors.review_queue())
    context = {
        "articles": articles,
        "can_publish": selectors.can_publish(request.user),
        "nav": "kb",
    }
    return render(request, "kb/desk/review.html", context)


def _act(request: HttpRequest, pk: int, action: Any, success: str, **kwargs: Any) -> HttpResponse:
    article = selectors.access_article(request.user, pk)
    try:
        result = action(article=article, actor=request.user, **kwargs)
    except actions.KbActionError as exc:
        messages.error(request, str(exc))
        return _detail(article)
    messages.success(request, success)
    return _detail(result)


@desk_member_required
@require_POST
def article_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, actions.article_submit, _("Sent for review."))


@desk_member_required
@require_POST
def article_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, actions.article_publish, _("Published."))


@desk_member_required
@require_POST
def article_archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, actions.article_archive, _("Archived."))


@desk_member_required
@require_POST
def article_translate(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        actions.article_translation_create,
        _("Translation started as a draft: translate the text and submit it."),
    )


@desk_member_required
@require_POST
def article_reject(request: HttpRequest, pk: int) -> HttpResponse:
    form = RejectForm(request.POST)
    if not form.is_valid():
        article = selectors.access_article(request.user, pk)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _detail(article)
    return _act(
        request,
        pk,
        actions.article_reject,
        _("Sent back to draft."),
        note=form.cleaned_data["note"],
    )
