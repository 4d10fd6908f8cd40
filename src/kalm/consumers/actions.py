"""Writes for consumers: finding the same person again by their address, and merging the rows
that turn out to be one person (always confirmed by an agent: Kalm only proposes)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.consumers.models import Consumer, ConsumerMergeProposal, ContactIdentity
from kalm.consumers.signals import consumer_merged
from kalm.core.prepared import prepared_list


class ConsumerActionError(ValueError):
    """A consumer action refused for a reason the agent can fix; the message is translated."""


class IdentityTaken(ConsumerActionError):
    """The address belongs to another consumer; ``proposal`` suggests merging the two."""

    def __init__(self, message: str, *, owner: Consumer, proposal: ConsumerMergeProposal) -> None:
        self.owner, self.proposal = owner, proposal
        super().__init__(message)


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


def normalise_identity(kind: str, value: str) -> str:
    """The stored spelling of an address of this kind ('' when nothing usable is left)."""
    if kind == ContactIdentity.Kind.EMAIL:
        return normalise_email(value)
    if kind == ContactIdentity.Kind.PHONE:
        phone = normalise_phone(value)
        return phone if len(phone.lstrip("+")) >= 6 else ""
    return value.strip().lower()


def consumer_resolve(consumer: Consumer) -> Consumer:
    """Follow tombstones to the consumer that was kept."""
    seen = set()
    while consumer.merged_into_id and consumer.pk not in seen:
        seen.add(consumer.pk)
        consumer = Consumer.objects.get(pk=consumer.merged_into_id)
    return consumer


def _drill_of(email: str) -> int | None:
    """The drill whose reserved domain this address is at (kalm.drills), else None (real)."""
    from kalm.drills.selectors import drill_id_of_address

    return drill_id_of_address(email) if email else None


def consumer_find_or_create(
    *, name: str, email: str = "", phone: str = "", language: str = "nl"
) -> Consumer:
    """Return the consumer who owns this email or phone, creating them and their identities.

    When the email belongs to one consumer and the phone to another, the email's owner is used
    and a merge of the two is proposed to the agents, rather than silently picking one.

    An address at a drill's reserved domain makes a drill consumer: look-ups then only match
    consumers of that drill, and real look-ups only match real consumers, so a drill can never
    attach a case to a real person (or propose merging one with a fictional one).
    """
    lookups = _addresses(email, phone)
    email_n = dict(lookups).get(ContactIdentity.Kind.EMAIL, "")
    phone_n = dict(lookups).get(ContactIdentity.Kind.PHONE, "")
    drill_id = _drill_of(email_n)
    with transaction.atomic():
        owners: list[Consumer] = []
        missing = []
        for kind, value in lookups:
            found = prepared_list(
                ("consumers.identity", kind, drill_id),
                lambda value, kind=kind: (
                    ContactIdentity.objects.select_related("consumer")
                    .filter(kind=kind, value=value, consumer__drill_id=drill_id)
                    .order_by("pk")[:1]
                ),
                values=[value],
            )
            identity = found[0] if found else None
            if identity is None:
                missing.append((kind, value))
            else:
                owner = consumer_resolve(identity.consumer)
                if all(owner.pk != o.pk for o in owners):
                    owners.append(owner)
        consumer = owners[0] if owners else None
        for other in owners[1:]:
            merge_propose(
                a=consumer,
                b=other,
                reason=_("Email %(email)s and phone %(phone)s were given together")
                % {"email": email_n, "phone": phone_n},
            )
        if consumer is None:
            consumer = Consumer.objects.create(
                name=name.strip() or email_n or phone_n,
                email=email_n,
                phone=phone.strip(),
                language=language,
                drill_id=drill_id,
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
        for kind, value in missing:  # the ones found above are already someone's
            # An identity owned across the drill boundary (a drill consumer given a real phone
            # number), or claimed by a concurrent request since the look-up, stays with its
            # owner: the two worlds never share an address.
            try:
                with transaction.atomic():
                    ContactIdentity.objects.create(kind=kind, value=value, consumer=consumer)
            except IntegrityError:
                pass
    return consumer


def consumers_find_or_create(people: Sequence[Mapping[str, str]]) -> list[Consumer]:
    """consumer_find_or_create for each of ``people`` (its keyword arguments: ``name``,
    ``email``, ``phone``, ``language``), in order, with the same consumers as a: one query for
    the addresses already known, and the people who are new inserted together, their consumers
    in one INSERT and their identities in another. A person is new when none of their
    addresses is known, whoever owns it (a drill's consumer too), nor given by someone earlier
    in the list. The others (a returning consumer, an address given twice) then go through
    consumer_find_or_create one by one, and find the new ones in place.

    Call it inside the caller's transaction (kalm.cases.actions.cases_open_unread, the worker's
    batches of case requests). An address claimed by a concurrent request since the look-up
    raises IntegrityError, and the caller opens its batch one case at a time instead."""
    wanted = [_addresses(person.get("email", ""), person.get("phone", "")) for person in people]
    by_kind: dict[str, set[str]] = {}
    for addresses in wanted:
        for kind, value in addresses:
            by_kind.setdefault(kind, set()).add(value)
    known: set[tuple[str, str]] = set()
    if by_kind:
        # By kind and value: the unique index (kind, value) answers it, however many there are.
        match = models.Q()
        for kind, values in by_kind.items():
            match |= models.Q(kind=kind, value__in=sorted(values))
        known = set(ContactIdentity.objects.filter(match).values_list("kind", "value"))
    found: list[Consumer | None] = []
    new: list[tuple[Consumer, list[tuple[str, str]]]] = []
    given: set[tuple[str, str]] = set()
    for person, addresses in zip(people, wanted, strict=True):
        if not addresses or any(a in known or a in given for a in addresses):
            found.append(None)
        else:
            email_n = dict(addresses).get(ContactIdentity.Kind.EMAIL, "")
            consumer = Consumer(
                name=person.get("name", "").strip() or addresses[0][1],
                email=email_n,
                phone=person.get("phone", "").strip(),
                language=person.get("language", "nl"),
                drill_id=_drill_of(email_n),
            )
            found.append(consumer)
            new.append((consumer, addresses))
        given.update(addresses)
    if new:
        Consumer.objects.bulk_create([consumer for consumer, _addresses in new])
        ContactIdentity.objects.bulk_create(
            ContactIdentity(kind=kind, value=value, consumer=consumer)
            for consumer, addresses in new
            for kind, value in addresses
        )
    return [
        consumer
        if consumer is not None
        else consumer_find_or_create(
            name=person.get("name", ""),
            email=person.get("email", ""),
            phone=person.get("phone", ""),
            language=person.get("language", "nl"),
        )
        for person, consumer in zip(people, found, strict=True)
    ]


def _addresses(email: str, phone: str) -> list[tuple[str, str]]:
    """The identities to look up for this email and phone, normalised: the email's first."""
    addresses = []
    if email and (email_n := normalise_email(email)):
        addresses.append((ContactIdentity.Kind.EMAIL.value, email_n))
    if phone and (phone_n := normalise_phone(phone)):
        addresses.append((ContactIdentity.Kind.PHONE.value, phone_n))
    return addresses


