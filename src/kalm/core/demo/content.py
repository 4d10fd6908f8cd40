"""The words of the demo: products, people, and complaint texts composed from varied fragments.

Everything is fictional. Email addresses use the reserved example.* domains.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

BRAND = "Polderhof"

# name, sku, kind (drink/food/baby/appliance/cleaning)
PRODUCTS: list[tuple[str, str, str]] = [
    ("Bruisend Bronwater 1L", "PH-1001", "drink"),
    ("Bruisend Bronwater 0,5L", "PH-1002", "drink"),
    ("Stil Bronwater 1,5L", "PH-1003", "drink"),
    ("Appelsap troebel 1L", "PH-1010", "drink"),
    ("Sinaasappelsap vers 1L", "PH-1011", "drink"),
    ("Kinderfles Aardbei 200ml", "PH-1020", "baby"),
    ("Babyvoeding Pompoen 4m+", "PH-1021", "baby"),
    ("Pindakaas Naturel 350g", "PH-2001", "food"),
    ("Volkoren Crackers", "PH-2002", "food"),
    ("Hagelslag Puur 400g", "PH-2003", "food"),
    ("Muesli Krokant Noten", "PH-2004", "food"),
    ("Tomatensoep met Balletjes", "PH-2005", "food"),
    ("Airfryer XL", "PH-5001", "appliance"),
    ("Waterkoker 1,7L", "PH-5002", "appliance"),
    ("Staafmixer 800W", "PH-5003", "appliance"),
    ("Afwasmiddel Citroen", "PH-6001", "cleaning"),
    ("Vaatwastabletten All-in-1", "PH-6002", "cleaning"),
]
CRISIS_PRODUCT = "Bruisend Bronwater 1L"
CRISIS_BATCH = "L2611"

FIRST_NL = [
    "Sanne",
    "Daan",
    "Emma",
    "Lucas",
    "Julia",
    "Sem",
    "Tess",
    "Finn",
    "Lotte",
    "Bram",
    "Noor",
    "Jesse",
    "Fleur",
    "Thijs",
    "Anouk",
    "Ruben",
    "Iris",
    "Joris",
    "Femke",
    "Wouter",
    "Marieke",
    "Kees",
    "Ingrid",
    "Henk",
    "Petra",
    "Youssef",
    "Fatima",
    "Mohamed",
    "Aylin",
    "Emre",
    "Sofie",
    "Niels",
    "Esther",
    "Gerrit",
    "Annelies",
    "Pieter",
    "Mila",
    "Levi",
    "Yara",
    "Hidde",
    "Romy",
    "Sven",
    "Maartje",
    "Jeroen",
]
LAST_NL = [
    "de Vries",
    "Jansen",
    "de Jong",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "van Dijk",
    "El Amrani",
    "Yilmaz",
    "Haddou",
    "Kaya",
    "Verhoeven",
    "van den Berg",
    "Willems",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Postma",
    "Kuipers",
    "van Wijk",
    "Schouten",
]
FIRST_EN = [
    "James",
    "Olivia",
    "Harry",
    "Amelia",
    "Jack",
    "Isla",
    "George",
    "Emily",
    "Noah",
    "Sophie",
    "Oliver",
    "Grace",
    "Thomas",
    "Chloe",
    "Daniel",
    "Hannah",
    "Liam",
    "Megan",
    "Ryan",
    "Laura",
]
LAST_EN = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Thompson",
    "White",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Wood",
    "Clarke",
    "Murphy",
]
CITIES = [
    "Utrecht",
    "Amersfoort",
    "Zwolle",
    "Haarlem",
    "Leiden",
    "Delft",
    "Eindhoven",
    "Tilburg",
    "Breda",
    "Nijmegen",
    "Arnhem",
    "Groningen",
    "Leeuwarden",
    "Almere",
    "Apeldoorn",
    "Enschede",
    "Den Bosch",
    "Gouda",
    "Alkmaar",
    "Maastricht",
]
SHOPS_NL = ["de supermarkt", "de Jumbo", "de Albert Heijn", "de Plus", "onze webshop", "de Lidl"]
SHOPS_EN = ["the supermarket", "your web shop", "a local shop", "the corner shop"]

PHOTO_HINTS = {
    "drink": "bottle",
    "baby": "jar",
    "food": "package",
    "appliance": "appliance",
    "cleaning": "bottle",
}


@dataclass
class Story:
    """One complaint: what the consumer writes first and what the desk does with it."""

    category: str
    subject: str
    body: str  # as the consumer wrote it
    core: str  # what happened, without greeting: the agent's call notes for phone cases
    follow_up: str  # a later message from the consumer
    priority: str = "normal"
    quality: bool = False  # goes to the Kwaliteit & Veiligheid team
    photos: int = 0
    item: str = ""  # a physical item to collect, if any
    notes: list[str] = field(default_factory=list)
    abusive: bool = False
    positive: bool = False


def pick(rng: random.Random, options):
    return options[rng.randrange(len(options))]


def person(rng: random.Random, language: str) -> tuple[str, str, str]:
    """(name, email, phone) of a fictional consumer."""
    if language == "nl":
        first, last = pick(rng, FIRST_NL), pick(rng, LAST_NL)
    else:
        first, last = pick(rng, FIRST_EN), pick(rng, LAST_EN)
    local = f"{first}.{last}".lower().replace(" ", "")
    style = rng.randrange(4)
    if style == 1:
        local = f"{first[0]}{last}".lower().replace(" ", "")
    elif style == 2:
        local = f"{first.lower()}{rng.randrange(70, 99)}"
    domain = pick(rng, ["example.com", "example.net", "example.org"])
    phone = f"06 {rng.randrange(10000000, 99999999)}" if language == "nl" else ""
    if language == "en" and rng.random() < 0.3:
        phone = f"+44 7{rng.randrange(100000000, 999999999)}"
    return f"{first} {last}", f"{local}@{domain}", phone


def batch_code(rng: random.Random) -> str:
    return f"L{rng.randrange(2400, 2699)}"


# --- complaint composition -------------------------------------------------------------------

_OPEN_NL = [
    "Beste klantenservice,",
    "Goedemiddag,",
    "Hallo,",
    "Geachte heer/mevrouw,",
    "Hoi,",
    "",
]
_CLOSE_NL = [
    "Met vriendelijke groet,",
    "Groet,",
    "Alvast bedankt voor uw reactie.",
    "Ik hoor graag snel van jullie.",
    "Hopelijk kunnen jullie hier iets mee.",
]
_OPEN_EN = ["Hello,", "Dear customer service,", "Hi there,", "Good afternoon,", ""]
_CLOSE_EN = [
    "Kind regards,",
    "Thanks in advance.",
    "I look forward to hearing from you.",
    "Best wishes,",
]


def _when_nl(rng):
    return pick(
        rng,
        [
            "gisteren",
            "afgelopen zaterdag",
            "vorige week",
            "vanochtend",
            "eergisteren",
            "dinsdag",
        ],
    )


def _when_en(rng):
    return pick(rng, ["yesterday", "last Saturday", "last week", "this morning", "on Tuesday"])


def _quality_nl(rng, product, kind):
    options = {
        "drink": [
            f"Toen ik de {product} opende rook het naar chloor en de smaak was echt niet te drinken.",
            f"In de {product} dreven kleine zwarte deeltjes. Ik heb het niet meer durven drinken.",
            f"De dop van de {product} was al los toen ik hem uit het pak haalde, er zat minder in.",
            f"De {product} smaakt muf en een beetje zuur, terwijl de houdbaarheidsdatum nog ver weg is.",
        ],
        "baby": [
            f"Het potje {product} ging niet met een 'plop' open. Ik vertrouw het niet voor mijn dochter van 6 maanden.",
            f"In de {product} zat een klein stukje hard plastic. Gelukkig zag ik het voordat ik mijn zoontje ging voeren.",
            f"De {product} was helemaal bruin verkleurd en rook raar.",
        ],
        "food": [
            f"In de {product} zat schimmel, terwijl het pak nog dicht was.",
            f"Ik vond een stukje metaal in de {product}. Ik beet er bijna op.",
            f"De {product} was ranzig van smaak, de hele pot moest weg.",
            f"Er zaten kleine beestjes in de {product}.",
        ],
        "appliance": [
            f"Mijn {product} is na drie weken al kapot: hij gaat niet meer aan.",
            f"De {product} maakt een harde ratelend geluid en er komt een brandlucht af.",
            f"Het snoer van de {product} wordt gloeiend heet. Ik durf hem niet meer te gebruiken.",
            f"De knop van de {product} is afgebroken bij normaal gebruik.",
        ],
        "cleaning": [
            f"De fles {product} lekte in de boodschappentas, alles zat onder.",
            f"Het {product} geeft huiduitslag op mijn handen, dat had ik nooit met het oude recept.",
            f"De {product} lossen niet op in de vaatwasser, er blijven witte klonten achter.",
        ],
    }
    return pick(rng, options[kind])


def _quality_en(rng, product, kind):
    options = {
        "drink": [
            f"When I opened the {product} it smelled of chlorine and tasted awful.",
            f"There were tiny black particles floating in the {product}.",
            f"The cap of the {product} was already loose and the bottle was not full.",
        ],
        "baby": [
            f"The jar of {product} did not 'pop' when I opened it. I won't give it to my baby.",
            f"I found a small piece of hard plastic in the {product}.",
        ],
        "food": [
            f"There was mould in the {product} although the pack was still sealed.",
            f"I found a piece of metal in the {product} and nearly bit on it.",
            f"The {product} tasted rancid, the whole jar went in the bin.",
        ],
        "appliance": [
            f"My {product} stopped working after three weeks; it won't switch on.",
            f"The {product} makes a loud rattling noise and smells of burning plastic.",
            f"The cable of the {product} gets very hot. I don't dare use it any more.",
        ],
        "cleaning": [
            f"The bottle of {product} leaked all over my shopping bag.",
            f"The {product} gives me a rash on my hands.",
        ],
    }
    return pick(rng, options[kind])


def compose(rng: random.Random, *, language: str, category: str, product: str, kind: str) -> Story:
    """A believable first message for one of the demo's complaint categories."""
    nl = language == "nl"
    opening = pick(rng, _OPEN_NL if nl else _OPEN_EN)
    closing = pick(rng, _CLOSE_NL if nl else _CLOSE_EN)
    when = _when_nl(rng) if nl else _when_en(rng)
    shop = pick(rng, SHOPS_NL if nl else SHOPS_EN)
    city = pick(rng, CITIES)
    notes: list[str] = []
    story_kw: dict = {}

    if category == "quality":
        what = _quality_nl(rng, product, kind) if nl else _quality_en(rng, product, kind)
        bought = (
            f"Ik heb het {when} gekocht bij {shop} in {city}."
            if nl
            else f"I bought it {when} at {shop} in {city}."
        )
        wish = pick(
            rng,
            [
                "Ik zou graag mijn geld terug willen.",
                "Kunnen jullie uitzoeken hoe dit kan?",
                "Graag een vervangend product.",
                "Ik wil vooral weten of dit gevaarlijk is.",
            ]
            if nl
            else [
                "I would like a refund.",
                "Could you find out how this happened?",
                "Please send a replacement.",
                "Mostly I want to know whether this is dangerous.",
            ],
        )
        subject = (
            pick(rng, ["Probleem met", "Klacht over", "Slechte kwaliteit", "Vies product:"])
            if nl
            else pick(rng, ["Problem with", "Complaint about", "Poor quality:"])
        )
        subject = f"{subject} {product}"
        body = f"{what} {bought} {wish}"
        follow = (
            "Ik heb de verpakking nog bewaard, moet ik die opsturen?"
            if nl
            else "I still have the packaging, should I send it to you?"
        )
        story_kw = {
            "quality": any(word in what for word in ("metaal", "metal", "plastic", "beestjes")),
            "photos": rng.choice([0, 0, 0, 1, 1, 2]),
        }
        if story_kw["quality"]:
            story_kw["priority"] = "high"
            notes.append(
                "Vreemd voorwerp gemeld: batch laten controleren door QA."
                if nl
                else "Foreign body reported: asked QA to check the batch."
            )
    elif category == "delivery":
        order = rng.randrange(100000, 999999)
        body = pick(
            rng,
            [
                f"Mijn bestelling {order} zou {when} bezorgd worden maar is nog steeds niet aangekomen. Track & trace zegt 'bezorgd', maar ik heb niets ontvangen.",
                f"Bestelling {order} kwam {when} binnen, maar de doos was kapot en twee flessen waren leeggelopen.",
                f"Ik heb bestelling {order} ontvangen, maar er ontbreken artikelen: de {product} zit er niet in.",
            ]
            if nl
            else [
                f"My order {order} was due {when} but still hasn't arrived, although tracking says delivered.",
                f"Order {order} arrived {when} but the box was crushed and two bottles had leaked.",
                f"I received order {order} but the {product} was missing.",
            ],
        )
        subject = (
            pick(rng, [f"Bestelling {order}", "Pakket niet ontvangen", "Beschadigde levering"])
            if nl
            else pick(rng, [f"Order {order}", "Parcel not received", "Damaged delivery"])
        )
        follow = (
            "Is er al nieuws over mijn pakket? Ik wacht nu al een week."
            if nl
            else "Any news about my parcel? It has been a week now."
        )
    elif category == "billing":
        amount = f"{rng.randrange(8, 140)},{rng.randrange(0, 99):02d}"
        body = pick(
            rng,
            [
                f"Er is twee keer € {amount} van mijn rekening afgeschreven voor dezelfde bestelling.",
                f"Ik heb mijn {product} {when} teruggestuurd, maar de € {amount} is nog steeds niet teruggestort.",
                f"Mijn kortingscode werd niet verrekend, ik heb € {amount} te veel betaald.",
            ]
            if nl
            else [
                f"I was charged €{amount.replace(',', '.')} twice for the same order.",
                f"I returned my {product} {when} but the €{amount.replace(',', '.')} refund has not arrived.",
            ],
        )
        subject = (
            pick(rng, ["Dubbele afschrijving", "Terugbetaling", "Factuur klopt niet"])
            if nl
            else pick(rng, ["Charged twice", "Refund not received", "Wrong invoice"])
        )
        follow = (
            "Ik heb het bankafschrift bijgevoegd als bewijs."
            if nl
            else "I have attached my bank statement as proof."
        )
    elif category == "injury":
        body = pick(
            rng,
            [
                f"Bij het openen van de {product} heb ik me flink gesneden aan een scherpe rand. Ik moest naar de huisartsenpost voor twee hechtingen.",
                f"Mijn zoon (4) heeft na het eten van de {product} een allergische reactie gekregen. Er staat nergens op de verpakking dat er noten in zitten!",
                f"De {product} spoot kokend water over mijn hand. Ik heb een tweedegraads brandwond.",
                f"Door de {product} ben ik {when} de hele nacht ziek geweest, mijn partner ook.",
            ]
            if nl
            else [
                f"I cut my hand badly on a sharp edge of the {product}; I needed stitches.",
                f"My daughter had an allergic reaction after eating the {product}. Nuts are not on the label!",
                f"The {product} sprayed boiling water over my hand. I have a second-degree burn.",
            ],
        )
        subject = (
            pick(rng, ["Letsel door", "Gewond geraakt door", "Allergische reactie na"])
            if nl
            else pick(rng, ["Injured by", "Allergic reaction after", "Burn caused by"])
        ) + f" {product}"
        follow = (
            "De huisarts vraagt of jullie kunnen zeggen welke stoffen erin zitten."
            if nl
            else "My GP asks whether you can tell exactly what is in it."
        )
        notes.append(
            "Letselmelding: doorgezet naar Kwaliteit & Veiligheid en verzekeraar geïnformeerd."
            if nl
            else "Injury reported: passed to Quality & Safety, insurer informed."
        )
        story_kw = {"priority": "urgent", "quality": True, "photos": rng.choice([1, 2])}
        if rng.random() < 0.5:
            story_kw["item"] = (
                f"{product}, geopende verpakking met restant" if nl else f"{product}, opened pack"
            )
    elif category == "legal":
        body = pick(
            rng,
            [
                f"Dit is de derde keer dat ik klaag over de {product}. Als ik binnen 14 dagen geen oplossing heb, schakel ik mijn advocaat in en stap ik naar de Geschillencommissie.",
                f"Ik heb al twee keer gebeld zonder resultaat. Ik heb de Consumentenbond ingeschakeld en overweeg juridische stappen. Mijn {product} is na een maand kapot.",
                f"Mijn rechtsbijstandsverzekering is op de hoogte. Ik eis volledige vergoeding van de schade door de lekkende {product}.",
            ]
            if nl
            else [
                f"This is my third complaint about the {product}. If this is not solved within 14 days my solicitor will take legal action.",
                f"I have contacted a consumer organisation and I am considering legal steps about the {product}.",
            ],
        )
        subject = (
            pick(rng, ["Ingebrekestelling", "Laatste kans voor juridische stappen", "Schadeclaim"])
            if nl
            else pick(rng, ["Formal notice", "Legal action", "Claim for damages"])
        )
        subject = f"{subject}: {product}"
        follow = (
            "Ik wacht nog steeds. De termijn loopt af."
            if nl
            else "I am still waiting. The deadline is running out."
        )
        notes.append(
            "Dreigt met juridische stappen: antwoord laten meelezen door juridische zaken."
            if nl
            else "Threatens legal action: reply reviewed by legal."
        )
        story_kw = {"priority": "high"}
    elif category == "abusive":
        body = pick(
            rng,
            [
                f"WAT EEN WAARDELOZE TENT ZIJN JULLIE. Drie keer gebeld over de {product} en niemand doet iets. Stelletje oplichters!!",
                "Jullie klantenservice is een grap. Als ik niet vandaag mijn geld terug heb kom ik verhaal halen bij jullie kantoor, ik weet waar het is.",
                f"Belachelijk. Die {product} is rommel en jullie medewerkers zijn incompetente idioten.",
            ]
            if nl
            else [
                f"WHAT A USELESS COMPANY. Three calls about the {product} and nobody does anything. Scammers!!",
                "Your customer service is a joke. If I don't get my money back today I'll come to your office. I know where it is.",
            ],
        )
        subject = (
            pick(rng, ["WAARDELOOS", "Oplichters", "Nu geld terug!!!"])
            if nl
            else pick(rng, ["USELESS", "Scammers", "Refund NOW"])
        )
        follow = "Nog steeds niks?? Ongelooflijk." if nl else "Still nothing?? Unbelievable."
        notes.append(
            "Agressieve toon en een bedreiging. Rustig en zakelijk blijven; teamleider is geïnformeerd."
            if nl
            else "Aggressive tone and a threat. Stay calm and factual; team lead informed."
        )
        story_kw = {"priority": "high", "abusive": True}
    elif category == "positive":
        body = pick(
            rng,
            [
                f"Ik wilde even laten weten dat de {product} echt heerlijk is. Complimenten!",
                "Jullie medewerker aan de telefoon was zo vriendelijk en behulpzaam, dat wilde ik even kwijt.",
                f"Sinds de nieuwe verpakking van de {product} is hij veel makkelijker te openen. Top!",
            ]
            if nl
            else [
                f"Just wanted to say the {product} is lovely. Compliments!",
                "Your colleague on the phone was so kind and helpful, thank you.",
            ],
        )
        subject = (
            pick(rng, ["Compliment", "Even een bedankje", "Complimenten voor jullie team"])
            if nl
            else pick(rng, ["Compliment", "Thank you", "Well done"])
        )
        follow = "Graag gedaan!" if nl else "You're welcome!"
        story_kw = {"priority": "low", "positive": True}
    else:  # pragma: no cover - the loader only asks for the categories above
        raise ValueError(category)

    text = "\n\n".join(part for part in (opening, body, closing) if part)
    return Story(
        category=category,
        subject=subject,
        body=text,
        core=body,
        follow_up=follow,
        notes=notes,
        **story_kw,
    )


