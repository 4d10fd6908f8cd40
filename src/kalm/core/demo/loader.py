"""Load the demo desk: teams, agents, products, and a few hundred cases with real histories.

Every case is written through the real actions (``kalm.cases.actions``, ``kalm.dossier``), so
dossiers are genuine hash chains, search documents are filled, and nothing in the demo is a shape
the application itself could not produce. Time is back-dated with :mod:`kalm.core.demo.clock`.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kalm.accounts.models import Role, Team, User
from kalm.cases import actions
from kalm.cases.models import (
    Case,
    CaseLink,
    Channel,
    ExpectationOption,
    PortalLink,
    Product,
    Solution,
    Status,
)
from kalm.consumers.models import Consumer, ContactIdentity
from kalm.core.demo import articles as demo_articles
from kalm.core.demo import bot as demo_bot
from kalm.core.demo import content
from kalm.core.demo.clock import DemoClock, frozen_clock
from kalm.core.demo.images import demo_photo
from kalm.dossier import actions as dossier_actions
from kalm.dossier.evidence import EvidenceRefused, evidence_attach
from kalm.dossier.models import Evidence
from kalm.empathy.models import RoutingRule


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    first_name: str
    last_name: str
    alias: str
    teams: tuple[str, ...]

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


TEAMS = [
    ("klantenservice", "Klantenservice", "Eerste lijn: alle vragen en klachten van consumenten."),
    (
        "kwaliteit-veiligheid",
        "Kwaliteit & Veiligheid",
        "Productveiligheid, letsel, vreemde voorwerpen, terugroepacties.",
    ),
]
LOGINS = [
    DemoLogin(
        "agent", "kalm-agent-demo", Role.AGENT, "Evelien", "Jansen", "Eva", ("klantenservice",)
    ),
    DemoLogin(
        "lead",
        "kalm-lead-demo",
        Role.LEAD,
        "Mark",
        "de Boer",
        "Mark",
        ("klantenservice", "kwaliteit-veiligheid"),
    ),
    DemoLogin(
        "admin",
        "kalm-admin-demo",
        Role.ADMIN,
        "Ingrid",
        "Smit",
        "Ingrid",
        ("klantenservice", "kwaliteit-veiligheid"),
    ),
]
# Colleagues who work cases in the demo but have no password (they cannot log in).
COLLEAGUES = [
    ("sophie", "Sophie", "Visser", "Sophie", "klantenservice"),
    ("daan", "Daan", "Mulder", "Daan", "klantenservice"),
    ("lotte", "Lotte", "Hendriks", "Lotte", "kwaliteit-veiligheid"),
    ("fatima", "Fatima", "El Amrani", "Fatima", "claims-legal"),
]
# The lead of the communications team: the media routing rule emails her.
COMMS_LEAD = ("noor", "Noor", "Bakker", "Noor", "communications")
DEMO_EMAIL_DOMAIN = "demo.kalm.localhost"
MARKER_USERNAME = "admin"  # created last: its presence means the demo loaded completely

CATEGORIES = [
    ("quality", 36),
    ("delivery", 16),
    ("billing", 12),
    ("injury", 7),
    ("legal", 6),
    ("abusive", 4),
    ("positive", 7),
]
CHANNELS = [
    (Channel.WEB, 40),
    (Channel.EMAIL, 28),
    (Channel.PHONE, 13),
    (Channel.CHAT, 8),
    (Channel.SOCIAL, 9),
    (Channel.IN_PERSON, 2),
]


class DemoRefused(RuntimeError):
    """The database holds cases that are not demo data: loading would mix the two."""


@dataclass
class DemoResult:
    created: bool
    cases: int = 0
    consumers: int = 0
    evidence: int = 0
    items: int = 0
    crisis_reference: str = ""
    logins: list[DemoLogin] = field(default_factory=lambda: list(LOGINS))


def demo_loaded() -> bool:
    return User.objects.filter(
        username=MARKER_USERNAME, email=f"{MARKER_USERNAME}@{DEMO_EMAIL_DOMAIN}"
    ).exists()


def load_demo(
    *,
    cases: int = 400,
    seed: int = 2611,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoResult:
    """Fill an empty desk with demo data; do nothing when the demo is already there."""
    if demo_loaded():
        return DemoResult(created=False, cases=Case.objects.count())
    if Case.objects.exists():
        raise DemoRefused(
            "This database already holds cases that are not demo data; the demo is only loaded "
            "into an empty desk (point KALM_VAR_DIR or DATABASE_URL at a fresh database)."
        )
    now = now or timezone.now()
    say = progress or (lambda _msg: None)
    rng = random.Random(seed)
    teams = _teams()
    products = _products()
    staff = _staff(teams)
    builder = _Builder(rng=rng, now=now, teams=teams, products=products, staff=staff)
    # The knowledge base first: a case's topic is recognised at intake from its articles.
    say(f"Writing the knowledge base: {len(demo_articles.ARTICLES)} articles in two languages...")
    _knowledge_base(staff)
    with _quiet_side_effects(), frozen_clock(now) as clock:
        builder.clock = clock
        crisis = min(40, max(2, cases // 10)) if cases >= 4 else 0
        regular = cases - crisis
        say(f"Writing {regular} cases over the last four months...")
        builder.regular_cases(regular)
        if crisis:
            say(f"Writing the {crisis} complaints of the batch {content.CRISIS_BATCH} crisis...")
            builder.crisis(crisis)
            say("Detecting the burst and opening the crisis room...")
            builder.crisis_room()
    say(f"Asking the answer bot {len(demo_bot.CONVERSATIONS)} visitors' questions...")
    with _quiet_side_effects():
        _bot_conversations(now)
        say("Surveying the consumers of resolved cases...")
        _surveys(now, staff, seed)
        _improvements(staff)
    say("Adding business customers and the consumers' history with us...")
    with _quiet_side_effects():
        _business_customers(now, staff, products, seed)
    _customer_history(seed)
    say("Marking the consumers the team lost and scoring churn risk...")
    _churn(now, staff, seed)
    _login_users(teams)
    return DemoResult(
        created=True,
        cases=Case.objects.count(),
        consumers=Consumer.objects.count(),
        evidence=Evidence.objects.count(),
        items=builder.items,
        crisis_reference=builder.crisis_lead.reference if builder.crisis_lead else "",
    )


@contextmanager
def _quiet_side_effects() -> Iterator[None]:
    """Run queued jobs inline (so "email sent" lands in the dossier at the back-dated time) and
    deliver demo emails nowhere: the demo consumers are fictional."""
    from huey.contrib.djhuey import HUEY

    previous = HUEY.immediate
    huey_log = logging.getLogger("huey")
    previous_level = huey_log.level
    huey_log.setLevel(logging.WARNING)  # one "executing" line per email is noise here
    HUEY.immediate = True
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            yield
    finally:
        HUEY.immediate = previous
        huey_log.setLevel(previous_level)


def _teams() -> dict[str, Team]:
    teams = {}
    for slug, name, description in TEAMS:
        teams[slug], _ = Team.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    # The routing rules' teams come from a data migration; the demo's safety team is its own
    # "Kwaliteit & Veiligheid", so the injury rule is pointed there, as a team would in the admin.
    for team in Team.objects.filter(slug__in=["claims-legal", "communications"]):
        teams[team.slug] = team
    safety = teams["kwaliteit-veiligheid"]
    for rule in RoutingRule.objects.filter(signal="injury", team__slug="product-safety"):
        rule.name = rule.name.replace(rule.team.name, safety.name)
        rule.team = safety
        rule.save(update_fields=["name", "team"])
    return teams


def _products() -> dict[str, tuple[Product, str]]:
    result = {}
    for name, sku, kind in content.PRODUCTS:
        product, _ = Product.objects.get_or_create(
            name=name, brand=content.BRAND, defaults={"sku": sku}
        )
        result[name] = (product, kind)
    return result


def _user(username: str, first: str, last: str, alias: str, role: str) -> User:
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "alias": alias,
            "role": role,
            "email": f"{username}@{DEMO_EMAIL_DOMAIN}",
        },
    )
    return user


def _staff(teams: dict[str, Team]) -> dict[str, User]:
    staff = {}
    for login in LOGINS[:2]:  # the admin is created last, as the completion marker
        user = _user(login.username, login.first_name, login.last_name, login.alias, login.role)
        user.teams.set([teams[slug] for slug in login.teams])
        staff[login.username] = user
    for username, first, last, alias, team, role in [
        *((*c, Role.AGENT) for c in COLLEAGUES),
        (*COMMS_LEAD, Role.LEAD),
    ]:
        user = _user(username, first, last, alias, role)
        if not user.password:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.teams.set([teams[team]])
        staff[username] = user
    return staff


def _knowledge_base(staff: dict[str, User]) -> None:
    """The help centre's articles (kalm.core.demo.articles), each in Dutch and English, written
    by one demo colleague and reviewed and published by a lead through the real actions (four
    eyes). What is already there (found by the Dutch title) is not written again, so a load that
    was interrupted can be run again."""
    from kalm.kb import actions as kb_actions
    from kalm.kb.models import Article, Category

    lead = staff["lead"]
    categories = {}
    for position, (slug, name_nl, name_en, about_nl, about_en) in enumerate(
        demo_articles.CATEGORIES
    ):
        category = Category.objects.filter(slug=slug).first()
        categories[slug] = category or kb_actions.category_create(
            actor=lead,
            slug=slug,
            name_nl=name_nl,
            name_en=name_en,
            description_nl=about_nl,
            description_en=about_en,
            position=position,
        )
    for position, item in enumerate(demo_articles.ARTICLES):
        author = staff[item.author]
        reviewer = staff["noor"] if author == lead else lead
        visibility = Article.Visibility.INTERNAL if item.internal else Article.Visibility.PUBLIC
        dutch = Article.objects.filter(language="nl", title=item.nl.title).first()
        if dutch is None:
            dutch = kb_actions.article_create(
                actor=author,
                category=categories[item.category],
                language="nl",
                title=item.nl.title,
                summary=item.nl.summary,
                keywords=item.nl.keywords,
                body=item.nl.body,
                visibility=visibility,
                position=position,
            )
        english = Article.objects.filter(group=dutch.group, language="en").first()
        if english is None:
            english = kb_actions.article_translation_create(
                article=dutch,
                actor=author,
                title=item.en.title,
                summary=item.en.summary,
                keywords=item.en.keywords,
                body=item.en.body,
            )
        for article in (dutch, english):
            if article.state == Article.State.DRAFT:
                article = kb_actions.article_submit(article=article, actor=author)
            if article.state == Article.State.IN_REVIEW:
                kb_actions.article_publish(article=article, actor=reviewer)


def _bot_conversations(now: datetime) -> None:
    """Visitors' conversations with the answer bot (kalm.core.demo.bot) through the real
    actions, back-dated over the last two weeks: the gaps page and two hand-offs have content."""
    from kalm.assistant import actions as bot_actions

    for days, hour, language, questions, person in demo_bot.CONVERSATIONS:
        moment = (now - timedelta(days=days)).replace(hour=hour, minute=7)
        moment = min(moment, now - timedelta(minutes=30))
        with frozen_clock(moment) as clock:
            conversation, _secret = bot_actions.conversation_start(language=language)
            for question, rating in questions:
                turn = bot_actions.conversation_ask(
                    conversation=conversation, question=question, page_language=language
                )
                clock.set(clock.now() + timedelta(minutes=1))
                if rating and turn.kind in ("article", "crisis"):
                    bot_actions.turn_feedback(
                        turn=turn,
                        helpful=rating == "yes",
                        reason="" if rating == "yes" else rating,
                    )
                clock.set(clock.now() + timedelta(minutes=1))
            if person:
                bot_actions.conversation_chat_start(
                    conversation=conversation,
                    name=person,
                    email=f"{person.split()[0].lower()}@example.nl",
                    body=questions[-1][0],
                    language=language,
                )


def _surveys(now: datetime, staff: dict[str, User], seed: int) -> None:
    """Two surveys (after resolution, after a chat) and the answers of the consumers of resolved
    demo cases, through the real actions at the times they would have happened: the quiet
    period, the one-click first answer, comments, and low answers that open a follow-up for the
    lead. Expectations land a little better than the Dutch figures the dashboards compare with
    (37% below, 59% as expected, 4% positively surprised): this team is good, not perfect."""
    from kalm.followups.actions import followup_complete
    from kalm.surveys import actions as survey_actions
    from kalm.surveys.models import Trigger

    lead = staff["lead"]
    after = survey_actions.survey_create(
        actor=lead,
        name="Na afhandeling",
        trigger=Trigger.RESOLVED,
        delay_hours=24,
        items=["csat", "expectation", "interested", "important", "understood", "nps", "comment"],
        intro_nl="Uw zaak is afgehandeld. Wilt u ons vertellen hoe het ging? Het kost een minuut.",
        intro_en="Your case has been resolved. Would you tell us how it went? It takes a minute.",
    )
    survey_actions.survey_create(
        actor=lead,
        name="Na de chat",
        trigger=Trigger.CHAT,
        delay_hours=1,
        items=["ces", "csat", "comment"],
        intro_nl="Bedankt voor het chatgesprek.",
        intro_en="Thank you for chatting with us.",
    )
    rng = random.Random(seed + 7)
    comments = {
        "nl": {
            "low": [
                "Het duurde veel te lang en niemand belde terug.",
                "Ik moest alles drie keer uitleggen. Teleurstellend.",
            ],
            "high": [
                "Heel vriendelijk geholpen, dank u wel!",
                "Snel opgelost en ik werd echt serieus genomen.",
            ],
        },
        "en": {
            "low": ["It took far too long and nobody called back."],
            "high": ["Very kind and quick, thank you!"],
        },
    }
    cases = Case.objects.filter(
        status__in=["resolved", "closed"],
        drill_id=None,
        merged_into=None,
        resolved_at__isnull=False,
    ).order_by("resolved_at")
    for case in cases.select_related("consumer"):
        at = case.resolved_at
        # The dossier is a chain in time: the survey comes after everything already in it
        # (a case closed a week after its resolution is surveyed after that).
        last = case.dossier.order_by("-seq").values_list("created_at", flat=True).first()
        send_at = max(at + timedelta(hours=after.delay_hours), last + timedelta(minutes=5))
        if send_at + timedelta(days=2) > now:
            continue
        with frozen_clock(at) as clock:
            invitation = survey_actions.invitation_create(
                survey=after,
                case=case,
                occasion=survey_actions.occasion_key(Trigger.RESOLVED, case=case),
                at=at,
            )
            if invitation is None:
                continue
            clock.set(send_at)
            invitation = survey_actions.invitation_send(invitation_id=invitation.pk)
            if invitation is None or invitation.status != "sent" or rng.random() > 0.45:
                continue  # not sent (quiet period, no address) or not answered, like most
            clock.set(clock.now() + timedelta(hours=rng.randint(1, 30)))
            mood = rng.random()
            if mood < 0.22:
                answers = {"csat": str(rng.choice([1, 2, 2, 3])), "expectation": "below"}
                answers.update(interested="2", important=str(rng.choice([1, 2])), nps="3")
                tone = "low"
            elif mood < 0.82:
                answers = {"csat": str(rng.choice([3, 4, 4, 4, 5])), "expectation": "as_expected"}
                answers.update(interested="4", important="3", understood="4", nps="7")
                tone = "high"
            else:
                answers = {"csat": "5", "expectation": "surprised", "interested": "5"}
                answers.update(important="5", understood="5", nps=str(rng.choice([9, 10])))
                tone = "high"
            first = {"csat": answers.pop("csat")}
            survey_actions.response_submit(invitation=invitation, answers=first)
            if rng.random() < 0.7:  # most who click once also answer the rest
                if rng.random() < 0.35:
                    answers["comment"] = rng.choice(comments[case.language or "nl"][tone])
                clock.set(clock.now() + timedelta(minutes=2))
                survey_actions.response_submit(invitation=invitation, answers=answers)
            response = invitation.response
            if response.followup_id and clock.now() < now - timedelta(days=3):
                clock.set(clock.now() + timedelta(hours=20))  # the lead called back
                followup_complete(followup=response.followup, actor=lead)


def _improvements(staff: dict[str, User]) -> None:
    """What the team changed because of the surveys' comments ("you said, we did"), linked to
    the low answers that said so and published on the portal."""
    from kalm.surveys.improvement_actions import improvement_create
    from kalm.surveys.models import Improvement, Response

    lead = staff["lead"]
    low = list(Response.objects.exclude(low_reasons=[]).order_by("created_at"))
    slow = [r for r in low if "lang" in r.comment or "long" in r.comment]
    again = [r for r in low if "drie keer" in r.comment or r not in slow][:6]
    improvement_create(
        actor=lead,
        said_nl="Het duurde te lang voordat u iets van ons hoorde, en we belden niet terug "
        "wanneer we dat beloofden.",
        said_en="It took too long before you heard from us, and we did not call back when we "
        "said we would.",
        did_nl="Elke belofte om terug te bellen staat nu als opvolgtaak op naam, met een "
        "herinnering; en u krijgt binnen één werkdag een eerste reactie.",
        did_en="Every promise to call back is now a follow-up in someone's name, with a "
        "reminder; and you get a first answer within one working day.",
        status=Improvement.Status.DONE,
        published=True,
        responses=slow,
    )
    improvement_create(
        actor=lead,
        said_nl="U moest uw verhaal steeds opnieuw vertellen aan een andere medewerker.",
        said_en="You had to tell your story again to every new colleague.",
        did_nl="Uw zaak blijft bij één vaste medewerker, die het hele dossier ziet; we testen "
        "dit nu in het team Kwaliteit & Veiligheid.",
        did_en="Your case stays with one colleague who sees the whole file; we are trying "
        "this in the Quality & Safety team now.",
        status=Improvement.Status.IN_PROGRESS,
        published=True,
        responses=again,
    )


# The consumers the demo team knows it lost: fewer than KALM_CHURN_MIN_LOST, so the desk shows
# the rule-based index and how far the team is from a trained model ("now 8 of ...").
DEMO_LOSSES = [
    ("competitor", "Belde om op te zeggen: gaat voortaan bij de concurrent kopen."),
    ("cancelled", "Abonnement opgezegd na de tweede klacht over dezelfde levering."),
    ("stopped", "Koopt onze producten niet meer, liet de klant in het laatste gesprek weten."),
    ("competitor", "Schreef op social media dat hij is overgestapt."),
    ("other", "Zaak gesloten zonder reactie; bestelt sindsdien niets meer."),
    ("cancelled", "Opgezegd per het einde van de maand; wilde er niet over praten."),
    ("stopped", "Voelde zich niet serieus genomen; wil niets meer van ons."),
    ("competitor", "Vond het wachten te lang en bestelt nu elders."),
]


# Business customers (shops, a canteen, a caterer) with what they wrote: (name, email, language,
# product, subject, body, days ago, hours until our answer or None, resolved).
BUSINESS_CASES = [
    (
        "Lunchroom Het Hoekje",
        "inkoop@hethoekje.example",
        "nl",
        "Appelsap troebel 1L",
        "Levering van 12 kratten niet compleet",
        "Goedemorgen, onze vaste bestelling van 12 kratten kwam gisteren met 9 kratten binnen. "
        "Dit is de derde keer dit kwartaal. We draaien op zaterdag vol en hebben het nodig.",
        9,
        50,
        False,
    ),
    (
        "Sportkantine VV Zuidwest",
        "kantine@vvzuidwest.example",
        "nl",
        "Sinaasappelsap vers 1L",
        "Factuur klopt niet",
        "Op de factuur van oktober staan 40 dozen, wij hebben er 30 ontvangen en getekend. "
        "Graag een creditnota.",
        21,
        4,
        True,
    ),
    (
        "Supermarkt Jansen B.V.",
        "klantenservice@jansen-supermarkt.example",
        "nl",
        "Appelsap troebel 1L",
        "Klachten van onze klanten over troebel sap",
        "Wij kregen deze week vier klanten terug met pakken die zuur ruiken, uit dezelfde levering. "
        "Wat moeten we met de rest van de voorraad? We willen dit snel opgelost hebben.",
        4,
        None,
        False,
    ),
    (
        "Corner Café Ltd",
        "orders@cornercafe.example",
        "en",
        "Sinaasappelsap vers 1L",
        "Wrong product delivered again",
        "We ordered orange juice and received apple juice for the second time. "
        "Please send the right crates before Friday.",
        35,
        2,
        True,
    ),
    (
        "Cateraar Smaakvol",
        "planning@smaakvol.example",
        "nl",
        "Appelsap troebel 1L",
        "Vraag over houdbaarheid bij grote evenementen",
        "Wij schenken jullie sap op evenementen. Hoe lang is een geopend pak goed buiten de "
        "koelkast?",
        60,
        3,
        True,
    ),
]


def _topic(case: Case) -> None:
    """What the intake job does after commit (kalm.cases.tasks): recognise the topic from the
    consumer's words. Outside a transaction case_open's commit has run the job already (the
    queue runs jobs inline here); inside one (the tests) it waits for a commit that never
    comes, so the loader runs it."""
    if transaction.get_connection().in_atomic_block:
        actions.case_topic_detect(case=case)


def _business_customers(
    now: datetime, staff: dict[str, User], products: dict[str, tuple[Product, str]], seed: int
) -> None:
    """A few organisations among the consumers, so the desk (and the churn list's filter) shows
    business customers next to people: their cases opened, answered and resolved like others."""
    agent = staff.get("agent")
    for name, email, language, product, subject, body, days, answer_hours, done in BUSINESS_CASES:
        opened = now - timedelta(days=days, hours=random.Random(seed + days).randint(1, 8))
        with frozen_clock(opened):
            case = actions.case_open(
                name=name,
                email=email,
                subject=subject,
                body=body,
                channel=Channel.EMAIL,
                language=language,
                product=products[product][0] if product in products else None,
                created_at=opened,
            )
            _topic(case)
        Consumer.objects.filter(pk=case.consumer_id).update(
            kind=Consumer.Kind.ORGANISATION, created_at=opened - timedelta(days=365 * 3)
        )
        if answer_hours is not None and agent is not None:
            with frozen_clock(opened + timedelta(hours=answer_hours)):
                actions.message_reply(
                    case=case,
                    agent=agent,
                    body=(
                        "Dank voor uw bericht, we zoeken het direct uit en laten het u vandaag "
                        "weten."
                        if language == "nl"
                        else "Thank you, we are looking into it and will let you know today."
                    ),
                )
                if done:
                    actions.case_transition(case=case, to=Status.RESOLVED, actor=agent)


def _customer_history(seed: int) -> None:
    """Most people who write to a desk were customers long before: give a little over half of
    the demo's consumers a first contact months to years before the demo's four months (as if
    known from the previous desk), so tenure varies as it does in a real customer base."""
    rng = random.Random(seed + 29)
    for consumer_id, created in (
        Consumer.objects.filter(drill_id=None, kind=Consumer.Kind.PERSON)
        .order_by("id")
        .values_list("id", "created_at")
    ):
        if rng.random() < 0.55:
            years = 10 ** rng.uniform(-0.3, 0.95)  # half a year to nine years
            Consumer.objects.filter(pk=consumer_id).update(
                created_at=created - timedelta(days=round(365 * years))
            )


def _churn(now: datetime, staff: dict[str, User], seed: int) -> None:
    """A handful of consumers marked as lost by the lead, chosen among those with a bad
    experience (reopened complaints, ignored low answers, long waits, effort, angry messages)
    whose last contact is a few weeks old; each left some days after it and was marked a day or
    two later. Then every consumer is scored, as the hourly job would."""
    from kalm.churn import factors
    from kalm.churn.actions import churn_refresh, loss_mark
    from kalm.churn.models import Loss
    from kalm.churn.scoring import score_rules

    if Loss.objects.exists():
        return
    rng = random.Random(seed + 13)
    figures = factors.compute(as_of=now)

    def bad(row: dict[str, Any]) -> bool:
        return bool(
            row["reopened"]
            or row["unanswered_feedback"]
            or (row["effort"] or 0) >= 5
            or (row["messages"] and row["negative_share"] >= 0.5)
            or row["waiting_hours"] >= 48
        )

    real = set(
        Consumer.objects.filter(drill_id=None, merged_into=None).values_list("id", flat=True)
    )
    candidates = sorted(
        (
            (score_rules(row).score, consumer_id)
            for consumer_id, row in figures.items()
            if consumer_id in real and bad(row) and (row["recency_days"] or 0) >= 14
        ),
        reverse=True,
    )
    zone = timezone.get_current_timezone()
    for (_score, consumer_id), (reason, note) in zip(candidates, DEMO_LOSSES, strict=False):
        consumer = Consumer.objects.get(pk=consumer_id)
        last = now - timedelta(days=figures[consumer_id]["recency_days"])
        day = (last + timedelta(days=rng.randint(3, 12))).astimezone(zone).date()
        lost_at = min(datetime.combine(day, datetime.min.time(), tzinfo=zone), now)
        with frozen_clock(min(lost_at + timedelta(hours=rng.randint(20, 60)), now)):
            loss_mark(
                consumer=consumer, actor=staff["lead"], lost_at=lost_at, reason=reason, note=note
            )
    # At the real time, as the hourly job would: some rows of the load (analyses, answers) are
    # stamped after ``now``.
    churn_refresh()


def _login_users(teams: dict[str, Team]) -> None:
    for login in LOGINS:
        user = _user(login.username, login.first_name, login.last_name, login.alias, login.role)
        user.set_password(login.password)
        user.is_staff = user.is_superuser = login.role == Role.ADMIN
        user.save()
        user.teams.set([teams[slug] for slug in login.teams])


def _weighted(rng: random.Random, options: list[tuple[Any, int]]) -> Any:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _final_status(rng: random.Random, age: timedelta) -> str:
    days = age.total_seconds() / 86400
    if days < 1:
        table = [(Status.NEW, 55), (Status.OPEN, 30), (Status.WAITING_CONSUMER, 15)]
    elif days < 7:
        table = [
            (Status.NEW, 10),
            (Status.OPEN, 22),
            (Status.WAITING_CONSUMER, 15),
            (Status.WAITING_US, 20),
            (Status.SOLUTION_PROPOSED, 20),
            (Status.RESOLVED, 13),
        ]
    elif days < 30:
        table = [
            (Status.OPEN, 8),
            (Status.WAITING_CONSUMER, 10),
            (Status.WAITING_US, 14),
            (Status.SOLUTION_PROPOSED, 14),
            (Status.RESOLVED, 32),
            (Status.CLOSED, 16),
            (Status.REOPENED, 6),
        ]
    else:
        table = [
            (Status.WAITING_US, 4),
            (Status.RESOLVED, 14),
            (Status.CLOSED, 76),
            (Status.REOPENED, 6),
        ]
    return _weighted(rng, table)


_ORDER = [
    Status.NEW,
    Status.OPEN,
    Status.WAITING_CONSUMER,
    Status.WAITING_US,
    Status.SOLUTION_PROPOSED,
    Status.RESOLVED,
    Status.CLOSED,
    Status.REOPENED,
]


class _Builder:
    """Writes cases step by step, moving the demo clock forward between steps."""

    def __init__(self, *, rng, now, teams, products, staff) -> None:
        self.rng: random.Random = rng
        self.now: datetime = now
        self.limit = now - timedelta(minutes=7)
        self.teams: dict[str, Team] = teams
        self.products = products
        self.staff: dict[str, User] = staff
        self.clock: DemoClock
        self.items = 0
        self.crisis_lead: Case | None = None
        self.people: list[tuple[str, str, str, str]] = []
        self.members = {
            team.pk: [u for u in staff.values() if team in u.teams.all()] for team in teams.values()
        }
        self.expectations = {e.code: e for e in ExpectationOption.objects.all()}

    # --- time --------------------------------------------------------------------------------

    def at(self, moment: datetime) -> datetime:
        moment = min(moment, self.limit)
        moment = max(moment, self.clock.current)
        self.clock.set(moment)
        return moment

    def later(self, low_hours: float, high_hours: float, *, office: bool = True) -> datetime:
        """Move the clock forward by a random span (to office hours for agents), never past now."""
        start = self.clock.current
        moment = start + timedelta(hours=self.rng.uniform(low_hours, high_hours))
        if office:
            local = timezone.localtime(moment)
            if local.weekday() >= 5:
                local = (local + timedelta(days=7 - local.weekday())).replace(hour=8)
            if local.hour < 8:
                local = local.replace(hour=8, minute=self.rng.randrange(60))
            elif local.hour >= 18:
                local = (local + timedelta(days=1)).replace(hour=8, minute=self.rng.randrange(60))
            moment = local
        if moment >= self.limit:  # squeeze the rest of the story in before now
            moment = start + (self.limit - start) * self.rng.uniform(0.15, 0.4)
        return self.at(moment)

    # --- people ------------------------------------------------------------------------------

    def consumer(self, language: str) -> tuple[str, str, str]:
        if self.people and self.rng.random() < 0.12:
            same = [p for p in self.people if p[3] == language]
            if same:
                name, email, phone, _lang = self.rng.choice(same)
                return name, email, phone
        name, email, phone = content.person(self.rng, language)
        self.people.append((name, email, phone, language))
        return name, email, phone

    def agent_for(self, team: Team) -> User:
        members = self.members.get(team.pk) or self.members[self.teams["klantenservice"].pk]
        return self.rng.choice(members)

    # --- one case ----------------------------------------------------------------------------

    def regular_cases(self, count: int) -> None:
        span = timedelta(days=120)
        moments = sorted(
            self.now - span * (self.rng.random() ** 1.3) for _ in range(count)
        )  # a little denser towards today, as a growing desk is
        written = 0
        for created in moments:
            if written >= count:
                break
            written += 1
            language = "nl" if self.rng.random() < 0.8 else "en"
            category = _weighted(self.rng, CATEGORIES)
            product_name = self.rng.choice(list(self.products))
            if category == "injury":
                product_name = self.rng.choice(
                    [
                        "Airfryer XL",
                        "Waterkoker 1,7L",
                        "Muesli Krokant Noten",
                        "Kinderfles Aardbei 200ml",
                    ]
                )
            product, kind = self.products[product_name]
            story = content.compose(
                self.rng, language=language, category=category, product=product_name, kind=kind
            )
            case = self.open(story, language=language, product=product, kind=kind, created=created)
            if self.rng.random() < 0.015 and case.consumer.email and written < count:
                written += 1
                duplicate = self.duplicate(case, story, language)
                self.later(0.2, 4)
                actions.case_merge(source=duplicate, target=case, actor=self.staff["lead"])
            final = _final_status(self.rng, self.now - created)
            if story.positive and final not in {Status.NEW, Status.OPEN}:
                final = Status.CLOSED if final == Status.CLOSED else Status.RESOLVED
            self.work(case, story, language=language, final=final, kind=kind)

    def open(self, story, *, language, product, kind, created, channel=None) -> Case:
        self.clock.set(created)
        channel = channel or _weighted(self.rng, CHANNELS)
        name, email, phone = self.consumer(language)
        if channel == Channel.PHONE and not phone:
            phone = f"06 {self.rng.randrange(10000000, 99999999)}"
        team = self.teams["kwaliteit-veiligheid" if story.quality else "klantenservice"]
        opened_by = None
        if channel in {Channel.PHONE, Channel.IN_PERSON}:
            opened_by = self.agent_for(team)
        batch = ""
        if kind in {"drink", "food", "baby", "cleaning"} and self.rng.random() < 0.55:
            batch = content.batch_code(self.rng)
        if story.category == "crisis":
            batch = content.CRISIS_BATCH if self.rng.random() < 0.85 else ""
        wishes = {
            "quality": ["replacement", "refund", "explanation"],
            "injury": ["refund", "explanation", "apology"],
            "legal": ["refund"],
            "crisis": ["explanation", "informed", "refund"],
            "delivery": ["replacement", "informed"],
            "billing": ["refund"],
            "abusive": ["refund", "apology"],
        }.get(story.category, [])
        chosen = [
            self.expectations[code]
            for code in wishes
            if code in self.expectations and self.rng.random() < 0.6
        ]
        case = actions.case_open(
            name=name,
            email=email if (channel != Channel.PHONE or self.rng.random() < 0.6) else "",
            phone=phone,
            subject=story.subject,
            body=(
                story.body
                if opened_by is None
                else (
                    f"Consument belt: {story.core}"
                    if channel == Channel.PHONE
                    else f"Consument aan de balie: {story.core}"
                )
                if language == "nl"
                else (f"Consumer called: {story.core}")
            ),
            channel=channel,
            language=language,
            product=product
            if story.category not in {"billing"} or self.rng.random() < 0.5
            else None,
            batch_number=batch,
            expectations=chosen,
            priority=story.priority,
            opened_by=opened_by,
            created_at=created,
        )
        _topic(case)
        case.refresh_from_db()  # the routing rules may have moved it (team, priority) already
        Consumer.objects.filter(pk=case.consumer_id, created_at__gt=created).update(
            created_at=created
        )
        ContactIdentity.objects.filter(consumer_id=case.consumer_id, created_at__gt=created).update(
            created_at=created
        )
        if channel == Channel.WEB:
            link, token = actions.portal_link_create(case=case)
            PortalLink.objects.filter(pk=link.pk).update(created_at=created)
            actions.case_confirmation_queue(case=case, token=token)
        if story.photos and channel in {Channel.WEB, Channel.EMAIL, Channel.SOCIAL, Channel.CHAT}:
            message = case.messages.first()
            for number in range(story.photos):
                self.photo(case, kind, number, message=message)
        return case

    def photo(self, case: Case, kind: str, number: int, *, message=None, agent=None) -> None:
        taken = self.clock.current - timedelta(minutes=self.rng.randrange(5, 600))
        upload = demo_photo(
            self.rng,
            subject=content.PHOTO_HINTS.get(kind, "package"),
            label=case.batch_number or case.reference,
            taken_at=taken,
            name=f"IMG_{taken:%Y%m%d}_{taken:%H%M%S}{number}.jpg",
        )
        try:
            evidence = evidence_attach(
                case=case, upload=upload, actor=agent, from_consumer=agent is None, message=message
            )
        except EvidenceRefused:  # settings may exclude JPEG; the demo then has fewer photos
            return
        Evidence.objects.filter(pk=evidence.pk).update(uploaded_at=self.clock.current)

    def item(self, case: Case, story: content.Story, agent: User) -> None:
        register = getattr(dossier_actions, "item_register", None)
        move = getattr(dossier_actions, "item_custody_move", None)
        if register is None:
            return
        where = self.rng.choice(
            [
                "Bij de consument thuis (koerier)",
                "Servicebalie hoofdkantoor Amersfoort",
                "Afgegeven in de winkel, opgehaald door de vertegenwoordiger",
            ]
            if case.language == "nl"
            else ["At the consumer's home (courier)", "Head office service desk"]
        )
        item = register(
            case=case,
            agent=agent,
            description=story.item,
            collected_where=where,
            collected_at=self.clock.current - timedelta(hours=1),
            condition=self.rng.choice(
                ["In plastic zak, gesloten", "Gebroken, scherven apart verpakt", "Onbeschadigd"]
            ),
        )
        self.items += 1
        if move is None:
            return
        for custody in ("stored", "sent_to_lab", "returned")[: self.rng.randrange(1, 3)]:
            self.later(4, 48)
            try:
                move(item=item, agent=agent, custody=custody, note="")
            except Exception:  # the custody table may refuse a step; the history stops there
                break

    def work(self, case: Case, story, *, language: str, final: str, kind: str) -> None:
        """Take the case from new to its final status the way a team would."""
        rank = _ORDER.index(final)
        if final == Status.NEW:
            if self.rng.random() < 0.3:
                self.later(0.2, 3)
                actions.case_assign(
                    case=case, actor=self.staff["lead"], assignee=None, team=case.team
                )
            return
        team = case.team or self.teams["klantenservice"]
        agent = self.agent_for(team)
        self.later(0.3, 20)
        actions.case_assign(
            case=case,
            actor=self.staff["lead"] if self.rng.random() < 0.4 else agent,
            assignee=agent,
            team=team,
        )
        for note in story.notes:
            self.later(0.1, 1)
            actions.note_add(case=case, agent=agent, body=note)
        self.later(0.2, 6)
        name = case.consumer.name
        reply = content.reply_first(self.rng, story, language)
        asks = final == Status.WAITING_CONSUMER or (
            rank >= 3 and not story.positive and self.rng.random() < 0.45
        )
        if asks:
            reply = f"{reply}\n\n{content.reply_ask_info(self.rng, language)}"
        actions.message_reply(
            case=case,
            agent=agent,
            body=f"{content.greeting(language, name)}\n\n{reply}\n\n{content.sign(language, agent.alias)}",
        )
        if final == Status.OPEN:
            if case.consumer.phone and self.rng.random() < 0.4:
                self.later(1, 24)
                actions.phone_note_add(
                    case=case,
                    agent=agent,
                    body=content.phone_note(self.rng, story, language),
                    direction="outbound",
                )
            return
        if asks:
            actions.case_transition(case=case, to=Status.WAITING_CONSUMER, actor=agent)
            if final == Status.WAITING_CONSUMER:
                return
            self.later(2, 60, office=False)
            message = actions.message_receive(case=case, body=story.follow_up)
            if kind != "appliance" and self.rng.random() < 0.5:
                self.photo(case, kind, 9, message=message)
        if story.positive:
            self.later(0.1, 2)
            actions.case_transition(case=case, to=Status.RESOLVED, actor=agent)
            if final == Status.CLOSED:
                self.later(24, 72)
                actions.case_transition(case=case, to=Status.CLOSED, actor=agent)
            return
        if story.quality or story.category in {"legal", "injury"} or final == Status.WAITING_US:
            self.later(0.5, 24)
            actions.case_transition(case=case, to=Status.WAITING_US, actor=agent)
            due = timezone.localdate(self.clock.current) + timedelta(days=self.rng.randrange(3, 10))
            actions.next_step_set(
                case=case,
                actor=agent,
                text=content.next_step_text(self.rng, story, language),
                due=due,
            )
            if story.item:
                self.later(2, 48)
                self.item(case, story, agent)
            if case.consumer.phone and self.rng.random() < 0.3:
                self.later(2, 30)
                actions.phone_note_add(
                    case=case, agent=agent, body=content.phone_note(self.rng, story, language)
                )
            if final == Status.WAITING_US:
                return
        self.later(4, 72)
        solution = actions.solution_propose(
            case=case, agent=agent, text=content.solution_text(self.rng, story, language)
        )
        Solution.objects.filter(pk=solution.pk).update(proposed_at=self.clock.current)
        if final == Status.SOLUTION_PROPOSED:
            return
        self.later(3, 96, office=False)
        if self.rng.random() < 0.15:
            actions.solution_answer(
                solution=solution, accepted=False, comment=content.rejection_comment(language)
            )
            self.later(2, 48)
            solution = actions.solution_propose(
                case=case,
                agent=agent,
                text=(
                    "We storten het volledige aankoopbedrag terug, en u ontvangt daarnaast een waardebon."
                    if language == "nl"
                    else "We will refund the full purchase price, and send you a voucher as well."
                ),
            )
            Solution.objects.filter(pk=solution.pk).update(proposed_at=self.clock.current)
            self.later(3, 72, office=False)
        if self.rng.random() < 0.12:  # a gesture on top of the solution: positive surprise
            kind, cost, text = self.rng.choice(content.GOODWILL[language])
            actions.goodwill_record(
                case=case,
                actor=agent,
                kind=kind,
                cost=cost,
                description=text,
                given_at=self.clock.current,
            )
        actions.solution_answer(
            solution=solution,
            accepted=True,
            comment=self.rng.choice(
                ["", "Dank u wel!", "Prima, zo is het goed.", "Top, bedankt voor de snelle hulp."]
                if language == "nl"
                else ["", "Thank you!", "That's fine."]
            ),
        )
        self.later(0.5, 24)
        actions.case_transition(case=case, to=Status.RESOLVED, actor=agent)
        if final in {Status.CLOSED, Status.REOPENED}:
            self.later(72, 240)
            actions.case_transition(
                case=case,
                to=Status.CLOSED,
                actor=None,
                reason="No reaction within three days after resolving",
            )
        if final == Status.REOPENED:
            self.later(24, 400, office=False)
            actions.message_receive(case=case, body=content.reopen_text(language))

    def duplicate(self, case: Case, story, language: str) -> Case:
        """The same consumer writing again about the same thing through another channel."""
        self.later(0.5, 5, office=False)
        duplicate = actions.case_open(
            name=case.consumer.name,
            email=case.consumer.email,
            phone=case.consumer.phone,
            subject=story.subject,
            body=(
                "Ik had al eerder gemaild, maar nog niets gehoord. " + story.body
                if language == "nl"
                else "I already emailed but heard nothing. " + story.body
            ),
            channel=Channel.EMAIL if case.channel != Channel.EMAIL else Channel.WEB,
            language=language,
            product=case.product,
            created_at=self.clock.current,
        )
        _topic(duplicate)
        return duplicate

    # --- the running crisis -------------------------------------------------------------------

    def crisis_room(self) -> None:
        """Run the burst detector as the worker would, and open the crisis from its alert the
        way the lead did: crisis roles, the playbook, most proposed cases confirmed, the first
        steps ticked. The rest is left for the visitor to work."""
        from kalm.bursts.actions import alerts_detect
        from kalm.crisis import actions as crisis_actions
        from kalm.crisis.models import CrisisCase, Scenario, TeamRole

        lead = self.staff["lead"]
        roles = [
            (lead, TeamRole.LEAD),
            (lead, TeamRole.SPOKESPERSON),
            (self.staff["agent"], TeamRole.CUSTOMER_CARE),
            (self.staff["noor"], TeamRole.SOCIAL),
            (self.staff["fatima"], TeamRole.LEGAL),
            (self.staff["lotte"], TeamRole.SAFETY),
        ]
        for user, role in roles:
            crisis_actions.crisis_role_assign(actor=lead, user=user, role=role)
        alerts = alerts_detect(now=self.clock.current)
        alert = next((a for a in alerts if a.batch == content.CRISIS_BATCH), None)
        product, _kind = self.products[content.CRISIS_PRODUCT]
        first = (
            Case.objects.filter(batch_number=content.CRISIS_BATCH).order_by("created_at").first()
        )
        crisis = crisis_actions.crisis_open(
            actor=lead,
            owner=lead,
            title=f"Exploderende flessen {content.CRISIS_PRODUCT}, partij {content.CRISIS_BATCH}",
            scenario=Scenario.PRODUCT_SAFETY,
            severity=3,
            products=[product],
            batches=[content.CRISIS_BATCH],
            window_start=first.created_at if first else None,
            alert=alert,
            language="nl",
        )
        sure = CrisisCase.objects.filter(
            crisis=crisis, case__batch_number=content.CRISIS_BATCH
        ).values_list("pk", flat=True)
        crisis_actions.crisis_cases_confirm(crisis=crisis, actor=lead, link_ids=list(sure))
        for task in crisis.tasks.order_by("due_at")[:2]:
            crisis_actions.crisis_task_complete(task=task, actor=task.owner or lead)
        self.crisis_statements(crisis)

    def crisis_statements(self, crisis: Any) -> None:
        """The first statement as it went out: drafted by the spokesperson, approved by legal,
        published on every channel but social (the demo has no social tool to post to). The
        second version, drafted by customer care, waits for review: a visitor logged in as the
        lead (crisis lead and spokesperson) can approve and publish it."""
        from kalm.crisis import actions as crisis_actions
        from kalm.crisis.models import PublishChannel

        lead, legal = self.staff["lead"], self.staff["fatima"]
        product, batch = content.CRISIS_PRODUCT, content.CRISIS_BATCH
        sections = {
            "what_happened": (
                f"Flessen {product} uit partij {batch} kunnen door nagisting onder te hoge druk "
                "komen te staan en barsten. Er zijn meldingen van glasscherven en lichte "
                "verwondingen."
            ),
            "what_we_do": (
                f"We hebben partij {batch} uit alle winkels laten halen en onderzoeken met de "
                "producent hoe dit kon gebeuren. Iedereen die letsel meldt, bellen we persoonlijk."
            ),
            "what_to_expect": (
                "U krijgt het aankoopbedrag terug en een vergoeding voor schade. Binnen twee "
                "werkdagen hoort u van ons; de volgende update op deze pagina volgt morgen om 12:00."
            ),
            "what_you_can_do": (
                f"Open flessen uit partij {batch} niet (het nummer staat op de hals). Zet ze "
                "rechtop en koel weg, buiten bereik van kinderen, en gooi ze niet weg: wij halen "
                "ze gratis op."
            ),
            "how_to_reach_us": (
                "Bel gratis 0800-0123 (dag en nacht) of gebruik het contactformulier op deze "
                "pagina."
            ),
        }
        faq = [
            {
                "q": "Hoe weet ik of mijn fles uit deze partij komt?",
                "a": f"Het partijnummer {batch} staat op de hals van de fles, naast de datum.",
            },
            {
                "q": "Zijn andere partijen veilig?",
                "a": "Ja. Alleen deze partij is op de afwijkende lijn gevuld.",
            },
        ]
        first = crisis_actions.statement_draft(
            crisis=crisis, actor=lead, language="nl", faq=faq, **sections
        )
        crisis_actions.statement_submit(version=first, actor=lead)
        crisis_actions.statement_approve(version=first, actor=legal)
        crisis_actions.statement_publish(
            version=first,
            actor=lead,
            channels=[
                PublishChannel.PUBLIC_PAGE,
                PublishChannel.DESK_MACRO,
                PublishChannel.CHAT_ANSWER,
                PublishChannel.EMAIL_UPDATE,
            ],
        )
        sections["what_we_do"] += (
            " Het onderzoek wijst op een fout in de koeling na het vullen; die is hersteld."
        )
        care = self.staff["agent"]
        second = crisis_actions.statement_draft(
            crisis=crisis, actor=care, language="nl", faq=faq, **sections
        )
        crisis_actions.statement_submit(version=second, actor=care)

    def crisis(self, count: int) -> None:
        product, kind = self.products[content.CRISIS_PRODUCT]
        quality = self.teams["kwaliteit-veiligheid"]
        lead = self.staff["lead"]
        moments = sorted(
            self.now - timedelta(hours=47) * (self.rng.random() ** 1.6) for _ in range(count - 1)
        )
        moments.insert(0, self.now - timedelta(hours=47, minutes=self.rng.randrange(50)))
        # Written in time order, so the lead case's notes and links follow the reports in.
        for index, created in enumerate(moments):
            language = "nl" if self.rng.random() < 0.9 else "en"
            story = content.crisis_story(self.rng, language=language)
            channel = Channel.PHONE if index == 0 else None
            self.clock.set(created)
            case = self.open(
                story,
                language=language,
                product=product,
                kind=kind,
                created=created,
                channel=channel,
            )
            if index == 0:
                self.crisis_lead = case
                self.later(0.2, 0.6, office=False)
                actions.case_assign(case=case, actor=lead, assignee=lead, team=quality)
                actions.case_set_priority(case=case, actor=lead, priority="urgent")
                actions.note_add(
                    case=case,
                    agent=lead,
                    body=(
                        f"Hoofdzaak voor het incident met {content.CRISIS_PRODUCT}, partij "
                        f"{content.CRISIS_BATCH}: mogelijk overdruk door nagisting. Alle meldingen "
                        "over deze partij koppelen aan deze zaak. Productie en QA zijn ingelicht."
                    ),
                )
                actions.case_transition(case=case, to=Status.WAITING_US, actor=lead)
                actions.next_step_set(
                    case=case,
                    actor=lead,
                    text=content.next_step_text(self.rng, story, "nl"),
                    due=timezone.localdate(self.clock.current) + timedelta(days=3),
                )
                continue
            # Linked within minutes, and before the next report comes in, so the lead case's
            # dossier reads in the order things happened.
            upcoming = moments[index + 1] if index + 1 < len(moments) else self.limit
            self.at(
                min(self.clock.current + timedelta(minutes=self.rng.randrange(2, 40)), upcoming)
            )
            actions.case_link(case=case, other=self.crisis_lead, actor=lead)
            CaseLink.objects.filter(from_case=self.crisis_lead, to_case=case).update(
                created_at=self.clock.current
            )
            worked = self.rng.random()
            if worked < 0.3 or index >= len(moments) - 3:  # the latest reports always wait
                actions.case_assign(case=case, actor=lead, assignee=None, team=quality)
                continue  # still new: the team is working through the burst
            agent = self.agent_for(quality)
            actions.case_assign(case=case, actor=lead, assignee=agent, team=quality)
            for note in story.notes:
                actions.note_add(case=case, agent=agent, body=note)
            self.later(0.1, 3, office=False)
            actions.message_reply(
                case=case,
                agent=agent,
                body=(
                    f"{content.greeting(language, case.consumer.name)}\n\n"
                    + (
                        "Wat ontzettend vervelend en schrikken. Gelukkig is er niemand ernstig gewond, hoop ik? "
                        "We onderzoeken op dit moment meerdere meldingen over deze partij. Bewaar de fles en de "
                        "scherven alstublieft, en gebruik geen andere flessen met dezelfde batchcode."
                        if language == "nl"
                        else "That must have been a shock. We are investigating several reports about this batch. "
                        "Please keep the bottle and the pieces, and do not use other bottles with the same code."
                    )
                    + f"\n\n{content.sign(language, agent.alias)}"
                ),
            )
            if worked < 0.55:
                continue
            actions.case_transition(case=case, to=Status.WAITING_US, actor=agent)
            actions.next_step_set(
                case=case,
                actor=agent,
                text=content.next_step_text(self.rng, story, language),
                due=timezone.localdate(self.clock.current) + timedelta(days=3),
            )
            if story.item:
                self.later(0.5, 4, office=False)
                self.item(case, story, agent)
        if self.crisis_lead is not None:
            self.at(self.limit)
            actions.note_add(
                case=self.crisis_lead,
                agent=lead,
                body=(
                    f"Stand van zaken: {count} meldingen over partij {content.CRISIS_BATCH} in 48 uur. "
                    "Scherven van drie flessen naar het lab; terugroepactie wordt voorbereid."
                ),
            )
