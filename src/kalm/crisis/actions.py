"""Every write to the crisis room. Each action records what it did on the crisis timeline (an
append-only CrisisEvent) in the same transaction; confirming a case also writes its dossier."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kalm.cases.models import OPEN_STATUSES, Case, Product
from kalm.crisis.mailing import case_subscribe_if_informed, mailings_create
from kalm.crisis.models import (
    OPEN_CRISIS_STATUSES,
    STATEMENT_LANGUAGES,
    STATEMENT_SECTIONS,
    Crisis,
    CrisisCase,
    CrisisEvent,
    CrisisRole,
    CrisisStatus,
    CrisisTask,
    Playbook,
    Publication,
    PublishChannel,
    Scenario,
    Severity,
    Statement,
    StatementVersion,
    TeamRole,
)
from kalm.crisis.selectors import (
    STATEMENT_CHANNELS,
    may_approve_statements,
    may_draft_statements,
    protocol_channels,
)
from kalm.dossier.actions import entry_append
from kalm.dossier.models import EntryKind

Kind = CrisisEvent.Kind
State = CrisisCase.State

# Without a start from an alert or a person, cases of the last two weeks are looked at: complaints
# usually trickle in for days before anyone calls it a crisis.
DEFAULT_LOOKBACK = timedelta(days=14)

# The one declared table of status moves. Monitoring is "we are watching, nothing public yet";
# a crisis that was never active cannot be recovering; a closed crisis can be reopened.
TRANSITIONS: dict[str, frozenset[str]] = {
    CrisisStatus.MONITORING: frozenset({CrisisStatus.ACTIVE, CrisisStatus.CLOSED}),
    CrisisStatus.ACTIVE: frozenset(
        {CrisisStatus.MONITORING, CrisisStatus.RECOVERING, CrisisStatus.CLOSED}
    ),
    CrisisStatus.RECOVERING: frozenset({CrisisStatus.ACTIVE, CrisisStatus.CLOSED}),
    CrisisStatus.CLOSED: frozenset({CrisisStatus.ACTIVE}),
}

# Linked-case decisions: a rejected proposal can be confirmed on a second look; a confirmed
# case stays confirmed (its dossier already says so).
LINK_MOVES: dict[str, frozenset[str]] = {
    State.PROPOSED: frozenset({State.CONFIRMED, State.REJECTED}),
    State.REJECTED: frozenset({State.CONFIRMED}),
    State.CONFIRMED: frozenset(),
}


class CrisisActionError(ValueError):
    """A crisis action refused for a reason a person can fix; the message is translated."""


class IllegalCrisisTransition(CrisisActionError):
    """A status move the declared table does not allow."""

    def __init__(self, current: str, target: str) -> None:
        self.current, self.target = current, target
        super().__init__(
            _("A crisis cannot go from '%(current)s' to '%(target)s'.")
            % {
                "current": CrisisStatus(current).label,
                "target": CrisisStatus(target).label if target in CrisisStatus.values else target,
            }
        )


def allowed_targets(current: str) -> list[str]:
    return [s for s in CrisisStatus.values if s in TRANSITIONS.get(current, frozenset())]


def _event(
    crisis: Crisis, *, kind: str, text: str, actor: Any = None, payload: dict | None = None
) -> CrisisEvent:
    return CrisisEvent.objects.create(
        crisis=crisis, kind=kind, text=text[:2000], actor=actor, payload=payload or {}
    )


def _clean_list(values: Iterable[str]) -> list[str]:
    """Trimmed, without empties or duplicates (case-insensitively), order kept."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        text = str(value).strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text[:100])
    return out


def _playbook_for(scenario: str, language: str) -> Playbook | None:
    """The active playbook in the crisis language, else in any language: a checklist in the
    other language beats none."""
    active = Playbook.objects.filter(scenario=scenario, active=True)
    return active.filter(language=language).first() or active.order_by("language").first()


def _default_owner(role: str, crisis: Crisis) -> Any:
    """Who holds this role for this crisis, else by default; the longest-standing first."""
    holders = CrisisRole.objects.filter(role=role, user__is_active=True).select_related("user")
    chosen = (
        holders.filter(crisis=crisis).order_by("assigned_at", "id").first()
        or holders.filter(crisis=None).order_by("assigned_at", "id").first()
    )
    return chosen.user if chosen else None