def identity_add(*, consumer: Consumer, kind: str, value: str, actor: Any) -> ContactIdentity:
    """Add an address to a consumer. One owned by someone else is refused and a merge proposed."""
    if kind not in ContactIdentity.Kind.values:
        raise ConsumerActionError(_("Unknown kind of address."))
    normalised = normalise_identity(kind, value)
    if not normalised:
        raise ConsumerActionError(_("Enter an address."))
    if kind == ContactIdentity.Kind.EMAIL:
        try:
            validate_email(normalised)
        except ValidationError as exc:
            raise ConsumerActionError(
                _("%(value)s is not an email address.") % {"value": value}
            ) from exc
    consumer = consumer_resolve(consumer)
    existing = (
        ContactIdentity.objects.select_related("consumer")
        .filter(kind=kind, value=normalised)
        .first()
    )
    if existing is not None:
        owner = consumer_resolve(existing.consumer)
        if owner.pk == consumer.pk:
            return existing
        if owner.drill_id != consumer.drill_id:
            # A drill consumer and a real one are never the same person: refuse, propose nothing.
            raise ConsumerActionError(
                _("%(value)s is already in use by another consumer.") % {"value": normalised}
            )
        # Proposed outside any rollback: the refusal below must not undo the proposal.
        proposal = merge_propose(
            a=consumer,
            b=owner,
            reason=_("%(value)s was added to %(name)s but belongs to %(owner)s")
            % {"value": normalised, "name": consumer.name, "owner": owner.name},
        )
        raise IdentityTaken(
            _(
                "%(value)s already belongs to %(owner)s. If they are the same person, "
                "confirm the proposed merge."
            )
            % {"value": normalised, "owner": owner.name},
            owner=owner,
            proposal=proposal,
        )
    try:
        with transaction.atomic():
            identity = ContactIdentity.objects.create(
                consumer=consumer, kind=kind, value=normalised
            )
    except IntegrityError:  # added at this very moment by someone else: decide again
        return identity_add(consumer=consumer, kind=kind, value=value, actor=actor)
    changed = []
    if kind == ContactIdentity.Kind.EMAIL and not consumer.email:
        consumer.email = normalised
        changed.append("email")
    if kind == ContactIdentity.Kind.PHONE and not consumer.phone:
        consumer.phone = value.strip()
        changed.append("phone")
    if changed:
        consumer.save(update_fields=changed)
    return identity


