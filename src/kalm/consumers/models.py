"""The people and organisations who contact us, and the addresses they reach us from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Consumer(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, default="nl")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Set on everything a crisis drill created; real listings only read rows without it.
    drill = models.ForeignKey(
        "drills.Drill",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # Set when this consumer was merged into another: the row stays as a tombstone so that old
    # references (links, exports, logs) still resolve to the person who was kept.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_consumers",
        verbose_name=_("merged into"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("consumer")
        verbose_name_plural = _("consumers")
        indexes = [models.Index(fields=["email"]), models.Index(fields=["phone"])]

    def __str__(self) -> str:
        return self.name


class ContactIdentity(models.Model):
    """One way to reach a consumer; the same address always maps to the same consumer."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")
        SOCIAL = "social", _("Social media handle")
        CHAT = "chat", _("Chat visitor")

    consumer = models.ForeignKey(Consumer, on_delete=models.CASCADE, related_name="identities")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=254, help_text=_("Normalised address"))
    verified = models.BooleanField(_("verified"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contact identity")
        verbose_name_plural = _("contact identities")
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="contact_identity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class ConsumerMergeProposal(models.Model):
    """Two consumer rows that seem to be one person, waiting for an agent to confirm or reject."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    a = models.ForeignKey(Consumer, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Consumer, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("consumer merge proposal")
        verbose_name_plural = _("consumer merge proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["a", "b"],
                condition=models.Q(status="proposed"),
                name="consumer_merge_one_open_proposal",
            ),
            models.CheckConstraint(
                condition=models.Q(a__lt=models.F("b")), name="consumer_merge_ordered_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.a_id} ~ {self.b_id} ({self.status})"
