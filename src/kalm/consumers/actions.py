"""Writes for consumers: finding the same person again by their address."""

from __future__ import annotations

import re

from django.db import transaction

from kalm.consumers.models import Consumer, ContactIdentity


def normalise_email(value: str) -> str:
    return value.strip().lower()


def normalise_phone(value: str) -> str:
    """Digits with a leading + kept; Dutch national numbers become +31 so both spellings match."""
    raw = value.strip()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0") and len(digits) == 10:
        return "+31" + digits[1:]
    return digits


def consumer_find_or_create(
    *, name: str, email: str = "", phone: str = "", language: str = "nl"
) -> Consumer:
    """Return the consumer who owns this email or phone, creating them and their identities."""
    email_n = normalise_email(email) if email else ""
    phone_n = normalise_phone(phone) if phone else ""
    with transaction.atomic():
        lookups = []
        if email_n:
            lookups.append((ContactIdentity.Kind.EMAIL, email_n))
        if phone_n:
            lookups.append((ContactIdentity.Kind.PHONE, phone_n))
        consumer = None
        for kind, value in lookups:
            identity = (
                ContactIdentity.objects.select_related("consumer")
                .filter(kind=kind, value=value)
                .first()
            )
            if identity:
                consumer = identity.consumer
                break
        if consumer is None:
            consumer = Consumer.objects.create(
                name=name.strip() or email_n or phone_n,
                email=email_n,
                phone=phone.strip(),
                language=language,
            )
        else:
            changed = []
            if email_n and not consumer.email:
                consumer.email = email_n
                changed.append("email")
            if phone and not consumer.phone:
                consumer.phone = phone.strip()
                changed.append("phone")
            if changed:
                consumer.save(update_fields=changed)
        for kind, value in lookups:
            ContactIdentity.objects.get_or_create(
                kind=kind, value=value, defaults={"consumer": consumer}
            )
    return consumer