def crisis_story(rng: random.Random, *, language: str) -> Story:
    """One of the burst of complaints about bursting bottles of batch L2611."""
    product = CRISIS_PRODUCT
    if language == "nl":
        what = pick(
            rng,
            [
                f"Een fles {product} is vanochtend in de keukenkast ontploft. Overal glas en de deur van het kastje is beschadigd.",
                f"Toen ik de dop van de {product} losdraaide knalde de fles uit elkaar. Ik heb een snee in mijn hand.",
                f"In de bijkeuken hoorden we een harde knal: een fles {product} uit het krat was geëxplodeerd.",
                f"Mijn dochter pakte een fles {product} uit de koelkast en hij spatte in haar handen uit elkaar. Ze is erg geschrokken.",
                f"De fles {product} stond bol en siste. Toen ik hem wilde weggooien barstte hij open.",
                f"Twee flessen {product} uit hetzelfde pak zijn gebarsten. Op de fles staat partij {CRISIS_BATCH}.",
            ],
        )
        extra = pick(
            rng,
            [
                f"Op de hals staat {CRISIS_BATCH}.",
                f"Batchcode: {CRISIS_BATCH}, THT volgend jaar.",
                "Ik heb de scherven bewaard.",
                "Is dit gevaarlijk? Ik heb nog vier flessen staan.",
                "Ik zag op Facebook dat meer mensen dit hebben!",
            ],
        )
        subject = pick(
            rng,
            [
                "Fles ontploft!",
                f"Ontplofte fles {product}",
                "Gevaarlijke fles bronwater",
                f"Fles gebarsten, partij {CRISIS_BATCH}",
                "Glas overal door knallende fles",
            ],
        )
        follow = "Moet ik de andere flessen terugbrengen naar de winkel?"
        note = f"Hoort bij de meldingen over partij {CRISIS_BATCH}: gekoppeld aan de hoofdzaak."
    else:
        what = pick(
            rng,
            [
                f"A bottle of {product} exploded in my kitchen cupboard this morning. Glass everywhere.",
                f"When I unscrewed the cap of the {product} the bottle burst. I cut my hand.",
                f"A bottle of {product} from the crate exploded in the utility room.",
            ],
        )
        extra = pick(rng, [f"Batch {CRISIS_BATCH}.", "I kept the pieces.", "Is this dangerous?"])
        subject = pick(rng, ["Exploding bottle!", f"Bottle burst, batch {CRISIS_BATCH}"])
        follow = "Should I return the other bottles to the shop?"
        note = f"Part of the batch {CRISIS_BATCH} incident: linked to the lead case."
    injured = "snee" in what or "cut" in what or "handen" in what
    return Story(
        category="crisis",
        subject=subject,
        body=f"{what} {extra}",
        core=f"{what} {extra}",
        follow_up=follow,
        priority="urgent" if injured else "high",
        quality=True,
        photos=rng.choice([0, 1, 1, 2]),
        item=(
            f"Scherven en dop van fles {product}, partij {CRISIS_BATCH}"
            if language == "nl"
            else f"Shards and cap of a {product} bottle, batch {CRISIS_BATCH}"
        )
        if rng.random() < 0.15
        else "",
        notes=[note],
    )


