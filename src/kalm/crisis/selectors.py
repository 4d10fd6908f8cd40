"""Reads for the crisis room: access checks, the list, the room itself, and the communication
protocol's answer to "may this person do this on this channel?"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case as When_
from django.db.models import Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext as _

from kalm.crisis.models import (
    OPEN_CRISIS_STATUSES,
    Crisis,
    CrisisCase,
    CrisisRole,
    CrisisStatus,
    CrisisTask,
    ProtocolRule,
    Publication,
    PublishChannel,
    Scenario,
    Statement,
    StatementVersion,
    TeamRole,
)

ACTIONS = ("draft", "approve", "publish")


def _require_member(user: Any) -> None:
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied


def can_manage_crises(user: Any) -> bool:
    """Leads and admins open and steer crises; agents follow them and tick their own tasks."""
    return bool(getattr(user, "is_authenticated", False) and user.is_lead)


def require_crisis_manager(user: Any) -> None:
    _require_member(user)
    if not can_manage_crises(user):
        raise PermissionDenied


def access_crisis(user: Any, crisis_id: int, *, manage: bool = False) -> Crisis:
    """The crisis, if this user may see it (every desk member) or, with ``manage``, steer it."""
    require_crisis_manager(user) if manage else _require_member(user)
    try:
        return Crisis.objects.select_related("owner", "opened_by").get(pk=crisis_id)
    except Crisis.DoesNotExist as exc:
        raise Http404 from exc


def access_link(user: Any, link_id: int) -> CrisisCase:
    """A proposed/decided case link; deciding is steering the crisis: leads and admins."""
    require_crisis_manager(user)
    try:
        return CrisisCase.objects.select_related("crisis", "case").get(pk=link_id)
    except CrisisCase.DoesNotExist as exc:
        raise Http404 from exc


def access_role_assignment(user: Any, crisis: Crisis, assignment_id: int) -> CrisisRole:
    """A role assignment shown in this crisis room (its own or a default), for a manager."""
    require_crisis_manager(user)
    assignment = (
        CrisisRole.objects.filter(Q(crisis=crisis) | Q(crisis=None), pk=assignment_id)
        .select_related("user", "crisis")
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def user_roles(user: Any, crisis: Crisis | None = None) -> set[str]:
    """The crisis-team roles this user holds: by default for every crisis, plus for this one."""
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        return set()
    scope = (Q(crisis=None) | Q(crisis=crisis)) if crisis is not None else Q(crisis=None)
    return set(CrisisRole.objects.filter(scope, user=user).values_list("role", flat=True))


def can_tick(user: Any, task: CrisisTask) -> bool:
    """Leads tick any task; an agent ticks the tasks they own or whose role they hold."""
    if can_manage_crises(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        return False
    if task.owner_id == user.pk:
        return True
    return task.owner_id is None and task.owner_role in user_roles(user, task.crisis)


def access_task(user: Any, task_id: int) -> CrisisTask:
    _require_member(user)
    try:
        task = CrisisTask.objects.select_related("crisis", "owner").get(pk=task_id)
    except CrisisTask.DoesNotExist as exc:
        raise Http404 from exc
    if not can_tick(user, task):
        raise PermissionDenied
    return task


def protocol_allows(
    user: Any, channel: str, action: str = "publish", *, crisis: Crisis | None = None
) -> bool:
    """Whether the protocol lets this person draft, approve or publish on the channel.

    Only crisis-team roles count (held by default, or for this crisis), never the account's
    desk role: an administrator manages playbooks, the matrix and role assignments, but is not a
    spokesperson. Letting admins publish would make the protocol advisory — the one voice per
    channel it exists for could be bypassed by whoever has the most rights. An admin who must
    speak assigns themselves a role, which the crisis timeline records."""
    if channel not in PublishChannel.values:
        if action not in ACTIONS:
            raise ValueError(f"Unknown protocol action: {action}")
        return False
    return channel in protocol_channels(user, action, crisis=crisis)


def protocol_channels(user: Any, action: str, *, crisis: Crisis | None = None) -> set[str]:
    """Every channel on which the protocol lets this person ``action`` (see protocol_allows):
    two queries however many channels are asked about."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown protocol action: {action}")
    roles = user_roles(user, crisis)
    if not roles:
        return set()
    rules = ProtocolRule.objects.filter(role__in=roles, **{f"may_{action}": True})
    return set(rules.values_list("channel", flat=True))


