"""API tokens for integrations, and the stored answers that make retried POSTs idempotent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    CASES_READ = "cases:read", _("Read cases and their messages")
    CASES_WRITE = "cases:write", _("Open and update cases")
    MESSAGES_WRITE = "messages:write", _("Add messages, replies and notes")
    EVIDENCE_WRITE = "evidence:write", _("Upload evidence")
    CONSUMERS_READ = "consumers:read", _("Read consumers")
    DOSSIER_READ = "dossier:read", _("Read case dossiers")


class ApiToken(models.Model):
    """One integration's credential. Only the SHA-256 of the secret is stored; the full token
    (``kalm_<prefix>_<secret>``) is shown once, when it is created."""

    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("acting user"),
        help_text=_("The desk member the integration's actions are recorded under."),
    )
    rate_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=600,
        help_text=_("More requests than this in one minute are answered 429 (per web process)."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} (kalm_{self.prefix}_…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])


class IdempotencyRecord(models.Model):
    """The answer to one POST made with an ``Idempotency-Key``: a retry with the same key and
    body gets this answer again instead of a second write. Kept for 24 hours."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_fingerprint = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="idempotency_token_key")
        ]


class CaseRequest(models.Model):
    """A ``POST /api/v1/cases`` made with ``Prefer: respond-async``: checked and stored at once
    (answered 202 with a status URL), opened as a case by the worker in a batch with the others
    waiting. One that cannot be opened stays here, failed, with the reason: never dropped."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be opened")
        OPENED = "opened", _("Opened")
        FAILED = "failed", _("Failed")

    # The public id in the status URL: random, so one integration cannot guess another's.
    key = models.CharField(max_length=32, unique=True, editable=False)
    token = models.ForeignKey(
        ApiToken, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("acting user"),
    )
    payload = models.JSONField(_("request"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(_("reason"), blank=True)
    attempts = models.PositiveIntegerField(default=0)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("case request")
        verbose_name_plural = _("case requests")
        indexes = [
            # The worker's read: the oldest waiting requests. Small however many were opened.
            models.Index(
                fields=["id"], condition=models.Q(status="pending"), name="api_caserequest_waiting"
            ),
            models.Index(fields=["status", "received_at"], name="api_caserequest_status"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