# --- what the desk writes ----------------------------------------------------------------------


def greeting(language: str, name: str) -> str:
    first = name.split()[0]
    return f"Beste {first}," if language == "nl" else f"Dear {first},"


def sign(language: str, alias: str) -> str:
    return (
        f"Met vriendelijke groet,\n{alias}\nKlantenservice {BRAND}"
        if language == "nl"
        else f"Kind regards,\n{alias}\n{BRAND} Customer Care"
    )


def reply_first(rng: random.Random, story: Story, language: str) -> str:
    nl = language == "nl"
    if story.positive:
        return (
            "Wat ontzettend leuk om te lezen, dank u wel! Ik heb uw compliment doorgegeven aan het team."
            if nl
            else "How lovely to read, thank you! I have passed your compliment on to the team."
        )
    if story.abusive:
        return (
            "Ik begrijp dat u boos bent en ik wil u graag helpen. Ik vraag u wel om ons respectvol te "
            "benaderen; bedreigingen nemen we serieus. Ik zoek uw zaak vandaag nog uit."
            if nl
            else "I understand you are upset and I want to help. Please keep it respectful: we take "
            "threats seriously. I will look into your case today."
        )
    return pick(
        rng,
        [
            "Vervelend dat u dit heeft meegemaakt, en dank dat u het ons laat weten. Ik ga dit voor u uitzoeken.",
            "Wat naar om te lezen. Ik heb uw melding in behandeling genomen en kom zo snel mogelijk bij u terug.",
            "Bedankt voor uw bericht. Het spijt ons dat het product niet aan uw verwachtingen voldeed.",
        ]
        if nl
        else [
            "I'm sorry to hear about this, and thank you for letting us know. I'll look into it for you.",
            "Thank you for your message. I have taken your case and will come back to you shortly.",
        ],
    )


