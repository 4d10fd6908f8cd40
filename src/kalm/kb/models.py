"""Knowledge-base articles: categories, language versions linked by a group, a review workflow,
revision history, related articles and "was this helpful?" feedback."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KB_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]


class Category(models.Model):
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_nl = models.CharField(_("description (Dutch)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name_nl

    def name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name_nl

    def description(self, language: str) -> str:
        return self.description_en if language == "en" else self.description_nl


class Article(models.Model):
    """One article in one language. The Dutch and English versions of the same article share a
    ``group``; each has its own workflow state, so a translation can lag behind."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public (help centre, answer bot)")
        INTERNAL = "internal", _("Internal (agents only)")

    group = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=KB_LANGUAGES)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    slug = models.SlugField(_("web address"), max_length=120)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    # Plain text with blank lines between paragraphs; "- " lines are list items. Rendered
    # escaped: no HTML from authors reaches a page.
    body = models.TextField(_("text"))
    keywords = models.CharField(
        _("extra search words"),
        max_length=300,
        blank=True,
        help_text=_("Words consumers use that the text does not, separated by commas."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("related articles")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The number of the newest revision; revisions hold every text the article ever had.
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # Why the reviewer sent it back to draft; cleared when it is published.
    review_note = models.CharField(_("review note"), max_length=500, blank=True)
    helpful_yes = models.PositiveIntegerField(default=0, editable=False)
    helpful_no = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["category", "position", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="kb_article_slug"),
            models.UniqueConstraint(fields=["group", "language"], name="kb_article_translation"),
        ]
        indexes = [models.Index(fields=["state", "visibility", "language"], name="kb_published")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state == self.State.PUBLISHED and self.visibility == self.Visibility.PUBLIC


class ArticleRevision(models.Model):
    """Every saved text of an article, numbered; append-only in practice (actions only add)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    keywords = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(_("change note"), max_length=300, blank=True)

    class Meta:
        ordering = ["article", "-number"]
        verbose_name = _("article revision")
        verbose_name_plural = _("article revisions")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="kb_revision_number")
        ]


class ArticleFeedback(models.Model):
    """One "was this helpful?" answer from the help centre or the answer bot."""

    class Reason(models.TextChoices):
        UNCLEAR = "unclear", _("Hard to understand")
        INCOMPLETE = "incomplete", _("Missing information")
        WRONG = "wrong", _("Incorrect or out of date")
        NOT_MY_QUESTION = "not_my_question", _("Not what I was looking for")
        OTHER = "other", _("Something else")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    comment = models.TextField(blank=True)
    source = models.CharField(max_length=20, default="help_centre")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")