def _same_world(a: Consumer, b: Consumer) -> None:
    """Refuse to bring a drill consumer and a real one (or two drills') together."""
    if a.drill_id != b.drill_id:
        raise ConsumerActionError(
            _("A consumer from a drill cannot be merged with a real consumer.")
        )


def merge_propose(*, a: Consumer, b: Consumer, reason: str) -> ConsumerMergeProposal:
    """Propose that two consumers are one person; an open proposal for the pair is reused."""
    a, b = consumer_resolve(a), consumer_resolve(b)
    if a.pk == b.pk:
        raise ConsumerActionError(_("A consumer cannot be merged with themselves."))
    _same_world(a, b)
    low, high = sorted([a, b], key=lambda c: c.pk)
    open_ = ConsumerMergeProposal.objects.filter(
        a=low, b=high, status=ConsumerMergeProposal.Status.PROPOSED
    ).first()
    if open_ is not None:
        return open_
    try:
        with transaction.atomic():
            return ConsumerMergeProposal.objects.create(a=low, b=high, reason=reason[:300])
    except IntegrityError:  # proposed at the same moment by another request
        return ConsumerMergeProposal.objects.get(
            a=low, b=high, status=ConsumerMergeProposal.Status.PROPOSED
        )


def consumer_merge(*, keep: Consumer, merge: Consumer, actor: Any) -> Consumer:
    """Move ``merge``'s addresses and cases to ``keep``; ``merge`` stays as a tombstone."""
    from kalm.cases.models import Case
    from kalm.dossier.actions import entry_append
    from kalm.dossier.models import EntryKind

    with transaction.atomic():
        locked = {
            c.pk: c for c in Consumer.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])
        }
        keep, merge = locked[keep.pk], locked[merge.pk]
        if keep.pk == merge.pk:
            raise ConsumerActionError(_("A consumer cannot be merged with themselves."))
        if keep.merged_into_id or merge.merged_into_id:
            raise ConsumerActionError(_("One of these consumers was already merged."))
        _same_world(keep, merge)
        ContactIdentity.objects.filter(consumer=merge).update(consumer=keep)
        cases = list(Case.objects.filter(consumer=merge).order_by("pk"))
        Case.objects.filter(consumer=merge).update(consumer=keep)
        for case in cases:
            case.consumer = keep
            entry_append(
                case=case,
                kind=EntryKind.MERGED,
                summary=_("Consumer %(merged)s merged into %(kept)s")
                % {"merged": merge.name, "kept": keep.name},
                actor=actor,
                payload={
                    "consumer_merged": {"id": merge.pk, "name": merge.name},
                    "consumer_kept": {"id": keep.pk, "name": keep.name},
                },
            )
        changed = ["merged_into"]
        merge.merged_into = keep
        merge.save(update_fields=changed)
        # Other apps move what they hang on a consumer (e.g. crisis email subscriptions).
        consumer_merged.send(sender=Consumer, keep=keep, merge=merge)
        fill = [f for f in ("email", "phone") if not getattr(keep, f) and getattr(merge, f)]
        for f in fill:
            setattr(keep, f, getattr(merge, f))
        if fill:
            keep.save(update_fields=fill)
        now = timezone.now()
        low, high = sorted([keep.pk, merge.pk])
        ConsumerMergeProposal.objects.filter(
            a_id=low, b_id=high, status=ConsumerMergeProposal.Status.PROPOSED
        ).update(status=ConsumerMergeProposal.Status.ACCEPTED, decided_by=actor, decided_at=now)
        # Open proposals with a third consumer now concern the consumer who was kept.
        others = ConsumerMergeProposal.objects.filter(
            status=ConsumerMergeProposal.Status.PROPOSED
        ).filter(models.Q(a=merge) | models.Q(b=merge))
        for stale in others.select_related("a", "b"):
            third = stale.b if stale.a_id == merge.pk else stale.a
            if consumer_resolve(third).pk != keep.pk:
                merge_propose(a=keep, b=third, reason=stale.reason)
    return keep