def reply_ask_info(rng: random.Random, language: str) -> str:
    return pick(
        rng,
        [
            "Kunt u ons een foto sturen van het product en van de batchcode (die staat op de hals of onderkant van de verpakking)?",
            "Om dit goed te kunnen onderzoeken hebben we de batchcode en de houdbaarheidsdatum nodig. Wilt u die doorgeven?",
            "Mag ik vragen in welke winkel u het product heeft gekocht, en wanneer ongeveer?",
        ]
        if language == "nl"
        else [
            "Could you send us a photo of the product and of the batch code (on the neck or bottom of the pack)?",
            "To investigate we need the batch code and best-before date. Could you pass those on?",
        ],
    )


def solution_text(rng: random.Random, story: Story, language: str) -> str:
    nl = language == "nl"
    if story.category == "delivery":
        return (
            "We sturen de bestelling kosteloos opnieuw naar u op; u ontvangt hem binnen twee werkdagen."
            if nl
            else "We will resend the order free of charge; you will receive it within two working days."
        )
    if story.category == "billing":
        return (
            "We hebben het te veel betaalde bedrag teruggestort; het staat binnen drie werkdagen op uw rekening."
            if nl
            else "We have refunded the amount; it will be in your account within three working days."
        )
    if story.category in {"injury", "legal", "crisis"}:
        return (
            "We vergoeden de aankoop en de gemaakte kosten (huisarts, schade) tegen overlegging van de bonnen, en u ontvangt een waardebon van € 25."
            if nl
            else "We will reimburse the purchase and your costs (doctor, damage) on receipts, plus a €25 voucher."
        )
    return pick(
        rng,
        [
            "We sturen u een vervangend product en een waardebon van € 10 als excuus.",
            "We storten het aankoopbedrag terug. Wilt u ons uw IBAN laten weten?",
            "U ontvangt binnen vijf werkdagen een nieuw exemplaar.",
        ]
        if nl
        else [
            "We will send a replacement product and a €10 voucher by way of apology.",
            "We will refund the purchase price. Could you let us know your bank details?",
        ],
    )


