"""Words and templates for generated cases: Dutch and English complaints and replies.

Texts are put together from scenario templates, a bank of filler sentences picked with Zipf-like
weights (a few sentences are everywhere, most are rare) and slots that are rare by nature
(order numbers, batch codes, cities, shops), so full-text search meets a realistic mix of very
common and very rare words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate

FIRST_NAMES = [
    "Sanne",
    "Daan",
    "Emma",
    "Lucas",
    "Julia",
    "Sem",
    "Tess",
    "Finn",
    "Noor",
    "Bram",
    "Iris",
    "Jesse",
    "Lotte",
    "Thijs",
    "Fleur",
    "Ruben",
    "Anouk",
    "Milan",
    "Sophie",
    "Lars",
    "Eva",
    "Tim",
    "Lisa",
    "Niels",
    "Femke",
    "Joris",
    "Maud",
    "Stijn",
    "Roos",
    "Gijs",
    "Anna",
    "Koen",
    "Sara",
    "Wouter",
    "Marieke",
    "Pieter",
    "Ilse",
    "Jeroen",
    "Esther",
    "Hans",
    "Ingrid",
    "Kees",
    "Annelies",
    "Mohamed",
    "Fatima",
    "Yusuf",
    "Aylin",
    "Priya",
    "Oliver",
    "Grace",
    "James",
    "Amelia",
    "Harry",
    "Chloe",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
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
    "van den Berg",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van Dijk",
    "Schouten",
    "Willems",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Kuipers",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Pinas",
    "Smith",
    "Brown",
    "Taylor",
    "Wilson",
]
ORGANISATIONS = [
    "Café De Zwaan",
    "Restaurant Het Anker",
    "Kinderopvang Zonnestraal",
    "Sportschool Fit&Fris",
    "Zorgcentrum De Linde",
    "Hotel Duinzicht",
    "Bakkerij Van Os",
    "Basisschool De Regenboog",
]
CITIES = [
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Apeldoorn",
    "Haarlem",
    "Arnhem",
    "Enschede",
    "Amersfoort",
    "Zaandam",
    "Zwolle",
    "Leiden",
    "Maastricht",
    "Dordrecht",
    "Ede",
    "Delft",
    "Alkmaar",
    "Venlo",
    "Deventer",
    "Hilversum",
    "Heerlen",
    "Leeuwarden",
    "Assen",
    "Gouda",
    "Middelburg",
    "Harderwijk",
    "Sneek",
]
SHOPS = [
    "Albert Heijn",
    "Jumbo",
    "Plus",
    "Dirk",
    "Coop",
    "Spar",
    "Lidl",
    "Aldi",
    "Hoogvliet",
    "Vomar",
    "bol.com",
    "onze webwinkel",
    "het tankstation",
    "de stationskiosk",
]
EMAIL_DOMAINS = ("example.nl", "example.com", "example.org", "example.net")

# (brand, name, sku, category). Categories pick the scenarios that make sense for a product.
PRODUCTS = [
    ("Bron", "Bruisend Bronwater 1L", "BR-1001", "drink"),
    ("Bron", "Plat Bronwater 1,5L", "BR-1002", "drink"),
    ("Bron", "Citroen Limonade 1L", "BR-1010", "drink"),
    ("Zuivelhoeve", "Volle Yoghurt 1L", "ZH-2001", "dairy"),
    ("Zuivelhoeve", "Halfvolle Melk 1L", "ZH-2002", "dairy"),
    ("Zuivelhoeve", "Jonge Kaas 500g", "ZH-2010", "dairy"),
    ("Notenkoning", "Pindakaas Naturel 350g", "NK-3001", "food"),
    ("Notenkoning", "Pindakaas Crunchy 350g", "NK-3002", "food"),
    ("Ochtendgloren", "Krokante Muesli 750g", "OG-4001", "food"),
    ("Ochtendgloren", "Havermout 500g", "OG-4002", "food"),
    ("Ovenvers", "Volkorenbrood", "OV-5001", "food"),
    ("Ovenvers", "Appeltaart", "OV-5002", "food"),
    ("Kleintje", "Babyvoeding Appel-Peer", "KL-6001", "baby"),
    ("Kleintje", "Zuigelingenmelk 1", "KL-6002", "baby"),
    ("Keukenheld", "Airfryer XL 5,5L", "KH-7001", "appliance"),
    ("Keukenheld", "Waterkoker Inox", "KH-7002", "appliance"),
    ("Keukenheld", "Staafmixer 800W", "KH-7003", "appliance"),
    ("Keukenheld", "Koffiezetapparaat Aroma", "KH-7004", "appliance"),
    ("Schoonwerk", "Allesreiniger Citrus", "SW-8001", "household"),
    ("Schoonwerk", "Vaatwastabletten 40st", "SW-8002", "household"),
    ("Huisdier", "Kattenbrokjes Zalm 2kg", "HD-9001", "pet"),
    ("Huisdier", "Hondensnacks Kip", "HD-9002", "pet"),
]


@dataclass(frozen=True)
class Scenario:
    """One kind of complaint, in both languages. ``{…}`` slots are filled per case."""

    code: str
    categories: tuple[str, ...]  # product categories it applies to; () = no product
    weight: int
    priority: str  # the usual priority; safety cases are urgent
    evidence: float  # chance the consumer sends photos
    subject_nl: tuple[str, ...]
    subject_en: tuple[str, ...]
    body_nl: tuple[str, ...]
    body_en: tuple[str, ...]


SCENARIOS = [
    Scenario(
        "exploded",
        ("drink",),
        3,
        "urgent",
        0.7,
        ("Fles ontploft in de keuken", "Fles {product} uit elkaar gesprongen"),
        ("Bottle exploded in my kitchen", "{product} bottle burst"),
        (
            "Vanochtend is een fles {product} in onze keuken ontploft. Overal glas, mijn zoon "
            "heeft een snee in zijn hand. Batchnummer {batch}, gekocht bij {shop} in {city}.",
            "De fles {product} (lot {batch}) sprong zomaar open in de kast. Het glas lag tot in "
            "de gang. Dit had slecht kunnen aflopen!",
        ),
        (
            "This morning a bottle of {product} exploded in our kitchen. Glass everywhere and my "
            "son cut his hand. Batch {batch}, bought at {shop} in {city}.",
            "The {product} bottle (lot {batch}) burst in the cupboard, glass all over the floor.",
        ),
    ),
    Scenario(
        "mould",
        ("dairy", "food", "baby"),
        5,
        "high",
        0.6,
        ("Schimmel in {product}", "Beschimmeld product", "{product} was bedorven"),
        ("Mould in {product}", "Product had gone mouldy"),
        (
            "In de {product} zat schimmel terwijl de verpakking nog dicht was. "
            "Houdbaar tot {date}, batch {batch}.",
            "Ik heb {product} gekocht bij {shop} en er zaten groene plekken op. Mijn dochter had "
            "er al van gegeten. Is dit gevaarlijk?",
        ),
        (
            "The {product} had mould in it although the pack was still sealed. Best before "
            "{date}, batch {batch}.",
            "I bought {product} at {shop} and it had green spots. My daughter already ate some. "
            "Is this dangerous?",
        ),
    ),
    Scenario(
        "foreign",
        ("food", "baby", "pet"),
        3,
        "high",
        0.8,
        ("Vreemd voorwerp in {product}", "Stukje plastic in {product}", "Metaal in mijn eten"),
        ("Foreign object in {product}", "Piece of plastic in {product}"),
        (
            "Ik vond een stukje {material} in de {product}. Batch {batch}, gekocht in {city}.",
            "Bij het eten van {product} beet ik op iets hards: een stuk {material}. Mijn kies is "
            "beschadigd en ik moet naar de tandarts.",
        ),
        (
            "I found a piece of {material} in the {product}. Batch {batch}, bought in {city}.",
            "While eating {product} I bit on something hard: a piece of {material}.",
        ),
    ),
    Scenario(
        "broken",
        ("appliance",),
        6,
        "normal",
        0.4,
        ("{product} kapot", "{product} doet het niet meer", "Defect na {weeks} weken"),
        ("{product} broken", "{product} stopped working"),
        (
            "Mijn {product} gaat na {weeks} weken niet meer aan. Bestelnummer {order}.",
            "De {product} maakt een raar geluid en ruikt naar verbrand plastic. Ik durf hem niet "
            "meer te gebruiken. Bestelling {order}.",
        ),
        (
            "My {product} stopped working after {weeks} weeks. Order number {order}.",
            "The {product} makes a strange noise and smells of burnt plastic. Order {order}.",
        ),
    ),
    Scenario(
        "delivery",
        ("appliance", "household", "pet"),
        7,
        "normal",
        0.05,
        ("Bestelling niet ontvangen", "Waar blijft mijn pakket?", "Levering {order}"),
        ("Order not received", "Where is my parcel?"),
        (
            "Mijn bestelling {order} is nog steeds niet bezorgd. Volgens de track en trace is "
            "het pakket al {days} dagen onderweg.",
            "Ik heb op {date} besteld ({order}) maar nog niets ontvangen.",
        ),
        (
            "My order {order} still has not arrived. Tracking says it has been on its way for "
            "{days} days.",
            "I ordered on {date} ({order}) and have received nothing yet.",
        ),
    ),
    Scenario(
        "billing",
        (),
        5,
        "normal",
        0.1,
        ("Dubbele afschrijving", "Te veel betaald", "Terugbetaling {order}"),
        ("Charged twice", "Refund for {order}"),
        (
            "Er is twee keer € {amount} afgeschreven voor bestelling {order}. Graag terugbetaling.",
            "Ik wacht al {days} dagen op mijn terugbetaling van € {amount}.",
        ),
        (
            "I was charged € {amount} twice for order {order}. Please refund me.",
            "I have been waiting {days} days for my refund of € {amount}.",
        ),
    ),
    Scenario(
        "taste",
        ("drink", "dairy", "food"),
        4,
        "low",
        0.1,
        ("Vreemde smaak {product}", "{product} smaakt anders"),
        ("{product} tastes odd", "Strange taste"),
        (
            "De {product} smaakt sinds kort anders, een beetje {taste}. Is het recept veranderd?",
            "De laatste {product} uit batch {batch} smaakte {taste}. Klopt dat?",
        ),
        (
            "The {product} tastes different lately, a bit {taste_en}. Did the recipe change?",
            "The last {product} from batch {batch} tasted {taste_en}.",
        ),
    ),
    Scenario(
        "allergy",
        ("food", "baby"),
        2,
        "urgent",
        0.3,
        ("Allergische reactie na {product}", "Allergenen niet vermeld"),
        ("Allergic reaction after {product}", "Allergen not on the label"),
        (
            "Mijn zoon kreeg een allergische reactie na het eten van {product}. Op het etiket "
            "staat geen {allergen}, maar volgens de huisarts zat het er wel in.",
        ),
        (
            "My son had an allergic reaction after eating {product}. The label does not mention "
            "{allergen_en}, but the doctor thinks it was in there.",
        ),
    ),
    Scenario(
        "packaging",
        ("drink", "dairy", "food", "household", "pet"),
        4,
        "low",
        0.3,
        ("Verpakking lekt", "Deksel {product} kapot", "Te veel plastic"),
        ("Packaging leaks", "Too much plastic"),
        (
            "De verpakking van {product} lekte al in de winkel ({shop}, {city}).",
            "Waarom zit {product} nog steeds in zoveel plastic? Dat kan toch duurzamer?",
        ),
        (
            "The {product} packaging was already leaking in the shop ({shop}, {city}).",
            "Why is {product} still wrapped in so much plastic?",
        ),
    ),
    Scenario(
        "service",
        (),
        3,
        "normal",
        0.0,
        ("Klacht over klantenservice", "Niemand belt terug"),
        ("Complaint about customer service", "Nobody calls back"),
        (
            "Ik heb al {times} keer gebeld en niemand belt terug. Ik ben het echt zat.",
            "Uw collega aan de telefoon was onvriendelijk en hing op.",
        ),
        (
            "I have called {times} times and nobody calls back. I am really fed up.",
            "Your colleague on the phone was rude and hung up.",
        ),
    ),
    Scenario(
        "compliment",
        (),
        2,
        "low",
        0.0,
        ("Compliment", "Bedankt!", "Top service"),
        ("Compliment", "Thank you!"),
        (
            "Wat een vriendelijke medewerker aan de telefoon! Ik wilde even laten weten dat ik "
            "erg tevreden ben.",
        ),
        ("What a friendly colleague on the phone! I just wanted to say I am very happy.",),
    ),
    Scenario(
        "question",
        ("drink", "dairy", "food", "baby", "appliance", "household", "pet"),
        5,
        "low",
        0.0,
        ("Vraag over {product}", "Ingrediënten {product}", "Is {product} glutenvrij?"),
        ("Question about {product}", "Is {product} gluten free?"),
        (
            "Is {product} geschikt voor mensen met een {allergen}allergie?",
            "Hoe lang is {product} houdbaar na opening?",
        ),
        ("Is {product} safe for people with a {allergen_en} allergy?",),
    ),
]

MATERIALS = ("plastic", "metaal", "glas", "hout", "rubber", "karton")
TASTES = ("zuur", "bitter", "muf", "naar zeep", "metaalachtig", "te zoet")
TASTES_EN = ("sour", "bitter", "musty", "soapy", "metallic", "too sweet")
ALLERGENS = ("noten", "pinda", "gluten", "lactose", "soja", "sesam")
ALLERGENS_EN = ("nut", "peanut", "gluten", "lactose", "soy", "sesame")

# Filler sentences, most common first: picked with weight 1/rank (Zipf).
FILLER_NL = [
    "Graag hoor ik van u.",
    "Kunt u mij laten weten wat ik nu moet doen?",
    "Ik heb de kassabon nog.",
    "Dit is al de tweede keer.",
    "Ik ben erg teleurgesteld.",
    "Ik heb foto's gemaakt.",
    "Het product staat nog in de koelkast.",
    "Mijn partner heeft ook geklaagd.",
    "Ik koop dit merk al jaren.",
    "Ik wil mijn geld terug.",
    "Op de verpakking staat niets over dit probleem.",
    "De winkel stuurde mij naar u door.",
    "Ik ben vanmiddag telefonisch bereikbaar.",
    "Mijn kinderen durven het niet meer te eten.",
    "Ik overweeg dit op sociale media te zetten.",
    "Mijn buurvrouw had precies hetzelfde.",
    "Ik heb het resterende product bewaard.",
    "Er zat een rare geur aan.",
    "De houdbaarheidsdatum was nog lang niet verstreken.",
    "Ik heb een allergie, dus dit is voor mij extra vervelend.",
    "Het gebeurde vlak voor een verjaardagsfeestje.",
    "Ik heb de consumentenbond al gemaild.",
    "Ik woon in een flat zonder lift, dus terugbrengen is lastig.",
    "Met vriendelijke groet.",
]
FILLER_EN = [
    "I look forward to hearing from you.",
    "Please let me know what to do now.",
    "I still have the receipt.",
    "This is the second time.",
    "I am very disappointed.",
    "I took photos.",
    "I want my money back.",
    "The shop sent me to you.",
    "I have bought this brand for years.",
    "My children refuse to eat it now.",
    "There was a strange smell.",
    "The best before date was months away.",
    "I kept the rest of the product.",
    "Kind regards.",
]
FOLLOWUP_NL = [
    "Ik heb nog steeds niets gehoord.",
    "Hierbij de foto's waar u om vroeg.",
    "Het batchnummer is {batch}.",
    "Ik ben morgen de hele dag thuis.",
    "Prima, dank u wel.",
    "Dat is niet genoeg, ik wil een vergoeding.",
    "Wanneer kan ik een reactie verwachten?",
    "Mijn adres is {street} {house}, {city}.",
    "De bon is van {shop} in {city}, {date}.",
    "Het pakket is nu bezorgd, bedankt.",
    "Ik begrijp niet waarom dit zo lang duurt.",
    "Ja, u mag het product komen ophalen.",
]
FOLLOWUP_EN = [
    "I still have not heard anything.",
    "Attached the photos you asked for.",
    "The batch number is {batch}.",
    "I am home all day tomorrow.",
    "Fine, thank you.",
    "That is not enough, I want compensation.",
    "When can I expect an answer?",
    "The receipt is from {shop} in {city}, {date}.",
]
REPLY_NL = [
    "Beste {name}, dank voor uw bericht. We zoeken dit voor u uit.",
    "Beste {name}, wat vervelend om te lezen. Kunt u ons een foto van het batchnummer sturen?",
    "Beste {name}, we hebben uw melding doorgestuurd naar onze kwaliteitsafdeling.",
    "Beste {name}, we storten € {amount} terug op uw rekening.",
    "Beste {name}, we sturen u een nieuw exemplaar van {product} toe.",
    "Beste {name}, onze koerier haalt het product op {date} bij u op.",
    "Beste {name}, het laboratorium heeft batch {batch} onderzocht; we laten u de uitslag weten.",
    "Beste {name}, kunt u ons uw adres en telefoonnummer sturen?",
    "Beste {name}, uw bestelling {order} is vandaag opnieuw verzonden.",
    "Beste {name}, we hebben u een waardebon van € {amount} gestuurd.",
]
REPLY_EN = [
    "Dear {name}, thank you for your message. We are looking into it.",
    "Dear {name}, sorry to hear this. Could you send us a photo of the batch number?",
    "Dear {name}, we have passed your report to our quality team.",
    "Dear {name}, we are refunding € {amount} to your account.",
    "Dear {name}, we are sending you a new {product}.",
    "Dear {name}, our courier will collect the product on {date}.",
    "Dear {name}, your order {order} has been shipped again today.",
]
SIGN_OFF_NL = "Met vriendelijke groet, {alias}"
SIGN_OFF_EN = "Kind regards, {alias}"
NOTES = [
    "Klant gebeld, voicemail ingesproken.",
    "Overlegd met kwaliteit: batch {batch} staat op de lijst.",
    "Vergoeding € {amount} goedgekeurd door teamleider.",
    "Klant is erg boos, voorzichtig formuleren.",
    "Lab-uitslag verwacht binnen vijf werkdagen.",
    "Dubbele melding, zie ook eerdere zaak van deze klant.",
    "Koerier ingepland.",
]
STREETS = ("Dorpsstraat", "Kerkstraat", "Molenweg", "Stationsplein", "Lindenlaan", "Beukenhof")


def zipf_weights(count: int) -> list[float]:
    """Cumulative weights 1/rank, for random.choices(cum_weights=...)."""
    return list(accumulate(1 / rank for rank in range(1, count + 1)))


FILLER_NL_CUM = zipf_weights(len(FILLER_NL))
FILLER_EN_CUM = zipf_weights(len(FILLER_EN))
FOLLOWUP_NL_CUM = zipf_weights(len(FOLLOWUP_NL))
FOLLOWUP_EN_CUM = zipf_weights(len(FOLLOWUP_EN))
REPLY_NL_CUM = zipf_weights(len(REPLY_NL))
REPLY_EN_CUM = zipf_weights(len(REPLY_EN))
SCENARIO_CUM = list(accumulate(s.weight for s in SCENARIOS))


class Slots(dict):
    """Template values of one case; a slot nobody filled stays visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def batch_code(rng: random.Random) -> str:
    """A lot number like L2611: most complaints are about a few batches, some about rare ones."""
    if rng.random() < 0.5:
        return f"L{2600 + int(rng.paretovariate(1.2)) % 40:04d}"
    return f"L{rng.randrange(2000, 2700)}{rng.choice(('', '', '', '-A', '-B'))}"


