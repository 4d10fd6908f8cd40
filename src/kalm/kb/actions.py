"""Every write to the knowledge base.

Workflow (one declared table, :data:`TRANSITIONS`)::

    draft ──submit──> in_review ──publish──> published
      ^                  │  reject (note)        │
      └──────────────────┘                       │ edit
      ^──────────────── edit ────────────────────┘
    any state except archived ──archive──> archived ──edit──> draft

Editing a published article: an article has one text, so a change cannot wait in review while
the old text stays live. We chose safety over continuity: editing a published (or archived)
article writes a new revision and takes the article off the help centre — to ``in_review`` with
``submit=True``, otherwise to ``draft`` — until a second person publishes it again. The public
address (slug) does not change with the title, so links and the translation keep working.

Four eyes: publishing (and rejecting) is for leads and admins, and never for the author of the
newest revision — the text that would go live. Every desk member writes drafts, submits them and
starts translations.

Each action runs in one transaction, locks the article row it changes, and tells the search
index (kalm.kb.search) to rebuild when what is published changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kalm.kb.models import KB_LANGUAGES, Article, ArticleFeedback, ArticleRevision, Category
from kalm.kb.search import search_index_invalidate
from kalm.kb.selectors import can_publish, other_language

State = Article.State
Visibility = Article.Visibility

TRANSITIONS: dict[str, frozenset[str]] = {
    State.DRAFT: frozenset({State.IN_REVIEW, State.ARCHIVED}),
    State.IN_REVIEW: frozenset({State.PUBLISHED, State.DRAFT, State.ARCHIVED}),
    State.PUBLISHED: frozenset({State.DRAFT, State.IN_REVIEW, State.ARCHIVED}),
    State.ARCHIVED: frozenset({State.DRAFT, State.IN_REVIEW}),
}

TEXT_FIELDS = ("title", "summary", "body", "keywords")
COMMENT_MAX = 2000
NOTE_MAX = ArticleRevision._meta.get_field("note").max_length or 300
SOURCE_MAX = ArticleFeedback._meta.get_field("source").max_length or 20
REVIEW_NOTE_MAX = 500  # Article.review_note
# The help centre's own addresses (kb/public_urls.py): a category there would be unreachable.
RESERVED_CATEGORY_SLUGS = frozenset({"search", "a", "logo"})


class KbActionError(ValueError):
    """The change cannot be made; the message says why, for the person who tried."""


class KbRefused(KbActionError):
    """This person may not do this (role or the four-eyes rule)."""


class NothingChanged(KbActionError):
    """An edit that changes nothing: no revision is written."""


class IllegalArticleTransition(KbActionError):
    def __init__(self, current: str, target: str) -> None:
        self.current, self.target = current, target
        super().__init__(
            _("An article that is %(current)s cannot become %(target)s.")
            % {"current": State(current).label.lower(), "target": State(target).label.lower()}
        )


def _require_member(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.is_desk_member:
        raise KbRefused(_("Only desk members can write articles."))


def _require_lead(actor: Any, message: str) -> None:
    _require_member(actor)
    if not can_publish(actor):
        raise KbRefused(message)


def _move(article: Article, target: str) -> None:
    if target not in TRANSITIONS.get(article.state, frozenset()):
        raise IllegalArticleTransition(article.state, target)
    article.state = target


def _locked(article: Article) -> Article:
    """Re-read under a row lock, so two people cannot act on the same state at once."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _published_changed() -> None:
    # Now for this process (even inside the transaction, so the actor sees the change), and
    # again after commit, in case a query rebuilt the index from the old rows meanwhile.
    search_index_invalidate()
    transaction.on_commit(search_index_invalidate)


def _clean_text(title: str, summary: str, body: str, keywords: str) -> dict[str, str]:
    text = {
        "title": (title or "").strip(),
        "summary": (summary or "").strip(),
        "body": (body or "").strip().replace("\r\n", "\n"),
        "keywords": ", ".join(k.strip() for k in (keywords or "").split(",") if k.strip()),
    }
    if not text["title"]:
        raise KbActionError(_("Give the article a title."))
    if not text["body"]:
        raise KbActionError(_("Write the text of the article."))
    for name in ("title", "summary", "keywords"):
        limit = Article._meta.get_field(name).max_length
        if limit and len(text[name]) > limit:
            raise KbActionError(
                _("The %(field)s is too long: at most %(limit)s characters.")
                % {"field": Article._meta.get_field(name).verbose_name, "limit": limit}
            )
    return text