def next_step_text(rng: random.Random, story: Story, language: str) -> str:
    nl = language == "nl"
    if story.category == "crisis":
        return (
            f"Ons laboratorium onderzoekt partij {CRISIS_BATCH}. Gebruik flessen uit deze partij niet; u hoort van ons zodra de uitslag er is."
            if nl
            else f"Our lab is testing batch {CRISIS_BATCH}. Please do not use bottles from this batch; we will contact you with the result."
        )
    if story.quality:
        return (
            "Onze kwaliteitsdienst onderzoekt de batch. We laten u de uitkomst weten."
            if nl
            else "Our quality team is investigating the batch. We will let you know the outcome."
        )
    return pick(
        rng,
        [
            "We zoeken dit uit met ons magazijn en komen bij u terug.",
            "We wachten op de reactie van de vervoerder.",
            "Onze financiële afdeling controleert de betaling.",
        ]
        if nl
        else [
            "We are checking this with our warehouse and will come back to you.",
            "We are waiting for the carrier's answer.",
        ],
    )


def phone_note(rng: random.Random, story: Story, language: str) -> str:
    return pick(
        rng,
        [
            "Consument gebeld, situatie doorgenomen. Was tevreden met de uitleg, stuurt nog foto's.",
            "Teruggebeld: voicemail ingesproken met verzoek om terug te bellen.",
            "Consument belde zelf. Nogal geëmotioneerd; toegezegd dat we binnen twee dagen reageren.",
            "Gesproken met de consument over de batchcode; staat op de onderkant van de fles.",
        ]
        if language == "nl"
        else [
            "Called the consumer and went through the situation. Will send photos.",
            "Called back: left a voicemail asking to return the call.",
        ],
    )


def reopen_text(language: str) -> str:
    return (
        "Het vervangende product is ook niet goed: dezelfde smaak. Kunnen jullie hier nog eens naar kijken?"
        if language == "nl"
        else "The replacement has the same problem. Could you look at this again?"
    )


def rejection_comment(language: str) -> str:
    return (
        "Een waardebon is niet genoeg, ik wil mijn geld terug."
        if language == "nl"
        else "A voucher is not enough, I want my money back."
    )


# Goodwill gestures on top of a solution: (kind, cost in euros, description).
GOODWILL = {
    "nl": [
        ("voucher", "10.00", "Waardebon van 10 euro voor de webwinkel"),
        ("flowers_card", "24.95", "Bos bloemen met een handgeschreven kaart"),
        ("gift", "15.00", "Pakket met onze nieuwe smaken"),
        ("personal_call", "0.00", "Teamleider belde persoonlijk om excuses aan te bieden"),
    ],
    "en": [
        ("voucher", "10.00", "Voucher of 10 euros for the web shop"),
        ("flowers_card", "24.95", "Flowers with a handwritten card"),
        ("gift", "15.00", "A box with our new flavours"),
        ("personal_call", "0.00", "The team lead called personally to apologise"),
    ],
}