def fill_slots(
    rng: random.Random, *, name: str, product: str, batch: str, order: str, when: str
) -> Slots:
    material = rng.randrange(len(MATERIALS))
    taste = rng.randrange(len(TASTES))
    allergen = rng.randrange(len(ALLERGENS))
    return Slots(
        name=name,
        product=product or "ons product",
        batch=batch or batch_code(rng),
        order=order,
        date=when,
        shop=rng.choice(SHOPS),
        city=rng.choice(CITIES),
        street=rng.choice(STREETS),
        house=str(rng.randrange(1, 250)),
        amount=f"{rng.randrange(2, 180)},{rng.choice(('00', '50', '95', '99'))}",
        weeks=str(rng.randrange(1, 30)),
        days=str(rng.randrange(2, 21)),
        times=str(rng.randrange(2, 9)),
        material=MATERIALS[material],
        taste=TASTES[taste],
        taste_en=TASTES_EN[taste],
        allergen=ALLERGENS[allergen],
        allergen_en=ALLERGENS_EN[allergen],
    )


def opening(rng: random.Random, scenario: Scenario, english: bool, slots: Slots) -> tuple:
    """Subject and first message of a case."""
    subject = rng.choice(scenario.subject_en if english else scenario.subject_nl)
    body = rng.choice(scenario.body_en if english else scenario.body_nl)
    bank, cum = (FILLER_EN, FILLER_EN_CUM) if english else (FILLER_NL, FILLER_NL_CUM)
    extra = rng.choices(bank, cum_weights=cum, k=rng.randrange(0, 4))
    text = " ".join([body.format_map(slots), *extra])
    return subject.format_map(slots)[:200], text


def followup(rng: random.Random, english: bool, slots: Slots) -> str:
    bank, cum = (FOLLOWUP_EN, FOLLOWUP_EN_CUM) if english else (FOLLOWUP_NL, FOLLOWUP_NL_CUM)
    filler, fcum = (FILLER_EN, FILLER_EN_CUM) if english else (FILLER_NL, FILLER_NL_CUM)
    parts = rng.choices(bank, cum_weights=cum, k=rng.randrange(1, 3))
    parts += rng.choices(filler, cum_weights=fcum, k=rng.randrange(0, 2))
    return " ".join(parts).format_map(slots)


def reply(rng: random.Random, english: bool, slots: Slots, alias: str) -> str:
    bank, cum = (REPLY_EN, REPLY_EN_CUM) if english else (REPLY_NL, REPLY_NL_CUM)
    text = rng.choices(bank, cum_weights=cum)[0].format_map(slots)
    sign = (SIGN_OFF_EN if english else SIGN_OFF_NL).format(alias=alias)
    return f"{text}\n\n{sign}"


def note(rng: random.Random, slots: Slots) -> str:
    return rng.choice(NOTES).format_map(slots)