def crisis_open(
    *,
    actor: Any,
    title: str,
    scenario: str,
    severity: int,
    products: Iterable[Product] = (),
    batches: Iterable[str] = (),
    regions: Iterable[str] = (),
    segments: Iterable[str] = (),
    window_start: datetime | None = None,
    alert: Any = None,
    language: str = "nl",
    owner: Any = None,
    status: str = CrisisStatus.ACTIVE,
    drill: Any = None,
) -> Crisis:
    """Open a crisis: its playbook's tasks with deadlines from now, the timeline's first events,
    proposed linked cases from the scope (and the alert's evidence), and the alert marked."""
    title = title.strip()
    if not title:
        raise CrisisActionError(_("Give the crisis a title."))
    if scenario not in Scenario.values:
        raise CrisisActionError(_("Choose a scenario."))
    if int(severity) not in Severity.values:
        raise CrisisActionError(_("Choose a severity from 1 to 4."))
    if status not in {CrisisStatus.ACTIVE, CrisisStatus.MONITORING}:
        raise CrisisActionError(_("A new crisis is active or being monitored."))
    now = timezone.now()
    if window_start is None:
        window_start = getattr(alert, "start", None) or now - DEFAULT_LOOKBACK
    # A crisis opened from a drill's alert (or in drill mode) belongs to that drill's sandbox;
    # a real alert never opens a drill's crisis, nor a drill's alert a real one.
    # (The desk passes its drill, None in real work, and only offers alerts of that world.)
    drill_id = getattr(drill, "pk", drill)
    if alert is not None:
        if drill is not None and alert.drill_id != drill_id:
            raise CrisisActionError(_("This alert belongs to another drill or to real work."))
        drill_id = alert.drill_id
    with transaction.atomic():
        crisis = Crisis.objects.create(
            title=title[:200],
            slug=new_crisis_slug(title),
            contact_tag=new_contact_tag(title),
            drill_id=drill_id,
            scenario=scenario,
            severity=int(severity),
            status=status,
            owner=owner or actor,
            language=language,
            batches=_clean_list(batches),
            regions=_clean_list(regions),
            segments=_clean_list(segments),
            window_start=window_start,
            opened_by=actor,
            opened_at=now,
            alert=alert,
        )
        product_list = list(products)
        crisis.products.set(product_list)
        _event(
            crisis,
            kind=Kind.OPENED,
            actor=actor,
            text=_("Crisis opened: %(title)s (%(scenario)s, severity %(severity)s)")
            % {
                "title": crisis.title,
                "scenario": crisis.get_scenario_display(),
                "severity": crisis.severity,
            },
            payload={
                "scenario": scenario,
                "severity": crisis.severity,
                "status": status,
                "products": [p.pk for p in product_list],
                "batches": crisis.batches,
                "regions": crisis.regions,
                "segments": crisis.segments,
                "window_start": window_start.isoformat(),
                "alert_id": getattr(alert, "pk", None),
            },
        )
        _instantiate_playbook(crisis, actor=actor)
        if alert is not None:
            # Imported here: bursts is an optional neighbour and never imports crisis models.
            from kalm.bursts.actions import BurstActionError, alert_mark_crisis

            try:
                alert_mark_crisis(alert=alert, actor=actor)
            except BurstActionError as exc:
                # Already dismissed, or a crisis was opened from it: one alert, one crisis.
                raise CrisisActionError(str(exc)) from exc
            _event(
                crisis,
                kind=Kind.ALERT,
                actor=actor,
                text=_("Opened from burst alert: %(label)s") % {"label": alert.label},
                payload={"alert_id": alert.pk, "key": alert.key},
            )
        crisis_cases_propose(crisis=crisis, actor=actor)
        _related_alerts_attach(crisis, actor=actor)
    return crisis


def _related_alerts_attach(crisis: Crisis, *, actor: Any) -> list[Any]:
    """One wave is often seen through several keys at once (the batch, the product, a topic, a
    channel). Open alerts whose cases are mostly the crisis's proposed cases are the same wave:
    they are marked as handled by this crisis, so nobody opens a second crisis for it."""
    from kalm.bursts.actions import alert_mark_crisis
    from kalm.bursts.models import BurstAlert

    linked = set(crisis.links.values_list("case_id", flat=True))
    if not linked:
        return []
    attached = []
    alerts = BurstAlert.objects.filter(status=BurstAlert.Status.OPEN, drill_id=crisis.drill_id)
    for alert in alerts.prefetch_related("cases"):
        ids = {case.pk for case in alert.cases.all()}
        if len(ids) >= 3 and len(ids & linked) * 2 >= len(ids):
            alert_mark_crisis(alert=alert, actor=actor)
            _event(
                crisis,
                kind=Kind.ALERT,
                actor=actor,
                text=_("Related burst alert attached: %(label)s") % {"label": alert.label},
                payload={"alert_id": alert.pk, "key": alert.key, "shared_cases": len(ids & linked)},
            )
            attached.append(alert)
    return attached


