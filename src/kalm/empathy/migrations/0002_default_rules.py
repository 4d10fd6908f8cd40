"""The five default priority and routing rules of the issue, the teams they route to, and a gentle
SLA policy for vulnerable consumers. Admins change all of it afterwards in Django admin."""

from datetime import timedelta

from django.db import migrations

# The engine's firing threshold when these rules were written (kalm.empathy.engine.THRESHOLD);
# migrations do not import application code, which may change after them.
THRESHOLD = 0.5

TEAMS = [
    ("product-safety", "Product safety", "Letsel en veiligheidsrisico's (routeringsregel)."),
    ("claims-legal", "Claims & legal", "Aansprakelijkheid, advocaten, juridische stappen."),
    ("communications", "Communications", "Pers en sociale media; de lead wordt ingelicht."),
]

GENTLE_POLICY = "Kwetsbare consument (zacht; alleen via routeringsregel)"

DE_ESCALATION_NL = (
    "Blijf rustig en ga er niet op in. Communicatiebeleid, in deze volgorde:\n"
    "1. Antwoord één keer, rustig en inhoudelijk.\n"
    "2. Benoem het gedrag: \u201cIk wil u graag helpen, en ik vraag u mij niet uit te "
    "schelden.\u201d\n"
    "3. Bied aan telefonisch verder te gaan.\n"
    "4. Gaat het door, beëindig dan het contact zoals het beleid voorschrijft en meld het aan "
    "je teamleider."
)
DE_ESCALATION_EN = (
    "Stay calm and do not answer in kind. Communication policy, in this order:\n"
    "1. Reply once, calmly, to the substance.\n"
    "2. Name the behaviour: \u201cI want to help you, and I ask you not to call me names.\u201d\n"
    "3. Offer to continue by phone.\n"
    "4. If it goes on, end the contact as the policy says and tell your team lead."
)

RULES = [
    {
        "name": "Letsel of veiligheid → Product safety, urgent",
        "signal": "injury",
        "order": 10,
        "set_priority": "urgent",
        "team": "product-safety",
        "guidance_nl": (
            "Letsel of een veiligheidsrisico: de zaak ligt bij Product safety. Vraag of "
            "iedereen in orde is, vraag het product en de batchcode te bewaren en niet meer te "
            "gebruiken, en beloof niets over de oorzaak."
        ),
        "guidance_en": (
            "Injury or a safety risk: the case is with Product safety. Ask whether everyone is "
            "all right, ask the consumer to keep the product and its batch code and to stop "
            "using it, and promise nothing about the cause."
        ),
    },
    {
        "name": "Juridisch → Claims & legal, legal hold",
        "signal": "legal",
        "order": 20,
        "team": "claims-legal",
        "legal_hold": True,
        "guidance_nl": (
            "Er worden een advocaat of juridische stappen genoemd: het dossier staat op legal "
            "hold en de zaak ligt bij Claims & legal. Erken geen aansprakelijkheid en bespreek "
            "geen vergoeding op schrift; Claims & legal antwoordt."
        ),
        "guidance_en": (
            "A lawyer or legal steps are mentioned: the dossier is on legal hold and the case is "
            "with Claims & legal. Do not admit liability or discuss compensation in writing; "
            "Claims & legal answers."
        ),
    },
    {
        "name": "Media → lead Communications inlichten",
        "signal": "media",
        "order": 30,
        "notify_team_leads": True,
        "notify_team": "communications",
        "guidance_nl": (
            "De consument noemt de pers of sociale media: de lead van Communications is ingelicht. "
            "Antwoord zoals je anders ook zou doen, feitelijk en vriendelijk; ga niet in op de "
            "dreiging en doe geen uitspraken namens het bedrijf."
        ),
        "guidance_en": (
            "The consumer mentions the press or social media: the communications lead has been "
            "told. Answer as you would anyway, factual and kind; do not respond to the threat "
            "and make no statements on behalf of the company."
        ),
    },
    {
        "name": "Agressie → communicatiebeleid en de-escalatie",
        "signal": "aggression",
        "order": 40,
        "guidance_nl": DE_ESCALATION_NL,
        "guidance_en": DE_ESCALATION_EN,
    },
    {
        "name": "Kwetsbare consument → zachte SLA, persoonlijke opvolging",
        "signal": "vulnerability",
        "order": 50,
        "personal_followup_hours": 24,
        "sla_policy": GENTLE_POLICY,
        "guidance_nl": (
            "De consument is mogelijk kwetsbaar (ziekte, geldzorgen, rouw, leeftijd). Neem de "
            "tijd, gebruik eenvoudige woorden, zet niet onder druk met termijnen of bewijsstukken "
            "en vraag hoe de consument benaderd wil worden. Er staat een persoonlijke opvolging "
            "gepland."
        ),
        "guidance_en": (
            "The consumer may be vulnerable (illness, money worries, grief, age). Take your time, "
            "use plain words, do not press for deadlines or documents, and ask how they would "
            "like to be contacted. A personal follow-up is planned."
        ),
    },
]


def _team(Team, slug, name, description):
    team = Team.objects.filter(slug=slug).first() or Team.objects.filter(name=name).first()
    if team is None:
        team = Team.objects.create(slug=slug, name=name, description=description)
    return team


def _gentle_policy(apps):
    """Quicker answers and no rush to close. Inactive, so SLA matching never picks it for a case
    by itself: only the vulnerability rule puts a case under it."""
    Calendar = apps.get_model("sla", "BusinessCalendar")
    Policy = apps.get_model("sla", "SlaPolicy")
    calendar = Calendar.objects.filter(name="Office hours NL").first() or Calendar.objects.first()
    if calendar is None:
        return None
    policy, _created = Policy.objects.get_or_create(
        name=GENTLE_POLICY,
        defaults={
            "calendar": calendar,
            "first_response": timedelta(hours=2),
            "next_response": timedelta(hours=4),
            "resolution": timedelta(hours=15 * 8),
            "active": False,
            "order": 900,
        },
    )
    return policy


def forwards(apps, schema_editor):
    Team = apps.get_model("accounts", "Team")
    Rule = apps.get_model("empathy", "RoutingRule")
    teams = {slug: _team(Team, slug, name, text) for slug, name, text in TEAMS}
    policy = _gentle_policy(apps)
    for spec in RULES:
        spec = dict(spec)
        if Rule.objects.filter(signal=spec["signal"], name=spec["name"]).exists():
            continue
        spec["team"] = teams[spec["team"]] if "team" in spec else None
        spec["notify_team"] = teams[spec["notify_team"]] if "notify_team" in spec else None
        spec["sla_policy"] = policy if spec.get("sla_policy") else None
        Rule.objects.create(min_probability=THRESHOLD, active=True, **spec)


def backwards(apps, schema_editor):
    Rule = apps.get_model("empathy", "RoutingRule")
    Rule.objects.filter(name__in=[spec["name"] for spec in RULES], decisions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("empathy", "0001_initial"),
        ("accounts", "0001_initial"),
        ("sla", "0002_default_policies"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
