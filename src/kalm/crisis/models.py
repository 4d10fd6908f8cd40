"""Crises (incidents), the cases linked to them, their timeline of decisions, playbooks and the
communication protocol: who may draft, approve and publish on which channel."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove a crisis timeline event."""


class Scenario(models.TextChoices):
    RECALL = "recall", _("Product recall")
    PRODUCT_SAFETY = "product_safety", _("Product safety / injury")
    DATA_BREACH = "data_breach", _("Data breach")
    OUTAGE = "outage", _("Outage / disruption")
    DELIVERY = "delivery", _("Delivery problem")
    REPUTATIONAL = "reputational", _("Reputational")


class Severity(models.IntegerChoices):
    LOW = 1, _("1 · Limited")
    MODERATE = 2, _("2 · Serious")
    HIGH = 3, _("3 · Severe")
    CRITICAL = 4, _("4 · Critical")


class CrisisStatus(models.TextChoices):
    MONITORING = "monitoring", _("Monitoring")
    ACTIVE = "active", _("Active")
    RECOVERING = "recovering", _("Recovering")
    CLOSED = "closed", _("Closed")


OPEN_CRISIS_STATUSES = (CrisisStatus.ACTIVE, CrisisStatus.RECOVERING, CrisisStatus.MONITORING)


class TeamRole(models.TextChoices):
    """A person's part in the crisis team: owns playbook steps and is named by the protocol."""

    SPOKESPERSON = "spokesperson", _("Spokesperson")
    CUSTOMER_CARE = "customer_care", _("Customer care")
    SOCIAL = "social", _("Social media team")
    LEGAL = "legal", _("Legal")
    LEAD = "lead", _("Crisis lead")
    SAFETY = "safety", _("Quality & safety")


class PublishChannel(models.TextChoices):
    PUBLIC_PAGE = "public_page", _("Public crisis page")
    EMAIL_UPDATE = "email_update", _("Email update to consumers")
    CHAT_ANSWER = "chat_answer", _("Answer in chat and email")
    SOCIAL = "social", _("Social media")
    DESK_MACRO = "desk_macro", _("Reply macro in the desk")
    PRESS = "press", _("Press")