def _instantiate_playbook(crisis: Crisis, *, actor: Any) -> list[CrisisTask]:
    playbook = _playbook_for(crisis.scenario, crisis.language)
    if playbook is None:
        _event(crisis, kind=Kind.PLAYBOOK, actor=actor, text=_("No playbook for this scenario."))
        return []
    tasks = [
        CrisisTask(
            crisis=crisis,
            step=step,
            position=step.position,
            title=step.title,
            description=step.description,
            owner_role=step.owner_role,
            owner=_default_owner(step.owner_role, crisis),
            due_at=crisis.opened_at + step.offset,
        )
        for step in playbook.steps.order_by("position", "id")
    ]
    CrisisTask.objects.bulk_create(tasks)
    _event(
        crisis,
        kind=Kind.PLAYBOOK,
        actor=actor,
        text=_("Playbook “%(name)s” started: %(count)d tasks")
        % {"name": playbook.name, "count": len(tasks)},
        payload={"playbook_id": playbook.pk, "tasks": len(tasks)},
    )
    return tasks


def _norm_batch(value: str) -> str:
    return "".join(value.split()).casefold()


def _scope_reason(crisis: Crisis, case: Case, product_ids: set[int], batches: set[str]) -> str:
    """Why the case fits the scope, or "" when it does not.

    A case on a scoped product fits unless it names another batch than the scope's: consumers
    often do not give the batch, and those cases must not be missed. A case naming a scoped
    batch fits even without a product."""
    batch = _norm_batch(case.batch_number)
    if case.product_id in product_ids:
        if not batches or not batch:
            return _("Same product: %(product)s") % {"product": case.product}
        if batch in batches:
            return _("Same product and batch %(batch)s") % {"batch": case.batch_number}
        return ""
    if batch and batch in batches:
        return _("Same batch: %(batch)s") % {"batch": case.batch_number}
    return ""


def scope_cases(crisis: Crisis) -> list[tuple[Case, str]]:
    """The cases that fit the scope (products/batches) within the window, with the reason:
    created in the window, or still open and touched since it started. Only the crisis's own
    drill (or real cases for a real crisis)."""
    product_ids = set(crisis.products.values_list("pk", flat=True))
    batches = {_norm_batch(b) for b in crisis.batches}
    if not product_ids and not batches:
        return []
    until = crisis.window_end or timezone.now()
    in_window = Q(created_at__gte=crisis.window_start, created_at__lte=until)
    still_open = Q(status__in=OPEN_STATUSES, updated_at__gte=crisis.window_start)
    # Batch numbers are matched case- and space-insensitively in Python; the database narrows
    # to cases that could fit (the product, or any batch at all).
    could_fit = Q(product_id__in=product_ids)
    if batches:
        could_fit |= Q(batch_number__gt="")
    qs = (
        Case.objects.filter(in_window | still_open, drill_id=crisis.drill_id)
        .filter(could_fit, merged_into=None)
        .select_related("product", "consumer")
        .order_by("created_at", "id")
    )
    found = []
    for case in qs:
        reason = _scope_reason(crisis, case, product_ids, batches)
        if reason:
            found.append((case, reason))
    return found


