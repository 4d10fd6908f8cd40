"""Cases, the messages in them, proposed solutions, and the consumer's private link."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Product(models.Model):
    name = models.CharField(_("name"), max_length=200)
    brand = models.CharField(_("brand"), max_length=100, blank=True)
    sku = models.CharField(_("article number"), max_length=60, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["brand", "name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return f"{self.brand} {self.name}".strip()


class ExpectationOption(models.Model):
    """What a consumer can say they expect at first contact; reference data edited in admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_nl = models.CharField(_("label (Dutch)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120)
    asks_for_text = models.BooleanField(
        _("asks for text"), default=False, help_text=_("Show a text field ('other').")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("expectation option")
        verbose_name_plural = _("expectation options")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_nl if (get_language() or "nl").startswith("nl") else self.label_en


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    EMAIL = "email", _("Email")
    CHAT = "chat", _("Live chat")
    PHONE = "phone", _("Phone")
    SOCIAL = "social", _("Social media")
    API = "api", _("API")
    IN_PERSON = "in_person", _("In person")


class Status(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    WAITING_CONSUMER = "waiting_consumer", _("Waiting on consumer")
    WAITING_US = "waiting_us", _("Waiting on us / investigation")
    SOLUTION_PROPOSED = "solution_proposed", _("Solution proposed")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class TopicSource(models.TextChoices):
    """Who set a case's topic: the intake matcher (kalm.cases.actions.case_topic_detect) or an
    agent. The matcher never overwrites an agent's choice, not even "no topic"."""

    AUTO = "auto", _("Automatic")
    AGENT = "agent", _("Agent")


OPEN_STATUSES = (
    Status.NEW,
    Status.OPEN,
    Status.WAITING_CONSUMER,
    Status.WAITING_US,
    Status.SOLUTION_PROPOSED,
    Status.REOPENED,
)


class Case(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    subject = models.CharField(_("subject"), max_length=200)
    consumer = models.ForeignKey(
        "consumers.Consumer",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("consumer"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    product = models.ForeignKey(
        Product, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    batch_number = models.CharField(_("batch / lot number"), max_length=60, blank=True)
    # What the case is about: a knowledge-base category, so the dashboards count cases and
    # satisfaction by the same topics the help centre is organised in.
    topic = models.ForeignKey(
        "kb.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    topic_source = models.CharField(
        _("topic set by"), max_length=10, choices=TopicSource.choices, blank=True
    )
    expectations = models.ManyToManyField(ExpectationOption, blank=True, related_name="cases")
    expectation_other = models.CharField(_("other expectation"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, default="nl")

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    first_response_due_at = models.DateTimeField(_("first response due"), null=True, blank=True)
    first_responded_at = models.DateTimeField(_("first responded"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    next_step = models.CharField(
        _("what happens next"),
        max_length=300,
        blank=True,
        help_text=_("Shown to the consumer on their status page."),
    )
    next_step_due = models.DateField(_("expected by"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_cases"
    )
    # Denormalised text for full-text search (subject, consumer, messages), kept by actions.
    # Set on everything a crisis drill created; real listings only read rows without it.
    drill = models.ForeignKey(
        "drills.Drill",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    search_document = models.TextField(default="", blank=True, editable=False)
    # Head of the dossier hash chain, written in the same transaction as each entry, so that
    # removing the newest entries is detected too.
    dossier_length = models.PositiveIntegerField(default=0, editable=False)
    dossier_head = models.CharField(max_length=64, default="", editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["status", "-updated_at", "-id"], name="case_status_updated"),
            models.Index(fields=["assignee", "status", "-updated_at"], name="case_assignee_status"),
            models.Index(fields=["team", "status", "-updated_at"], name="case_team_status"),
            models.Index(fields=["-updated_at", "-id"], name="case_updated"),
            models.Index(fields=["channel", "-updated_at"], name="case_channel_updated"),
            models.Index(fields=["priority", "-updated_at"], name="case_priority_updated"),
            models.Index(fields=["first_response_due_at"], name="case_due"),
            # The inbox's pages, newest activity first, of the open cases, of a team, of an
            # agent, and of the cases still awaiting a first reply (the overdue filter): an index
            # walked in the page's order stops after 50 rows, where the ones above read all the
            # open (team's, agent's) cases and sort them (migration 0010). SQLite uses the
            # partial one only for a query that spells its condition out in literals
            # (kalm.desk.selectors.inbox_queryset does).
            models.Index(
                fields=["drill", "-updated_at", "-id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_open_updated",
            ),
            models.Index(fields=["team", "-updated_at", "-id"], name="case_team_updated"),
            models.Index(fields=["assignee", "-updated_at", "-id"], name="case_assignee_updated"),
            models.Index(
                fields=["first_responded_at", "-updated_at", "-id"],
                name="case_unanswered_updated",
            ),
            # The urgent (any priority) and the overdue filters, and their capped counts, on
            # PostgreSQL: the open cases of a priority, and the open cases still awaiting a first
            # reply, newest activity first. Without them the count of "urgent" ANDs the bitmaps
            # of every open case and every urgent case ever (45 ms at a million cases, then 2.6),
            # and the planner, taking status and first reply for independent, expects five
            # overdue cases where there are thousands (migration 0012).
            models.Index(
                fields=["priority", "-updated_at", "-id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_open_priority",
            ),
            models.Index(
                fields=["-updated_at", "-id"],
                condition=models.Q(status__in=OPEN_STATUSES, first_responded_at__isnull=True),
                name="case_open_unanswered",
            ),
            # The dashboards (kalm.insights) read real cases by the day they came in, for
            # everyone, a team or an agent: without these a year of figures scans every case.
            # The first one holds every column the dashboards count, group or filter the
            # period's cases by, so PostgreSQL answers them from the index alone (an
            # index-only scan reads ~90 MB for a million cases instead of the whole table).
            models.Index(
                fields=[
                    "created_at",
                    "channel",
                    "team",
                    "product",
                    "topic",
                    "assignee",
                    "first_responded_at",
                    "resolved_at",
                    "id",
                ],
                name="case_real_created_cover",
                condition=models.Q(drill__isnull=True, merged_into__isnull=True),
            ),
            # The backlog (open cases now, by age): the same, for the open cases only.
            models.Index(
                fields=[
                    "created_at",
                    "first_responded_at",
                    "first_response_due_at",
                    "channel",
                    "team",
                    "product",
                    "topic",
                    "assignee",
                    "id",
                ],
                name="case_real_open_cover",
                condition=models.Q(
                    drill__isnull=True, merged_into__isnull=True, status__in=OPEN_STATUSES
                ),
            ),
            models.Index(
                fields=["team", "created_at"],
                name="case_real_team_created",
                condition=models.Q(drill__isnull=True, merged_into__isnull=True),
            ),
            models.Index(
                fields=["assignee", "created_at"],
                name="case_real_assignee_created",
                condition=models.Q(drill__isnull=True, merged_into__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.first_responded_at is None
            and self.first_response_due_at
            and self.first_response_due_at < timezone.now()
            and self.is_open
        )


class Message(models.Model):
    class Kind(models.TextChoices):
        INBOUND = "inbound", _("From consumer")
        OUTBOUND = "outbound", _("To consumer")
        NOTE = "note", _("Internal note")
        PHONE = "phone", _("Phone call note")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    body = models.TextField(_("message"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The alias as it was when sent: renaming an alias later does not rewrite history.
    author_alias = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="message_case_created")]

    @property
    def is_public(self) -> bool:
        return self.kind in {self.Kind.INBOUND, self.Kind.OUTBOUND}


class Solution(models.Model):
    """A solution proposed to the consumer and their answer: were they satisfied with it?"""

    class Response(models.TextChoices):
        PENDING = "pending", _("Awaiting answer")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not satisfied")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="solutions")
    text = models.TextField(_("proposed solution"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    response = models.CharField(max_length=10, choices=Response.choices, default=Response.PENDING)
    response_comment = models.TextField(_("comment"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]


class CaseLink(models.Model):
    """Two related cases (same incident, same consumer, follow-up). Stored once, read both ways."""

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out")
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_in")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_case", "to_case"], name="case_link_unique"),
            models.CheckConstraint(
                condition=~models.Q(from_case=models.F("to_case")), name="case_link_not_self"
            ),
        ]


class PortalLink(models.Model):
    """The consumer's private status link. Only a hash of its secret is stored; revocable."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="portal_links")
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class GoodwillGesture(models.Model):
    """Something given beyond the solution to turn a complaint into a good experience, and its
    cost, so insights can relate gestures to satisfaction and churn. Written by goodwill_record."""

    class Kind(models.TextChoices):
        VOUCHER = "voucher", _("Voucher")
        REFUND_EXTRA = "refund_extra", _("Extra refund")
        GIFT = "gift", _("Gift or product package")
        PERSONAL_CALL = "personal_call", _("Personal call")
        UPGRADE = "upgrade", _("Upgrade")
        FLOWERS_CARD = "flowers_card", _("Flowers or a card")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="goodwill_gestures")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=500, blank=True)
    cost = models.DecimalField(
        _("cost"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("given by"),
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("goodwill gesture")
        verbose_name_plural = _("goodwill gestures")
        indexes = [models.Index(fields=["given_at"], name="goodwill_given_at")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cost__gte=0), name="goodwill_cost_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.cost} {self.currency}"