class Crisis(models.Model):
    title = models.CharField(_("title"), max_length=200)
    # The address of the public crisis page. Empty until needed (crisis_open and the first
    # publication fill it): title plus a random suffix, so the address cannot be guessed.
    slug = models.SlugField(_("public address"), max_length=80, unique=True, null=True, blank=True)
    scenario = models.CharField(_("scenario"), max_length=20, choices=Scenario.choices)
    severity = models.PositiveSmallIntegerField(
        _("severity"), choices=Severity.choices, default=Severity.MODERATE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CrisisStatus.choices, default=CrisisStatus.ACTIVE
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_crises",
        verbose_name=_("owner"),
    )
    language = models.CharField(_("playbook language"), max_length=8, default="nl")
    # The affected scope. Batches, regions and segments are free text (lists of str): they come
    # from labels, alerts and people, not from a reference table.
    products = models.ManyToManyField(
        "cases.Product", blank=True, related_name="crises", verbose_name=_("products")
    )
    batches = models.JSONField(_("batches / lots"), default=list, blank=True)
    regions = models.JSONField(_("regions"), default=list, blank=True)
    segments = models.JSONField(_("customer segments"), default=list, blank=True)
    window_start = models.DateTimeField(_("affected from"), default=timezone.now)
    window_end = models.DateTimeField(_("affected until"), null=True, blank=True)
    # The burst that set it off, if any. Crisis depends on bursts, never the other way round.
    alert = models.ForeignKey(
        "bursts.BurstAlert",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="crises",
        verbose_name=_("burst alert"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The crisis's own contact route: its form on the public page and the mailbox tag, so
    # email to care+<contact_tag>@… lands on the crisis. Filled when the crisis opens.
    contact_tag = models.SlugField(
        _("mailbox tag"), max_length=40, unique=True, null=True, blank=True
    )
    # Set on everything a crisis drill created; real listings only read rows without it.
    drill = models.ForeignKey(
        "drills.Drill",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("crisis")
        verbose_name_plural = _("crises")
        indexes = [models.Index(fields=["status", "-opened_at"], name="crisis_status_opened")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CRISIS_STATUSES


class CrisisCase(models.Model):
    """A case that may belong to the crisis: proposed by the scope or the alert, decided by a
    person (only confirmed cases count as affected)."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="links")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="crisis_links")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    proposed_reason = models.CharField(_("why proposed"), max_length=300, blank=True)
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["proposed_at", "id"]
        verbose_name = _("linked case")
        verbose_name_plural = _("linked cases")
        constraints = [
            models.UniqueConstraint(fields=["crisis", "case"], name="crisis_case_unique")
        ]


class CrisisEvent(models.Model):
    """One entry on the crisis timeline. Like the dossier, never updated or deleted: the timeline
    is what the after-action review and the post-crisis report are built from."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Crisis opened")
        PLAYBOOK = "playbook", _("Playbook started")
        STATUS = "status", _("Status changed")
        CASES_PROPOSED = "cases_proposed", _("Cases proposed")
        CASE_CONFIRMED = "case_confirmed", _("Case confirmed")
        CASE_REJECTED = "case_rejected", _("Case rejected")
        TASK_DONE = "task_done", _("Task done")
        DECISION = "decision", _("Decision")
        NOTE = "note", _("Note")
        ROLE = "role", _("Role assigned")
        ALERT = "alert", _("Burst alert")
        STATEMENT = "statement", _("Statement")
        PUBLISHED = "published", _("Statement published")

    crisis = models.ForeignKey(Crisis, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("crisis event")
        verbose_name_plural = _("crisis events")
        indexes = [models.Index(fields=["crisis", "at"], name="crisis_event_at")]

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Crisis events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Crisis events are append-only")


class Playbook(models.Model):
    """An ordered checklist for one scenario in one language; teams edit them in the admin."""

    scenario = models.CharField(_("scenario"), max_length=20, choices=Scenario.choices)
    language = models.CharField(
        _("language"), max_length=8, choices=[("nl", "Nederlands"), ("en", "English")]
    )
    name = models.CharField(_("name"), max_length=200)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["scenario", "language", "name"]
        verbose_name = _("playbook")
        verbose_name_plural = _("playbooks")
        constraints = [
            # One playbook is used when a crisis opens: never two candidates to choose between.
            models.UniqueConstraint(
                fields=["scenario", "language"],
                condition=models.Q(active=True),
                name="playbook_one_active",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PlaybookStep(models.Model):
    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner_role = models.CharField(_("owner"), max_length=20, choices=TeamRole.choices)
    offset = models.DurationField(
        _("deadline after the start"), help_text=_("For example 01:00:00 for within the hour.")
    )

    class Meta:
        ordering = ["playbook", "position", "id"]
        verbose_name = _("playbook step")
        verbose_name_plural = _("playbook steps")

    def __str__(self) -> str:
        return self.title


class CrisisTask(models.Model):
    """A playbook step made concrete for one crisis. Copied, not referenced, so editing the
    playbook later never changes a running or past crisis."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="tasks")
    step = models.ForeignKey(
        PlaybookStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner_role = models.CharField(_("owner"), max_length=20, choices=TeamRole.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField(_("due"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["crisis", "position", "id"]
        verbose_name = _("crisis task")
        verbose_name_plural = _("crisis tasks")

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_at < timezone.now()


class ProtocolRule(models.Model):
    """One cell of the communication protocol: what a role may do on a channel. No row means
    nothing is allowed."""

    channel = models.CharField(_("channel"), max_length=20, choices=PublishChannel.choices)
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    may_draft = models.BooleanField(_("may draft"), default=False)
    may_approve = models.BooleanField(_("may approve"), default=False)
    may_publish = models.BooleanField(_("may publish"), default=False)

    class Meta:
        ordering = ["channel", "role"]
        verbose_name = _("protocol rule")
        verbose_name_plural = _("protocol rules")
        constraints = [
            models.UniqueConstraint(fields=["channel", "role"], name="protocol_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.get_role_display()}"


class CrisisRole(models.Model):
    """A person's role in the crisis team: for one crisis, or (crisis empty) for every crisis."""

    crisis = models.ForeignKey(
        Crisis, on_delete=models.CASCADE, null=True, blank=True, related_name="roles"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crisis_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("crisis role")
        verbose_name_plural = _("crisis roles")
        constraints = [
            # Two constraints because NULLs are distinct in a unique index: one for the default
            # assignments, one for per-crisis ones.
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(crisis__isnull=True),
                name="crisis_role_default_unique",
            ),
            models.UniqueConstraint(
                fields=["crisis", "user", "role"],
                condition=models.Q(crisis__isnull=False),
                name="crisis_role_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


STATEMENT_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

# The five parts every statement has, in the order the public page shows them.
STATEMENT_SECTIONS = (
    "what_happened",
    "what_we_do",
    "what_to_expect",
    "what_you_can_do",
    "how_to_reach_us",
)


class Statement(models.Model):
    """What we say about one crisis in one language; its text lives in numbered versions."""

    crisis = models.ForeignKey(Crisis, on_delete=models.PROTECT, related_name="statements")
    language = models.CharField(_("language"), max_length=8, choices=STATEMENT_LANGUAGES)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["crisis", "language"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(fields=["crisis", "language"], name="statement_unique")
        ]

    def __str__(self) -> str:
        return f"{self.crisis} · {self.language}"


class StatementVersion(models.Model):
    """One version of a statement. Only a draft may change; after submitting, a change is a new
    version, so every text that was reviewed or published stays exactly as it was."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SUPERSEDED = "superseded", _("Superseded")

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    what_happened = models.TextField(_("What happened"))
    what_we_do = models.TextField(_("What we are doing"))
    what_to_expect = models.TextField(_("What you can expect and when"))
    what_you_can_do = models.TextField(_("What you can do now"))
    how_to_reach_us = models.TextField(_("How to reach us"))
    faq = models.JSONField(_("FAQ"), default=list, blank=True)  # [{"q": str, "a": str}, ...]
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    # The first publication on any channel; Publication rows hold every one.
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["statement", "-number"]
        verbose_name = _("statement version")
        verbose_name_plural = _("statement versions")
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="statement_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.statement} v{self.number}"

    @property
    def sections(self) -> list[tuple[str, str]]:
        """(label, text) of the five parts, in page order."""
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in STATEMENT_SECTIONS
        ]

    def as_text(self) -> str:
        """The statement as plain text, for a reply or a macro: headings in the statement's
        language (the consumer's), not the agent's."""
        with translation.override(self.statement.language):
            return "\n\n".join(f"{label}\n{text}" for label, text in self.sections if text.strip())


class Publication(models.Model):
    """A statement version shown on a channel from ``published_at`` until ``superseded_at``.
    Exactly one current row per crisis, channel and language: the consistency panel and the
    public page read these."""

    crisis = models.ForeignKey(Crisis, on_delete=models.PROTECT, related_name="publications")
    channel = models.CharField(_("channel"), max_length=20, choices=PublishChannel.choices)
    language = models.CharField(_("language"), max_length=8, choices=STATEMENT_LANGUAGES)
    version = models.ForeignKey(
        StatementVersion, on_delete=models.PROTECT, related_name="publications"
    )
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(
                fields=["crisis", "channel", "language"],
                condition=models.Q(superseded_at__isnull=True),
                name="publication_one_current",
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} @ {self.get_channel_display()}"


class CrisisSubscription(models.Model):
    """A consumer who wants the crisis's email updates: from an affected case whose consumer
    asked to be kept informed, from the crisis contact form, or added by an agent. One click on
    the unsubscribe link in any update ends it; the row stays, as proof of the choice."""

    class Source(models.TextChoices):
        CASE = "case", _("Affected case (asked to be kept informed)")
        CONTACT_FORM = "contact_form", _("Crisis contact form")
        AGENT = "agent", _("Added by an agent")

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="subscriptions")
    consumer = models.ForeignKey(
        "consumers.Consumer", on_delete=models.CASCADE, related_name="crisis_subscriptions"
    )
    # The case the updates are recorded on (its dossier); the newest affected case.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, default="nl")
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # Random, unique: the unsubscribe link is /crisis/unsubscribe/<token>/.
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("crisis subscription")
        verbose_name_plural = _("crisis subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["crisis", "consumer"], name="crisis_subscription_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.crisis} · {self.email}"


class CrisisMailing(models.Model):
    """One email update (one published version) to one subscribed consumer. The row is created
    when the version is published on the email channel; the worker sends pending rows at the
    configured rate. Unique per version and subscription: a retry never mails twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="mailings")
    version = models.ForeignKey(StatementVersion, on_delete=models.PROTECT, related_name="mailings")
    subscription = models.ForeignKey(
        CrisisSubscription, on_delete=models.CASCADE, related_name="mailings"
    )
    message_id = models.CharField(max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("crisis email update")
        verbose_name_plural = _("crisis email updates")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "subscription"], name="crisis_mailing_unique"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="crisis_mailing_pending")]


class SocialDraft(models.Model):
    """The social-media draft of a published version for one configured social source, posted
    to the source's outbound URL (signed) for the social team to place."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="social_drafts")
    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="social_drafts"
    )
    source = models.ForeignKey("webhooks.WebhookSource", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"))
    outbound = models.OneToOneField(
        "webhooks.OutboundWebhook",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_draft",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("social media draft")
        verbose_name_plural = _("social media drafts")
        constraints = [
            models.UniqueConstraint(fields=["publication", "source"], name="social_draft_unique")
        ]