def crisis_cases_propose(*, crisis: Crisis, actor: Any = None) -> list[CrisisCase]:
    """Propose the open or recent cases that fit the scope (products/batches) within the window,
    and the alert's evidence cases. Cases already linked (in any state) are left alone, so a
    rejected case is not proposed again."""
    candidates: dict[int, tuple[Case, str]] = {
        case.pk: (case, reason) for case, reason in scope_cases(crisis)
    }
    if crisis.alert_id:
        alert = crisis.alert
        for case in alert.cases.filter(merged_into=None, drill_id=crisis.drill_id).order_by(
            "created_at", "id"
        ):
            if case.pk not in candidates:
                candidates[case.pk] = (case, _("Evidence case of the burst alert"))
    known = set(
        CrisisCase.objects.filter(crisis=crisis, case_id__in=candidates).values_list(
            "case_id", flat=True
        )
    )
    links = [
        CrisisCase(crisis=crisis, case=case, proposed_reason=reason[:300])
        for pk, (case, reason) in candidates.items()
        if pk not in known
    ]
    with transaction.atomic():
        CrisisCase.objects.bulk_create(links, ignore_conflicts=True)
        if links:
            _event(
                crisis,
                kind=Kind.CASES_PROPOSED,
                actor=actor,
                text=_("%(count)d cases proposed from the scope") % {"count": len(links)},
                payload={"case_ids": [link.case_id for link in links]},
            )
    return links


def crisis_case_decide(*, link: CrisisCase, actor: Any, confirm: bool) -> CrisisCase:
    """A person decides whether a proposed case belongs to the crisis. Confirming writes the
    case's dossier (LINKED, with the crisis id) so the case page and export show it."""
    target = State.CONFIRMED if confirm else State.REJECTED
    with transaction.atomic():
        locked = CrisisCase.objects.select_for_update().get(pk=link.pk)
        if target not in LINK_MOVES[locked.state]:
            raise CrisisActionError(
                _("This case is already %(state)s.") % {"state": locked.get_state_display()}
            )
        link.state, link.decided_by, link.decided_at = target, actor, timezone.now()
        link.save(update_fields=["state", "decided_by", "decided_at"])
        crisis, case = link.crisis, link.case
        if confirm:
            entry_append(
                case=case,
                kind=EntryKind.LINKED,
                actor=actor,
                summary=_("Linked to crisis “%(title)s”") % {"title": crisis.title},
                payload={"crisis_id": crisis.pk, "crisis": crisis.title},
            )
            # A consumer who asked to be kept informed gets the crisis's email updates.
            case_subscribe_if_informed(crisis=crisis, case=case)
        _event(
            crisis,
            kind=Kind.CASE_CONFIRMED if confirm else Kind.CASE_REJECTED,
            actor=actor,
            text=(
                _("Case %(reference)s confirmed as affected")
                if confirm
                else _("Case %(reference)s is not part of this crisis")
            )
            % {"reference": case.reference},
            payload={"case_id": case.pk, "reference": case.reference},
        )
    return link


def crisis_cases_confirm(
    *, crisis: Crisis, actor: Any, link_ids: Iterable[int]
) -> list[CrisisCase]:
    """Bulk confirm: the single-case action for each chosen proposal, in one transaction, so the
    two paths cannot drift apart. Links already decided are skipped."""
    confirmed: list[CrisisCase] = []
    with transaction.atomic():
        links = CrisisCase.objects.filter(
            crisis=crisis, pk__in=list(link_ids), state=State.PROPOSED
        ).select_related("crisis", "case")
        for link in links:
            confirmed.append(crisis_case_decide(link=link, actor=actor, confirm=True))
    return confirmed


def crisis_task_complete(*, task: CrisisTask, actor: Any) -> CrisisTask:
    with transaction.atomic():
        locked = CrisisTask.objects.select_for_update().get(pk=task.pk)
        if locked.done_at is not None:
            raise CrisisActionError(_("This task is already done."))
        task.done_at, task.done_by = timezone.now(), actor
        task.save(update_fields=["done_at", "done_by"])
        late = task.done_at > task.due_at
        _event(
            task.crisis,
            kind=Kind.TASK_DONE,
            actor=actor,
            text=(_("Done (late): %(title)s") if late else _("Done: %(title)s"))
            % {"title": task.title},
            payload={"task_id": task.pk, "due_at": task.due_at.isoformat(), "late": late},
        )
    return task


def crisis_status_set(*, crisis: Crisis, actor: Any, status: str, note: str = "") -> Crisis:
    with transaction.atomic():
        locked = Crisis.objects.select_for_update().get(pk=crisis.pk)
        if status not in TRANSITIONS.get(locked.status, frozenset()):
            raise IllegalCrisisTransition(locked.status, status)
        previous = locked.status
        now = timezone.now()
        crisis.status = status
        if status == CrisisStatus.CLOSED:
            crisis.closed_at = now
            crisis.window_end = crisis.window_end or now
        elif previous == CrisisStatus.CLOSED:
            crisis.closed_at = None
        crisis.save(update_fields=["status", "closed_at", "window_end"])
        text = _("Status: %(old)s → %(new)s") % {
            "old": CrisisStatus(previous).label,
            "new": CrisisStatus(status).label,
        }
        if note.strip():
            text = f"{text}. {note.strip()}"
        _event(
            crisis,
            kind=Kind.STATUS,
            actor=actor,
            text=text,
            payload={"from": previous, "to": status},
        )
    return crisis


