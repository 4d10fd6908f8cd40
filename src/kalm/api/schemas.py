"""Input and output shapes of the API (pydantic, via ninja), shared by the endpoint modules."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, field_validator, model_validator

from kalm.cases.models import Channel, Priority, Status

Language = Literal["nl", "en"]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _iso_only(value: Any) -> Any:
    """Pydantic also reads numbers as Unix times; the API promises ISO 8601 only."""
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("an ISO 8601 date-time is needed, such as 2026-05-01T09:30:00Z")
    return value


def _as_utc(value: datetime) -> datetime:
    """In UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 (and Python) allow."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("the date-time is out of range") from exc


IsoDatetime = Annotated[datetime, BeforeValidator(_iso_only), AfterValidator(_as_utc)]


class Problem(Schema):
    """RFC 9457 problem details; ``errors`` lists the fields at fault for validation problems."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[dict[str, Any]] | None = None


class ConsumerIn(Schema):
    name: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        value = value.strip()
        if value:
            try:
                validate_email(value)
            except DjangoValidationError as exc:
                raise ValueError("not a valid email address") from exc
        return value

    @model_validator(mode="after")
    def _reachable(self) -> ConsumerIn:
        if not (self.email or self.phone.strip()):
            raise ValueError("an email address or a phone number is needed")
        return self


class CaseIn(Schema):
    consumer: ConsumerIn
    subject: str = Field("", max_length=200)
    body: str = Field(..., min_length=1, max_length=100_000)
    channel: Channel = Channel.API
    language: Language = "nl"
    product: int | None = Field(None, description="Product id")
    batch_number: str = Field("", max_length=60)
    expectations: list[str] = Field(default_factory=list, description="Expectation codes")
    expectation_other: str = Field("", max_length=500)
    priority: Priority = Priority.NORMAL
    team: str | None = Field(None, description="Team slug")

    @field_validator("body")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the message is empty")
        return value


class CasePatch(Schema):
    """Only the fields sent are changed; ``assignee``/``team`` sent as null are cleared."""

    status: Status | None = None
    assignee: str | None = Field(None, description="Username of a desk member, or null")
    team: str | None = Field(None, description="Team slug, or null")
    priority: Priority | None = None


class ConsumerRef(Schema):
    id: int
    name: str
    email: str
    phone: str


class TopicRef(Schema):
    """What a case is about: a category of the knowledge base. Read-only here: it is recognised
    from the consumer's first message, or set by an agent on the desk."""

    id: int
    slug: str
    name_nl: str
    name_en: str


class CaseOut(Schema):
    reference: str
    subject: str
    status: str
    priority: str
    channel: str
    language: str
    consumer: ConsumerRef
    team: str | None
    assignee: str | None
    product: int | None
    topic: TopicRef | None = Field(
        None, description="Knowledge-base category the case is about, or null (read-only)"
    )
    batch_number: str
    expectations: list[str]
    expectation_other: str
    created_at: datetime
    updated_at: datetime
    first_response_due_at: datetime | None
    first_responded_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    next_step: str
    merged_into: str | None

    @staticmethod
    def resolve_team(obj: Any) -> str | None:
        return obj.team.slug if obj.team_id else None

    @staticmethod
    def resolve_assignee(obj: Any) -> str | None:
        return obj.assignee.username if obj.assignee_id else None

    @staticmethod
    def resolve_product(obj: Any) -> int | None:
        return obj.product_id

    @staticmethod
    def resolve_expectations(obj: Any) -> list[str]:
        return [option.code for option in obj.expectations.all()]

    @staticmethod
    def resolve_merged_into(obj: Any) -> str | None:
        return obj.merged_into.reference if obj.merged_into_id else None


class CasePage(Schema):
    items: list[CaseOut]
    next: str | None = Field(None, description="Cursor for the next page, or null at the end")


class MessageIn(Schema):
    kind: Literal["inbound", "outbound", "note"]
    body: str = Field(..., min_length=1, max_length=100_000)
    channel: Channel | None = Field(
        None,
        description="Inbound: the channel it came in on (default api). Outbound: where "
        "the reply goes (default the case's channel).",
    )

    @field_validator("body")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the message is empty")
        return value


class MessageOut(Schema):
    id: int
    kind: str
    channel: str
    body: str
    author: str | None
    author_alias: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return obj.author.username if obj.author_id else None


class EvidenceOut(Schema):
    id: int
    sha256: str
    size: int
    content_type: str
    original_name: str
    uploaded_at: datetime
    captured_at: datetime | None


class IdentityOut(Schema):
    kind: str
    value: str
    verified: bool


class ConsumerOut(Schema):
    id: int
    kind: str
    name: str
    email: str
    phone: str
    language: str
    created_at: datetime
    identities: list[IdentityOut]
    cases: list[str] = Field(description="References of the consumer's cases, newest first")

    @staticmethod
    def resolve_identities(obj: Any) -> list[Any]:
        return list(obj.identities.all())

    @staticmethod
    def resolve_cases(obj: Any) -> list[str]:
        return [case.reference for case in obj.cases.all()]


class ConsumerPage(Schema):
    items: list[ConsumerOut]
    next: str | None = None


class ActorOut(Schema):
    type: str
    label: str
    alias: str


class EntryOut(Schema):
    seq: int
    kind: str
    created_at: datetime
    actor: ActorOut
    summary: str
    payload: dict[str, Any]
    public: bool
    prev_hash: str
    hash: str

    @staticmethod
    def resolve_actor(obj: Any) -> dict[str, str]:
        return {"type": obj.actor_type, "label": obj.actor_label, "alias": obj.actor_alias}


class DossierOut(Schema):
    reference: str
    verified: bool
    problem: str | None = Field(None, description="Where the hash chain breaks, if it does")
    entries: list[EntryOut]


class CaseRequestOut(Schema):
    """A case asked for with ``Prefer: respond-async``: ``pending`` until the worker opens it,
    then ``opened`` with the case, or ``failed`` with the reason (the request is kept)."""

    id: str = Field(..., description="The request's id, as in its status URL")
    status: Literal["pending", "opened", "failed"]
    received_at: datetime
    processed_at: datetime | None
    error: str | None = Field(None, description="Why it could not be opened (failed only)")
    case: CaseOut | None = Field(None, description="The case, once opened")

    @staticmethod
    def resolve_id(obj: Any) -> str:
        return obj.key

    @staticmethod
    def resolve_error(obj: Any) -> str | None:
        return obj.error or None