def _clean_note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise KbActionError(
            _("The change note is too long: at most %(limit)s characters.") % {"limit": NOTE_MAX}
        )
    return note


def _check_language(language: str) -> None:
    if language not in dict(KB_LANGUAGES):
        raise KbActionError(_("Choose Dutch or English."))


def _check_visibility(visibility: str) -> None:
    if visibility not in Visibility.values:
        raise KbActionError(_("Choose public or internal."))


def _free_slug(title: str, language: str, *, exclude: int | None = None) -> str:
    """The slugified title, with -2, -3, … when another article in this language has it."""
    base = slugify(title)[:100].strip("-") or "article"
    taken = set(
        Article.objects.filter(language=language, slug__startswith=base)
        .exclude(pk=exclude)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _add_revision(article: Article, *, actor: Any, note: str) -> ArticleRevision:
    number = (article.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    revision = ArticleRevision.objects.create(
        article=article,
        number=number,
        title=article.title,
        summary=article.summary,
        body=article.body,
        keywords=article.keywords,
        author=actor,
        created_at=article.updated_at,
        note=note,
    )
    article.revision = number
    return revision


# --- Categories -------------------------------------------------------------------------------


def _category_values(
    slug: str, name_nl: str, name_en: str, description_nl: str, description_en: str
) -> dict[str, str]:
    values = {
        "slug": slugify(slug or name_nl)[:80],
        "name_nl": (name_nl or "").strip(),
        "name_en": (name_en or "").strip(),
        "description_nl": (description_nl or "").strip(),
        "description_en": (description_en or "").strip(),
    }
    if not values["name_nl"] or not values["name_en"]:
        raise KbActionError(_("Give the category a Dutch and an English name."))
    if not values["slug"]:
        raise KbActionError(_("Give the category an address."))
    if values["slug"] in RESERVED_CATEGORY_SLUGS:
        raise KbActionError(
            _("“%(slug)s” is taken by the help centre itself; choose another address.")
            % {"slug": values["slug"]}
        )
    return values


def category_create(
    *,
    actor: Any,
    name_nl: str,
    name_en: str,
    slug: str = "",
    description_nl: str = "",
    description_en: str = "",
    position: int = 0,
) -> Category:
    _require_lead(actor, _("Only leads and admins manage categories."))
    values = _category_values(slug, name_nl, name_en, description_nl, description_en)
    with transaction.atomic():
        if Category.objects.filter(slug=values["slug"]).exists():
            raise KbActionError(_("Another category already has this address."))
        return Category.objects.create(position=position, **values)


def category_update(
    *,
    category: Category,
    actor: Any,
    name_nl: str,
    name_en: str,
    slug: str = "",
    description_nl: str = "",
    description_en: str = "",
    position: int = 0,
) -> Category:
    _require_lead(actor, _("Only leads and admins manage categories."))
    values = _category_values(slug, name_nl, name_en, description_nl, description_en)
    with transaction.atomic():
        locked = Category.objects.select_for_update().get(pk=category.pk)
        if Category.objects.filter(slug=values["slug"]).exclude(pk=locked.pk).exists():
            raise KbActionError(_("Another category already has this address."))
        for name, value in values.items():
            setattr(locked, name, value)
        locked.position = position
        locked.save()
    return locked


# --- Articles ---------------------------------------------------------------------------------


def _create(
    *,
    actor: Any,
    category: Category,
    language: str,
    text: dict[str, str],
    visibility: str,
    position: int,
    note: str,
    group: Any = None,
) -> Article:
    now = timezone.now()
    for _attempt in range(3):
        try:
            # A savepoint, so a slug taken by a concurrent create can be retried.
            with transaction.atomic():
                article = Article(
                    language=language,
                    category=category,
                    slug=_free_slug(text["title"], language),
                    visibility=visibility,
                    position=position,
                    created_by=actor,
                    created_at=now,
                    updated_at=now,
                    state=State.DRAFT,
                    **text,
                )
                if group is not None:
                    article.group = group
                article.save()
                _add_revision(article, actor=actor, note=note)
                article.save(update_fields=["revision"])
                return article
        except IntegrityError as exc:
            if (
                group is not None
                and Article.objects.filter(group=group, language=language).exists()
            ):
                raise KbActionError(
                    _("This article already has a version in that language.")
                ) from exc
    raise KbActionError(_("Could not find a free address for this title; try again."))


def article_create(
    *,
    actor: Any,
    category: Category,
    language: str,
    title: str,
    body: str,
    summary: str = "",
    keywords: str = "",
    visibility: str = Visibility.PUBLIC,
    position: int = 0,
    note: str = "",
) -> Article:
    """A new article as a draft, with its first revision."""
    _require_member(actor)
    _check_language(language)
    _check_visibility(visibility)
    text = _clean_text(title, summary, body, keywords)
    note = _clean_note(note)
    with transaction.atomic():
        return _create(
            actor=actor,
            category=category,
            language=language,
            text=text,
            visibility=visibility,
            position=position,
            note=note,
        )


def article_edit(
    *,
    article: Article,
    actor: Any,
    title: str,
    body: str,
    summary: str = "",
    keywords: str = "",
    category: Category | None = None,
    visibility: str | None = None,
    position: int | None = None,
    note: str = "",
    submit: bool = False,
) -> Article:
    """A new revision of the article. It goes (back) to draft, or to review with ``submit``;
    a published article leaves the help centre until it is published again (module docstring).
    """
    _require_member(actor)
    text = _clean_text(title, summary, body, keywords)
    note = _clean_note(note)
    if visibility is not None:
        _check_visibility(visibility)
    with transaction.atomic():
        locked = _locked(article)
        was_published = locked.state == State.PUBLISHED
        changes = {name: value for name, value in text.items() if getattr(locked, name) != value}
        if category is not None and category.pk != locked.category_id:
            changes["category"] = category
        if visibility is not None and visibility != locked.visibility:
            changes["visibility"] = visibility
        if position is not None and position != locked.position:
            changes["position"] = position
        target = State.IN_REVIEW if submit else State.DRAFT
        if not changes:
            if submit and locked.state == State.DRAFT:
                # "Save and submit" on an unchanged draft: no new revision, just the hand-over.
                return article_submit(article=locked, actor=actor)
            raise NothingChanged(_("Nothing changed."))
        if locked.state != target:
            _move(locked, target)
        for name, value in changes.items():
            setattr(locked, name, value)
        now = timezone.now()
        locked.updated_at = now
        if submit:
            locked.submitted_at = now
        locked.reviewed_by = None
        _add_revision(locked, actor=actor, note=note)
        locked.save()
        if was_published:
            _published_changed()
    return locked


def article_submit(*, article: Article, actor: Any) -> Article:
    """Hand a draft to a second person for review."""
    _require_member(actor)
    with transaction.atomic():
        locked = _locked(article)
        _move(locked, State.IN_REVIEW)
        locked.submitted_at = locked.updated_at = timezone.now()
        locked.save(update_fields=["state", "submitted_at", "updated_at"])
    return locked


def _newest_author_id(article: Article) -> int | None:
    newest = article.revisions.order_by("-number").values_list("author_id", flat=True).first()
    return newest


def _require_reviewer(article: Article, actor: Any) -> None:
    _require_lead(actor, _("Only leads and admins publish articles."))
    if _newest_author_id(article) == actor.pk:
        # Four eyes: the person who wrote the text that would go live cannot be the one who
        # clears it.
        raise KbRefused(_("A second person must review an article you wrote."))


def article_publish(*, article: Article, actor: Any) -> Article:
    """Put a reviewed article on the help centre (or, if internal, in the agents' answers)."""
    with transaction.atomic():
        locked = _locked(article)
        _require_reviewer(locked, actor)
        _move(locked, State.PUBLISHED)
        now = timezone.now()
        locked.reviewed_by, locked.published_at, locked.updated_at = actor, now, now
        locked.review_note = ""
        locked.save(
            update_fields=["state", "reviewed_by", "published_at", "updated_at", "review_note"]
        )
        _published_changed()
    return locked


def article_reject(*, article: Article, actor: Any, note: str) -> Article:
    """Send an article in review back to draft, saying why (kept on the article until it is
    published; revisions are never changed)."""
    note = (note or "").strip()
    if not note:
        raise KbActionError(_("Say why the article goes back to draft."))
    if len(note) > REVIEW_NOTE_MAX:
        raise KbActionError(
            _("The reason is too long: at most %(limit)s characters.") % {"limit": REVIEW_NOTE_MAX}
        )
    with transaction.atomic():
        locked = _locked(article)
        _require_reviewer(locked, actor)
        _move(locked, State.DRAFT)
        locked.updated_at = timezone.now()
        locked.reviewed_by = actor
        locked.review_note = note
        locked.save(update_fields=["state", "updated_at", "reviewed_by", "review_note"])
    return locked


def article_archive(*, article: Article, actor: Any) -> Article:
    """Take an article out of use; its history stays. Editing it later starts a new draft."""
    _require_lead(actor, _("Only leads and admins archive articles."))
    with transaction.atomic():
        locked = _locked(article)
        was_published = locked.state == State.PUBLISHED
        _move(locked, State.ARCHIVED)
        locked.updated_at = timezone.now()
        locked.save(update_fields=["state", "updated_at"])
        if was_published:
            _published_changed()
    return locked


def article_translation_create(
    *,
    article: Article,
    actor: Any,
    title: str = "",
    body: str = "",
    summary: str = "",
    keywords: str = "",
    note: str = "",
) -> Article:
    """The other-language version of an article, as a draft in the same group. Without a text
    it starts as a copy of the original, for the translator to overwrite."""
    _require_member(actor)
    language = other_language(article.language)
    text = _clean_text(
        title or article.title,
        summary if (title or body) else article.summary,
        body or article.body,
        keywords if (title or body) else article.keywords,
    )
    note = _clean_note(
        note
        or _("Translation of revision %(number)s (%(language)s)")
        % {"number": article.revision, "language": article.get_language_display()}
    )
    with transaction.atomic():
        source = _locked(article)
        if Article.objects.filter(group=source.group, language=language).exists():
            raise KbActionError(_("This article already has a version in that language."))
        return _create(
            actor=actor,
            category=source.category,
            language=language,
            text=text,
            visibility=source.visibility,
            position=source.position,
            note=note,
            group=source.group,
        )


def related_set(*, article: Article, actor: Any, related: Iterable[Article]) -> Article:
    """Replace the related articles (symmetric: each one links back)."""
    _require_member(actor)
    wanted = {other.pk for other in related if other.pk != article.pk}
    with transaction.atomic():
        locked = _locked(article)
        locked.related.set(Article.objects.filter(pk__in=wanted))
    return locked


def article_feedback_add(
    *,
    article: Article,
    helpful: bool,
    reason: str = "",
    comment: str = "",
    source: str = "help_centre",
) -> ArticleFeedback:
    """One "was this helpful?" answer. The counters on the article move with F(), so answers
    arriving at the same moment are all counted."""
    reason = (reason or "").strip()
    comment = (comment or "").strip()
    source = (source or "").strip() or "help_centre"
    if reason and reason not in ArticleFeedback.Reason.values:
        raise KbActionError(_("Choose one of the reasons."))
    if len(comment) > COMMENT_MAX:
        raise KbActionError(
            _("The comment is too long: at most %(limit)s characters.") % {"limit": COMMENT_MAX}
        )
    if len(source) > SOURCE_MAX:
        raise KbActionError(_("Unknown feedback source."))
    if article.state != State.PUBLISHED:
        raise KbActionError(_("Feedback is only taken on published articles."))
    counter = "helpful_yes" if helpful else "helpful_no"
    with transaction.atomic():
        feedback = ArticleFeedback.objects.create(
            article=article,
            helpful=bool(helpful),
            reason=reason,
            comment=comment,
            source=source,
            created_at=timezone.now(),
        )
        Article.objects.filter(pk=article.pk).update(**{counter: F(counter) + 1})
    article.refresh_from_db(fields=["helpful_yes", "helpful_no"])
    return feedback