def merge_proposal_decide(
    *, proposal: ConsumerMergeProposal, accept: bool, actor: Any, keep: Consumer | None = None
) -> ConsumerMergeProposal:
    """The agent's answer: accepted merges ``b`` into ``a`` (or into ``keep`` when given)."""
    with transaction.atomic():
        proposal = ConsumerMergeProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ConsumerMergeProposal.Status.PROPOSED:
            raise ConsumerActionError(_("This merge proposal was already decided."))
        if accept:
            keep = keep or proposal.a
            if keep.pk not in (proposal.a_id, proposal.b_id):
                raise ConsumerActionError(_("Keep one of the two consumers of the proposal."))
            other = proposal.b if keep.pk == proposal.a_id else proposal.a
            consumer_merge(keep=keep, merge=other, actor=actor)
            proposal.refresh_from_db()
        else:
            proposal.status = ConsumerMergeProposal.Status.REJECTED
            proposal.decided_by = actor
            proposal.decided_at = timezone.now()
            proposal.save(update_fields=["status", "decided_by", "decided_at"])
    return proposal


def consumer_find_or_create_by_identity(
    *, kind: str, value: str, name: str, language: str = "nl"
) -> Consumer:
    """Return the consumer who owns this identity (e.g. the social handle ``instagram:@sanne``),
    creating the consumer and the identity when it is new. Used by the webhooks app."""
    normalised = normalise_identity(kind, value)
    with transaction.atomic():
        identity = (
            ContactIdentity.objects.select_related("consumer")
            .filter(kind=kind, value=normalised)
            .first()
        )
        if identity is not None:
            return consumer_resolve(identity.consumer)
        consumer = Consumer.objects.create(name=name.strip() or normalised, language=language)
        ContactIdentity.objects.create(kind=kind, value=normalised, consumer=consumer)
    return consumer
