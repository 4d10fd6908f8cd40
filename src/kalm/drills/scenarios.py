"""The drill scenarios: three well-known kinds of crisis, retold with fictional brands, and the
script generator that turns one into a complaint wave.

A scenario is data: the product and batch the wave is about, the channel mix, the volume curve
and the building blocks of the complaints in Dutch and English. ``script_build`` draws the wave
from a seed with ``random.Random(seed)`` only, so the same drill parameters always give the same
script (a drill can be rerun and two teams compared).

The texts name the product and the batch on purpose: real consumers do, and it is what lets the
burst detector group the wave (product and batch keys, and the topic clusters over the text).
Calm, angry and threatening consumers use different openings and closings, so the empathy
engine sees the range it sees in a real crisis (fear and injury, anger, legal and media threats,
aggression).

Volume curve, in script time: a quiet trickle of everyday complaints about the product from
the start (at the rate of the weeks before), the wave's onset at ``onset_minutes``, a ramp to ``peak_per_hour`` over
``ramp_hours``, a plateau, then a decay. Arrivals are a Poisson process with that rate (drawn by
thinning), multiplied by the drill's volume.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

CHANNELS = ("web", "email", "chat", "phone", "social")
LANGUAGES = ("nl", "en")
TONES = ("calm", "angry", "threat")
THREAT_KINDS = ("legal", "media", "aggression")

# Dutch and English first names and surnames for the fictional consumers.
FIRST = {
    "nl": ("Sanne", "Daan", "Femke", "Joost", "Anouk", "Bram", "Lotte", "Sem", "Noor", "Ruud",
           "Ilse", "Thijs", "Marloes", "Kees", "Yara", "Mehmet", "Fatima", "Jeroen", "Els", "Wim"),
    "en": ("Emma", "James", "Olivia", "Liam", "Sophie", "Noah", "Grace", "Oliver", "Amelia",
           "Harry", "Chloe", "Jack", "Priya", "Tom", "Hannah", "Ryan", "Aisha", "Ben", "Lucy"),
}  # fmt: skip
LAST = {
    "nl": ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
           "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "Yilmaz"),
    "en": ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas",
           "Roberts", "Walker", "Wright", "Patel", "Green", "Hall", "Clarke"),
}  # fmt: skip

# Tone building blocks shared by every scenario. {product} and {batch} are filled in.
OPENINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "calm": (
            "Goedendag,",
            "Beste klantenservice,",
            "Hallo,",
            "Ik wil graag iets melden.",
            "Misschien weet u dit al, maar",
        ),
        "angry": (
            "Dit is echt schandalig.",
            "Ik ben woedend.",
            "Hoe is het mogelijk?!",
            "Onacceptabel, dit.",
            "Ik ben het spuugzat.",
        ),
        "threat": (
            "Dit is de laatste keer dat ik normaal vraag.",
            "Ik ben ontzettend kwaad.",
            "Luister goed.",
            "Genoeg is genoeg.",
        ),
    },
    "en": {
        "calm": (
            "Hello,",
            "Dear customer service,",
            "Hi there,",
            "I would like to report something.",
            "You may already know, but",
        ),
        "angry": (
            "This is absolutely disgraceful.",
            "I am furious.",
            "How is this even possible?!",
            "This is unacceptable.",
            "I am fed up.",
        ),
        "threat": (
            "This is the last time I ask nicely.",
            "I am extremely angry.",
            "Listen carefully.",
            "Enough is enough.",
        ),
    },
}
CLOSINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "calm": (
            "Wat moet ik nu doen?",
            "Kunt u mij laten weten wat ik moet doen?",
            "Graag hoor ik van u.",
            "Ik hoor graag hoe ik dit kan oplossen.",
        ),
        "angry": (
            "Ik eis vandaag nog een reactie.",
            "Ik wil mijn geld terug en wel nu.",
            "Waarom hoor ik niets van jullie?",
            "Dit had nooit mogen gebeuren, los het op!",
        ),
    },
    "en": {
        "calm": (
            "What should I do now?",
            "Could you let me know what to do?",
            "I look forward to hearing from you.",
            "Please tell me how to sort this out.",
        ),
        "angry": (
            "I demand an answer today.",
            "I want my money back, now.",
            "Why have I heard nothing from you?",
            "This should never have happened, fix it!",
        ),
    },
}
THREATS: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "legal": (
            "Ik schakel mijn advocaat in en stel u aansprakelijk voor alle schade.",
            "Ik ga juridische stappen ondernemen en dien een klacht in bij de ACM.",
            "U hoort van mijn advocaat, ik stel u aansprakelijk.",
        ),
        "media": (
            "Ik stuur dit vandaag nog naar de krant en naar Radar.",
            "Ik zet dit op sociale media, iedereen moet dit weten.",
            "Ik heb al contact met een journalist.",
        ),
        "aggression": (
            "Als er vandaag niets gebeurt, kom ik langs en dan zullen jullie het weten.",
            "Jullie gaan hiervoor boeten, dat beloof ik.",
            "Ik weet waar jullie kantoor zit.",
        ),
    },
    "en": {
        "legal": (
            "I am instructing my lawyer and will hold you liable for all damages.",
            "I will take legal action and file a complaint with the regulator.",
            "You will hear from my solicitor, I hold you responsible.",
        ),
        "media": (
            "I am sending this to the newspapers today.",
            "I will post this all over social media, everyone needs to know.",
            "I have already contacted a journalist.",
        ),
        "aggression": (
            "If nothing happens today I will come to your office and you will regret it.",
            "You will pay for this, I promise you.",
            "I know where your office is.",
        ),
    },
}
KEEP_INFORMED = {
    "nl": "Houd me op de hoogte alstublieft.",
    "en": "Please keep me informed.",
}


@dataclass(frozen=True)
class Scenario:
    key: str
    title: Any  # lazily translated
    summary: Any
    crisis_scenario: str  # kalm.crisis.models.Scenario value, for the crisis the team opens
    brand: str
    product: str
    batch: str
    other_batches: tuple[str, ...]  # everyday complaints name these
    channel_weights: dict[str, float]
    language_weights: dict[str, float]
    # Everyday complaints a day about the product: the weeks of history before the drill, and
    # the trickle that goes on during it (the same rate, so it is no burst by itself).
    history_per_day: float
    onset_minutes: int
    ramp_hours: float
    peak_per_hour: float
    plateau_hours: float
    decay_hours: float
    # Per language: subjects and facts of the wave, and subjects and texts of everyday
    # complaints; {product} and {batch} are filled in. Facts marked "!" report an injury.
    wave_subjects: dict[str, tuple[str, ...]]
    wave_facts: dict[str, tuple[str, ...]]
    everyday: dict[str, tuple[tuple[str, str], ...]]
    informed_share: float = 0.35
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def length_minutes(self) -> int:
        return int(
            self.onset_minutes + 60 * (self.ramp_hours + self.plateau_hours + self.decay_hours)
        )

    @property
    def product_name(self) -> str:
        return f"[DRILL] {self.brand} {self.product}"

    def wave_rate(self, minute: float) -> float:
        """Expected wave complaints per script hour at ``minute`` (volume 1)."""
        t = (minute - self.onset_minutes) / 60
        if t < 0:
            return 0.0
        if t < self.ramp_hours:  # a smooth S-shaped ramp: a few early reports, then the wave
            return self.peak_per_hour * (1 - math.cos(math.pi * t / self.ramp_hours)) / 2
        t -= self.ramp_hours
        if t < self.plateau_hours:
            return self.peak_per_hour
        t -= self.plateau_hours
        if t < self.decay_hours:
            return self.peak_per_hour * math.exp(-3 * t / self.decay_hours)
        return 0.0


TAMPERING = Scenario(
    key="tampering",
    title=_("Tampering recall: painkiller capsules"),
    summary=_(
        "Capsules of one batch of a painkiller look different and the seal is broken; people "
        "fear poisoning (modelled on the 1982 Tylenol case)."
    ),
    crisis_scenario="recall",
    brand="Paravita",
    product="Extra Sterk capsules 500 mg",
    batch="PV2411-07",
    other_batches=("PV2409-02", "PV2410-11", "PV2411-01"),
    channel_weights={"web": 0.25, "email": 0.2, "phone": 0.3, "chat": 0.1, "social": 0.15},
    language_weights={"nl": 0.75, "en": 0.25},
    history_per_day=2.0,
    onset_minutes=30,
    ramp_hours=2.0,
    peak_per_hour=22.0,
    plateau_hours=2.0,
    decay_hours=2.0,
    wave_subjects={
        "nl": (
            "Verzegeling {product} kapot, batch {batch}",
            "Capsules zien er anders uit ({batch})",
            "Is {product} {batch} vergiftigd?",
            "Vreemde capsules in pot {batch}",
            "Terugroepactie {product}?",
        ),
        "en": (
            "Broken seal on {product}, batch {batch}",
            "Capsules look different ({batch})",
            "Is {product} {batch} poisoned?",
            "Strange capsules in jar {batch}",
            "{product} recall?",
        ),
    },
    wave_facts={
        "nl": (
            "Ik heb een pot {product} gekocht, batch {batch}, en de verzegeling was al open.",
            "De capsules uit batch {batch} hebben een andere kleur en ruiken vreemd.",
            "In het nieuws hoor ik dat er met {product} geknoeid is. Mijn pot is batch {batch}.",
            "Een paar capsules van {product} ({batch}) zijn beschadigd en er zit wit poeder los in de pot.",
            "!Mijn man heeft een capsule van {product} batch {batch} genomen en is nu misselijk en duizelig.",
            "!Mijn dochter werd ziek na een capsule uit pot {batch}, we zijn naar de huisartsenpost geweest.",
            "Ik heb nog drie potten {product} {batch} thuis. Kan ik die nog gebruiken?",
        ),
        "en": (
            "I bought a jar of {product}, batch {batch}, and the seal was already broken.",
            "The capsules from batch {batch} have a different colour and smell odd.",
            "The news says {product} was tampered with. My jar is batch {batch}.",
            "Some capsules of {product} ({batch}) are damaged and there is loose white powder in the jar.",
            "!My husband took a capsule of {product} batch {batch} and is now nauseous and dizzy.",
            "!My daughter got ill after a capsule from jar {batch}, we went to the doctor.",
            "I still have three jars of {product} {batch} at home. Can I still use them?",
        ),
    },
    everyday={
        "nl": (
            (
                "Capsules moeilijk door te slikken",
                "De capsules van {product} zijn erg groot ({batch}).",
            ),
            ("Bijsluiter ontbreekt", "In mijn pot {product} zat geen bijsluiter, batch {batch}."),
            ("Levering vertraagd", "Mijn bestelling {product} is nog niet binnen."),
        ),
        "en": (
            ("Capsules hard to swallow", "The {product} capsules are very large ({batch})."),
            ("Leaflet missing", "My jar of {product} had no leaflet, batch {batch}."),
            ("Late delivery", "My order of {product} has not arrived yet."),
        ),
    },
)

FLIGHTS = Scenario(
    key="flights",
    title=_("Flight disruption: mass cancellations"),
    summary=_(
        "A storm and a staff shortage cancel dozens of flights from the hub airport; "
        "passengers are stranded and queue for hours (modelled on Schiphol summer chaos)."
    ),
    crisis_scenario="outage",
    brand="Noordwind Air",
    product="Amsterdam flights",
    batch="NW-STORM-0614",
    other_batches=("NW1402", "NW2210", "NW0871"),
    channel_weights={"web": 0.15, "email": 0.2, "phone": 0.2, "chat": 0.15, "social": 0.3},
    language_weights={"nl": 0.6, "en": 0.4},
    history_per_day=4.0,
    onset_minutes=20,
    ramp_hours=1.5,
    peak_per_hour=35.0,
    plateau_hours=3.0,
    decay_hours=3.0,
    informed_share=0.5,
    wave_subjects={
        "nl": (
            "Vlucht geannuleerd ({batch})",
            "Gestrand op Schiphol met {product}",
            "Geen omboeking, vlucht geschrapt",
            "Annulering {brand}: wat nu?",
            "Uren in de rij, niemand helpt",
        ),
        "en": (
            "Flight cancelled ({batch})",
            "Stranded at Schiphol with {product}",
            "No rebooking, flight scrapped",
            "{brand} cancellation: what now?",
            "Hours in the queue, nobody helps",
        ),
    },
    wave_facts={
        "nl": (
            "Mijn vlucht met {brand} is geannuleerd (referentie {batch}) en ik krijg geen omboeking.",
            "We staan al vier uur in de rij op Schiphol voor {brand}, met twee kleine kinderen.",
            "De app van {brand} zegt dat mijn vlucht geschrapt is, maar niemand weet wanneer de volgende gaat.",
            "Onze bagage is zoek na de annulering van {brand} ({batch}).",
            "!Mijn vader (84) is onwel geworden na uren wachten in de vertrekhal van {brand}.",
            "Ik mis de bruiloft van mijn zus door de annulering van {brand}. Hotel krijg ik niet vergoed.",
            "Ik heb recht op compensatie volgens de EU-regels voor mijn geannuleerde vlucht {batch}.",
        ),
        "en": (
            "My {brand} flight was cancelled (reference {batch}) and I cannot get rebooked.",
            "We have been queueing at Schiphol for four hours for {brand}, with two small children.",
            "The {brand} app says my flight is cancelled, but nobody knows when the next one leaves.",
            "Our luggage is lost after the {brand} cancellation ({batch}).",
            "!My father (84) collapsed after hours of waiting in the {brand} departure hall.",
            "I will miss my sister's wedding because of the {brand} cancellation. No hotel is paid.",
            "I am entitled to compensation under EU rules for my cancelled flight {batch}.",
        ),
    },
    everyday={
        "nl": (
            ("Stoel niet naast elkaar", "Bij {brand} zaten we niet naast elkaar ({batch})."),
            ("Maaltijd vergeten", "Mijn vegetarische maaltijd op vlucht {batch} ontbrak."),
            ("Koffer beschadigd", "Mijn koffer is beschadigd na vlucht {batch} met {brand}."),
        ),
        "en": (
            ("Seats not together", "On {brand} we were not seated together ({batch})."),
            ("Meal missing", "My vegetarian meal on flight {batch} was missing."),
            ("Suitcase damaged", "My suitcase was damaged after flight {batch} with {brand}."),
        ),
    },
)

BOTTLES = Scenario(
    key="bottles",
    title=_("Exploding bottles: one batch of sparkling water"),
    summary=_(
        "Glass bottles of one batch of sparkling mineral water burst in shops and kitchens; "
        "glass splinters and cuts."
    ),
    crisis_scenario="product_safety",
    brand="Bruisvallei",
    product="Bronwater Bruisend 75cl",
    batch="BV-L0319",
    other_batches=("BV-L0211", "BV-L0302", "BV-L0226"),
    channel_weights={"web": 0.3, "email": 0.25, "phone": 0.15, "chat": 0.1, "social": 0.2},
    language_weights={"nl": 0.7, "en": 0.3},
    history_per_day=3.0,
    onset_minutes=45,
    ramp_hours=3.0,
    peak_per_hour=16.0,
    plateau_hours=2.0,
    decay_hours=3.0,
    wave_subjects={
        "nl": (
            "Fles {product} ontploft",
            "Glazen fles gesprongen, batch {batch}",
            "Overal glas: fles {batch} geknapt",
            "Gevaarlijke flessen {brand}",
            "Fles ontploft in de kast ({batch})",
        ),
        "en": (
            "{product} bottle exploded",
            "Glass bottle burst, batch {batch}",
            "Glass everywhere: bottle {batch} shattered",
            "Dangerous {brand} bottles",
            "Bottle exploded in the cupboard ({batch})",
        ),
    },
    wave_facts={
        "nl": (
            "Een fles {product} uit batch {batch} is vannacht in de kast ontploft.",
            "Toen ik de fles {product} ({batch}) uit de koelkast pakte, sprong het glas.",
            "In de supermarkt ontplofte een fles {brand} ({batch}) naast mijn winkelwagen.",
            "De dop van de fles {product} schoot eraf en de fles barstte, batch {batch}.",
            "!Ik heb een snee in mijn hand door een ontplofte fles {product}, batch {batch}.",
            "!Mijn zoon kreeg glas in zijn been toen een fles {brand} {batch} ontplofte; het moest gehecht worden.",
            "Ik heb nog een krat {product} {batch} staan. Is dat veilig?",
        ),
        "en": (
            "A bottle of {product} from batch {batch} exploded in the cupboard last night.",
            "When I took the {product} bottle ({batch}) out of the fridge, the glass burst.",
            "A {brand} bottle ({batch}) exploded next to my trolley in the supermarket.",
            "The cap of the {product} bottle shot off and the bottle burst, batch {batch}.",
            "!I cut my hand on an exploded bottle of {product}, batch {batch}.",
            "!My son got glass in his leg when a {brand} bottle {batch} exploded; he needed stitches.",
            "I still have a crate of {product} {batch}. Is it safe?",
        ),
    },
    everyday={
        "nl": (
            ("Water smaakt flauw", "Het {product} smaakt flauw, batch {batch}."),
            ("Dop lekt", "De dop van mijn fles {product} lekt ({batch})."),
            ("Statiegeld", "Het statiegeld op {product} werd niet terugbetaald."),
        ),
        "en": (
            ("Water tastes flat", "The {product} tastes flat, batch {batch}."),
            ("Cap leaks", "The cap of my {product} bottle leaks ({batch})."),
            ("Deposit", "The deposit on {product} was not refunded."),
        ),
    },
)

SCENARIOS: dict[str, Scenario] = {s.key: s for s in (TAMPERING, FLIGHTS, BOTTLES)}


class ScenarioError(ValueError):
    """Bad drill parameters; the message is translated and says what to change."""


def scenario_get(key: str) -> Scenario:
    try:
        return SCENARIOS[key]
    except KeyError:
        raise ScenarioError(
            _("Unknown scenario %(key)s; choose one of: %(keys)s")
            % {"key": key, "keys": ", ".join(SCENARIOS)}
        ) from None


@dataclass(frozen=True)
class Params:
    volume: float = 1.0
    angry_share: float = 0.3
    threat_share: float = 0.05
    channels: tuple[str, ...] = CHANNELS
    languages: tuple[str, ...] = LANGUAGES

    def checked(self) -> Params:
        if not 0 < self.volume <= 20:
            raise ScenarioError(_("Volume is a multiplier between 0 and 20."))
        for share in (self.angry_share, self.threat_share):
            if not 0 <= share <= 1:
                raise ScenarioError(_("Shares must be between 0 and 1."))
        if self.angry_share + self.threat_share > 1:
            raise ScenarioError(_("Angry and threatening consumers together must be at most 100%."))
        channels = tuple(c for c in CHANNELS if c in self.channels)
        languages = tuple(lang for lang in LANGUAGES if lang in self.languages)
        if not channels or len(channels) != len(set(self.channels)):
            raise ScenarioError(_("Choose channels from: %(all)s") % {"all": ", ".join(CHANNELS)})
        if not languages or len(languages) != len(set(self.languages)):
            raise ScenarioError(_("Choose languages from: nl, en"))
        return Params(self.volume, self.angry_share, self.threat_share, channels, languages)


def _weighted(rng: random.Random, weights: dict[str, float], allowed: tuple[str, ...]) -> str:
    options = [k for k in allowed]
    return rng.choices(options, weights=[weights.get(k, 0.0) or 0.01 for k in options])[0]


def _arrivals(rng: random.Random, rate: Any, peak: float, end: float) -> list[float]:
    """Poisson arrivals (minutes) with per-hour ``rate(minute)`` up to ``peak``, by thinning."""
    found: list[float] = []
    if peak <= 0:
        return found
    minute = 0.0
    while True:
        minute += rng.expovariate(peak / 60)
        if minute >= end:
            return found
        if rng.random() * peak <= rate(minute):
            found.append(minute)


def _fill(text: str, scenario: Scenario, batch: str) -> str:
    return text.format(product=scenario.product, brand=scenario.brand, batch=batch)


def _tone(rng: random.Random, params: Params) -> str:
    draw = rng.random()
    if draw < params.threat_share:
        return "threat"
    if draw < params.threat_share + params.angry_share:
        return "angry"
    return "calm"


def _complaint(
    rng: random.Random, scenario: Scenario, params: Params, *, at: float, kind: str, n: int
) -> dict[str, Any]:
    language = _weighted(rng, scenario.language_weights, params.languages)
    channel = _weighted(rng, scenario.channel_weights, params.channels)
    tone = _tone(rng, params)
    first, last = rng.choice(FIRST[language]), rng.choice(LAST[language])
    injury = False
    if kind == "wave":
        batch = scenario.batch
        subject = _fill(rng.choice(scenario.wave_subjects[language]), scenario, batch)
        fact = rng.choice(scenario.wave_facts[language])
        injury = fact.startswith("!")
        fact = _fill(fact.lstrip("!"), scenario, batch)
    else:
        batch = rng.choice(scenario.other_batches)
        subject, fact = (
            _fill(part, scenario, batch) for part in rng.choice(scenario.everyday[language])
        )
    opening = rng.choice(OPENINGS[language][tone])
    parts = [opening, fact]
    threat = ""
    if tone == "threat":
        threat = rng.choice(THREAT_KINDS)
        parts.append(rng.choice(CLOSINGS[language]["angry"]))
        parts.append(rng.choice(THREATS[language][threat]))
    else:
        parts.append(rng.choice(CLOSINGS[language][tone]))
    informed = kind == "wave" and rng.random() < scenario.informed_share
    if informed:
        parts.append(KEEP_INFORMED[language])
    return {
        "n": n,
        "at": round(at * 60),  # seconds of script time
        "kind": kind,
        "channel": channel,
        "language": language,
        "tone": tone,
        "threat": threat,
        "injury": injury,
        "informed": informed,
        "name": f"{first} {last}",
        "subject": subject[:200],
        "text": " ".join(parts),
        "batch": batch,
    }


def script_build(scenario: Scenario, params: Params, seed: int) -> list[dict[str, Any]]:
    """The drill's script: every complaint of the wave and the everyday trickle, in time order.
    Deterministic: only ``random.Random(seed)`` draws."""
    params = params.checked()
    rng = random.Random(seed)
    end = float(scenario.length_minutes)
    everyday = scenario.history_per_day / 24  # the volume multiplies the wave only
    trickle = _arrivals(rng, lambda _m: everyday, everyday, end)
    wave = _arrivals(
        rng,
        lambda m: scenario.wave_rate(m) * params.volume,
        scenario.peak_per_hour * params.volume,
        end,
    )
    timeline = sorted([(m, "trickle") for m in trickle] + [(m, "wave") for m in wave])
    return [
        _complaint(rng, scenario, params, at=minute, kind=kind, n=i)
        for i, (minute, kind) in enumerate(timeline)
    ]


def history_build(scenario: Scenario, params: Params, seed: int, days: int) -> list[dict]:
    """Everyday complaints in the ``days`` before the drill (``at`` negative, in seconds), so
    the burst detector has a baseline for the product. Calm and angry as usual; no threats."""
    params = params.checked()
    rng = random.Random(seed * 7919 + 1)
    rate = scenario.history_per_day / 24
    found = _arrivals(rng, lambda _m: rate, rate, days * 24 * 60.0)
    quiet = Params(1.0, params.angry_share, 0.0, params.channels, params.languages)
    rows = []
    for i, minute in enumerate(found):
        row = _complaint(rng, scenario, quiet, at=minute - days * 24 * 60, kind="history", n=i)
        rows.append(row)
    return rows


def onset_seconds(script: list[dict[str, Any]]) -> int | None:
    """Script second of the wave's first complaint, or None if the script has none."""
    return min((e["at"] for e in script if e.get("kind") == "wave"), default=None)