def crisis_event_add(
    *, crisis: Crisis, actor: Any, text: str, kind: str = Kind.DECISION
) -> CrisisEvent:
    """A decision or a note on the timeline, in the words of the person who took it."""
    text = text.strip()
    if not text:
        raise CrisisActionError(_("Write down what was decided."))
    if kind not in {Kind.DECISION, Kind.NOTE}:
        raise CrisisActionError(_("Only decisions and notes can be added by hand."))
    return _event(crisis, kind=kind, actor=actor, text=text)


def crisis_role_assign(
    *, actor: Any, user: Any, role: str, crisis: Crisis | None = None
) -> CrisisRole:
    """Give a desk member a role in the crisis team, for one crisis or (crisis None) for all.
    Open tasks of that role without an owner go to them."""
    if role not in TeamRole.values:
        raise CrisisActionError(_("Choose a role."))
    if not getattr(user, "is_desk_member", False):
        raise CrisisActionError(_("Crisis roles can only be given to active desk members."))
    with transaction.atomic():
        assignment, created = CrisisRole.objects.get_or_create(
            crisis=crisis, user=user, role=role, defaults={"assigned_by": actor}
        )
        if not created:
            return assignment
        open_tasks = CrisisTask.objects.filter(owner_role=role, owner=None, done_at=None)
        open_tasks = open_tasks.filter(crisis__status__in=OPEN_CRISIS_STATUSES)
        if crisis is not None:
            open_tasks = open_tasks.filter(crisis=crisis)
        open_tasks.update(owner=user)
        if crisis is not None:
            _event(
                crisis,
                kind=Kind.ROLE,
                actor=actor,
                text=_("%(person)s is %(role)s")
                % {"person": user.internal_name, "role": TeamRole(role).label},
                payload={"user_id": user.pk, "role": role},
            )
    return assignment


def crisis_role_remove(*, actor: Any, assignment: CrisisRole) -> None:
    """Take a role away; tasks keep their owner (the work may be half done)."""
    with transaction.atomic():
        crisis, user, role = assignment.crisis, assignment.user, assignment.role
        CrisisRole.objects.filter(pk=assignment.pk).delete()
        if crisis is not None:
            _event(
                crisis,
                kind=Kind.ROLE,
                actor=actor,
                text=_("%(person)s is no longer %(role)s")
                % {"person": user.internal_name, "role": TeamRole(role).label},
                payload={"user_id": user.pk, "role": role, "removed": True},
            )


# --- Statements: draft, four-eyes review, publication -------------------------------------

SVState = StatementVersion.State

FAQ_LIMIT = 30


class StatementRefused(CrisisActionError):
    """The protocol or the four-eyes rule does not let this person do this."""


def new_crisis_slug(title: str) -> str:
    """Readable and unguessable: the public page must not reveal crises by counting."""
    base = slugify(title)[:60].strip("-") or "crisis"
    return f"{base}-{secrets.token_hex(3)}"


def new_contact_tag(title: str) -> str:
    """The mailbox tag of the crisis's contact route (care+<tag>@…): short, lowercase and unique,
    because consumers type it and mail servers fold case."""
    base = slugify(title)[:24].strip("-") or "crisis"
    return f"{base}-{secrets.token_hex(3)}"


def _ensure_slug(crisis: Crisis) -> None:
    if not crisis.slug:
        crisis.slug = new_crisis_slug(crisis.title)
        crisis.save(update_fields=["slug"])