@dataclass(frozen=True)
class MatrixRow:
    channel: str
    label: str
    cells: list[tuple[str, str]]  # per role, in TeamRole order: (role, "D A P" letters or "")


def protocol_matrix() -> list[MatrixRow]:
    """The protocol as a channel-by-role table, for the crisis room (one query)."""
    rules = {(r.channel, r.role): r for r in ProtocolRule.objects.all()}
    rows = []
    for channel, label in PublishChannel.choices:
        cells = []
        for role in TeamRole.values:
            rule = rules.get((channel, role))
            letters = ""
            if rule is not None:
                letters = "".join(
                    letter
                    for letter, allowed in (
                        ("D", rule.may_draft),
                        ("A", rule.may_approve),
                        ("P", rule.may_publish),
                    )
                    if allowed
                )
            cells.append((role, letters))
        rows.append(MatrixRow(channel=channel, label=str(label), cells=cells))
    return rows


def crisis_list(drill_id: int | None = None) -> QuerySet:
    """Active first, then recovering, monitoring and closed; within a group the most severe and
    the newest first. Real crises, or only those of the drill the desk is switched to."""
    order = When_(
        When(status=CrisisStatus.ACTIVE, then=Value(0)),
        When(status=CrisisStatus.RECOVERING, then=Value(1)),
        When(status=CrisisStatus.MONITORING, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return (
        Crisis.objects.filter(drill_id=drill_id)
        .select_related("owner")
        .annotate(
            rank=order,
            task_count=Count("tasks", distinct=True),
            tasks_done=Count("tasks", filter=Q(tasks__done_at__isnull=False), distinct=True),
            confirmed_cases=Count(
                "links", filter=Q(links__state=CrisisCase.State.CONFIRMED), distinct=True
            ),
        )
        .order_by("rank", "-severity", "-opened_at", "-id")
    )


def active_crisis_count(drill_id: int | None = None) -> int:
    return Crisis.objects.filter(status__in=OPEN_CRISIS_STATUSES, drill_id=drill_id).count()


def open_alert_count(drill_id: int | None = None) -> int:
    """Open burst alerts (through the bursts app's selector), or 0 without a bursts app."""
    try:
        from kalm.bursts.selectors import open_alert_count as count
    except ImportError:
        return 0
    return count(drill_id=drill_id)


def open_alerts(limit: int = 10, drill_id: int | None = None) -> list[Any]:
    try:
        from kalm.bursts.models import BurstAlert
    except ImportError:
        return []
    rows = BurstAlert.objects.filter(status="open", drill_id=drill_id)
    return list(rows.order_by("-detected_at", "-id")[:limit])


def alert_for_prefill(user: Any, alert_id: str | None, drill_id: int | None = None) -> Any:
    """The alert named in ``?alert=`` for the new-crisis form, or None if absent, unknown or of
    another world (a real alert in drill mode, a drill's alert in real work)."""
    if not alert_id or not str(alert_id).isdigit():
        return None
    try:
        from kalm.bursts.models import BurstAlert
    except ImportError:
        return None
    alerts = BurstAlert.objects.select_related("product").filter(drill_id=drill_id)
    return alerts.filter(pk=int(alert_id)).first()


_GUESSES: list[tuple[str, re.Pattern[str]]] = [
    (
        Scenario.DATA_BREACH,
        re.compile(r"datalek|data ?breach|leak|wachtwoord|password|hack|phishing|gegevens"),
    ),
    (
        Scenario.OUTAGE,
        re.compile(r"storing|outage|\bdown\b|inlog|login|app\b|website|niet bereikbaar|offline"),
    ),
    (Scenario.DELIVERY, re.compile(r"bezorg|levering|deliver|pakket|parcel|verzend|shipping")),
    (
        Scenario.PRODUCT_SAFETY,
        re.compile(r"ontplof|explod|glas|glass|gewond|injur|letsel|allergi|brand|burn|ziek|sick"),
    ),
]


def scenario_guess(alert: Any) -> str:
    """A first guess at the scenario from the alert's words and dimension; people correct it."""
    text = f"{getattr(alert, 'label', '')} {getattr(alert, 'key', '')}".casefold()
    for scenario, pattern in _GUESSES:
        if pattern.search(text):
            return scenario
    dimension = getattr(alert, "dimension", "")
    if dimension == "batch":
        return Scenario.RECALL
    if dimension == "channel":
        return Scenario.REPUTATIONAL
    return Scenario.PRODUCT_SAFETY


@dataclass
class Room:
    crisis: Crisis
    tasks: list[CrisisTask]
    done: int
    overdue: int
    proposed: list[CrisisCase]
    confirmed: list[CrisisCase]
    status_counts: list[tuple[str, int]]
    events: list[Any]
    matrix: list[MatrixRow]
    roles: list[CrisisRole]

    @property
    def progress(self) -> int:
        return round(100 * self.done / len(self.tasks)) if self.tasks else 0


def crisis_room(crisis: Crisis) -> Room:
    """Everything the crisis room shows, in a fixed number of queries."""
    tasks = list(crisis.tasks.select_related("owner", "done_by").order_by("position", "id"))
    links = list(
        crisis.links.exclude(state=CrisisCase.State.REJECTED)
        .select_related("case", "case__product", "case__consumer")
        .order_by("proposed_at", "id")
    )
    confirmed = [link for link in links if link.state == CrisisCase.State.CONFIRMED]
    counts: dict[str, int] = {}
    for link in confirmed:
        counts[link.case.get_status_display()] = counts.get(link.case.get_status_display(), 0) + 1
    return Room(
        crisis=crisis,
        tasks=tasks,
        done=sum(1 for t in tasks if t.is_done),
        overdue=sum(1 for t in tasks if t.is_overdue),
        proposed=[link for link in links if link.state == CrisisCase.State.PROPOSED],
        confirmed=confirmed,
        status_counts=sorted(counts.items()),
        events=list(crisis.events.select_related("actor").order_by("-at", "-id")),
        matrix=protocol_matrix(),
        roles=list(
            CrisisRole.objects.filter(Q(crisis=crisis) | Q(crisis=None))
            .select_related("user")
            .order_by("role", "crisis_id", "id")
        ),
    )


# --- Statements ----------------------------------------------------------------------------

# The channels a statement is published to from the crisis room. The press is not one of them:
# the spokesperson hands the approved text to journalists, so the protocol names who may, but
# there is nothing for Kalm to publish.
STATEMENT_CHANNELS: tuple[str, ...] = (
    PublishChannel.PUBLIC_PAGE,
    PublishChannel.DESK_MACRO,
    PublishChannel.CHAT_ANSWER,
    PublishChannel.EMAIL_UPDATE,
    PublishChannel.SOCIAL,
)


def may_draft_statements(user: Any, crisis: Crisis) -> bool:
    """The crisis owner, or anyone the protocol lets draft on some channel."""
    if crisis.owner_id is not None and crisis.owner_id == getattr(user, "pk", None):
        return bool(getattr(user, "is_desk_member", False))
    return bool(protocol_channels(user, "draft", crisis=crisis))


def may_approve_statements(user: Any, crisis: Crisis) -> bool:
    """Approval clears the text itself, so the right to approve on any channel counts;
    publishing is then checked per channel."""
    return bool(protocol_channels(user, "approve", crisis=crisis))


def access_statement_version(user: Any, version_id: int) -> StatementVersion:
    """A statement version for a desk member; what they may do with it the protocol decides
    inside each action."""
    _require_member(user)
    try:
        return StatementVersion.objects.select_related(
            "statement__crisis", "drafted_by", "reviewed_by"
        ).get(pk=version_id)
    except StatementVersion.DoesNotExist as exc:
        raise Http404 from exc


@dataclass
class Delivery:
    """How far the email update or a social draft of one version got."""

    label: str  # the source's name for social, "" for email
    sent: int = 0
    pending: int = 0
    failed: int = 0
    error: str = ""  # the last error, shown next to a failure
    note: str = ""  # instead of a state, e.g. for a drill's draft that is never posted

    @property
    def total(self) -> int:
        return self.sent + self.pending + self.failed


@dataclass
class ChannelState:
    channel: str
    label: str
    language: str
    shown: StatementVersion | None
    published_at: datetime | None
    newest_approved: StatementVersion | None
    # Email: the counts of the version last mailed; social: one per source.
    deliveries: list[Delivery] = field(default_factory=list)

    @property
    def behind(self) -> bool:
        """An approved version newer than what the channel shows exists."""
        if self.newest_approved is None:
            return False
        return self.shown is None or self.shown.number < self.newest_approved.number

    @property
    def has_failures(self) -> bool:
        return any(d.failed for d in self.deliveries)


@dataclass
class StatementBlock:
    statement: Statement
    versions: list[StatementVersion]
    channels: list[ChannelState] = field(default_factory=list)


@dataclass
class StatementPanel:
    blocks: list[StatementBlock]
    may_draft: bool
    may_approve: bool
    may_publish: list[str]  # the statement channels this user may publish on

    @property
    def channel_choices(self) -> list[tuple[str, str]]:
        return [(c, str(PublishChannel(c).label)) for c in self.may_publish]


def _email_deliveries(crisis: Crisis) -> dict[int, Delivery]:
    """Sent, pending and failed email updates per version (one query)."""
    from kalm.crisis.models import CrisisMailing

    Status = CrisisMailing.Status
    rows = (
        CrisisMailing.objects.filter(crisis=crisis)
        .values("version_id")
        .annotate(
            sent=Count("id", filter=Q(status=Status.SENT)),
            pending=Count("id", filter=Q(status=Status.PENDING)),
            failed=Count("id", filter=Q(status=Status.FAILED)),
        )
    )
    return {
        r["version_id"]: Delivery(
            label="", sent=r["sent"], pending=r["pending"], failed=r["failed"]
        )
        for r in rows
    }


def _social_deliveries(crisis: Crisis) -> dict[int, list[Delivery]]:
    """Per social publication, one line per source with its outbound post's state (one query)."""
    from kalm.crisis.models import SocialDraft

    found: dict[int, list[Delivery]] = {}
    drafts = (
        SocialDraft.objects.filter(crisis=crisis, publication__superseded_at=None)
        .select_related("source", "outbound")
        .order_by("source__name", "id")
    )
    for draft in drafts:
        outbound = draft.outbound
        if outbound is None and crisis.drill_id is not None:
            note = _("drill: kept in Kalm, not posted")
            found.setdefault(draft.publication_id, []).append(
                Delivery(label=draft.source.name, note=note)
            )
            continue
        status = outbound.status if outbound is not None else "failed"
        delivery = Delivery(
            label=draft.source.name,
            sent=int(status == "sent"),
            pending=int(status == "pending"),
            failed=int(status == "failed"),
            error=(outbound.last_error if outbound is not None else "")[:300],
        )
        found.setdefault(draft.publication_id, []).append(delivery)
    return found


def statement_panel(crisis: Crisis, user: Any) -> StatementPanel:
    """The Statements section of the crisis room: versions per language, the consistency
    panel (which version each channel shows, whether it is behind, and for email and social
    how far delivery got) and what this user may do."""
    statements = list(crisis.statements.order_by("language"))
    versions = list(
        StatementVersion.objects.filter(statement__crisis=crisis)
        .select_related("drafted_by", "reviewed_by", "published_by")
        .order_by("statement_id", "-number")
    )
    by_pk = {v.pk: v for v in versions}
    current = {
        (p.channel, p.language): p
        for p in Publication.objects.filter(crisis=crisis, superseded_at=None)
    }
    email = (
        _email_deliveries(crisis)
        if any(c == PublishChannel.EMAIL_UPDATE for c, _l in current)
        else {}
    )
    social = (
        _social_deliveries(crisis) if any(c == PublishChannel.SOCIAL for c, _l in current) else {}
    )
    blocks = []
    for statement in statements:
        own = [v for v in versions if v.statement_id == statement.pk]
        approved = [
            v
            for v in own
            if v.state in (StatementVersion.State.APPROVED, StatementVersion.State.SUPERSEDED)
        ]
        newest = approved[0] if approved else None
        block = StatementBlock(statement=statement, versions=own)
        for channel in STATEMENT_CHANNELS:
            publication = current.get((channel, statement.language))
            deliveries: list[Delivery] = []
            if publication is not None and channel == PublishChannel.EMAIL_UPDATE:
                # The version last mailed is the one the channel shows: publishing there is
                # what creates the mailings.
                deliveries = [email.get(publication.version_id, Delivery(label=""))]
            elif publication is not None and channel == PublishChannel.SOCIAL:
                deliveries = social.get(publication.pk, [])
            block.channels.append(
                ChannelState(
                    channel=channel,
                    label=str(PublishChannel(channel).label),
                    language=statement.language,
                    shown=by_pk.get(publication.version_id) if publication else None,
                    published_at=publication.published_at if publication else None,
                    newest_approved=newest,
                    deliveries=deliveries,
                )
            )
        blocks.append(block)
    # The same answers as protocol_allows, in two queries instead of one pair per cell.
    roles = user_roles(user, crisis)
    rules = list(ProtocolRule.objects.filter(role__in=roles)) if roles else []
    owner = crisis.owner_id is not None and crisis.owner_id == getattr(user, "pk", None)
    return StatementPanel(
        blocks=blocks,
        may_draft=(owner and bool(getattr(user, "is_desk_member", False)))
        or any(r.may_draft for r in rules),
        may_approve=any(r.may_approve for r in rules),
        may_publish=[
            c for c in STATEMENT_CHANNELS if any(r.may_publish and r.channel == c for r in rules)
        ],
    )


def _current_publication(crisis: Crisis, channel: str, language: str) -> Publication | None:
    """The version a channel shows in this language, else in the other one: a consumer or an
    agent is better served by the statement in the other language than by none."""
    rows = Publication.objects.filter(crisis=crisis, channel=channel, superseded_at=None)
    rows = rows.select_related("version", "version__statement")
    return rows.filter(language=language).first() or rows.order_by("language").first()


def _current_publications(
    crises: list[Crisis], channels: Iterable[str], language: str
) -> dict[tuple[int, str], Publication]:
    """``_current_publication`` for several crises and channels in one query, keyed by
    (crisis id, channel): a page listing one text per crisis reads no more as crises grow."""
    rows = Publication.objects.filter(
        crisis__in=crises, channel__in=list(channels), superseded_at=None
    ).select_related("version", "version__statement")
    found: dict[tuple[int, str], Publication] = {}
    for row in rows:
        key = (row.crisis_id, row.channel)
        current = found.get(key)
        # One current row per crisis, channel and language (publication_one_current): the one
        # in the language wins, else the first language in order, as _current_publication.
        if current is None or _rank(row, language) < _rank(current, language):
            found[key] = row
    return found


def _rank(publication: Publication, language: str) -> tuple[bool, str]:
    return (publication.language != language, publication.language)


def current_statement_text(crisis: Crisis, language: str) -> str | None:
    """The published reply-macro text for the desk, or None when nothing is published there."""
    publication = _current_publication(crisis, PublishChannel.DESK_MACRO, language)
    return publication.version.as_text() if publication else None


def crisis_answer(crisis: Crisis, language: str) -> StatementVersion | None:
    """The version published as the answer in chat and email, in this language or else the
    other one; None when nothing is published there. For agents and the answer bot."""
    publication = _current_publication(crisis, PublishChannel.CHAT_ANSWER, language)
    return publication.version if publication else None


@dataclass
class CaseStatement:
    crisis: Crisis
    version: StatementVersion
    text: str
    channel: str = PublishChannel.DESK_MACRO
    # The other reply channel's text when it shows another version (shown folded away).
    other: CaseStatement | None = None
    linked: bool = True  # the case is a confirmed part of the crisis

    @property
    def label(self) -> str:
        return str(PublishChannel(self.channel).label)


# Consumers who wrote by chat or email get the chat-and-email answer first; the others (phone,
# web form, social) the desk's reply macro first.
_ANSWER_FIRST = {"chat", "email"}


def _reply_blocks(
    crisis: Crisis, prefer: tuple[str, str], current: dict[tuple[int, str], Publication]
) -> CaseStatement | None:
    found = []
    for channel in prefer:
        publication = current.get((crisis.pk, channel))
        if publication is not None:
            found.append(
                CaseStatement(
                    crisis=crisis,
                    version=publication.version,
                    text=publication.version.as_text(),
                    channel=channel,
                )
            )
    if not found:
        return None
    first = found[0]
    if len(found) == 2 and found[1].version.pk != first.version.pk:
        first.other = found[1]
    return first


def case_statements(case: Any) -> list[CaseStatement]:
    """For the case page: the published reply text of each open crisis this case is a
    confirmed part of, in the consumer's language. Chat and email cases get the chat answer
    first, the others the desk macro; the other text is kept when it is another version."""
    language = (getattr(case, "language", "") or "nl")[:2]
    channels = (PublishChannel.DESK_MACRO, PublishChannel.CHAT_ANSWER)
    if getattr(case, "channel", "") in _ANSWER_FIRST:
        channels = (PublishChannel.CHAT_ANSWER, PublishChannel.DESK_MACRO)
    links = CrisisCase.objects.filter(
        case=case, state=CrisisCase.State.CONFIRMED, crisis__status__in=OPEN_CRISIS_STATUSES
    ).select_related("crisis")
    crises = [link.crisis for link in links]
    current = _current_publications(crises, channels, language) if crises else {}
    found = []
    for crisis in crises:
        block = _reply_blocks(crisis, channels, current)
        if block is not None:
            found.append(block)
    return found


def chat_answers(case: Any) -> list[CaseStatement]:
    """For the chat desk: the chat answer of every open crisis (of the case's drill, or real
    ones), the crises this case is confirmed in first. Chatters ask about a crisis long before
    anyone links their case to it, so the answer is offered in every chat while it is open."""
    language = (getattr(case, "language", "") or "nl")[:2]
    linked = set(
        CrisisCase.objects.filter(case=case, state=CrisisCase.State.CONFIRMED).values_list(
            "crisis_id", flat=True
        )
    )
    crises = Crisis.objects.filter(
        status__in=OPEN_CRISIS_STATUSES,
        drill_id=getattr(case, "drill_id", None),
        publications__channel=PublishChannel.CHAT_ANSWER,
        publications__superseded_at=None,
    ).distinct()
    ordered = sorted(crises, key=lambda c: (c.pk not in linked, -c.severity, -c.pk))
    answer = PublishChannel.CHAT_ANSWER
    current = _current_publications(ordered, [answer], language) if ordered else {}
    found = []
    for crisis in ordered:
        publication = current.get((crisis.pk, answer))
        if publication is not None:
            found.append(
                CaseStatement(
                    crisis=crisis,
                    version=publication.version,
                    text=publication.version.as_text(),
                    channel=PublishChannel.CHAT_ANSWER,
                    linked=crisis.pk in linked,
                )
            )
    return found


def subscription_by_token(token: str) -> Any:
    """The email-update subscription behind an unsubscribe link, or 404."""
    from kalm.crisis.models import CrisisSubscription

    if not token or len(token) > 64:
        raise Http404
    subscription = (
        CrisisSubscription.objects.select_related("crisis", "case").filter(token=token).first()
    )
    if subscription is None:
        raise Http404
    return subscription


@dataclass
class PublicPage:
    crisis: Crisis
    version: StatementVersion
    updated_at: datetime
    history: list[Publication]


def public_crisis_page(slug: str, language: str, *, include_drills: bool = False) -> PublicPage:
    """The public crisis page: only what is published on the public page, never a draft or an
    unpublished approval. 404 until the first publication. Found by its unguessable slug only
    (never by number). A drill's page exists for the desk only (``include_drills``): the public
    never sees an exercise."""
    crisis = Crisis.objects.filter(slug=slug).first() if slug else None
    if crisis is None or (crisis.drill_id is not None and not include_drills):
        raise Http404
    publication = _current_publication(crisis, PublishChannel.PUBLIC_PAGE, language)
    if publication is None:
        raise Http404
    history = list(
        Publication.objects.filter(
            crisis=crisis, channel=PublishChannel.PUBLIC_PAGE, language=publication.language
        )
        .select_related("version")
        .order_by("-published_at", "-id")
    )
    return PublicPage(
        crisis=crisis,
        version=publication.version,
        updated_at=publication.published_at,
        history=history,
    )
