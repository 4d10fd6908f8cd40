"""Every GET page of the agents' desk reads a fixed number of queries (issue 8: no N+1).

The URL resolver is the list of pages: every pattern under /desk/ (and the chat queue under
/chat/desk/) must be in PAGES, with its pinned count, or in NOT_PAGES, with the reason it has no
count. A new desk URL that is in neither fails ``test_every_desk_url_is_counted``.

Each page is rendered for a team lead with a small data set made through the real actions, then
again after more rows of every kind the pages list (cases, messages, dossier entries, consumers,
crises and their cases, answers, follow-ups, articles, gaps, chats...): the count must be the
pinned one both times. A change that adds a query has to update the table on purpose.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone

from kalm.assistant import gaps
from kalm.assistant.tests.conftest import make_turn
from kalm.bursts.models import BurstAlert
from kalm.cases.actions import (
    case_assign,
    case_link,
    goodwill_record,
    message_receive,
    message_reply,
    note_add,
)
from kalm.chat.actions import (
    chat_accept,
    chat_agent_reply,
    chat_consumer_message,
    chat_presence_mark,
    chat_start,
)
from kalm.churn.actions import consumer_rescore, loss_mark
from kalm.churn.tests.conftest import trained_model
from kalm.consumers.actions import identity_add, merge_propose
from kalm.core.testing import ProductFactory, TeamFactory, UserFactory, make_case
from kalm.crisis.actions import (
    crisis_case_decide,
    crisis_cases_propose,
    crisis_event_add,
    crisis_open,
    crisis_role_assign,
)
from kalm.crisis.models import PublishChannel, Scenario, TeamRole
from kalm.crisis.tests.statements import published
from kalm.crisis.tests.statements import team as statement_team
from kalm.dossier.actions import item_register
from kalm.drills.actions import drill_advance, drill_finish, drill_start
from kalm.followups.actions import followup_create
from kalm.kb import actions as kb
from kalm.kb.tests.conftest import CategoryFactory, make_article, make_published
from kalm.replies.actions import reply_template_create
from kalm.surveys import actions as surveys
from kalm.surveys import improvement_actions
from kalm.surveys.models import Invitation
from kalm.surveys.tests.helpers import make_survey, resolved_case

# Pinned query counts per URL name. An int holds for SQLite and PostgreSQL alike; where the
# vendors differ (savepoints, for example) the value is {"sqlite": n, "postgresql": m}.
PAGES: dict[str, int | dict[str, int]] = {
    "bursts:alert": 4,
    "bursts:alerts": 3,
    "chat:desk_badge": 3,
    "chat:desk_poll": 7,
    "chat:desk_queue": 5,
    "chat:desk_session": 9,
    "churn:list": 6,
    "churn:lost": 6,
    "crisis:affected": 9,
    "crisis:badge": 4,
    "crisis:detail": 15,
    "crisis:list": 4,
    "crisis:new": 3,
    "crisis:outreach": 9,
    "crisis:report": 13,
    "desk:call_new": 5,
    "desk:case": 27,
    "desk:case_expectations_box": 31,
    "desk:case_solution_box": 30,
    "desk:consumer": 9,
    "desk:consumer_merges": 5,
    "desk:inbox": 8,
    "desk:login": 1,  # logged in already: the form still renders (session only)
    "desk:profile": 2,
    "dossier:item_new": 3,
    "drills:detail": 3,
    "drills:list": 3,
    "drills:report": 12,
    "empathy:card": 7,
    "followups:badge": 3,
    "followups:case_box": 5,
    "followups:due": 3,
    "gaps:detail": 8,
    "gaps:list": 7,
    "insights:dashboard": 21,
    "insights:mine": 16,
    "kb:desk_insert_article": 3,
    "kb:desk_insert_picker": 5,
    "kb:detail": 8,
    "kb:edit": 6,
    "kb:history": 4,
    "kb:list": 6,
    "kb:new": 4,
    "kb:review": 3,
    "replies:render": 4,
    "replies:template_edit": 3,
    "replies:template_new": 2,
    "replies:templates": 3,
    "surveys:edit": 4,
    "surveys:feedback": 7,
    "surveys:improvement_edit": 5,
    "surveys:improvement_new": 3,
    "surveys:improvements": 3,
    "surveys:list": 3,
    "surveys:new": 3,
}

# URL names that have no GET page to count, each with the reason.
POST_ONLY = "POST only: an action, its form lives on another page"
STREAM = "server-sent events: a long-lived stream, its polling twin chat:desk_poll is counted"
DOWNLOAD = "file download (PDF, ZIP, CSV, evidence): streamed, not a page"
NOT_PAGES: dict[str, str] = {
    "bursts:dismiss": POST_ONLY,
    "chat:desk_accept": POST_ONLY,
    "chat:desk_end": POST_ONLY,
    "chat:desk_typing": POST_ONLY,
    "churn:mark_lost": POST_ONLY,
    "churn:plan": POST_ONLY,
    "churn:withdraw": POST_ONLY,
    "crisis:affected_subscribe": POST_ONLY,
    "crisis:decision": POST_ONLY,
    "crisis:link_decide": POST_ONLY,
    "crisis:links_confirm": POST_ONLY,
    "crisis:role_assign": POST_ONLY,
    "crisis:role_remove": POST_ONLY,
    "crisis:statement_draft": POST_ONLY,
    "crisis:statement_publish": POST_ONLY,
    "crisis:statement_review": POST_ONLY,
    "crisis:statement_submit": POST_ONLY,
    "crisis:status": POST_ONLY,
    "crisis:task_complete": POST_ONLY,
    "desk:case_assign": POST_ONLY,
    "desk:case_evidence": POST_ONLY,
    "desk:case_expectations": POST_ONLY,
    "desk:case_goodwill": POST_ONLY,
    "desk:case_link": POST_ONLY,
    "desk:case_merge": POST_ONLY,
    "desk:case_next_step": POST_ONLY,
    "desk:case_note": POST_ONLY,
    "desk:case_phone": POST_ONLY,
    "desk:case_portal_link": POST_ONLY,
    "desk:case_portal_link_revoke": POST_ONLY,
    "desk:case_priority": POST_ONLY,
    "desk:case_reply": POST_ONLY,
    "desk:case_solution": POST_ONLY,
    "desk:case_solution_preview": POST_ONLY,
    "desk:case_status": POST_ONLY,
    "desk:case_topic": POST_ONLY,
    "desk:consumer_identity": POST_ONLY,
    "desk:consumer_merge_decide": POST_ONLY,
    "desk:logout": POST_ONLY,
    "dossier:item_custody": POST_ONLY,
    "drills:advance": POST_ONLY,
    "drills:finish": POST_ONLY,
    "drills:join": POST_ONLY,
    "drills:leave": POST_ONLY,
    "drills:start": POST_ONLY,
    "empathy:callback": POST_ONLY,
    "empathy:legal_hold_release": POST_ONLY,
    "empathy:legal_hold_set": POST_ONLY,
    "followups:cancel": POST_ONLY,
    "followups:complete": POST_ONLY,
    "followups:confirm": POST_ONLY,
    "followups:create": POST_ONLY,
    "followups:dismiss": POST_ONLY,
    "followups:reschedule": POST_ONLY,
    "gaps:answer": POST_ONLY,
    "gaps:dismiss": POST_ONLY,
    "gaps:merge": POST_ONLY,
    "gaps:reopen": POST_ONLY,
    "kb:archive": POST_ONLY,
    "kb:publish": POST_ONLY,
    "kb:reject": POST_ONLY,
    "kb:submit": POST_ONLY,
    "kb:translate": POST_ONLY,
    "replies:check": POST_ONLY,
    "surveys:feedback_link": POST_ONLY,
    "surveys:improvement_unlink": POST_ONLY,
    "churn:export": DOWNLOAD,
    "crisis:affected_csv": DOWNLOAD,
    "crisis:report_pdf": DOWNLOAD,
    "desk:evidence": DOWNLOAD,
    "dossier:export_pdf": DOWNLOAD,
    "dossier:export_zip": DOWNLOAD,
    "dossier:receipt": DOWNLOAD,
    "chat:desk_events": STREAM,
}


# Partials the desk loads into a page with htmx (a plain GET redirects to the page): read as htmx.
HTMX_ONLY = {"empathy:card"}

# Pages whose htmx partial (the same URL with HX-Request, polled or swapped in) is counted too.
PARTIALS: dict[str, int | dict[str, int]] = {
    "chat:desk_queue": 5,
    "desk:case_expectations_box": 7,
    "desk:case_solution_box": 6,
    "desk:inbox": 8,
    "followups:case_box": 5,
    "followups:due": 3,
}


def desk_routes() -> dict[str, str]:
    """Every URL name under /desk/ (and the chat queue under /chat/desk/) -> its route."""

    def walk(patterns: list, prefix: str, namespace: str):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                # A pattern without a name is listed by its route, so it cannot slip through.
                name = pattern.name or f"(unnamed) {prefix}{pattern.pattern}"
                yield prefix + str(pattern.pattern), f"{namespace}:{name}"

    return {
        name: route
        for route, name in walk(get_resolver().url_patterns, "", "")
        if route.startswith(("desk/", "chat/desk/"))
    }


@dataclass
class World:
    """The objects the pages are about, and a counter that keeps new rows distinct."""

    lead: Any
    agent: Any
    product: Any
    case: Any = None
    consumer: Any = None
    crisis: Any = None
    drill: Any = None
    alert: Any = None
    gap: Any = None
    article: Any = None
    category: Any = None
    survey: Any = None
    improvement: Any = None
    template: Any = None
    chat: Any = None
    spokesperson: Any = None
    legal: Any = None
    numbers: Any = field(default_factory=lambda: itertools.count(1))


def _answer(world: World) -> Any:
    """A resolved case of a new consumer, invited by the sweep, sent and answered."""

    n = next(world.numbers)
    case = resolved_case(world.agent, name=f"Klant {n}", email=f"klant{n}@example.nl")
    surveys.invitations_schedule()
    surveys.invitations_send_due(now=timezone.now() + timedelta(hours=3))
    invitation = Invitation.objects.get(case=case)
    return surveys.response_submit(
        invitation=invitation, answers={"csat": "2", "comment": f"Te lang gewacht ({n})."}
    )


def _alert(product: Any, case: Any, *, key: str) -> Any:
    """A burst alert as the detector leaves one (the detector needs weeks of history)."""

    now = timezone.now()
    alert = BurstAlert.objects.create(
        dimension=BurstAlert.Dimension.PRODUCT,
        key=key,
        label=product.name,
        product=product,
        start=now - timedelta(hours=3),
        detected_at=now,
        count=1,
        expected=0.2,
        score=4.0,
        series=[[(now - timedelta(hours=1)).isoformat(), 1]],
    )
    alert.cases.add(case)
    return alert


def _publish(world: World, crisis: Any, **sections: str) -> None:
    """A statement written, approved and published to the desk, chat and the public page."""
    channels = [PublishChannel.DESK_MACRO, PublishChannel.CHAT_ANSWER, PublishChannel.PUBLIC_PAGE]
    published(crisis, world.spokesperson, world.legal, channels=channels, **sections)


def _build(world: World) -> None:
    """The small data set: one of everything, through the real actions."""

    lead = world.lead
    world.case = make_case(product=world.product, batch_number="L2611", phone=PHONE)
    case_assign(case=world.case, actor=lead, assignee=world.agent)
    world.consumer = world.case.consumer
    world.crisis = crisis_open(
        actor=lead,
        title="Exploderende flessen batch L2611",
        scenario=Scenario.PRODUCT_SAFETY,
        severity=3,
        products=[world.product],
    )
    world.spokesperson, world.legal = statement_team(lead)
    _publish(world, world.crisis)
    world.alert = _alert(world.product, world.case, key=f"product:{world.product.pk}")
    world.drill = drill_start(scenario="bottles", actor=lead, seed=7, speed=12, history_days=0)
    world.gap = gaps.gap_record(turn=make_turn("Waar blijft mijn pakket?"), reason="unanswered")
    world.category = CategoryFactory()
    world.article = make_published(author=world.agent, category=world.category)
    world.survey = make_survey()
    world.improvement = improvement_actions.improvement_create(
        actor=lead, said_nl="U wachtte te lang.", did_nl="Wij bellen binnen een dag terug."
    )
    world.template = reply_template_create(
        name="Vertraging bij het lab",
        situation="delay",
        language="nl",
        body="Beste {consumer_name}, het duurt langer.",
    )
    trained_model()
    chat_presence_mark(agent=lead)
    world.chat, _cookie = chat_start(name="Sanne de Vries", email="sanne@example.nl", body="Hallo?")
    chat_accept(session=world.chat, agent=lead)
    _grow(world, 1)


def _grow(world: World, rows: int) -> None:
    """Add ``rows`` more rows of every kind the pages list."""

    lead, agent, case = world.lead, world.agent, world.case
    answers = []
    crises = [world.crisis]
    for _ in range(rows):
        n = next(world.numbers)
        # More cases (of new consumers), more messages and dossier entries on the case.
        other = make_case(
            name=f"Consument {n}",
            email=f"c{n}@example.nl",
            product=world.product,
            batch_number="L2611",
        )
        case_link(case=case, other=other, actor=lead)
        # A colleague of its own each round: per-author and per-assignee reads show as N+1.
        colleague, team = UserFactory(), TeamFactory()
        colleague.teams.add(team)
        case_assign(case=other, actor=lead, assignee=colleague, team=team)
        message_receive(case=case, body=f"Nog een vraag ({n}).")
        message_reply(case=case, agent=colleague, body=f"Wij zoeken het uit ({n}).")
        note_add(case=case, agent=colleague, body=f"Gebeld ({n}).")
        item_register(
            case=case,
            agent=colleague,
            description=f"Fles {n}",
            collected_where="Bij de klant thuis",
        )
        followup_create(case=case, title=f"Terugbellen {n}", due_at=timezone.now(), owner=colleague)
        followup_create(case=other, title=f"Labuitslag {n}", due_at=timezone.now(), owner=lead)
        goodwill_record(case=case, actor=colleague, kind="voucher", cost=5, description=f"{n}")
        identity_add(consumer=world.consumer, kind="phone", value=f"06{n:08d}", actor=lead)
        make_case(
            name=f"Customer {n}",
            email=f"e{n}@example.com",
            subject="Bottle exploded",
            body="The bottle exploded in my hand.",
            language="en",
            channel="email",
            product=world.product,
        )
        # The same consumer again, a second case; another consumer to merge with.
        make_case(name="Sanne de Vries", email="sanne@example.nl", subject=f"Weer mis {n}")
        twin = make_case(name="Sanne de Vries", email=f"sanne{n}@example.nl").consumer
        merge_propose(a=world.consumer, b=twin, reason=f"Zelfde naam ({n})")
        # Churn: scored and lost consumers.
        consumer_rescore(consumer=other.consumer)
        loss_mark(
            consumer=twin, actor=lead, lost_at=timezone.now(), reason="competitor", note=f"{n}"
        )
        # Crisis: more events, people in roles, statement versions; its cases are proposed and
        # confirmed below.
        crisis_event_add(crisis=world.crisis, actor=lead, text=f"Besluit {n}")
        crisis_role_assign(
            actor=lead, user=colleague, role=TeamRole.CUSTOMER_CARE, crisis=world.crisis
        )
        _publish(world, world.crisis, what_happened=f"Versie {n}: flessen kunnen barsten.")
        # Burst alerts: more cases on the one, and more alerts.
        world.alert.cases.add(other)
        _alert(world.product, other, key=f"batch:l{n}")
        # More open crises the case is a confirmed part of, each with a published statement
        # (the case page and the chat show one reply text per crisis).
        more = crisis_open(
            actor=lead,
            title=f"Crisis {n}",
            scenario=Scenario.DELIVERY,
            severity=2,
            products=[world.product],
        )
        _publish(world, more)
        crises.append(more)
        # Knowledge base: more articles, revisions, one in review; more gap questions and gaps.
        edited = kb.article_edit(
            article=world.article,
            actor=agent,
            title="Retourneren",
            body=f"Versie {n}.",
            submit=True,
        )
        world.article = kb.article_publish(article=edited, actor=lead)
        draft = make_article(
            author=agent, category=world.category, title=f"Artikel {n}", body=f"Tekst {n}."
        )
        kb.article_submit(article=draft, actor=agent)
        related = make_published(author=agent, category=world.category, title=f"Retourneren {n}")
        kb.related_set(
            article=world.article, actor=agent, related=[*world.article.related.all(), related]
        )
        kb.article_feedback_add(article=world.article, helpful=False, comment=f"Onduidelijk {n}")
        gaps.gap_record(turn=make_turn("Waar blijft mijn pakket nu?"), reason="unanswered")
        gaps.gap_record(turn=make_turn(f"Zit er gluten in product {n}?"), reason="unanswered")
        # Surveys and improvements: more surveys, more answers linked to the improvement, more
        # improvements.
        make_survey(name=f"Na een chat {n}", trigger="chat")
        answers.append(_answer(world))
        improvement_actions.improvement_create(
            actor=lead, said_nl=f"Punt {n}.", did_nl=f"Gedaan {n}.", team=TeamFactory()
        )
        # Reply templates and chats.
        reply_template_create(
            name=f"Sjabloon {n}",
            situation="general",
            language="nl",
            body=f"Beste {{consumer_name}} {n}",
        )
        chat_consumer_message(session=world.chat, body=f"Nog iets ({n})")
        chat_agent_reply(session=world.chat, agent=lead, body=f"Antwoord ({n})")
        # A chat another agent took, and one still waiting.
        chat_presence_mark(agent=colleague)
        taken, _cookie = chat_start(name=f"Bezoeker {n}", email=f"v{n}@example.nl", body="Hallo?")
        chat_accept(session=taken, agent=colleague)
        chat_start(name=f"Wachtende {n}", email=f"w{n}@example.nl", body="Is daar iemand?")
    improvement_actions.improvement_link(
        improvement=world.improvement, responses=answers, actor=lead
    )
    for crisis in crises:
        crisis_cases_propose(crisis=crisis, actor=lead)
        for link in crisis.links.filter(state="proposed"):
            crisis_case_decide(link=link, actor=lead, confirm=True)
    consumer_rescore(consumer=world.consumer)
    # Drills: more finished ones for the list, more of the wave played in the running one.
    for _ in range(rows):
        drill_finish(drill=drill_start(scenario="bottles", actor=lead, history_days=0), actor=lead)
    drill_advance(drill=world.drill, minutes=180 * rows)


# Which object of the world a URL parameter names, by namespace (then by URL name for the few
# where the namespace's usual object is not the one).
PARAMETERS: dict[str, dict[str, str]] = {
    "desk": {"pk": "case"},
    "chat": {"session_id": "chat"},
    "dossier": {"case_pk": "case"},
    "followups": {"case_id": "case"},
    "empathy": {"case_id": "case"},
    "replies": {"case_id": "case", "template_id": "template"},
    "bursts": {"pk": "alert"},
    "crisis": {"pk": "crisis"},
    "drills": {"pk": "drill"},
    "gaps": {"pk": "gap"},
    "kb": {"pk": "article"},
    "surveys": {"survey_id": "survey", "improvement_id": "improvement"},
    "churn": {"pk": "consumer"},
}
PARAMETERS_BY_NAME: dict[str, dict[str, str]] = {
    "desk:consumer": {"pk": "consumer"},
    "desk:consumer_identity": {"pk": "consumer"},
}


# Pages read with a query string, as the desk links to them.
QUERIES: dict[str, Any] = {
    "replies:render": lambda world: f"template={world.template.pk}",
    "kb:desk_insert_picker": lambda world: f"case={world.case.pk}&q=retourneren",
    "desk:call_new": lambda world: f"phone={PHONE}&case={world.case.pk}",
}
PHONE = "0612345678"


def url_of(name: str, route: str, world: World) -> str:
    """The page's address, about the world's object named in PARAMETERS."""
    mapping = PARAMETERS_BY_NAME.get(name) or PARAMETERS.get(name.split(":")[0], {})
    kwargs = {}
    for param in RoutePattern(route).converters:
        obj = getattr(world, mapping.get(param, ""), None)
        assert obj is not None, f"{name}: say in PARAMETERS which object <{param}> names"
        kwargs[param] = obj.pk
    query = QUERIES[name](world) if name in QUERIES else ""
    return reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")


def pinned(label: str) -> int:
    name, _space, partial = label.partition(" ")
    count = PARTIALS[name] if partial else PAGES[name]
    return count[connection.vendor] if isinstance(count, dict) else count


def _read(client: Client, url: str, *, htmx: bool) -> list[str]:
    headers = {"HX-Request": "true"} if htmx else {}
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return [query["sql"] for query in captured.captured_queries]


def _explain(queries: list[str]) -> str:
    return "\n".join(f"{number:3}. {sql[:3000]}" for number, sql in enumerate(queries, 1))


@pytest.fixture
def frozen():
    """A Wednesday afternoon in Amsterdam, clock stopped: presence and "seen" writes, SLA clocks
    and "due" lists then do the same work on every request."""
    when = datetime(2026, 11, 25, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(when, tick=False) as traveller:
        yield traveller


def test_every_desk_url_is_counted():
    routes = set(desk_routes())
    both = set(PAGES) & set(NOT_PAGES)
    assert not both, f"In PAGES and in NOT_PAGES at once: {sorted(both)}"
    assert set(PARTIALS) <= set(PAGES), "PARTIALS counts the htmx variant of a page in PAGES"
    missing = routes - set(PAGES) - set(NOT_PAGES)
    assert not missing, (
        f"New desk URL(s) without a pinned query count: {sorted(missing)}. Add each to PAGES in "
        f"{__name__} with its count (run this test to see it), or to NOT_PAGES with the reason "
        "it is not a GET page."
    )
    stale = (set(PAGES) | set(NOT_PAGES)) - routes
    assert not stale, f"PAGES/NOT_PAGES name URL(s) that no longer exist: {sorted(stale)}"


@pytest.mark.django_db
def test_the_post_only_urls_refuse_a_get(client, team_lead):
    # The method check comes before any lookup, so any id will do.
    client.force_login(team_lead)
    routes = desk_routes()
    for name, reason in NOT_PAGES.items():
        if reason == POST_ONLY:
            kwargs = dict.fromkeys(RoutePattern(routes[name]).converters, 1)
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code == 405, f"{name} answers a GET: it is no POST_ONLY URL"


@pytest.mark.django_db
def test_every_page_reads_its_pinned_number_of_queries(
    client, frozen, team_lead, agent, django_capture_on_commit_callbacks
):
    # One world for all pages (built once: the data set takes seconds to make through the
    # actions), with the work queued after commit done too (message analysis, topics, SLA), as
    # the worker would; every page is read once before counting so per-process caches are warm.
    world = World(lead=team_lead, agent=agent, product=ProductFactory(name="Cola 1L"))
    with django_capture_on_commit_callbacks(execute=True):
        _build(world)
    client.force_login(team_lead)
    routes = desk_routes()
    # label -> (url, read as htmx); a partial's label is "<name> (htmx)".
    reads = {name: (url_of(name, routes[name], world), name in HTMX_ONLY) for name in PAGES}
    reads |= {f"{name} (htmx)": (url_of(name, routes[name], world), True) for name in PARTIALS}
    few = {}
    for label, (url, htmx) in sorted(reads.items()):
        _read(client, url, htmx=htmx)
        few[label] = _read(client, url, htmx=htmx)
    with django_capture_on_commit_callbacks(execute=True):
        _grow(world, 3)
    many = {}
    for label, (url, htmx) in sorted(reads.items()):
        _read(client, url, htmx=htmx)
        many[label] = _read(client, url, htmx=htmx)
    grew = [
        f"{reads[label][0]} ({label}) read {len(few[label])} queries, then {len(many[label])} "
        f"with more rows (N+1):\n{_explain(many[label])}"
        for label in few
        if len(many[label]) != len(few[label])
    ]
    assert not grew, "\n\n".join(grew)
    differ = [
        f"{reads[label][0]} ({label}): pinned {pinned(label)}, reads {len(few[label])}:\n"
        + _explain(few[label])
        for label in few
        if len(few[label]) != pinned(label)
    ]
    measured = "".join(f'    "{label}": {len(few[label])},\n' for label in few)
    assert not differ, (
        f"Query counts on {connection.vendor} differ from PAGES/PARTIALS; update the table if "
        "the change is meant:\n\n" + "\n\n".join(differ) + "\n\nMeasured:\n" + measured
    )
