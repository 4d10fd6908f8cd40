"""The append-only, hash-chained dossier of a case, its evidence files and physical items."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove a dossier entry."""


class EntryKind(models.TextChoices):
    CASE_OPENED = "case_opened", _("Case opened")
    MESSAGE_IN = "message_in", _("Message from consumer")
    MESSAGE_OUT = "message_out", _("Reply to consumer")
    NOTE = "note", _("Internal note")
    PHONE_CALL = "phone_call", _("Phone call")
    STATUS = "status", _("Status changed")
    ASSIGNED = "assigned", _("Assigned")
    PRIORITY = "priority", _("Priority changed")
    EVIDENCE = "evidence", _("Evidence added")
    EVIDENCE_REFUSED = "evidence_refused", _("Upload refused")
    ITEM_COLLECTED = "item_collected", _("Physical item collected")
    ITEM_CUSTODY = "item_custody", _("Custody of item changed")
    SOLUTION_PROPOSED = "solution_proposed", _("Solution proposed")
    SOLUTION_ANSWERED = "solution_answered", _("Consumer answered the solution")
    MERGED = "merged", _("Merged")
    LINKED = "linked", _("Linked to another case")
    NEXT_STEP = "next_step", _("Next step for the consumer")
    PORTAL_LINK = "portal_link", _("Status link")
    EXPORTED = "exported", _("Dossier exported")
    EMAIL_SENT = "email_sent", _("Email sent")
    SLA = "sla", _("Service level")
    ANALYSIS = "analysis", _("Message analysed")
    ROUTED = "routed", _("Routed by a rule")
    LEGAL_HOLD = "legal_hold", _("Legal hold")
    EXPECTATIONS = "expectations", _("Expectations recorded")
    GOODWILL = "goodwill", _("Goodwill gesture")
    BOT_CONVERSATION = "bot_conversation", _("Conversation with the answer bot")
    SURVEY_ANSWERED = "survey_answered", _("Survey answered")
    TOPIC = "topic", _("Topic set")


class ActorType(models.TextChoices):
    AGENT = "agent", _("Agent")
    CONSUMER = "consumer", _("Consumer")
    SYSTEM = "system", _("System")


class DossierEntry(models.Model):
    """One event about a case. Never updated or deleted by the application.

    ``hash`` is SHA-256 over a canonical JSON of the entry's fields and ``prev_hash``, so altering
    or removing any row breaks the chain; ``kalm verify_dossier`` recomputes it.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="dossier")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=30, choices=EntryKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    actor_type = models.CharField(max_length=10, choices=ActorType.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Snapshot of who acted (internal name and alias), so history survives renames.
    actor_label = models.CharField(max_length=200, blank=True)
    actor_alias = models.CharField(max_length=60, blank=True)
    summary = models.CharField(max_length=500)
    payload = models.JSONField(default=dict, blank=True)
    # Whether the consumer may see this entry on their status page / in their export.
    public = models.BooleanField(default=False)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["case_id", "seq"]
        verbose_name = _("dossier entry")
        verbose_name_plural = _("dossier entries")
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="dossier_case_seq")]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.kind}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Dossier entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Dossier entries are append-only")


class Evidence(models.Model):
    """A file about a case, stored content-addressed by SHA-256."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="evidence")
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    original_name = models.CharField(max_length=255)
    storage_path = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField(default=timezone.now)
    captured_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_consumer = models.BooleanField(default=False)
    message = models.ForeignKey(
        "cases.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_video(self) -> bool:
        return self.content_type.startswith("video/")


class PhysicalItem(models.Model):
    """A physical object taken in (the product, a broken bottle, packaging), with a receipt."""

    class Custody(models.TextChoices):
        COLLECTED = "collected", _("Collected")
        STORED = "stored", _("In storage")
        SENT_TO_LAB = "sent_to_lab", _("Sent to lab")
        RETURNED = "returned", _("Returned to consumer")
        DESTROYED = "destroyed", _("Destroyed")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="items")
    receipt_number = models.CharField(max_length=30, unique=True)
    description = models.TextField(_("description"))
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    collected_at = models.DateTimeField(_("collected at"))
    collected_where = models.CharField(_("where"), max_length=200)
    condition = models.CharField(_("condition"), max_length=300, blank=True)
    custody = models.CharField(
        _("custody"), max_length=20, choices=Custody.choices, default=Custody.COLLECTED
    )
    custody_note = models.CharField(max_length=300, blank=True)
    custody_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["collected_at", "id"]
        verbose_name = _("physical item")
        verbose_name_plural = _("physical items")


class ReceiptCounter(models.Model):
    """The last receipt number handed out in a year; its row is locked while a number is drawn,
    so receipt numbers are unique and gap-free per year under concurrent registrations."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("receipt counter")
        verbose_name_plural = _("receipt counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class LegalHold(models.Model):
    """A case's dossier kept as it is for a legal claim: set by a routing rule or a lead, and
    released by a lead. At most one hold per case is active at a time."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.CharField(_("reason"), max_length=300)
    set_at = models.DateTimeField(_("set at"), default=timezone.now)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(released_at__isnull=True),
                name="legal_hold_one_active_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.reason}"

    @property
    def is_active(self) -> bool:
        return self.released_at is None
