"""The desk's article picker: search results for the reply box, and the text or link to insert.

Both answer GET with a fragment (HTML for the picker, plain text for the insert) that
kb/static/kb/insert.js puts into the page; the text goes into the textarea as a value, never as
HTML. Desk members only."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kalm.cases.selectors import access_case
from kalm.desk.access import desk_member_required
from kalm.kb.desk_suggest import (
    NotInsertable,
    access_insertable_article,
    articles_for_query,
    insert_text,
    suggest_for_case,
)

PLAIN = "text/plain; charset=utf-8"


class PickerForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search articles"), required=False, max_length=200)
    case = forms.IntegerField(required=False, min_value=1)


class InsertForm(forms.Form):
    mode = forms.ChoiceField(
        choices=[("text", gettext_lazy("Text")), ("link", gettext_lazy("Link"))], required=False
    )


def _bad_request(form: forms.Form) -> HttpResponse:
    errors = "; ".join(f"{name}: {' '.join(e)}" for name, e in form.errors.items())
    return HttpResponse(errors, status=400, content_type=PLAIN)


@never_cache
@desk_member_required
@require_GET
def picker(request: HttpRequest) -> HttpResponse:
    """Articles for a query (or, without one, the suggestions for the case), in the case's
    language first."""
    form = PickerForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    query, case_id = form.cleaned_data["q"].strip(), form.cleaned_data["case"]
    case = access_case(request.user, case_id) if case_id else None
    language = case.language if case else (get_language() or "nl")[:2]
    if query:
        results = articles_for_query(query, language=language)
    elif case is not None:
        results = suggest_for_case(case)
    else:
        results = []
    return render(
        request,
        "kb/case_articles_results.html",
        {"results": results, "query": query, "searched": bool(query)},
    )


@never_cache
@desk_member_required
@require_GET
def insert(request: HttpRequest, pk: int) -> HttpResponse:
    """The text (``?as=text``, the default) or the titled public link (``?as=link``) of a
    published article, as plain text."""
    form = InsertForm({"mode": request.GET.get("as", "text")})
    if not form.is_valid():
        return HttpResponse(
            _("Insert the text (as=text) or the link (as=link), not %(mode)s.")
            % {"mode": request.GET.get("as", "")[:20]},
            status=400,
            content_type=PLAIN,
        )
    article = access_insertable_article(request.user, pk)
    try:
        text = insert_text(article, mode=form.cleaned_data["mode"] or "text")
    except NotInsertable as exc:
        return HttpResponse(str(exc), status=400, content_type=PLAIN)
    return HttpResponse(text, content_type=PLAIN)