def _clean_faq(faq: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    items = []
    for item in faq:
        question = str(item.get("q", "")).strip()
        answer = str(item.get("a", "")).strip()
        if question and answer:
            items.append({"q": question[:500], "a": answer[:4000]})
    return items[:FAQ_LIMIT]


def _locked_version(version: StatementVersion) -> StatementVersion:
    """Re-read under a row lock, so two reviewers or publishers cannot both act on one state."""
    return (
        StatementVersion.objects.select_for_update()
        .select_related("statement__crisis")
        .get(pk=version.pk)
    )


def _version_event(version: StatementVersion, *, actor: Any, text: str, action: str) -> None:
    statement = version.statement
    _event(
        statement.crisis,
        kind=Kind.STATEMENT,
        actor=actor,
        text=text % {"number": version.number, "language": statement.get_language_display()},
        payload={"version_id": version.pk, "language": statement.language, "action": action},
    )


def statement_draft(
    *,
    crisis: Crisis,
    actor: Any,
    language: str,
    what_happened: str,
    what_we_do: str,
    what_to_expect: str,
    what_you_can_do: str,
    how_to_reach_us: str,
    faq: Iterable[dict[str, str]] = (),
) -> StatementVersion:
    """A new version of the statement in this language, as a draft. Changing a statement is
    always a new version: what was reviewed or published is never overwritten."""
    if language not in dict(STATEMENT_LANGUAGES):
        raise CrisisActionError(_("Choose Dutch or English."))
    if not may_draft_statements(actor, crisis):
        raise StatementRefused(_("The protocol does not let you draft statements."))
    sections = {
        "what_happened": what_happened,
        "what_we_do": what_we_do,
        "what_to_expect": what_to_expect,
        "what_you_can_do": what_you_can_do,
        "how_to_reach_us": how_to_reach_us,
    }
    sections = {name: str(sections[name]).strip() for name in STATEMENT_SECTIONS}
    if not all(sections.values()):
        raise CrisisActionError(_("Fill in all five parts of the statement."))
    with transaction.atomic():
        statement, _created = Statement.objects.get_or_create(crisis=crisis, language=language)
        # Lock the statement so two drafts at once do not get the same number.
        Statement.objects.select_for_update().get(pk=statement.pk)
        last = statement.versions.aggregate(last=Max("number"))["last"] or 0
        version = StatementVersion.objects.create(
            statement=statement,
            number=last + 1,
            faq=_clean_faq(faq),
            drafted_by=actor,
            drafted_at=timezone.now(),
            **sections,
        )
        _version_event(
            version,
            actor=actor,
            text=_("Statement v%(number)s (%(language)s) drafted"),
            action="draft",
        )
    return version


def statement_submit(*, version: StatementVersion, actor: Any) -> StatementVersion:
    """Hand a draft over for review; from now on its text is fixed."""
    with transaction.atomic():
        locked = _locked_version(version)
        crisis = locked.statement.crisis
        if locked.drafted_by_id != actor.pk and not may_draft_statements(actor, crisis):
            raise StatementRefused(_("The protocol does not let you submit statements."))
        if locked.state != SVState.DRAFT:
            raise CrisisActionError(_("Only a draft can be submitted."))
        locked.state, locked.submitted_at = SVState.SUBMITTED, timezone.now()
        locked.save(update_fields=["state", "submitted_at"])
        _version_event(
            locked,
            actor=actor,
            text=_("Statement v%(number)s (%(language)s) submitted"),
            action="submit",
        )
    return locked


def _review(version: StatementVersion, *, actor: Any, note: str, approve: bool) -> StatementVersion:
    with transaction.atomic():
        locked = _locked_version(version)
        crisis = locked.statement.crisis
        if locked.drafted_by_id == actor.pk:
            # Four eyes: the person who wrote it cannot be the one who clears it.
            raise StatementRefused(_("A second person must review a statement you drafted."))
        if not may_approve_statements(actor, crisis):
            raise StatementRefused(_("The protocol does not let you approve statements."))
        if locked.state != SVState.SUBMITTED:
            raise CrisisActionError(_("Only a submitted statement can be reviewed."))
        note = note.strip()
        if not approve and not note:
            raise CrisisActionError(_("Say why the statement is rejected."))
        locked.state = SVState.APPROVED if approve else SVState.REJECTED
        locked.reviewed_by, locked.reviewed_at, locked.review_note = actor, timezone.now(), note
        locked.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
        text = (
            _("Statement v%(number)s (%(language)s) approved")
            if approve
            else _("Statement v%(number)s (%(language)s) rejected")
        )
        if note:
            text = f"{text}: {note.replace('%', '%%')}"
        _version_event(locked, actor=actor, text=text, action="approve" if approve else "reject")
    return locked


def statement_approve(*, version: StatementVersion, actor: Any, note: str = "") -> StatementVersion:
    return _review(version, actor=actor, note=note, approve=True)


def statement_reject(*, version: StatementVersion, actor: Any, note: str) -> StatementVersion:
    return _review(version, actor=actor, note=note, approve=False)


def _publication_effects(publications: list[Publication]) -> None:
    """What publishing on the email and social channels sets going: the rows are written in the
    publishing transaction (so a refusal leaves none), the sending starts after commit."""
    from kalm.crisis.social import social_drafts_create

    for publication in publications:
        if publication.channel == PublishChannel.EMAIL_UPDATE:
            if mailings_create(publication=publication):
                transaction.on_commit(_mailings_start)
        elif publication.channel == PublishChannel.SOCIAL:
            social_drafts_create(publication=publication)


def _mailings_start() -> None:
    from kalm.crisis.tasks import send_crisis_mailings

    send_crisis_mailings()


def statement_publish(
    *, version: StatementVersion, actor: Any, channels: Iterable[str]
) -> list[Publication]:
    """Show an approved version on the channels, all at once: either every channel changes or
    none does. The version each channel showed before is superseded there. Publishing on the
    email channel mails the subscribers, on social posts a draft to each social source (both
    queued on commit)."""
    wanted = list(dict.fromkeys(channels))
    if not wanted:
        raise CrisisActionError(_("Choose at least one channel."))
    for channel in wanted:
        if channel == PublishChannel.PRESS:
            raise CrisisActionError(
                _(
                    "Kalm does not publish to the press: the spokesperson hands the approved "
                    "statement to journalists."
                )
            )
        if channel not in STATEMENT_CHANNELS:
            raise CrisisActionError(_("Unknown channel: %(channel)s") % {"channel": channel})
    with transaction.atomic():
        locked = _locked_version(version)
        statement = locked.statement
        crisis = statement.crisis
        allowed = protocol_channels(actor, "publish", crisis=crisis)
        for channel in wanted:
            if channel not in allowed:
                raise StatementRefused(
                    _("The protocol does not let you publish on %(channel)s.")
                    % {"channel": PublishChannel(channel).label}
                )
        if locked.state != SVState.APPROVED:
            raise CrisisActionError(_("Only an approved statement can be published."))
        Crisis.objects.select_for_update().get(pk=crisis.pk)  # one publisher at a time
        now = timezone.now()
        current = {
            p.channel: p
            for p in Publication.objects.filter(
                crisis=crisis,
                language=statement.language,
                channel__in=wanted,
                superseded_at=None,
            ).select_related("version")
        }
        todo = [c for c in wanted if getattr(current.get(c), "version_id", None) != locked.pk]
        if not todo:
            raise CrisisActionError(_("These channels already show this version."))
        Publication.objects.filter(pk__in=[current[c].pk for c in todo if c in current]).update(
            superseded_at=now
        )
        publications = [
            Publication.objects.create(
                crisis=crisis,
                channel=channel,
                language=statement.language,
                version=locked,
                published_at=now,
                published_by=actor,
            )
            for channel in todo
        ]
        if locked.published_at is None:
            locked.published_at, locked.published_by = now, actor
            locked.save(update_fields=["published_at", "published_by"])
        # An older approved version no channel shows any more is superseded for good.
        still_shown = Publication.objects.filter(superseded_at=None).values("version_id")
        statement.versions.filter(number__lt=locked.number, state=SVState.APPROVED).exclude(
            pk__in=still_shown
        ).update(state=SVState.SUPERSEDED)
        # The public page, the email update and the social post all link to the page.
        if {PublishChannel.PUBLIC_PAGE, PublishChannel.EMAIL_UPDATE, PublishChannel.SOCIAL} & set(
            todo
        ):
            _ensure_slug(crisis)
        _publication_effects(publications)
        replaced = {c: current[c].version.number for c in todo if c in current}
        _event(
            crisis,
            kind=Kind.PUBLISHED,
            actor=actor,
            text=_("Statement v%(number)s (%(language)s) published on %(channels)s")
            % {
                "number": locked.number,
                "language": statement.get_language_display(),
                "channels": ", ".join(str(PublishChannel(c).label) for c in todo),
            },
            payload={
                "version_id": locked.pk,
                "language": statement.language,
                "channels": todo,
                "replaced": replaced,
            },
        )
    return publications
