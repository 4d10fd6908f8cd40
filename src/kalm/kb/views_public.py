"""The public help centre: categories, articles, search, "was this helpful?", and during a
crisis its questions and answers pinned on top. No login; the consumer's language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kalm.core.i18n import page_language
from kalm.core.selectors import organisation
from kalm.kb.actions import KbActionError, article_feedback_add
from kalm.kb.forms_public import FeedbackForm, SearchForm
from kalm.kb.models import KB_LANGUAGES, Article, Category
from kalm.kb.search import fold, search_articles, stem, tokens
from kalm.kb.selectors import (
    article_public,
    categories_with_articles,
    crisis_pins,
    published_articles,
    related_published,
    translation_of,
)

# The index shows this many articles per category; the category page shows them all.
INDEX_PER_CATEGORY = 6
SEARCH_LIMIT = 20
# Articles answered in this session ("was this helpful?"), newest last; a bounded list.
_ANSWERED = "kb_feedback_answered"
_ANSWERED_KEEP = 100


# --- Rendering article text -------------------------------------------------------------------

# Only http(s) addresses become links; a trailing full stop or bracket belongs to the sentence.
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_URL_TAIL = ".,;:!?)]}"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _linked(text: str) -> str:
    """``text`` escaped, with its http(s) addresses as links."""
    out, last = [], 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(_URL_TAIL)
        end = match.start() + len(url)
        out.append(escape(text[last : match.start()]))
        out.append(format_html('<a href="{}" rel="nofollow noopener">{}</a>', url, url))
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def _paragraph(lines: list[str]) -> str:
    return "<p>" + "<br>".join(_linked(line) for line in lines) + "</p>" if lines else ""


def _list(items: list[str]) -> str:
    return (
        "<ul>" + "".join(f"<li>{_linked(item)}</li>" for item in items) + "</ul>" if items else ""
    )


def render_body(text: str) -> SafeString:
    """An article's plain text as HTML: everything escaped, a paragraph per blank-line block,
    lines starting with "- " as a list, single line breaks kept, http(s) addresses linked."""
    html: list[str] = []
    for block in _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n").strip()):
        lines: list[str] = []
        items: list[str] = []
        for raw in block.split("\n"):
            line = raw.strip()
            if line.startswith("- ") or line == "-":
                html.append(_paragraph(lines))
                lines = []
                if line[2:].strip():
                    items.append(line[2:].strip())
            elif line:
                html.append(_list(items))
                items = []
                lines.append(line)
        html += [_paragraph(lines), _list(items)]
    # Safe: every piece of text went through escape() in _linked.
    return mark_safe("".join(html))


_WORD = re.compile(r"[^\W_]+")


def highlight(text: str, query: str, language: str) -> SafeString:
    """``text`` escaped, with the words the query found in <mark>: the same folding and
    stemming as the search (kalm.kb.search), so "flessen" marks "fles" and a compound that
    starts with a searched word is marked too."""
    words = tokens(query, language)
    stems = {stem(word, language) for word in words}
    out, last = [], 0
    for match in _WORD.finditer(text):
        folded = fold(match.group()).lower()
        hit = stem(folded, language) in stems or any(
            len(word) >= 3 and folded.startswith(word) for word in words
        )
        if hit:
            out.append(escape(text[last : match.start()]))
            out.append(format_html("<mark>{}</mark>", match.group()))
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece of text went through escape()


# --- Pages ------------------------------------------------------------------------------------


@dataclass
class CategoryBlock:
    category: Category
    name: str
    description: str
    articles: list[Article]
    count: int


def _block(category: Category, articles: list[Article], language: str, limit: int | None):
    return CategoryBlock(
        category=category,
        name=category.name(language),
        description=category.description(language),
        articles=articles[:limit] if limit else articles,
        count=len(articles),
    )


@never_cache  # crisis pins appear and go with a publication
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    language = page_language()
    groups = [
        _block(category, articles, language, INDEX_PER_CATEGORY)
        for category, articles in categories_with_articles(language)
    ]
    context = {"groups": groups, "pins": crisis_pins(language), "form": SearchForm()}
    return render(request, "kb/public/index.html", context)


@require_GET
def category(request: HttpRequest, slug: str) -> HttpResponse:
    language = page_language()
    found = get_object_or_404(Category, slug=slug)
    articles = list(published_articles(language).filter(category=found))
    context = {"group": _block(found, articles, language, None), "form": SearchForm()}
    return render(request, "kb/public/category.html", context)


def _find(language: str, slug: str) -> Article:
    """The public article at this address in the page language, else in the other language
    (a link shared by someone who reads the other language still opens)."""
    for code in [language] + [c for c, _name in KB_LANGUAGES if c != language]:
        try:
            return article_public(code, slug)
        except Http404:
            continue
    raise Http404


def _answered(request: HttpRequest) -> list[int]:
    return list(request.session.get(_ANSWERED, []))


@never_cache  # the page carries a CSRF token and this visitor's answer
@require_http_methods(["GET", "POST"])
def article(request: HttpRequest, slug: str) -> HttpResponse:
    language = page_language()
    found = _find(language, slug)
    translation = translation_of(found)
    if found.language != language and translation is not None:
        # The language switch posts back to this address: follow it to the translation.
        return redirect("help:article", slug=translation.slug)
    url = reverse("help:article", kwargs={"slug": found.slug}) + "#feedback"
    answered = found.pk in _answered(request)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if answered:  # a second click or a reload of the POST: the first answer counts
            return redirect(url)
        if form.is_valid():
            data = form.cleaned_data
            try:
                article_feedback_add(
                    article=found,
                    helpful=data["helpful"],
                    reason=data["reason"],
                    comment=data["comment"],
                    source="help_centre",
                )
            except KbActionError as exc:  # e.g. archived in the meantime: say so, keep the text
                form.add_error(None, str(exc))
            else:
                request.session[_ANSWERED] = [*_answered(request), found.pk][-_ANSWERED_KEEP:]
                return redirect(url)
    asks_reason = request.GET.get("feedback") == "no" or (
        form.is_bound and form.data.get("helpful") == "no"
    )
    context = {
        "article": found,
        "category_name": found.category.name(language),
        "body": render_body(found.body),
        "translation": translation,
        "related": related_published(found),
        "form": form,
        "answered": answered,
        "asks_reason": asks_reason and not answered,
    }
    return render(request, "kb/public/article.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    language = page_language()
    form = SearchForm(request.GET)
    query = form.query()
    hits = search_articles(query, language=language, limit=SEARCH_LIMIT) if query else []
    results = [
        {
            "article": hit.article,
            "title": highlight(hit.article.title, query, language),
            "snippet": highlight(hit.snippet or hit.article.summary, query, language),
        }
        for hit in hits
    ]
    return render(
        request, "kb/public/search.html", {"form": form, "query": query, "results": results}
    )


# Browsers show these inline safely; anything else stored as a logo is not served.
_LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
_LOGO_TYPES |= {".gif": "image/gif", ".webp": "image/webp"}


@require_GET
def logo(request: HttpRequest, name: str) -> FileResponse:
    """The organisation's logo. Uploaded files are never public (settings.MEDIA_URL), so this
    serves the one file that is the current logo, and nothing else."""
    stored = organisation().logo_name
    if not stored or PurePosixPath(stored).name != name:
        raise Http404
    content_type = _LOGO_TYPES.get(PurePosixPath(name).suffix.lower())
    if content_type is None or not default_storage.exists(stored):
        raise Http404
    response = FileResponse(default_storage.open(stored, "rb"), content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'"
    # A new upload gets a new name (and so a new address); an hour bounds a replaced file.
    response["Cache-Control"] = "public, max-age=3600"
    return response
