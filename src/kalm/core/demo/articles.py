"""The demo knowledge base of Polderhof: help-centre articles in Dutch and English, and a few
internal articles for the desk.

Each article answers questions a consumer (or an agent) recognisably asks, so the answer bot's
question set can be written from it; the facts agree with each other and with the rest of the demo
(the free number 0800-0123, the bottle recall of partij L2611, the goodwill gestures of the demo
cases). Consumers are addressed formally ("u"); the internal desk articles say "je".

Bodies are plain text: blank lines between paragraphs, "- " lines are list items.
"""

from __future__ import annotations

from dataclasses import dataclass
from inspect import cleandoc

# slug, name (nl), name (en), description (nl), description (en)
CATEGORIES: list[tuple[str, str, str, str, str]] = [
    (
        "bestellen-bezorgen",
        "Bestellen & bezorgen",
        "Ordering & delivery",
        "Bestellen in de webshop, betalen, levertijden, bezorgadres en pakketten.",
        "Ordering in the web shop, payment, delivery times, delivery address and parcels.",
    ),
    (
        "retourneren-terugbetalen",
        "Retourneren & terugbetalen",
        "Returns & refunds",
        "Een retourzending aanmelden, bedenktijd, garantie en uw terugbetaling.",
        "Registering a return, the cooling-off period, guarantee and your refund.",
    ),
    (
        "productvragen-allergenen",
        "Productvragen & allergenen",
        "Products & allergens",
        "Ingrediënten, allergeneninformatie, houdbaarheid, bewaren en gebruik van onze producten.",
        "Ingredients, allergen information, shelf life, storage and use of our products.",
    ),
    (
        "klachten-schade",
        "Klachten & schade",
        "Complaints & damage",
        "Een klacht indienen, een afwijkend product melden en schade vergoed krijgen.",
        "Making a complaint, reporting a faulty product and getting damage paid for.",
    ),
    (
        "account-privacy",
        "Account & privacy",
        "Account & privacy",
        "Uw account, wachtwoord, nieuwsbrief en wat wij met uw gegevens doen.",
        "Your account, password, newsletter and what we do with your data.",
    ),
    (
        "veiligheid-terugroepacties",
        "Veiligheid & terugroepacties",
        "Safety & recalls",
        "Lopende terugroepacties, veilig gebruik en een onveilig product melden.",
        "Current recalls, safe use and reporting an unsafe product.",
    ),
]


@dataclass(frozen=True)
class Version:
    """One language version of a demo article."""

    title: str
    summary: str
    keywords: str
    body: str


@dataclass(frozen=True)
class DemoArticle:
    category: str
    nl: Version
    en: Version
    internal: bool = False
    # Who wrote it (a demo username); a second demo user reviews and publishes it.
    author: str = "sophie"

    def version(self, language: str) -> Version:
        return self.en if language == "en" else self.nl


def _v(title: str, summary: str, keywords: str, body: str) -> Version:
    return Version(title=title, summary=summary, keywords=keywords, body=cleandoc(body))


ARTICLES: list[DemoArticle] = [
    # --- Bestellen & bezorgen -------------------------------------------------------------------
    DemoArticle(
        category="bestellen-bezorgen",
        nl=_v(
            "Wanneer wordt mijn bestelling bezorgd?",
            "Levertijden, bezorgmomenten en verzendkosten van de webshop.",
            "levertijd, bezorgtijd, verzendkosten, wanneer komt mijn pakket, avondbezorging, gratis verzending",
            """
            Bestelt u op een werkdag vóór 22:00 uur, dan pakken wij uw bestelling dezelfde avond in en bezorgt de vervoerder hem de volgende werkdag tussen 9:00 en 18:00 uur. Bestellingen van vrijdag na 22:00 uur, zaterdag en zondag worden op dinsdag bezorgd.

            Liever 's avonds? Kies bij het afrekenen avondbezorging: dan komt uw pakket tussen 18:00 en 22:00 uur. Dat kost € 1,50 extra.

            Verzendkosten:
            - Nederland: € 4,95, gratis vanaf € 35
            - België: € 6,95, gratis vanaf € 50, levertijd 2 tot 3 werkdagen

            Zodra uw pakket onderweg is, ontvangt u een e-mail met een track & trace-code. Daarmee ziet u het bezorgmoment tot op twee uur nauwkeurig. Rond feestdagen en tijdens acties kan de levertijd een dag langer zijn; dat ziet u dan bij het afrekenen.
            """,
        ),
        en=_v(
            "When will my order be delivered?",
            "Delivery times, delivery slots and shipping costs of the web shop.",
            "delivery time, shipping costs, when will my parcel arrive, evening delivery, free shipping",
            """
            If you order on a working day before 22:00, we pack your order the same evening and the carrier delivers it the next working day between 9:00 and 18:00. Orders placed after 22:00 on Friday, or on Saturday and Sunday, are delivered on Tuesday.

            Prefer the evening? Choose evening delivery at checkout and your parcel arrives between 18:00 and 22:00. This costs € 1.50 extra.

            Shipping costs:
            - The Netherlands: € 4.95, free from € 35
            - Belgium: € 6.95, free from € 50, delivery in 2 to 3 working days

            As soon as your parcel is on its way you receive an email with a track & trace code, which shows the delivery time to within two hours. Around public holidays and during promotions delivery can take a day longer; checkout then tells you so.
            """,
        ),
    ),
    DemoArticle(
        category="bestellen-bezorgen",
        nl=_v(
            "Kan ik mijn bezorgadres wijzigen?",
            "Het bezorgadres aanpassen vóór en na verzending.",
            "adres wijzigen, ander adres, verhuisd, verkeerd adres, bezorgadres aanpassen, afleveradres",
            """
            Zolang uw bestelling de status "Ontvangen" heeft, kunt u het bezorgadres zelf wijzigen. Ga naar Mijn account > Mijn bestellingen, kies de bestelling en klik op "Bezorgadres wijzigen". Zonder account belt u ons gratis op 0800-0123 of gebruikt u het contactformulier met uw bestelnummer erbij.

            Staat de bestelling op "Wordt ingepakt" of "Verzonden", dan kunnen wij het adres niet meer aanpassen. U kunt dan via de track & trace-link van de vervoerder zelf een ander bezorgmoment kiezen of het pakket naar een afhaalpunt laten sturen. Een ander adres dan op het pakket staat, accepteert de vervoerder om veiligheidsredenen niet.

            Vult u een verkeerd bezorgadres in en komt het pakket bij ons terug? Dan sturen we het kosteloos één keer opnieuw naar het juiste adres. Controleer daarom na het bestellen even de bevestigingsmail.

            Verhuisd? Pas dan ook uw standaardadres aan onder Mijn account > Adressen, zodat de volgende bestelling meteen goed gaat.
            """,
        ),
        en=_v(
            "Can I change my delivery address?",
            "Changing the delivery address before and after dispatch.",
            "change address, wrong address, moved house, different address, shipping address",
            """
            As long as your order has the status "Received", you can change the delivery address yourself. Go to My account > My orders, choose the order and click "Change delivery address". Without an account, call us free of charge on 0800-0123 or use the contact form and include your order number.

            Once the order shows "Being packed" or "Shipped", we can no longer change the address. You can then use the carrier's track & trace link to choose another delivery time or have the parcel sent to a pick-up point. For security reasons the carrier does not accept an address other than the one on the parcel.

            Entered a wrong delivery address and the parcel comes back to us? We send it once more to the right address free of charge. So do check the confirmation email after ordering.

            Moved house? Also update your default address under My account > Addresses so your next order goes right straight away.
            """,
        ),
    ),
    DemoArticle(
        category="bestellen-bezorgen",
        nl=_v(
            "Track & trace zegt bezorgd, maar ik heb niets ontvangen",
            "Wat te doen als uw pakket als bezorgd staat gemeld maar niet bij u is.",
            "pakket niet ontvangen, zoekgeraakt, kwijt, niet aangekomen, bezorgd maar niet ontvangen, track and trace",
            """
            Staat uw pakket in de track & trace als bezorgd, maar heeft u het niet? Loop dan eerst deze punten na:
            - Vraag bij de buren: de bezorger laat een kaartje achter als hij het pakket bij hen afgeeft.
            - Kijk op een veilige plek bij uw huis, zoals de schuur of achter een bloembak.
            - Controleer in de track & trace of het pakket naar een afhaalpunt is gebracht.

            Nog steeds niets gevonden? Wacht dan tot het einde van de volgende werkdag: soms wordt een pakket te vroeg als bezorgd gemeld en komt het alsnog. Meld het daarna bij ons met uw bestelnummer, via het contactformulier of gratis op 0800-0123.

            Wij starten dan een onderzoek bij de vervoerder. Binnen 5 werkdagen laten we u weten wat eruit komt. Vindt de vervoerder het pakket niet, dan sturen wij uw bestelling kosteloos opnieuw of krijgt u een volledige terugbetaling, wat u wilt. U hoeft daarvoor geen aangifte te doen.
            """,
        ),
        en=_v(
            "Tracking says delivered, but I have not received anything",
            "What to do if your parcel shows as delivered but has not reached you.",
            "parcel not received, lost parcel, missing parcel, not arrived, delivered but not received, tracking",
            """
            Does the tracking say your parcel was delivered, but you do not have it? First check these points:
            - Ask your neighbours: the driver leaves a card if the parcel was left with them.
            - Look in a safe place near your home, such as the shed or behind a planter.
            - Check in the tracking whether the parcel was taken to a pick-up point.

            Still nothing? Wait until the end of the next working day: sometimes a parcel is marked as delivered too early and still arrives. After that, report it to us with your order number, via the contact form or free of charge on 0800-0123.

            We then start an investigation with the carrier and let you know the outcome within 5 working days. If the carrier cannot find the parcel, we send your order again at no cost or give you a full refund, whichever you prefer. You do not need to report it to the police.
            """,
        ),
    ),
    DemoArticle(
        category="bestellen-bezorgen",
        nl=_v(
            "Mijn pakket is beschadigd aangekomen",
            "Een beschadigde levering of lekkende flessen melden.",
            "kapotte doos, beschadigd pakket, lekkende fles, gebroken, beschadigde levering, kapot aangekomen",
            """
            Vervelend dat uw pakket beschadigd is aangekomen. Zo lossen we het snel op:

            - Maak foto's van de doos en van de beschadigde producten, voordat u iets weggooit.
            - Meld de schade binnen 48 uur na bezorging via het contactformulier, met uw bestelnummer en de foto's.
            - Bewaar de beschadigde producten tot u van ons hoort.

            Levensmiddelen uit een beschadigde doos, zoals een lekkende fles sap of een ingedeukt pak crackers, hoeft u niet terug te sturen. Wij sturen binnen 2 werkdagen een vervangend product, of u krijgt het bedrag terug als u dat liever heeft. Bij een beschadigd apparaat (Airfryer XL, Waterkoker 1,7L, Staafmixer 800W) sturen we u een gratis retourlabel en direct een nieuw exemplaar.

            Zijn er door een lekkende fles andere spullen nat of vies geworden? Vermeld dat dan in uw melding; zie ook het artikel over schadevergoeding.

            Neemt de bezorger een zichtbaar zwaar beschadigde doos mee? Dan mag u het pakket ook weigeren; het komt dan vanzelf bij ons terug.
            """,
        ),
        en=_v(
            "My parcel arrived damaged",
            "Reporting a damaged delivery or leaking bottles.",
            "crushed box, damaged parcel, leaking bottle, broken, damaged delivery, arrived broken",
            """
            We are sorry your parcel arrived damaged. This is how we sort it out quickly:

            - Take photos of the box and the damaged products before you throw anything away.
            - Report the damage within 48 hours of delivery via the contact form, with your order number and the photos.
            - Keep the damaged products until you hear from us.

            Food and drink from a damaged box, such as a leaking bottle of juice or a dented pack of crackers, does not need to be sent back. Within 2 working days we send a replacement, or refund the amount if you prefer. For a damaged appliance (Airfryer XL, Waterkoker 1,7L, Staafmixer 800W) we send you a free return label and a new one straight away.

            Did a leaking bottle make other things wet or dirty? Mention it in your report; see also the article on compensation for damage.

            If the box is visibly badly damaged when the driver hands it over, you may also refuse the parcel; it then comes back to us automatically.
            """,
        ),
    ),
    DemoArticle(
        category="bestellen-bezorgen",
        nl=_v(
            "Er ontbreekt een product in mijn bestelling",
            "Een onvolledige bestelling melden.",
            "product ontbreekt, niet compleet, onvolledige bestelling, mist artikel, vergeten, deelzending",
            """
            Kijkt u eerst op de pakbon in de doos. Staat daar bij een product "volgt later", dan komt het in een tweede pakket; u krijgt daarvan een aparte track & trace-mail. Bestelt u meer dan 12 flessen bronwater of sap, dan verzenden we die altijd in een aparte doos, die op een ander moment kan aankomen.

            Staat het product wel als verzonden op de pakbon, maar zit het niet in de doos? Meld het dan binnen 14 dagen via het contactformulier of gratis op 0800-0123. Vermeld uw bestelnummer en welk product ontbreekt; een foto van de pakbon helpt ons.

            We sturen het ontbrekende product binnen 2 werkdagen kosteloos na. Is het inmiddels uitverkocht, dan storten we het bedrag voor dat product terug op de manier waarop u betaalde. De verzendkosten van de nalevering betaalt u nooit.
            """,
        ),
        en=_v(
            "A product is missing from my order",
            "Reporting an incomplete order.",
            "missing item, incomplete order, not all products, item not in box, partial delivery",
            """
            First check the packing slip in the box. If it says "to follow" next to a product, it comes in a second parcel and you receive a separate tracking email for it. If you order more than 12 bottles of mineral water or juice, we always ship them in a separate box, which may arrive at another time.

            Is the product listed as shipped on the packing slip but not in the box? Report it within 14 days via the contact form or free of charge on 0800-0123. Include your order number and which product is missing; a photo of the packing slip helps us.

            We send the missing product free of charge within 2 working days. If it has sold out in the meantime, we refund the amount for that product using your original payment method. You never pay shipping costs for a follow-up delivery.
            """,
        ),
    ),
    DemoArticle(
        category="bestellen-bezorgen",
        nl=_v(
            "Hoe kan ik betalen in de webshop?",
            "Betaalmethoden, achteraf betalen en een mislukte betaling.",
            "betaalmethode, iDEAL, Bancontact, creditcard, PayPal, achteraf betalen, betaling mislukt",
            """
            In onze webshop betaalt u met:
            - iDEAL (Nederlandse banken)
            - Bancontact (Belgische banken)
            - Creditcard (Visa en Mastercard)
            - PayPal
            - Achteraf betalen binnen 14 dagen, voor bestellingen tot € 150

            U betaalt altijd in een beveiligde omgeving; wij zien en bewaren uw kaartgegevens niet.

            Is de betaling mislukt of heeft u het betaalscherm per ongeluk gesloten? Dan staat uw bestelling 30 minuten gereserveerd. In de bevestigingsmail en onder Mijn account > Mijn bestellingen vindt u de knop "Alsnog betalen". Na 30 minuten vervalt de bestelling en wordt er niets afgeschreven.

            Ziet u toch een afschrijving terwijl de bestelling vervallen is? Dat is meestal een reservering van uw bank, die binnen 3 werkdagen vanzelf vrijvalt. Is dat niet zo, lees dan het artikel over een dubbele afschrijving.
            """,
        ),
        en=_v(
            "How can I pay in the web shop?",
            "Payment methods, paying later and a failed payment.",
            "payment method, iDEAL, Bancontact, credit card, PayPal, pay later, payment failed",
            """
            In our web shop you can pay with:
            - iDEAL (Dutch banks)
            - Bancontact (Belgian banks)
            - Credit card (Visa and Mastercard)
            - PayPal
            - Pay later within 14 days, for orders up to € 150

            You always pay in a secure environment; we never see or store your card details.

            Did the payment fail, or did you close the payment screen by accident? Your order stays reserved for 30 minutes. The confirmation email and My account > My orders have a "Pay now" button. After 30 minutes the order lapses and nothing is charged.

            Do you still see a charge although the order lapsed? That is usually a reservation by your bank, which is released by itself within 3 working days. If it is not, read the article about being charged twice.
            """,
        ),
    ),
    DemoArticle(
        category="bestellen-bezorgen",
        nl=_v(
            "Mijn kortingscode werkt niet",
            "Waarom een kortingscode of actie niet wordt verrekend, en wat u dan doet.",
            "kortingscode, actiecode, korting niet verrekend, coupon, waardebon gebruiken, tegoedbon",
            """
            Een kortingscode vult u in op de winkelwagenpagina, in het veld "Kortingscode of waardebon", vóórdat u naar het afrekenen gaat. Werkt de code niet, controleer dan:
            - of de code nog geldig is: de einddatum staat in de mail of folder;
            - of u het minimale bestelbedrag haalt;
            - of de code geldt voor de producten in uw winkelwagen (sommige acties gelden niet voor apparaten);
            - of u hem al eens gebruikt heeft: de meeste codes zijn eenmalig.

            Per bestelling kunt u één kortingscode gebruiken. Een waardebon van Polderhof, bijvoorbeeld een waardebon van € 10 die u van onze klantenservice kreeg, kunt u daarnaast wel gebruiken. Waardebonnen zijn een jaar geldig.

            Heeft u besteld en is een geldige code toch niet verrekend? Stuur ons binnen 30 dagen uw bestelnummer en de code. Wij storten het verschil terug op uw rekening.
            """,
        ),
        en=_v(
            "My discount code does not work",
            "Why a discount code or promotion is not applied, and what to do.",
            "discount code, promo code, coupon, discount not applied, voucher, gift voucher",
            """
            You enter a discount code on the shopping basket page, in the field "Discount code or voucher", before going to checkout. If the code does not work, check:
            - whether the code is still valid: the end date is in the email or leaflet;
            - whether your order reaches the minimum amount;
            - whether the code applies to the products in your basket (some promotions exclude appliances);
            - whether you have used it before: most codes can be used once.

            You can use one discount code per order. A Polderhof voucher, for example a € 10 voucher you received from our customer service, can be used on top of it. Vouchers are valid for one year.

            Did you place an order and a valid code was not applied? Send us your order number and the code within 30 days and we will refund the difference to your account.
            """,
        ),
    ),
    DemoArticle(
        category="bestellen-bezorgen",
        nl=_v(
            "Kan ik mijn bestelling annuleren of wijzigen?",
            "Een bestelling annuleren of een product toevoegen of verwijderen.",
            "annuleren, bestelling wijzigen, product toevoegen, verkeerd besteld, bestelling intrekken",
            """
            Zolang uw bestelling de status "Ontvangen" heeft, kunt u hem kosteloos annuleren via Mijn account > Mijn bestellingen > "Annuleren". Heeft u als gast besteld, dan gebruikt u de link "Bestelling beheren" in de bevestigingsmail. Het bedrag staat binnen 3 werkdagen weer op uw rekening.

            Producten toevoegen of een aantal wijzigen kan niet in een bestaande bestelling. Annuleer dan de bestelling en plaats een nieuwe; een kortingscode die u gebruikte, wordt bij annuleren weer geldig.

            Heeft de bestelling al de status "Wordt ingepakt" of "Verzonden"? Dan kunnen wij hem niet meer tegenhouden. U kunt het pakket weigeren bij de deur, of na ontvangst een retourzending aanmelden binnen de bedenktijd van 14 dagen. Verse producten zoals Sinaasappelsap vers kunt u na verzending niet meer annuleren of retourneren.
            """,
        ),
        en=_v(
            "Can I cancel or change my order?",
            "Cancelling an order, or adding or removing a product.",
            "cancel order, change order, add product, ordered wrong item, withdraw order",
            """
            As long as your order has the status "Received", you can cancel it free of charge via My account > My orders > "Cancel". If you ordered as a guest, use the "Manage order" link in the confirmation email. The amount is back in your account within 3 working days.

            Adding products or changing quantities in an existing order is not possible. Cancel the order and place a new one; a discount code you used becomes valid again when you cancel.

            Does the order already show "Being packed" or "Shipped"? Then we can no longer stop it. You can refuse the parcel at the door, or register a return within the 14-day cooling-off period after receiving it. Fresh products such as Sinaasappelsap vers cannot be cancelled or returned once shipped.
            """,
        ),
    ),
    # --- Retourneren & terugbetalen ----------------------------------------------------------------
    DemoArticle(
        category="retourneren-terugbetalen",
        nl=_v(
            "Hoe meld ik een retourzending aan?",
            "Stap voor stap een product terugsturen naar de webshop.",
            "retourneren, terugsturen, retourlabel, retour aanmelden, product terugsturen, retourformulier",
            """
            Een retourzending meldt u binnen 14 dagen na ontvangst aan, zo:

            - Ga naar Mijn account > Mijn bestellingen en kies "Retourneren" bij de bestelling. Zonder account gebruikt u de link "Bestelling beheren" in de bevestigingsmail.
            - Kies welke producten u terugstuurt en waarom.
            - Print het retourlabel dat u per e-mail ontvangt en plak het op de doos. Geen printer? Kies dan voor een retourcode die het afgiftepunt voor u print.
            - Lever het pakket binnen 7 dagen in bij een afgiftepunt van de vervoerder en bewaar het afgiftebewijs.

            Stuurt u iets terug omdat u van gedachten bent veranderd, dan kost het retourlabel € 4,95; dat houden we in op uw terugbetaling. Is het product kapot, verkeerd geleverd of niet in orde, dan is het retourlabel gratis.

            Zodra uw retourzending bij ons binnen is, krijgt u een bevestiging per e-mail. Meestal is dat 2 tot 3 werkdagen na het afgeven.
            """,
        ),
        en=_v(
            "How do I register a return?",
            "Step by step: sending a product back to the web shop.",
            "return, send back, return label, register return, returns form, return a product",
            """
            You register a return within 14 days of receiving your order, like this:

            - Go to My account > My orders and choose "Return" next to the order. Without an account, use the "Manage order" link in the confirmation email.
            - Choose which products you are sending back and why.
            - Print the return label you receive by email and stick it on the box. No printer? Choose a return code and the drop-off point prints the label for you.
            - Hand in the parcel at a drop-off point of the carrier within 7 days and keep the receipt.

            If you return something because you changed your mind, the return label costs € 4.95, which we deduct from your refund. If the product is broken, wrongly delivered or not right, the return label is free.

            As soon as your return reaches us you receive a confirmation by email, usually 2 to 3 working days after drop-off.
            """,
        ),
    ),
    DemoArticle(
        category="retourneren-terugbetalen",
        nl=_v(
            "Welke producten kan ik retourneren?",
            "Bedenktijd en de uitzonderingen voor levensmiddelen en babyvoeding.",
            "bedenktijd, herroepingsrecht, retourvoorwaarden, niet retourneren, geopend product, 14 dagen",
            """
            Voor bestellingen in onze webshop heeft u 14 dagen bedenktijd, gerekend vanaf de dag dat u het pakket ontvangt. Binnen die tijd kunt u zonder opgave van reden een retourzending aanmelden.

            Dit kunt u retourneren:
            - apparaten (Airfryer XL, Waterkoker 1,7L, Staafmixer 800W), ook uitgepakt, als ze compleet en onbeschadigd zijn;
            - houdbare levensmiddelen en dranken in een ongeopende verpakking, met een houdbaarheidsdatum van nog minstens een maand;
            - schoonmaakmiddelen in een ongeopende verpakking.

            Dit kunt u niet retourneren vanwege de hygiëne of omdat het snel bederft:
            - verse producten, zoals Sinaasappelsap vers;
            - babyvoeding en Kinderfles waarvan de verzegeling verbroken is;
            - geopende levensmiddelen.

            Is een product kapot of niet in orde, dan gelden deze uitzonderingen niet: dan lossen we het altijd op, ook als het geopend is. Lees daarvoor het artikel over een klacht over een product.
            """,
        ),
        en=_v(
            "Which products can I return?",
            "The cooling-off period and the exceptions for food and baby food.",
            "cooling-off period, right of withdrawal, return conditions, cannot return, opened product, 14 days",
            """
            Orders from our web shop come with a 14-day cooling-off period, counted from the day you receive the parcel. Within that time you can register a return without giving a reason.

            You can return:
            - appliances (Airfryer XL, Waterkoker 1,7L, Staafmixer 800W), even unpacked, if complete and undamaged;
            - long-life food and drinks in unopened packaging, with a best-before date at least one month away;
            - cleaning products in unopened packaging.

            You cannot return, for hygiene reasons or because they spoil quickly:
            - fresh products, such as Sinaasappelsap vers;
            - baby food and Kinderfles with a broken seal;
            - opened food.

            If a product is broken or not right, these exceptions do not apply: we always sort it out, even if it has been opened. See the article on complaining about a product.
            """,
        ),
    ),
    DemoArticle(
        category="retourneren-terugbetalen",
        nl=_v(
            "Wanneer krijg ik mijn terugbetaling?",
            "Hoe lang een terugbetaling duurt en hoe u die ontvangt.",
            "geld terug, terugstorting, terugbetaling duurt lang, refund, wanneer geld terug, status terugbetaling",
            """
            Wij starten uw terugbetaling binnen 3 werkdagen nadat uw retourzending bij ons binnen is en gecontroleerd. U krijgt daarover een e-mail. Wanneer het geld op uw rekening staat, hangt af van hoe u betaalde:
            - iDEAL en Bancontact: 1 tot 2 werkdagen na onze e-mail;
            - PayPal: meestal dezelfde dag;
            - creditcard: 5 tot 10 werkdagen, afhankelijk van uw kaartmaatschappij;
            - achteraf betalen: de factuur wordt verlaagd; heeft u al betaald, dan storten we het bedrag terug.

            We betalen altijd terug via dezelfde betaalmethode als waarmee u betaalde. Bij een retour binnen de bedenktijd krijgt u ook de oorspronkelijke verzendkosten terug, min € 4,95 voor het retourlabel.

            Is uw terugbetaling na 14 dagen nog niet binnen? Stuur ons dan uw bestelnummer en het afgiftebewijs van de retourzending. Wij zoeken het direct voor u uit.
            """,
        ),
        en=_v(
            "When will I get my refund?",
            "How long a refund takes and how you receive it.",
            "money back, refund not received, refund not arrived, where is my refund, refund status, reimbursement",
            """
            We start your refund within 3 working days after your return has reached us and been checked, and we email you when we do. When the money is in your account depends on how you paid:
            - iDEAL and Bancontact: 1 to 2 working days after our email;
            - PayPal: usually the same day;
            - credit card: 5 to 10 working days, depending on your card company;
            - pay later: the invoice is reduced; if you have already paid, we refund the amount.

            We always refund using the payment method you paid with. For a return within the cooling-off period you also get the original shipping costs back, minus € 4.95 for the return label.

            Has your refund not arrived after 14 days? Send us your order number and the drop-off receipt of the return, and we will look into it straight away.
            """,
        ),
    ),
    DemoArticle(
        category="retourneren-terugbetalen",
        nl=_v(
            "Er is twee keer afgeschreven voor één bestelling",
            "Een dubbele afschrijving of een onbekende afschrijving van Polderhof.",
            "dubbel betaald, twee keer afgeschreven, dubbele afschrijving, te veel betaald, onbekende afschrijving",
            """
            Ziet u twee afschrijvingen voor één bestelling, dan is dat meestal een van deze twee dingen:

            - Een reservering: bij een mislukte of afgebroken betaling houdt uw bank het bedrag soms even vast. Die reservering valt binnen 3 werkdagen vanzelf vrij en komt niet echt van uw rekening.
            - Een echte dubbele betaling: bijvoorbeeld als u na een foutmelding opnieuw op "Betalen" klikte.

            Staat het bedrag na 3 werkdagen nog dubbel afgeschreven? Stuur ons dan uw bestelnummer en een schermafbeelding of bankafschrift waarop beide afschrijvingen staan. U mag andere regels op het afschrift onleesbaar maken. Wij controleren het binnen 2 werkdagen en storten het dubbele bedrag terug via dezelfde betaalmethode.

            Ziet u een afschrijving van Polderhof die u helemaal niet herkent? Neem dan contact op met uw bank en met ons: dan kijken we samen of er misbruik van uw gegevens is gemaakt.
            """,
        ),
        en=_v(
            "I was charged twice for one order",
            "A double charge or an unknown charge from Polderhof.",
            "charged twice, double payment, paid twice, overcharged, unknown charge",
            """
            If you see two charges for one order, it is usually one of these two things:

            - A reservation: after a failed or interrupted payment your bank sometimes holds the amount for a while. The reservation is released by itself within 3 working days and never actually leaves your account.
            - A real double payment: for example, if you clicked "Pay" again after an error message.

            Is the amount still charged twice after 3 working days? Send us your order number and a screenshot or bank statement showing both charges. You may black out the other lines on the statement. We check it within 2 working days and refund the double amount using the same payment method.

            Do you see a charge from Polderhof that you do not recognise at all? Contact your bank and us: together we check whether your details have been misused.
            """,
        ),
    ),
    DemoArticle(
        category="retourneren-terugbetalen",
        nl=_v(
            "Garantie op de Airfryer, Waterkoker en Staafmixer",
            "Hoe lang de garantie geldt en hoe u een defect apparaat meldt.",
            "garantie, defect apparaat, kapot, reparatie, vervangen, airfryer kapot, waterkoker doet het niet",
            """
            Op de Airfryer XL, de Waterkoker 1,7L en de Staafmixer 800W geven wij 2 jaar garantie vanaf de aankoopdatum, ook als u het apparaat in een winkel kocht. De garantie geldt voor fabrieksfouten, zoals een apparaat dat niet meer aangaat, een knop die afbreekt bij normaal gebruik of een thermostaat die niet werkt.

            Niet onder de garantie valt schade door vallen, verkeerd gebruik of kalk. Ontkalk de waterkoker daarom regelmatig.

            Zo meldt u een defect:
            - Vul het contactformulier in en kies "Defect apparaat".
            - Voeg een foto van de aankoopbon of de bestelbevestiging toe, en een foto van het typeplaatje onder het apparaat.
            - Beschrijf wat er mis is; een kort filmpje helpt.

            Binnen 2 werkdagen krijgt u een gratis retourlabel. Na ontvangst sturen we binnen 5 werkdagen een nieuw exemplaar; repareren doen we niet, omdat vervangen sneller is. Ruikt het apparaat naar brand of wordt het snoer heet, gebruik het dan niet meer en lees het artikel over veilig gebruik.
            """,
        ),
        en=_v(
            "Guarantee on the Airfryer, kettle and hand blender",
            "How long the guarantee lasts and how to report a faulty appliance.",
            "guarantee, warranty, faulty appliance, broken, repair, replace, airfryer broken, kettle not working",
            """
            The Airfryer XL, the Waterkoker 1,7L kettle and the Staafmixer 800W hand blender come with a 2-year guarantee from the date of purchase, also if you bought the appliance in a shop. The guarantee covers manufacturing faults, such as an appliance that no longer switches on, a button that breaks off in normal use or a thermostat that does not work.

            It does not cover damage from dropping, misuse or limescale. So descale the kettle regularly.

            How to report a fault:
            - Fill in the contact form and choose "Faulty appliance".
            - Attach a photo of the receipt or order confirmation and a photo of the type plate underneath the appliance.
            - Describe what is wrong; a short video helps.

            Within 2 working days you receive a free return label. Once we have the appliance we send a new one within 5 working days; we do not repair, because replacing is quicker. If the appliance smells of burning or the cable gets hot, stop using it and read the article on safe use.
            """,
        ),
    ),
    DemoArticle(
        category="retourneren-terugbetalen",
        nl=_v(
            "Geld terug voor een product uit de supermarkt",
            "Een klacht of terugbetaling voor een product dat u in een winkel kocht.",
            "supermarkt, winkel gekocht, kassabon, geld terug winkel, Albert Heijn, Jumbo, vergoeding product",
            """
            Kocht u een Polderhof-product in de supermarkt en is er iets mis mee? Dan kunt u op twee manieren geld terugkrijgen:

            - Bij de winkel: de meeste supermarkten nemen een product met een klacht terug aan de servicebalie, met de kassabon.
            - Bij ons: meld het via het contactformulier. Stuur een foto van het product met de houdbaarheidsdatum en de partijcode erop, en als u die nog heeft een foto van de kassabon.

            Zonder kassabon helpen we u ook; we vergoeden dan de adviesprijs van het product. U kiest zelf of u het bedrag op uw rekening wilt (geef dan uw IBAN en de naam van de rekeninghouder door) of een waardebon voor de webshop. Een terugbetaling op uw rekening staat er binnen 5 werkdagen.

            Gooi het product nog niet weg: bij een vreemd voorwerp of een afwijkende smaak vragen we het soms op voor onderzoek. U krijgt dan een gratis retourlabel.
            """,
        ),
        en=_v(
            "Refund for a product bought in a supermarket",
            "A complaint or refund for a product you bought in a shop.",
            "supermarket, bought in shop, receipt, refund shop purchase, store, compensation product",
            """
            Did you buy a Polderhof product in a supermarket and something is wrong with it? You can get your money back in two ways:

            - At the shop: most supermarkets take back a faulty product at the service desk, with the receipt.
            - From us: report it via the contact form. Send a photo of the product showing the best-before date and the batch code, and if you still have it, a photo of the receipt.

            We also help you without a receipt; we then refund the recommended retail price. You choose whether you want the amount in your bank account (give us your IBAN and the account holder's name) or a voucher for the web shop. A refund to your account arrives within 5 working days.

            Do not throw the product away yet: for a foreign object or an odd taste we sometimes ask for it to be examined. You then receive a free return label.
            """,
        ),
    ),
    DemoArticle(
        category="retourneren-terugbetalen",
        nl=_v(
            "Is mijn retourzending aangekomen?",
            "De status van uw retour volgen.",
            "retour ontvangen, retourstatus, retour kwijt, trackingnummer retour, bevestiging retour",
            """
            Na het afgeven van uw retourzending kunt u hem volgen met de trackingcode op het afgiftebewijs. Zodra het pakket bij ons magazijn in Veenendaal is, zet de vervoerder de status op "Bezorgd".

            Daarna controleren wij de inhoud. Binnen 3 werkdagen na aankomst ontvangt u een e-mail "Retour verwerkt" met het bedrag dat we terugbetalen. U ziet de status ook onder Mijn account > Mijn retouren.

            Geeft de tracking na 5 werkdagen nog geen "Bezorgd" aan, of heeft u 3 werkdagen na bezorging nog geen bevestiging? Stuur ons dan het trackingnummer en een foto van het afgiftebewijs. Is het pakket onderweg zoekgeraakt, dan is dat onze verantwoordelijkheid: met het afgiftebewijs krijgt u uw terugbetaling gewoon. Bewaar het afgiftebewijs daarom tot u uw geld terug heeft.
            """,
        ),
        en=_v(
            "Has my return arrived?",
            "Following the status of your return.",
            "return received, return status, return lost, return tracking number, return confirmation",
            """
            After dropping off your return you can follow it with the tracking code on the drop-off receipt. As soon as the parcel reaches our warehouse in Veenendaal, the carrier sets the status to "Delivered".

            We then check the contents. Within 3 working days of arrival you receive an email "Return processed" with the amount we refund. You also see the status under My account > My returns.

            Does the tracking still not say "Delivered" after 5 working days, or have you had no confirmation 3 working days after delivery? Send us the tracking number and a photo of the drop-off receipt. If the parcel got lost on the way, that is our responsibility: with the drop-off receipt you simply get your refund. So keep the drop-off receipt until you have your money back.
            """,
        ),
    ),
    # --- Productvragen & allergenen ----------------------------------------------------------------
    DemoArticle(
        category="productvragen-allergenen",
        nl=_v(
            "Waar vind ik de allergeneninformatie?",
            "Allergenen op de verpakking en in de webshop, en wat 'kan sporen bevatten' betekent.",
            "allergie, allergenen, ingrediënten, noten, gluten, melk, kan sporen bevatten, etiket",
            """
            De allergeneninformatie staat op elke verpakking in de ingrediëntenlijst: de 14 wettelijke allergenen, zoals gluten, melk, pinda, noten, soja en selderij, staan daar vetgedrukt. In de webshop vindt u dezelfde lijst op de productpagina onder "Ingrediënten en allergenen".

            Onder de ingrediëntenlijst staat soms "Kan sporen bevatten van ...". Dat betekent dat het allergeen niet in het recept zit, maar dat het product gemaakt wordt op een lijn waar dat allergeen ook gebruikt wordt. Bij een ernstige allergie raden wij u aan die producten niet te gebruiken.

            Let op: de verpakking in uw hand is altijd leidend. Recepten veranderen soms, en een product uit de winkel kan nog de oude verpakking hebben. Staat er op de verpakking iets anders dan in de webshop, neem dan contact met ons op.

            Heeft u of uw kind na het eten van een product een allergische reactie gekregen? Zoek eerst medische hulp en bel ons daarna gratis op 0800-0123.
            """,
        ),
        en=_v(
            "Where can I find allergen information?",
            "Allergens on the packaging and in the web shop, and what 'may contain traces' means.",
            "allergy, allergens, ingredients, nuts, gluten, milk, may contain traces, label",
            """
            Allergen information is on every package in the ingredients list: the 14 legal allergens, such as gluten, milk, peanut, nuts, soy and celery, are printed there in bold. In the web shop the same list is on the product page under "Ingredients and allergens".

            Below the ingredients list you sometimes see "May contain traces of ...". This means the allergen is not in the recipe, but the product is made on a line where that allergen is also used. If you have a severe allergy, we advise you not to use those products.

            Please note: the packaging in your hand always prevails. Recipes change sometimes, and a product from a shop may still have the old packaging. If the packaging says something different from the web shop, please contact us.

            Did you or your child have an allergic reaction after eating a product? Seek medical help first, then call us free of charge on 0800-0123.
            """,
        ),
    ),
    DemoArticle(
        category="productvragen-allergenen",
        nl=_v(
            "Zitten er noten of pinda's in de Muesli Krokant Noten en de Pindakaas?",
            "Noten en pinda in onze ontbijtproducten, en welke producten notenvrij zijn.",
            "notenallergie, pinda-allergie, hazelnoot, amandel, notenvrij, pindavrij, muesli, pindakaas",
            """
            Muesli Krokant Noten bevat hazelnoten (8%), amandelen (5%) en walnoten (2%). De muesli wordt gemaakt in een fabriek waar ook pinda's worden verwerkt; op de verpakking staat daarom "kan sporen bevatten van pinda".

            Pindakaas Naturel 350g bestaat voor 98% uit geroosterde pinda's, met zout. Er zitten geen andere noten in, maar hij wordt gemaakt op een lijn waar ook cashewnoten worden gemalen.

            Deze producten zijn vrij van noten en pinda, en worden ook niet op een lijn met noten gemaakt:
            - Volkoren Crackers
            - Hagelslag Puur 400g
            - Tomatensoep met Balletjes
            - Babyvoeding Pompoen 4m+

            Ook de Kinderfles Aardbei 200ml en al onze sappen en bronwaters zijn notenvrij. Heeft u een ernstige allergie, lees dan altijd de ingrediëntenlijst op de verpakking: die is leidend.
            """,
        ),
        en=_v(
            "Do the Muesli Krokant Noten and the peanut butter contain nuts or peanuts?",
            "Nuts and peanut in our breakfast products, and which products are nut-free.",
            "nut allergy, peanut allergy, hazelnut, almond, nut-free, peanut-free, muesli, peanut butter",
            """
            Muesli Krokant Noten contains hazelnuts (8%), almonds (5%) and walnuts (2%). The muesli is made in a factory that also processes peanuts, so the packaging says "may contain traces of peanut".

            Pindakaas Naturel 350g peanut butter is 98% roasted peanuts, with salt. It contains no other nuts, but it is made on a line where cashew nuts are also ground.

            These products are free from nuts and peanut, and are not made on a line with nuts either:
            - Volkoren Crackers
            - Hagelslag Puur 400g
            - Tomatensoep met Balletjes
            - Babyvoeding Pompoen 4m+

            The Kinderfles Aardbei 200ml and all our juices and mineral waters are nut-free too. With a severe allergy, always read the ingredients list on the packaging: it prevails.
            """,
        ),
    ),
    DemoArticle(
        category="productvragen-allergenen",
        nl=_v(
            "Welke producten zijn glutenvrij, lactosevrij of veganistisch?",
            "Een overzicht van dieetwensen bij onze levensmiddelen.",
            "glutenvrij, lactosevrij, veganistisch, vegan, vegetarisch, coeliakie, melkvrij, dieet, halal",
            """
            Een overzicht van onze levensmiddelen:

            - Glutenvrij: Tomatensoep met Balletjes is níet glutenvrij (de balletjes bevatten tarwe). Volkoren Crackers en Muesli Krokant Noten bevatten tarwe en haver, dus gluten. Hagelslag Puur 400g, Pindakaas Naturel en Babyvoeding Pompoen 4m+ bevatten geen gluten.
            - Lactosevrij en melkvrij: Hagelslag Puur 400g is melkvrij; alle sappen, bronwaters, Pindakaas Naturel en Volkoren Crackers ook. Tomatensoep met Balletjes bevat melk.
            - Veganistisch: Hagelslag Puur, Pindakaas Naturel, Volkoren Crackers, Appelsap troebel en Sinaasappelsap vers zijn veganistisch. Muesli Krokant Noten bevat honing en is daarom vegetarisch, niet veganistisch.
            - Vegetarisch: al onze producten zijn vegetarisch, behalve Tomatensoep met Balletjes (rundvlees).

            Onze producten hebben geen halal- of koosjercertificaat.

            Wij hanteren voor "glutenvrij" de wettelijke grens van 20 mg per kilo. De verpakking blijft altijd leidend; bij twijfel helpen we u graag.
            """,
        ),
        en=_v(
            "Which products are gluten-free, lactose-free or vegan?",
            "An overview of dietary needs for our food products.",
            "gluten-free, lactose-free, vegan, vegetarian, coeliac, dairy-free, diet, halal",
            """
            An overview of our food products:

            - Gluten-free: Tomatensoep met Balletjes is not gluten-free (the meatballs contain wheat). Volkoren Crackers and Muesli Krokant Noten contain wheat and oats, so gluten. Hagelslag Puur 400g, Pindakaas Naturel and Babyvoeding Pompoen 4m+ contain no gluten.
            - Lactose-free and dairy-free: Hagelslag Puur 400g is dairy-free, as are all juices, mineral waters, Pindakaas Naturel and Volkoren Crackers. Tomatensoep met Balletjes contains milk.
            - Vegan: Hagelslag Puur, Pindakaas Naturel, Volkoren Crackers, Appelsap troebel and Sinaasappelsap vers are vegan. Muesli Krokant Noten contains honey, so it is vegetarian but not vegan.
            - Vegetarian: all our products are vegetarian, except Tomatensoep met Balletjes (beef).

            Our products have no halal or kosher certificate.

            For "gluten-free" we use the legal limit of 20 mg per kilo. The packaging always prevails; if in doubt, we are happy to help.
            """,
        ),
    ),
    DemoArticle(
        category="productvragen-allergenen",
        nl=_v(
            "Wat betekent de houdbaarheidsdatum?",
            "Het verschil tussen 'ten minste houdbaar tot' en 'te gebruiken tot'.",
            "THT, TGT, ten minste houdbaar tot, te gebruiken tot, over datum, verlopen, houdbaar",
            """
            Op onze verpakkingen staat één van twee houdbaarheidsdatums:

            - "Ten minste houdbaar tot" (THT): tot die datum garanderen wij de smaak en kwaliteit, als het product goed bewaard is. Daarna is het vaak nog prima te gebruiken. Kijk, ruik en proef: ziet en ruikt het normaal, dan kunt u het gewoon eten of drinken. Dit staat op bronwater, crackers, hagelslag, pindakaas, muesli en soep.
            - "Te gebruiken tot" (TGT): na deze datum kan het product onveilig zijn; gebruik het dan niet meer. Dit staat op Sinaasappelsap vers.

            De houdbaarheidsdatum geldt voor een ongeopende verpakking. Na openen is een product korter houdbaar; zie het artikel over bewaren na openen.

            De datum staat bij flessen op de hals of de dop, bij potten op het deksel en bij pakken aan de onderkant. Naast de datum staat de partijcode, bijvoorbeeld L2611.

            Kreeg u van ons een product dat al over de datum was, of minder dan een maand houdbaar bij levering? Meld het ons; u krijgt een nieuw product of uw geld terug.
            """,
        ),
        en=_v(
            "What does the best-before date mean?",
            "The difference between 'best before' and 'use by'.",
            "best before, use by, expiry date, expired, out of date, shelf life",
            """
            Our packaging shows one of two dates:

            - "Best before" (THT on Dutch packs): until that date we guarantee the taste and quality, if the product was stored properly. After it, the product is often still fine. Look, smell and taste: if it looks and smells normal, you can eat or drink it. This date is on mineral water, crackers, chocolate sprinkles, peanut butter, muesli and soup.
            - "Use by" (TGT on Dutch packs): after this date the product may be unsafe; do not use it any more. This date is on Sinaasappelsap vers.

            The date applies to unopened packaging. Once opened, a product keeps for a shorter time; see the article on storing after opening.

            On bottles the date is on the neck or the cap, on jars on the lid and on packs underneath. The batch code is next to the date, for example L2611.

            Did we send you a product that was already past its date, or had less than a month left on delivery? Let us know; you receive a new product or your money back.
            """,
        ),
    ),
    DemoArticle(
        category="productvragen-allergenen",
        nl=_v(
            "Hoe lang kan ik een product bewaren na openen?",
            "Bewaaradvies voor sap, babyvoeding, pindakaas en soep na het openen.",
            "bewaren, na openen, koelkast, hoe lang houdbaar open, olie op pindakaas, bewaaradvies",
            """
            Heeft u een verpakking geopend, dan geldt de houdbaarheidsdatum erop niet meer. Ons advies:

            - Appelsap troebel en Sinaasappelsap vers: gesloten in de koelkast, binnen 4 dagen opdrinken.
            - Bronwater: dicht bewaren; bruisend water blijft 2 tot 3 dagen lekker fris.
            - Kinderfles Aardbei 200ml: na openen binnen 24 uur opdrinken, in de koelkast.
            - Babyvoeding Pompoen 4m+: in de koelkast, binnen 24 uur gebruiken. Neem een portie uit de pot met een schone lepel en geef de rest van een bord niet later nog eens.
            - Tomatensoep met Balletjes: na opwarmen niet opnieuw opwarmen; gekoeld binnen 2 dagen gebruiken.
            - Pindakaas Naturel: buiten de koelkast, binnen 3 maanden. Er vormt zich een laagje olie op de pindakaas; dat is natuurlijk, roer het er gewoon door.
            - Hagelslag, crackers en muesli: droog en goed afgesloten, binnen 2 maanden.

            Zit er schimmel op een product, gooi dan de hele verpakking weg en niet alleen het stukje met schimmel. Was de verpakking nog dicht? Meld het ons dan met een foto van de partijcode.
            """,
        ),
        en=_v(
            "How long does a product keep after opening?",
            "Storage advice for juice, baby food, peanut butter and soup once opened.",
            "storage, after opening, fridge, how long does it keep, oil on peanut butter, storage advice",
            """
            Once opened, the date on the packaging no longer applies. Our advice:

            - Appelsap troebel and Sinaasappelsap vers: closed, in the fridge, finish within 4 days.
            - Mineral water: keep closed; sparkling water stays fresh for 2 to 3 days.
            - Kinderfles Aardbei 200ml: in the fridge, finish within 24 hours of opening.
            - Babyvoeding Pompoen 4m+: in the fridge, use within 24 hours. Take a portion from the jar with a clean spoon and do not serve leftovers from a plate again later.
            - Tomatensoep met Balletjes: do not reheat twice; keep chilled and use within 2 days.
            - Pindakaas Naturel: outside the fridge, within 3 months. A layer of oil forms on top; that is natural, just stir it in.
            - Chocolate sprinkles, crackers and muesli: dry and well closed, within 2 months.

            If there is mould on a product, throw away the whole pack, not just the mouldy bit. Was the pack still sealed? Then let us know, with a photo of the batch code.
            """,
        ),
    ),
    DemoArticle(
        category="productvragen-allergenen",
        nl=_v(
            "Waar vind ik de partijcode op de verpakking?",
            "De partijcode (lotnummer) vinden en waarom wij erom vragen.",
            "partijcode, lotnummer, batchnummer, batchcode, productiecode, L-nummer, waar staat",
            """
            De partijcode, ook wel lotnummer of batchnummer, vertelt ons wanneer en op welke productielijn een product gemaakt is. Zo kunnen we bij een klacht precies nagaan wat er gebeurd is, en zien we of andere klanten hetzelfde melden.

            De code begint met een L, gevolgd door vier cijfers, bijvoorbeeld L2611. U vindt hem naast de houdbaarheidsdatum:
            - flessen bronwater en sap: op de hals van de fles;
            - Kinderfles Aardbei: op de onderkant;
            - potten (pindakaas, babyvoeding): op het deksel;
            - pakken en zakken (crackers, hagelslag, muesli, soep): op de onderkant of de achterkant bij de vouwnaad;
            - schoonmaakmiddelen: op de achterkant van de fles of doos;
            - apparaten: op het typeplaatje onder het apparaat staat een serienummer in plaats van een partijcode.

            Meldt u een klacht, stuur dan een duidelijke foto van de partijcode en de datum mee. Kunt u de code niet lezen, fotografeer dan de hele hals of onderkant.
            """,
        ),
        en=_v(
            "Where do I find the batch code on the packaging?",
            "Finding the batch code (lot number) and why we ask for it.",
            "batch code, lot number, batch number, production code, L number, where is it",
            """
            The batch code, also called lot number, tells us when and on which production line a product was made. With it we can find out exactly what happened when you complain, and see whether other customers report the same.

            The code starts with an L followed by four digits, for example L2611. You find it next to the best-before date:
            - bottles of mineral water and juice: on the neck of the bottle;
            - Kinderfles Aardbei: on the bottom;
            - jars (peanut butter, baby food): on the lid;
            - packs and bags (crackers, sprinkles, muesli, soup): on the bottom, or on the back near the fold;
            - cleaning products: on the back of the bottle or box;
            - appliances: the type plate underneath shows a serial number instead of a batch code.

            When you report a complaint, send a clear photo of the batch code and the date. If you cannot read the code, photograph the whole neck or bottom.
            """,
        ),
    ),
    DemoArticle(
        category="productvragen-allergenen",
        nl=_v(
            "Het potje babyvoeding ploft niet bij openen",
            "Het veiligheidsknopje op potjes babyvoeding en wat u doet als het niet klopt.",
            "babyvoeding, potje, deksel, plop, vacuüm, veiligheidsknop, baby, pompoen, niet veilig",
            """
            Potjes Babyvoeding Pompoen 4m+ zijn vacuüm gesloten. In het midden van het deksel zit een veiligheidsknopje: bij een goed gesloten potje is het knopje ingedrukt en hoort u bij het openen een duidelijke "plop".

            Geef de babyvoeding niet aan uw kind als:
            - het knopje al omhoog staat vóór het openen;
            - u geen "plop" hoort;
            - het deksel lekt, bol staat of roestplekjes heeft;
            - de inhoud vreemd ruikt, verkleurd is of er schuim op zit.

            Gooi het potje dan niet weg, maar bewaar het afgesloten in de koelkast. Meld het ons via het contactformulier of gratis op 0800-0123, met een foto van het deksel en de partijcode. Wij vergoeden het product altijd, en ons team Kwaliteit & Veiligheid bekijkt of het om meer potjes uit dezelfde partij gaat.

            Heeft uw kind al van een verdacht potje gegeten en maakt u zich zorgen? Bel dan uw huisarts.
            """,
        ),
        en=_v(
            "The baby food jar does not pop when opened",
            "The safety button on baby food jars and what to do if it is not right.",
            "baby food, jar, lid, pop, vacuum, safety button, baby, pumpkin, unsafe",
            """
            Jars of Babyvoeding Pompoen 4m+ are vacuum sealed. In the middle of the lid there is a safety button: on a properly sealed jar the button is pressed down and you hear a clear "pop" when opening it.

            Do not give the baby food to your child if:
            - the button is already raised before opening;
            - you do not hear a "pop";
            - the lid leaks, bulges or has spots of rust;
            - the contents smell odd, are discoloured or have foam on top.

            Do not throw the jar away, but keep it closed in the fridge. Report it via the contact form or free of charge on 0800-0123, with a photo of the lid and the batch code. We always refund the product, and our Quality & Safety team checks whether more jars from the same batch are affected.

            Has your child already eaten from a suspect jar and are you worried? Call your GP.
            """,
        ),
    ),
    DemoArticle(
        category="productvragen-allergenen",
        nl=_v(
            "Hoe ontkalk ik de Waterkoker 1,7L?",
            "Ontkalken, schoonmaken en het kalkfilter van de waterkoker.",
            "ontkalken, kalk, waterkoker schoonmaken, kalkfilter, azijn, citroenzuur, witte schilfers",
            """
            Kalk in de waterkoker is onschadelijk, maar maakt hem trager en kan de thermostaat laten haperen. Ziet u witte schilfers of een witte aanslag? Ontkalk hem dan, in gebieden met hard water ongeveer eens per maand.

            Zo ontkalkt u de Waterkoker 1,7L:
            - Vul de waterkoker tot de MAX-streep met half water en half schoonmaakazijn, of met water en 2 eetlepels citroenzuur.
            - Breng het aan de kook en laat het een uur staan.
            - Giet het leeg, spoel na en kook twee keer schoon water, dat u weggiet.

            Het kalkfilter in de schenktuit kunt u eruit trekken en onder de kraan afspoelen. Dompel de waterkoker of de voet nooit onder in water.

            Vul de waterkoker nooit boven de MAX-streep: dan kan kokend water uit de tuit spatten. Schakelt hij uit voordat het water kookt, of kookt hij droog zonder uit te schakelen? Gebruik hem dan niet meer en meld het ons; dat valt onder de garantie.
            """,
        ),
        en=_v(
            "How do I descale the Waterkoker 1,7L kettle?",
            "Descaling, cleaning and the limescale filter of the kettle.",
            "descale, limescale, clean kettle, scale filter, vinegar, citric acid, white flakes",
            """
            Limescale in the kettle is harmless, but it makes the kettle slower and can make the thermostat falter. Do you see white flakes or a white layer? Then descale it, about once a month in areas with hard water.

            How to descale the Waterkoker 1,7L:
            - Fill the kettle to the MAX line with half water and half cleaning vinegar, or with water and 2 tablespoons of citric acid.
            - Bring it to the boil and leave it for an hour.
            - Empty it, rinse and boil clean water twice, pouring it away each time.

            The limescale filter in the spout can be pulled out and rinsed under the tap. Never immerse the kettle or its base in water.

            Never fill the kettle above the MAX line: boiling water can then spit out of the spout. Does it switch off before the water boils, or boil dry without switching off? Stop using it and let us know; that is covered by the guarantee.
            """,
        ),
    ),
    DemoArticle(
        category="productvragen-allergenen",
        nl=_v(
            "De vaatwastabletten lossen niet goed op",
            "Witte resten of klonten na het gebruik van Vaatwastabletten All-in-1.",
            "vaatwastabletten, lossen niet op, witte resten, klonten, vaatwasser, folie, vaatwasmiddel",
            """
            Blijven er na het wassen resten van de Vaatwastabletten All-in-1 achter? Meestal ligt het aan een van deze punten:

            - Laat de folie om het tablet zitten: die lost vanzelf op in water. Pak het tablet alleen met droge handen vast, anders plakt de folie.
            - Leg het tablet in het doseerbakje en sluit het klepje, niet los in de machine of het bestekmandje.
            - Kies een programma van minstens 50 °C. Bij korte of koude programma's lost het tablet niet helemaal op.
            - Controleer of niets (een grote pan, een snijplank) het klepje blokkeert.
            - Bewaar de tabletten droog en goed afgesloten: vochtige tabletten worden hard en lossen slecht op.

            Lukt het daarna nog steeds niet, of zit er een klontje in dat er duidelijk anders uitziet? Stuur ons dan een foto van de resten en van de partijcode op de doos. U krijgt een nieuwe verpakking of uw geld terug.
            """,
        ),
        en=_v(
            "The dishwasher tablets do not dissolve properly",
            "White residue or lumps after using Vaatwastabletten All-in-1.",
            "dishwasher tablets, not dissolving, white residue, lumps, dishwasher, wrapper, detergent",
            """
            Are there residues of the Vaatwastabletten All-in-1 left after washing? It is usually one of these points:

            - Leave the film on the tablet: it dissolves in water by itself. Only handle the tablet with dry hands, otherwise the film sticks.
            - Put the tablet in the dispenser and close the lid, not loose in the machine or the cutlery basket.
            - Choose a programme of at least 50 °C. In short or cold programmes the tablet does not dissolve completely.
            - Check that nothing (a big pan, a chopping board) blocks the dispenser lid.
            - Keep the tablets dry and well closed: damp tablets go hard and dissolve poorly.

            Still not working, or is there a lump that clearly looks different? Send us a photo of the residue and of the batch code on the box. You receive a new pack or your money back.
            """,
        ),
    ),
    # --- Klachten & schade -------------------------------------------------------------------------
    DemoArticle(
        category="klachten-schade",
        nl=_v(
            "Hoe dien ik een klacht in?",
            "Zo meldt u een klacht over een product of onze service, en zo volgt u de afhandeling.",
            "klacht indienen, klacht melden, contact, klantenservice, ontevreden, reactietijd, statuslink",
            """
            U kunt een klacht over een product of over onze service op drie manieren indienen:
            - via het contactformulier op onze website, dag en nacht;
            - per telefoon, gratis op 0800-0123, op werkdagen van 8:00 tot 20:00 uur en op zaterdag van 9:00 tot 17:00 uur;
            - via de chat in de webshop, op werkdagen van 8:00 tot 20:00 uur.

            Vermeld zo mogelijk de productnaam, de partijcode en de houdbaarheidsdatum, waar en wanneer u het kocht en wat u van ons verwacht: geld terug, een nieuw product, of vooral een verklaring. Foto's helpen ons.

            U krijgt direct een bevestiging met een dossiernummer en een persoonlijke statuslink. Via die link ziet u wat wij gedaan hebben en wat de volgende stap is, en kunt u reageren of foto's toevoegen. Binnen 1 werkdag reageert een medewerker inhoudelijk. Meldt u letsel of een gevaarlijk product, dan bellen we u dezelfde dag.
            """,
        ),
        en=_v(
            "How do I make a complaint?",
            "How to report a complaint about a product or our service, and follow its progress.",
            "make a complaint, report complaint, contact, customer service, unhappy, response time, status link",
            """
            You can make a complaint about a product or our service in three ways:
            - via the contact form on our website, day and night;
            - by phone, free of charge on 0800-0123, on working days from 8:00 to 20:00 and on Saturdays from 9:00 to 17:00;
            - via the chat in the web shop, on working days from 8:00 to 20:00.

            If you can, mention the product name, the batch code and the best-before date, where and when you bought it and what you expect from us: a refund, a new product, or mainly an explanation. Photos help us.

            You immediately receive a confirmation with a case number and a personal status link. The link shows what we have done and what the next step is, and lets you reply or add photos. Within 1 working day an agent replies in substance. If you report an injury or a dangerous product, we call you the same day.
            """,
        ),
    ),
    DemoArticle(
        category="klachten-schade",
        nl=_v(
            "Ik heb een vreemd voorwerp in een product gevonden",
            "Glas, metaal, plastic of insecten in een product: wat u doet en wat wij doen.",
            "vreemd voorwerp, glas, metaal, plastic, stukje, insect, beestjes, haar, gevonden in product",
            """
            Heeft u iets in een product gevonden dat er niet in hoort, zoals een stukje glas, metaal of hard plastic, of insecten? Dan willen we dat graag direct weten.

            Wat u kunt doen:
            - Eet of drink niet verder van het product, en geef het ook niet aan anderen.
            - Bewaar het voorwerp en de verpakking met de rest van de inhoud. Gooi niets weg.
            - Maak foto's van het voorwerp naast een munt of liniaal, en van de partijcode en houdbaarheidsdatum.
            - Meld het ons via het contactformulier of gratis op 0800-0123.

            Heeft u zich verwond of voelt u zich niet goed, zoek dan eerst medische hulp.

            Ons team Kwaliteit & Veiligheid neemt binnen 1 werkdag contact met u op. Meestal vragen we het product en het voorwerp op voor onderzoek in ons laboratorium; u krijgt daarvoor een gratis verzenddoos, of we laten het ophalen. U ontvangt een ontvangstbewijs met een nummer. Binnen 10 werkdagen hoort u wat het onderzoek heeft opgeleverd. Het aankoopbedrag vergoeden we altijd.
            """,
        ),
        en=_v(
            "I found a foreign object in a product",
            "Glass, metal, plastic or insects in a product: what you do and what we do.",
            "foreign object, glass, metal, plastic, piece, insect, bugs, hair, found in product",
            """
            Did you find something in a product that does not belong there, such as a piece of glass, metal or hard plastic, or insects? We want to know straight away.

            What you can do:
            - Do not eat or drink any more of the product, and do not give it to others.
            - Keep the object and the packaging with the rest of the contents. Do not throw anything away.
            - Take photos of the object next to a coin or ruler, and of the batch code and best-before date.
            - Report it via the contact form or free of charge on 0800-0123.

            If you have been hurt or feel unwell, seek medical help first.

            Our Quality & Safety team contacts you within 1 working day. We usually ask for the product and the object to be examined in our laboratory; you receive a free shipping box, or we have it collected. You get a receipt with a number. Within 10 working days you hear what the examination found. We always refund the purchase price.
            """,
        ),
    ),
    DemoArticle(
        category="klachten-schade",
        nl=_v(
            "Het product smaakt of ruikt anders dan normaal",
            "Een afwijkende smaak, geur of kleur melden.",
            "smaakt vreemd, ruikt raar, chloorlucht, zuur, muf, ranzig, verkleurd, afwijkende smaak",
            """
            Smaakt of ruikt een product anders dan u gewend bent, bijvoorbeeld zuur, muf, ranzig of naar chloor? Of heeft het een andere kleur? Stop dan met eten of drinken en meld het ons.

            Stuur ons:
            - een foto van de partijcode en de houdbaarheidsdatum;
            - waar en wanneer u het kocht, en hoe u het bewaarde;
            - een korte beschrijving van de smaak of geur.

            Bewaar het restant afgesloten in de koelkast. Soms vragen we het op voor onderzoek; u krijgt dan een gratis verzenddoos.

            Een afwijkende smaak kan verschillende oorzaken hebben. Bronwater dat in de zon of naast schoonmaakmiddelen heeft gestaan, kan de geur ervan overnemen. Sap kan gaan gisten als het na openen te warm staat. Maar het kan ook aan het product liggen; daarom vergelijken we uw melding met andere meldingen over dezelfde partij.

            U krijgt altijd het aankoopbedrag terug of een nieuw product. Heeft u zich na het eten of drinken ziek gevoeld, vermeld dat dan, dan bellen we u.
            """,
        ),
        en=_v(
            "The product tastes or smells different from usual",
            "Reporting an unusual taste, smell or colour.",
            "tastes strange, smells odd, chlorine smell, sour, musty, rancid, discoloured, off taste",
            """
            Does a product taste or smell different from what you are used to, for example sour, musty, rancid or of chlorine? Or does it have a different colour? Stop eating or drinking it and let us know.

            Send us:
            - a photo of the batch code and the best-before date;
            - where and when you bought it, and how you stored it;
            - a short description of the taste or smell.

            Keep what is left closed in the fridge. Sometimes we ask for it to be examined; you then receive a free shipping box.

            An odd taste can have several causes. Mineral water that stood in the sun or next to cleaning products can take on their smell. Juice can start to ferment if it is kept too warm after opening. But it can also be the product itself, which is why we compare your report with other reports about the same batch.

            You always get the purchase price back or a new product. If you felt ill after eating or drinking it, tell us, and we will call you.
            """,
        ),
    ),
    DemoArticle(
        category="klachten-schade",
        nl=_v(
            "Vergoeden jullie schade door een product?",
            "Schadevergoeding bij lekkage, vlekken of kapotte spullen door een van onze producten.",
            "schadevergoeding, schade vergoeden, vlekken, lekkage, kapotte spullen, aansprakelijk, claim, kosten",
            """
            Is er door een van onze producten schade ontstaan, bijvoorbeeld doordat een fles lekte, een apparaat kortsluiting maakte of een schoonmaakmiddel vlekken gaf? Dan beoordelen we graag of we die kunnen vergoeden.

            Stuur ons via het contactformulier:
            - foto's van de schade en van het product, met de partijcode of het serienummer;
            - een beschrijving van wat er gebeurde, en wanneer;
            - de aankoopbon of een ander bewijs van de waarde van wat beschadigd is, of een offerte voor reparatie of reiniging;
            - uw IBAN en de naam van de rekeninghouder.

            Bewaar het product en de beschadigde spullen tot de afhandeling klaar is; soms komen we die bekijken of laten we ze ophalen.

            Binnen 10 werkdagen na ontvangst van alle stukken laten we u weten wat we vergoeden. Bij grotere schade of letsel schakelen wij onze verzekeraar in; dan duurt het wat langer en houden we u op de hoogte via uw statuslink. Het aankoopbedrag van het product zelf vergoeden we altijd meteen.
            """,
        ),
        en=_v(
            "Do you pay for damage caused by a product?",
            "Compensation for leaks, stains or broken belongings caused by one of our products.",
            "compensation, damage claim, stains, leak, broken belongings, liable, claim, costs",
            """
            Has one of our products caused damage, for example because a bottle leaked, an appliance short-circuited or a cleaning product left stains? We are happy to assess whether we can compensate it.

            Send us via the contact form:
            - photos of the damage and of the product, with the batch code or serial number;
            - a description of what happened, and when;
            - the receipt or other proof of the value of what was damaged, or a quote for repair or cleaning;
            - your IBAN and the account holder's name.

            Keep the product and the damaged belongings until the claim is settled; sometimes we come to look at them or have them collected.

            Within 10 working days of receiving all documents we tell you what we will pay. For larger damage or injury we involve our insurer; it then takes a little longer and we keep you informed via your status link. We always refund the price of the product itself straight away.
            """,
        ),
    ),
    DemoArticle(
        category="klachten-schade",
        nl=_v(
            "Ik ben niet tevreden over de afhandeling van mijn klacht",
            "Bezwaar maken tegen een oplossing, en waar u daarna terechtkunt.",
            "niet tevreden, bezwaar, escaleren, teamleider, geschillencommissie, klacht over klantenservice",
            """
            Vindt u de oplossing die wij voorstellen niet redelijk, of gaat de afhandeling te langzaam? Laat het ons weten; dan kijken we er opnieuw naar.

            - Reageer via uw statuslink op het voorstel en kies "Niet akkoord". Schrijf erbij wat voor u wel een oplossing zou zijn.
            - Uw reactie gaat naar een teamleider, die uw dossier helemaal doorleest. Binnen 3 werkdagen hoort u van hem of haar, vaak telefonisch.

            Komen we er samen niet uit, dan krijgt u van ons een schriftelijk eindstandpunt. Daarna kunt u uw klacht voorleggen aan De Geschillencommissie, waarbij onze webshop is aangesloten. Dat moet binnen 12 maanden nadat u de klacht bij ons indiende. Voor aankopen in een winkel kunt u ook terecht bij het Juridisch Loket voor gratis advies.

            Uw dossier blijft bewaard, zodat iedereen die u verder helpt het hele verhaal kent en u het niet opnieuw hoeft te vertellen.
            """,
        ),
        en=_v(
            "I am not satisfied with how my complaint was handled",
            "Objecting to a solution, and where you can go after that.",
            "not satisfied, object, escalate, team leader, disputes committee, complaint about customer service",
            """
            Do you find the solution we propose unreasonable, or is your complaint taking too long? Tell us, and we will look at it again.

            - Reply to the proposal via your status link and choose "Not agreed". Write down what would solve it for you.
            - Your reply goes to a team leader, who reads your whole case file. You hear from them within 3 working days, often by phone.

            If we cannot reach an agreement together, we send you our final position in writing. After that you can take your complaint to De Geschillencommissie (the Dutch disputes committee), which our web shop is a member of. This must be done within 12 months of making your complaint to us. For purchases in a shop you can also get free advice from the Juridisch Loket.

            Your case file is kept, so everyone who helps you further knows the whole story and you do not have to tell it again.
            """,
        ),
    ),
    DemoArticle(
        category="klachten-schade",
        nl=_v(
            "Hoe werkt mijn statuslink?",
            "Uw klacht volgen, reageren en foto's toevoegen via de persoonlijke statuslink.",
            "statuslink, status klacht, dossiernummer, link werkt niet, foto toevoegen, reageren op klacht",
            """
            Na het indienen van een klacht ontvangt u per e-mail of sms een persoonlijke statuslink. Op die pagina ziet u:
            - uw dossiernummer en de huidige status;
            - alle berichten tussen u en onze medewerkers;
            - wat de volgende stap is en wanneer u die kunt verwachten.

            Via de statuslink kunt u reageren op een bericht, foto's of documenten toevoegen (tot 10 MB per bestand) en een voorgestelde oplossing accepteren of afwijzen. U hoeft daarvoor niet in te loggen.

            De link is persoonlijk: deel hem niet met anderen, want iedereen met de link kan uw dossier lezen. Bent u de link kwijt, of werkt hij niet meer? Bel ons dan op 0800-0123 of gebruik het contactformulier met uw dossiernummer. Wij sturen u een nieuwe link; de oude werkt dan niet meer.

            Na het afsluiten van uw klacht blijft de link nog 90 dagen werken, zodat u alles kunt nalezen.
            """,
        ),
        en=_v(
            "How does my status link work?",
            "Following your complaint, replying and adding photos via your personal status link.",
            "status link, complaint status, case number, link not working, add photo, reply to complaint",
            """
            After making a complaint you receive a personal status link by email or text message. The page shows:
            - your case number and the current status;
            - all messages between you and our agents;
            - what the next step is and when to expect it.

            Via the status link you can reply to a message, add photos or documents (up to 10 MB per file) and accept or reject a proposed solution. You do not need to log in.

            The link is personal: do not share it, because anyone with the link can read your case. Have you lost the link, or does it no longer work? Call us on 0800-0123 or use the contact form with your case number. We send you a new link; the old one then stops working.

            After your complaint is closed the link keeps working for 90 days, so you can read everything back.
            """,
        ),
    ),
    # --- Account & privacy -------------------------------------------------------------------------
    DemoArticle(
        category="account-privacy",
        nl=_v(
            "Ik ben mijn wachtwoord vergeten",
            "Een nieuw wachtwoord instellen en inlogproblemen oplossen.",
            "wachtwoord vergeten, inloggen lukt niet, nieuw wachtwoord, account geblokkeerd, resetlink",
            """
            Klik op de inlogpagina van de webshop op "Wachtwoord vergeten?" en vul het e-mailadres van uw account in. U ontvangt binnen een paar minuten een e-mail met een link om een nieuw wachtwoord in te stellen. De link is 1 uur geldig en werkt één keer.

            Geen e-mail ontvangen?
            - Kijk in uw map met ongewenste e-mail of reclame.
            - Controleer of u het e-mailadres gebruikt waarmee u het account aanmaakte.
            - Vraag na 15 minuten een nieuwe link aan; de vorige vervalt dan.

            Na 5 mislukte inlogpogingen blokkeren we het account 30 minuten, om u te beschermen tegen misbruik. Daarna kunt u het opnieuw proberen of direct een nieuw wachtwoord instellen.

            Wij vragen u nooit per e-mail, sms of telefoon om uw wachtwoord. Krijgt u zo'n verzoek uit naam van Polderhof, lees dan het artikel over nepberichten.
            """,
        ),
        en=_v(
            "I forgot my password",
            "Setting a new password and solving login problems.",
            "forgot password, cannot log in, new password, account locked, reset link",
            """
            On the login page of the web shop, click "Forgot password?" and enter the email address of your account. Within a few minutes you receive an email with a link to set a new password. The link is valid for 1 hour and works once.

            No email?
            - Check your spam or promotions folder.
            - Check that you used the email address you created the account with.
            - After 15 minutes request a new link; the previous one then lapses.

            After 5 failed login attempts we lock the account for 30 minutes, to protect you against misuse. After that you can try again or set a new password straight away.

            We never ask for your password by email, text message or phone. If you receive such a request in Polderhof's name, read the article about fake messages.
            """,
        ),
    ),
    DemoArticle(
        category="account-privacy",
        nl=_v(
            "Hoe wijzig ik mijn gegevens of verwijder ik mijn account?",
            "Naam, e-mailadres, adressen aanpassen en uw account opheffen.",
            "gegevens wijzigen, e-mailadres wijzigen, account verwijderen, account opheffen, adres aanpassen",
            """
            Uw gegevens wijzigt u zelf onder Mijn account > Mijn gegevens. Daar past u uw naam, telefoonnummer en wachtwoord aan. Een nieuw e-mailadres moet u bevestigen via een link die we naar dat nieuwe adres sturen; tot dan blijft het oude adres actief. Bezorgadressen beheert u onder Mijn account > Adressen.

            Wilt u uw account verwijderen? Kies onder Mijn account > Mijn gegevens voor "Account verwijderen". Let op:
            - Openstaande bestellingen en retouren worden eerst afgehandeld; daarna verwijderen we het account.
            - Ongebruikte waardebonnen vervallen. Gebruik ze dus eerst, of vraag ons ze om te zetten.
            - Facturen bewaren we 7 jaar, omdat de wet dat verplicht. Die gegevens gebruiken we nergens anders voor.

            Binnen 30 dagen ontvangt u een bevestiging dat uw account verwijderd is. Wilt u daarna weer bestellen, dan kan dat gewoon als gast of met een nieuw account.
            """,
        ),
        en=_v(
            "How do I change my details or delete my account?",
            "Changing your name, email address and addresses, and closing your account.",
            "change details, change email address, delete account, close account, change address",
            """
            You change your details yourself under My account > My details. There you update your name, phone number and password. A new email address must be confirmed via a link we send to that new address; until then the old address stays active. Delivery addresses are managed under My account > Addresses.

            Do you want to delete your account? Under My account > My details choose "Delete account". Please note:
            - Open orders and returns are completed first; then we delete the account.
            - Unused vouchers lapse. Use them first, or ask us to convert them.
            - We keep invoices for 7 years because the law requires it. We use that data for nothing else.

            Within 30 days you receive confirmation that your account has been deleted. If you want to order again later, you can simply do so as a guest or with a new account.
            """,
        ),
    ),
    DemoArticle(
        category="account-privacy",
        nl=_v(
            "Welke gegevens bewaren jullie en hoe vraag ik ze op?",
            "Uw privacyrechten: inzage, correctie en verwijdering van persoonsgegevens.",
            "privacy, AVG, persoonsgegevens, inzageverzoek, gegevens verwijderen, bewaartermijn, GDPR",
            """
            Wij bewaren alleen de gegevens die we nodig hebben om uw bestellingen en vragen af te handelen: naam, adres, e-mailadres, telefoonnummer, uw bestellingen, en bij een klacht het dossier met berichten en foto's.

            Hoe lang:
            - bestel- en factuurgegevens: 7 jaar, omdat de wet dat verplicht;
            - klachtendossiers: 2 jaar na afsluiten; bij letsel of een schadeclaim zolang de zaak loopt, plus 5 jaar;
            - gegevens voor de nieuwsbrief: tot u zich afmeldt.

            Onder de AVG heeft u het recht om uw gegevens in te zien, te laten corrigeren of te laten verwijderen. Stuur daarvoor een verzoek via het privacyformulier op onze website, of een brief aan Polderhof, t.a.v. de privacyfunctionaris. Om te voorkomen dat iemand anders uw gegevens opvraagt, vragen we u het verzoek te bevestigen vanaf het e-mailadres dat bij ons bekend is. Binnen een maand krijgt u antwoord.

            Bent u het niet eens met hoe wij met uw gegevens omgaan, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.
            """,
        ),
        en=_v(
            "What data do you keep and how do I request it?",
            "Your privacy rights: access, correction and deletion of personal data.",
            "privacy, GDPR, personal data, subject access request, delete data, retention period",
            """
            We only keep the data we need to handle your orders and questions: name, address, email address, phone number, your orders, and for a complaint the case file with messages and photos.

            For how long:
            - order and invoice data: 7 years, because the law requires it;
            - complaint case files: 2 years after closing; for an injury or damage claim as long as the matter runs, plus 5 years;
            - newsletter data: until you unsubscribe.

            Under the GDPR you have the right to see your data, have it corrected or have it deleted. Send a request via the privacy form on our website, or a letter to Polderhof, attention of the data protection officer. To prevent someone else requesting your data, we ask you to confirm the request from the email address we know you by. You receive an answer within one month.

            If you disagree with how we handle your data, you can complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).
            """,
        ),
    ),
    DemoArticle(
        category="account-privacy",
        nl=_v(
            "Hoe meld ik me af voor de nieuwsbrief?",
            "Afmelden voor e-mails met aanbiedingen, en welke e-mails u altijd krijgt.",
            "nieuwsbrief afmelden, uitschrijven, geen reclame, e-mails stoppen, marketing, spam",
            """
            Onderaan elke nieuwsbrief staat de link "Afmelden". Eén klik is genoeg: u krijgt vanaf dat moment geen nieuwsbrieven meer. Het kan 2 dagen duren voordat een al ingeplande mailing stopt.

            Heeft u een account, dan kunt u ook onder Mijn account > Voorkeuren kiezen welke e-mails u wilt: de wekelijkse nieuwsbrief, aanbiedingen op maat, of geen van beide.

            Sommige e-mails krijgt u altijd, omdat ze over uw bestelling of klacht gaan:
            - orderbevestigingen, verzendberichten en facturen;
            - berichten over een retourzending of terugbetaling;
            - updates in uw klachtendossier;
            - een bericht bij een terugroepactie van een product dat u kocht. Die sturen we voor uw veiligheid, ook als u zich afmeldde voor de nieuwsbrief.

            Krijgt u na afmelden toch nog reclame van ons? Stuur ons de e-mail door; dan zoeken we uit waar het misgaat.
            """,
        ),
        en=_v(
            "How do I unsubscribe from the newsletter?",
            "Unsubscribing from promotional emails, and which emails you always receive.",
            "unsubscribe newsletter, opt out, no advertising, stop emails, marketing, spam",
            """
            At the bottom of every newsletter there is an "Unsubscribe" link. One click is enough: from then on you receive no more newsletters. A mailing that was already scheduled may take 2 days to stop.

            If you have an account, you can also choose under My account > Preferences which emails you want: the weekly newsletter, personal offers, or neither.

            Some emails you always receive, because they are about your order or complaint:
            - order confirmations, shipping messages and invoices;
            - messages about a return or refund;
            - updates in your complaint case;
            - a message about a recall of a product you bought. We send those for your safety, even if you unsubscribed from the newsletter.

            Still receiving advertising from us after unsubscribing? Forward us the email and we will find out what went wrong.
            """,
        ),
    ),
    DemoArticle(
        category="account-privacy",
        nl=_v(
            "Ik kreeg een verdachte e-mail of sms uit naam van Polderhof",
            "Nepberichten en phishing herkennen en melden.",
            "phishing, nepmail, oplichting, verdachte sms, nep winactie, betaalverzoek, fraude",
            """
            Oplichters sturen soms e-mails, sms'jes of WhatsApp-berichten die van Polderhof lijken te komen, bijvoorbeeld over een "gewonnen prijs", een pakket waarvoor u nog moet bijbetalen, of een terugbetaling waarvoor u uw bankgegevens moet invullen.

            Zo herkent u een echt bericht van ons:
            - wij vragen nooit om uw wachtwoord, pincode of inlogcodes van uw bank;
            - wij sturen nooit een betaalverzoek via WhatsApp of sms;
            - voor een terugbetaling hoeft u niet in te loggen bij uw bank via een link;
            - links in onze e-mails gaan alleen naar onze eigen webshop.

            Twijfelt u? Klik dan niet op links in het bericht, maar log zelf in via onze webshop of bel ons gratis op 0800-0123. Stuur het verdachte bericht door via het contactformulier, zodat we anderen kunnen waarschuwen.

            Heeft u al gegevens ingevuld of betaald? Neem dan direct contact op met uw bank en wijzig uw wachtwoord bij ons.
            """,
        ),
        en=_v(
            "I received a suspicious email or text message in Polderhof's name",
            "Recognising and reporting fake messages and phishing.",
            "phishing, fake email, scam, suspicious text, fake prize, payment request, fraud",
            """
            Scammers sometimes send emails, text messages or WhatsApp messages that seem to come from Polderhof, for example about a "prize you won", a parcel you still have to pay extra for, or a refund for which you must enter your bank details.

            This is how you recognise a real message from us:
            - we never ask for your password, PIN or bank login codes;
            - we never send a payment request via WhatsApp or text message;
            - for a refund you never need to log in to your bank via a link;
            - links in our emails only go to our own web shop.

            In doubt? Do not click links in the message, but log in yourself via our web shop or call us free of charge on 0800-0123. Forward the suspicious message via the contact form, so we can warn others.

            Have you already entered details or paid? Contact your bank immediately and change your password with us.
            """,
        ),
    ),
    # --- Veiligheid & terugroepacties --------------------------------------------------------------
    DemoArticle(
        category="veiligheid-terugroepacties",
        nl=_v(
            "Terugroepactie Bruisend Bronwater 1L, partij L2611",
            "Flessen uit partij L2611 kunnen barsten: wat u moet doen en hoe u uw geld terugkrijgt.",
            "terugroepactie, bronwater, fles ontploft, barsten, glas, L2611, partij, exploderende fles",
            """
            Flessen Bruisend Bronwater 1L uit partij L2611 kunnen door nagisting onder te hoge druk komen te staan en barsten. Er zijn meldingen van glasscherven en lichte verwondingen. Andere partijen en andere bronwaters zijn veilig: alleen deze partij is op de afwijkende lijn gevuld.

            Zo ziet u of uw fles erbij hoort: het partijnummer L2611 staat op de hals van de fles, naast de houdbaarheidsdatum.

            Heeft u een fles uit partij L2611?
            - Open de fles niet.
            - Zet hem rechtop op een koele plek, buiten bereik van kinderen.
            - Gooi hem niet weg: wij halen de flessen gratis bij u op.
            - Meld u via het contactformulier bij deze terugroepactie, of bel gratis 0800-0123 (dag en nacht).

            U krijgt het aankoopbedrag terug, ook zonder kassabon, en een vergoeding voor schade. Binnen twee werkdagen hoort u van ons. Heeft u zich verwond aan een barstende fles, dan bellen wij u persoonlijk.
            """,
        ),
        en=_v(
            "Recall of Bruisend Bronwater 1L, batch L2611",
            "Bottles from batch L2611 may burst: what to do and how to get your money back.",
            "recall, mineral water, bottle exploded, burst, glass, L2611, batch, exploding bottle",
            """
            Bottles of Bruisend Bronwater 1L sparkling mineral water from batch L2611 may build up too much pressure through secondary fermentation and burst. There are reports of glass shards and minor injuries. Other batches and other mineral waters are safe: only this batch was filled on the faulty line.

            How to see whether your bottle is affected: the batch number L2611 is on the neck of the bottle, next to the best-before date.

            Do you have a bottle from batch L2611?
            - Do not open it.
            - Keep it upright in a cool place, out of reach of children.
            - Do not throw it away: we collect the bottles free of charge.
            - Register for this recall via the contact form, or call free of charge on 0800-0123 (day and night).

            You get the purchase price back, even without a receipt, and compensation for damage. You hear from us within two working days. If you were hurt by a bursting bottle, we call you personally.
            """,
        ),
    ),
    DemoArticle(
        category="veiligheid-terugroepacties",
        nl=_v(
            "Hoe hoor ik van een terugroepactie?",
            "Waar wij terugroepacties bekendmaken en hoe u controleert of uw product erbij hoort.",
            "terugroepactie, recall, waarschuwing, product teruggeroepen, veiligheidswaarschuwing, controleren",
            """
            Als een product onveilig kan zijn, roepen wij het terug. Dat maken we op deze manieren bekend:
            - op de pagina Terugroepacties in ons helpcentrum, met productnaam, partijcodes en houdbaarheidsdatums;
            - met een bericht in de winkels die het product verkochten;
            - per e-mail aan iedereen die het product in onze webshop kocht, ook als u zich afmeldde voor de nieuwsbrief;
            - samen met de Nederlandse Voedsel- en Warenautoriteit (NVWA), die waarschuwingen ook op haar eigen website zet.

            Om te controleren of uw product erbij hoort, vergelijkt u de partijcode en de houdbaarheidsdatum op de verpakking met die in het bericht. Alleen de genoemde partijen worden teruggeroepen.

            Bij een terugroepactie krijgt u altijd uw geld terug, ook zonder kassabon. Gebruik het product niet meer en volg de instructies in het bericht: soms brengt u het terug naar de winkel, soms halen wij het op. Twijfelt u, bel dan gratis 0800-0123.
            """,
        ),
        en=_v(
            "How do I find out about a recall?",
            "Where we announce recalls and how to check whether your product is affected.",
            "recall, product recall, warning, safety warning, check product, withdrawn",
            """
            If a product may be unsafe, we recall it. We announce it in these ways:
            - on the Recalls page of our help centre, with product name, batch codes and best-before dates;
            - with a notice in the shops that sold the product;
            - by email to everyone who bought the product in our web shop, even if you unsubscribed from the newsletter;
            - together with the Netherlands Food and Consumer Product Safety Authority (NVWA), which also posts warnings on its own website.

            To check whether your product is affected, compare the batch code and best-before date on the packaging with those in the notice. Only the batches mentioned are recalled.

            In a recall you always get your money back, even without a receipt. Stop using the product and follow the instructions in the notice: sometimes you take it back to the shop, sometimes we collect it. In doubt, call free of charge on 0800-0123.
            """,
        ),
    ),
    DemoArticle(
        category="veiligheid-terugroepacties",
        nl=_v(
            "Veilig gebruik van de Airfryer XL",
            "Wat u doet bij een brandlucht, rook of een heet snoer.",
            "airfryer, brandlucht, rook, heet snoer, oververhit, brandgevaar, veilig gebruik, kortsluiting",
            """
            Een nieuwe Airfryer XL kan de eerste twee keer een lichte "nieuwe" geur geven; dat is normaal. Laat hem vóór het eerste gebruik 10 minuten leeg draaien op 200 °C, met een open raam.

            Gebruik de airfryer niet meer en haal de stekker uit het stopcontact als:
            - er rook uit komt, terwijl er geen vet of kruimels in de mand liggen;
            - het snoer of de stekker heet wordt;
            - u een brandlucht van plastic ruikt of een ratelend geluid hoort;
            - de behuizing vervormt of verkleurt.

            Tips voor veilig gebruik: zet de airfryer op een vlakke, hittebestendige ondergrond met minstens 10 cm ruimte rondom, gebruik geen verlengsnoer of stekkerdoos, en leg nooit bakpapier los in de mand zonder eten erop.

            Meld een defect met een foto van het typeplaatje onder het apparaat. Bij rook, brandlucht of een heet snoer behandelen we uw melding met voorrang: ons team Kwaliteit & Veiligheid belt u dezelfde werkdag, en u krijgt een nieuw apparaat of uw geld terug.
            """,
        ),
        en=_v(
            "Safe use of the Airfryer XL",
            "What to do if you smell burning, see smoke or the cable gets hot.",
            "airfryer, burning smell, smoke, hot cable, overheating, fire risk, safe use, short circuit",
            """
            A new Airfryer XL may give off a light "new" smell the first two times; that is normal. Before first use, run it empty for 10 minutes at 200 °C with a window open.

            Stop using the airfryer and unplug it if:
            - smoke comes out while there is no fat or crumbs in the basket;
            - the cable or plug gets hot;
            - you smell burning plastic or hear a rattling noise;
            - the housing deforms or discolours.

            Tips for safe use: place the airfryer on a flat, heat-resistant surface with at least 10 cm of space around it, do not use an extension cable or power strip, and never put baking paper loose in the basket without food on it.

            Report a fault with a photo of the type plate underneath the appliance. For smoke, a burning smell or a hot cable we handle your report with priority: our Quality & Safety team calls you the same working day, and you get a new appliance or your money back.
            """,
        ),
    ),
    DemoArticle(
        category="veiligheid-terugroepacties",
        nl=_v(
            "Ik heb letsel of een allergische reactie door een product",
            "Wat u doet bij letsel, een brandwond of een allergische reactie, en hoe wij u helpen.",
            "letsel, gewond, snijwond, brandwond, allergische reactie, ziek geworden, huisarts, ziekenhuis",
            """
            Heeft u of iemand in uw gezin letsel opgelopen door een van onze producten, zoals een snijwond, een brandwond of een allergische reactie? Of bent u ziek geworden na het eten of drinken?

            - Zoek eerst medische hulp: bel uw huisarts of de huisartsenpost, bij ernstige klachten 112.
            - Bewaar het product, de verpakking en eventuele scherven of resten. Gooi niets weg.
            - Bel ons daarna gratis op 0800-0123. Dit nummer is bij letsel dag en nacht bereikbaar.

            Een medewerker van ons team Kwaliteit & Veiligheid belt u dezelfde dag terug. We vragen wat er gebeurd is en regelen dat het product bij u wordt opgehaald voor onderzoek. Vraagt uw arts welke stoffen er in het product zitten, dan sturen wij de volledige samenstelling naar u of rechtstreeks naar de arts.

            Kosten die u maakt, zoals de eigen bijdrage voor de arts of vervoer, vergoeden wij tegen overlegging van de bonnen. Bij letsel melden we de zaak ook bij onze verzekeraar, die u kan benaderen voor een verdere vergoeding.
            """,
        ),
        en=_v(
            "I was injured or had an allergic reaction from a product",
            "What to do after an injury, a burn or an allergic reaction, and how we help.",
            "injury, hurt, cut, burn, allergic reaction, fell ill, doctor, hospital",
            """
            Have you or someone in your household been injured by one of our products, for example a cut, a burn or an allergic reaction? Or did you fall ill after eating or drinking?

            - Seek medical help first: call your GP or the out-of-hours service, and 112 in an emergency.
            - Keep the product, the packaging and any shards or remains. Do not throw anything away.
            - Then call us free of charge on 0800-0123. For injuries this number is available day and night.

            Someone from our Quality & Safety team calls you back the same day. We ask what happened and arrange for the product to be collected for examination. If your doctor asks what the product contains, we send the full composition to you or directly to the doctor.

            We reimburse costs you incur, such as your own contribution for the doctor or travel, on presentation of the receipts. For injuries we also report the matter to our insurer, who may contact you about further compensation.
            """,
        ),
    ),
    DemoArticle(
        category="veiligheid-terugroepacties",
        nl=_v(
            "Een bruisende fles staat bol of lekt",
            "Bolle, lekkende of sissende flessen bronwater en veilig bewaren van bruisende dranken.",
            "bolle fles, fles lekt, sissen, druk, bruisend water, bewaren, zon, vriezer, dop los",
            """
            Bruisend bronwater staat altijd onder druk. Een fles die hard aanvoelt is dus normaal. Maar let op als een fles:
            - duidelijk bol staat aan de onderkant;
            - sist of lekt terwijl de dop nog dicht is;
            - een dop heeft die al los zit of omhoog komt.

            Open zo'n fles niet. Zet hem rechtop op een koele plek, buiten bereik van kinderen, met een theedoek eromheen. Controleer de partijcode op de hals: is het L2611, lees dan het artikel over de terugroepactie. Bij een andere partij: meld het ons met een foto van de fles en de partijcode. Wij vergoeden de fles altijd.

            Zo bewaart u bruisende dranken veilig:
            - niet in de zon, in de auto of naast de verwarming;
            - nooit in de vriezer: bevroren water zet uit en kan de fles doen barsten;
            - rechtop, en uit de buurt van schoonmaakmiddelen.
            """,
        ),
        en=_v(
            "A sparkling bottle bulges or leaks",
            "Bulging, leaking or hissing bottles of mineral water and storing sparkling drinks safely.",
            "bulging bottle, bottle leaks, hissing, pressure, sparkling water, storage, sun, freezer, loose cap",
            """
            Sparkling mineral water is always under pressure, so a bottle that feels hard is normal. But take care if a bottle:
            - clearly bulges at the bottom;
            - hisses or leaks while the cap is still closed;
            - has a cap that is already loose or rising.

            Do not open such a bottle. Keep it upright in a cool place, out of reach of children, with a tea towel around it. Check the batch code on the neck: if it is L2611, read the article on the recall. For any other batch, report it to us with a photo of the bottle and the batch code. We always refund the bottle.

            How to store sparkling drinks safely:
            - not in the sun, in the car or next to the heating;
            - never in the freezer: frozen water expands and can make the bottle burst;
            - upright, and away from cleaning products.
            """,
        ),
    ),
    # --- Internal: for the desk only -----------------------------------------------------------------
    DemoArticle(
        category="klachten-schade",
        internal=True,
        author="lead",
        nl=_v(
            "Goodwill-richtlijnen voor de klantenservice",
            "Welke goodwillgebaren je zelf mag toekennen en wanneer je een teamleider vraagt.",
            "goodwill, waardebon, compensatie, tegoedbon, bloemen, excuses, toestemming teamleider, coulance",
            """
            Goodwill is een gebaar bovenop de oplossing (geld terug of een nieuw product), nooit in plaats ervan. Het doel is excuus maken voor gedoe, niet de klant stil krijgen.

            Zelf toekennen mag je:
            - een waardebon van € 10 voor de webshop;
            - een pakket met onze nieuwe smaken (kostprijs € 15);
            - gratis verzending bij de vervangende bestelling.

            Met akkoord van een teamleider:
            - een waardebon tot € 25;
            - bloemen met een handgeschreven kaart (€ 24,95), bijvoorbeeld na een overlijden of een nare ervaring;
            - een persoonlijk telefoontje van de teamleider.

            Alles daarboven, en elke vergoeding bij letsel, loopt via Kwaliteit & Veiligheid of Claims & Legal. Beloof nooit een bedrag voordat het akkoord er is.

            Leg elk gebaar vast in het vak "Oplossing" van de zaak, met soort en kosten, zodat het in het dossier en de rapportage staat. Geef geen goodwill bij een dreigende of scheldende klant voordat een teamleider heeft meegekeken. Bij een tweede klacht van dezelfde klant binnen 3 maanden kijk je eerst wat de vorige keer is gegeven.
            """,
        ),
        en=_v(
            "Goodwill guidelines for customer service",
            "Which goodwill gestures you may grant yourself and when to ask a team lead.",
            "goodwill, voucher, compensation, gift voucher, flowers, apology, team lead approval, gesture",
            """
            Goodwill is a gesture on top of the solution (a refund or a new product), never instead of it. The aim is to apologise for the hassle, not to make the customer go quiet.

            You may grant yourself:
            - a € 10 voucher for the web shop;
            - a box with our new flavours (cost € 15);
            - free shipping on the replacement order.

            With a team lead's approval:
            - a voucher up to € 25;
            - flowers with a handwritten card (€ 24.95), for example after a bereavement or a distressing experience;
            - a personal phone call from the team lead.

            Anything above that, and any compensation for injury, goes through Quality & Safety or Claims & Legal. Never promise an amount before approval.

            Record every gesture in the case's "Solution" box, with type and cost, so it is in the case file and the reports. Give no goodwill to a threatening or abusive customer before a team lead has reviewed the case. For a second complaint by the same customer within 3 months, first check what was given last time.
            """,
        ),
    ),
    DemoArticle(
        category="klachten-schade",
        internal=True,
        author="lotte",
        nl=_v(
            "Een fysiek item registreren en de ontvangst vastleggen",
            "Zo leg je een opgestuurd of opgehaald product vast, met ontvangstbewijs en bewaarketen.",
            "fysiek item, ontvangstbewijs, bewaarketen, product ontvangen, monster, registreren, kluis, chain of custody",
            """
            Komt er een product van een klant binnen voor onderzoek (per post, opgehaald, of aan de balie afgegeven), dan leg je dat dezelfde dag vast. Zonder vastlegging is het product als bewijs waardeloos bij een claim.

            Zo doe je het:
            - Open de zaak en kies in het blok "Fysieke items" voor "Item registreren".
            - Beschrijf wat je ontvangt zo precies mogelijk: product, partijcode, staat van de verpakking, wat er los bij zit (scherven, het vreemde voorwerp).
            - Vul in waar en wanneer het is ontvangen, en door wie.
            - Klik op "Registreren en ontvangstbewijs printen". Het bewijs krijgt een nummer; plak het etiket op de zak of doos en stuur de klant het ontvangstbewijs (PDF).
            - Berg het item op in de afgesloten kast van Kwaliteit & Veiligheid.

            Elke verplaatsing (naar het lab, terug naar de kast, naar de verzekeraar) leg je vast met "Bewaarketen bijwerken" bij het item. Open de verpakking nooit zelf en maak geen foto's buiten de zaak om. Bij letsel of glas: handschoenen aan en direct Kwaliteit & Veiligheid inseinen.
            """,
        ),
        en=_v(
            "Registering a physical item and recording its receipt",
            "How to record a product a customer sent in or we collected, with receipt and chain of custody.",
            "physical item, receipt, chain of custody, product received, sample, register item, locked cabinet",
            """
            When a customer's product comes in for examination (by post, collected, or handed in at the desk), you record it the same day. Without a record the product is worthless as evidence in a claim.

            How to do it:
            - Open the case and in the "Physical items" block choose "Register an item".
            - Describe what you received as precisely as you can: product, batch code, state of the packaging, anything loose with it (shards, the foreign object).
            - Fill in where and when it was received, and by whom.
            - Click "Register and print receipt". The receipt gets a number; stick the label on the bag or box and send the customer the receipt (PDF).
            - Store the item in the locked cabinet of Quality & Safety.

            Record every move (to the lab, back to the cabinet, to the insurer) with "Record a custody move" on the item. Never open the packaging yourself and take no photos outside the case. With injury or glass: wear gloves and alert Quality & Safety straight away.
            """,
        ),
    ),
    DemoArticle(
        category="veiligheid-terugroepacties",
        internal=True,
        author="lotte",
        nl=_v(
            "Escaleren naar Kwaliteit & Veiligheid",
            "Wanneer en hoe je een zaak doorzet naar het team Kwaliteit & Veiligheid.",
            "escalatie, kwaliteit en veiligheid, doorzetten, letsel, gewond, snijwond, brandwond, glas, vreemd voorwerp, allergeen, urgent, QA",
            """
            Zet een zaak direct door naar het team Kwaliteit & Veiligheid bij:
            - letsel of ziekte na gebruik van een product (ook een vermoeden);
            - een vreemd voorwerp: glas, metaal, hard plastic, insecten;
            - een allergische reactie of een allergeen dat niet op het etiket staat;
            - een babyproduct dat niet in orde lijkt (geen "plop", verkleuring);
            - een apparaat met rook, brandlucht of een heet snoer;
            - drie of meer meldingen over dezelfde partijcode binnen 24 uur.

            Zo escaleer je:
            - Zet het team op Kwaliteit & Veiligheid en de prioriteit op "Urgent" (letsel) of "Hoog".
            - Schrijf een interne notitie: wat de klant meldt, product, partijcode, houdbaarheidsdatum, en of er letsel is.
            - Vraag de klant het product te bewaren; beloof niets over oorzaak of vergoeding.
            - Bij letsel: bel de klant dezelfde dag, of laat dat Kwaliteit & Veiligheid doen, en noteer het gesprek.

            Buiten kantoortijd bel je de dienstdoende teamleider. Bij een mogelijke terugroepactie beslist alleen Kwaliteit & Veiligheid; zeg daar niets over tegen de klant.
            """,
        ),
        en=_v(
            "Escalating to Quality & Safety",
            "When and how to pass a case to the Quality & Safety team.",
            "escalation, quality and safety, pass on, injury, cut, burn, glass, foreign object, allergen, urgent, QA",
            """
            Pass a case to the Quality & Safety team straight away for:
            - injury or illness after using a product (even a suspicion);
            - a foreign object: glass, metal, hard plastic, insects;
            - an allergic reaction or an allergen that is not on the label;
            - a baby product that does not seem right (no "pop", discolouration);
            - an appliance with smoke, a burning smell or a hot cable;
            - three or more reports about the same batch code within 24 hours.

            How to escalate:
            - Set the team to Quality & Safety and the priority to "Urgent" (injury) or "High".
            - Write an internal note: what the customer reports, product, batch code, best-before date, and whether anyone was hurt.
            - Ask the customer to keep the product; promise nothing about cause or compensation.
            - For injuries: call the customer the same day, or have Quality & Safety do so, and note the call.

            Outside office hours call the team lead on duty. Only Quality & Safety decides about a possible recall; say nothing about one to the customer.
            """,
        ),
    ),
    DemoArticle(
        category="klachten-schade",
        internal=True,
        author="fatima",
        nl=_v(
            "Juridische dreigementen en ingebrekestellingen",
            "Hoe je reageert als een klant met een advocaat, de Geschillencommissie of een claim dreigt.",
            "advocaat, juridische stappen, ingebrekestelling, geschillencommissie, aansprakelijkheid, claim, rechtsbijstand",
            """
            Dreigt een klant met een advocaat, de Geschillencommissie, de Consumentenbond of de media, of stuurt hij een ingebrekestelling? Blijf dan gewoon helpen, maar let op het volgende.

            - Geef de zaak de prioriteit "Hoog" en schrijf een interne notitie met de dreiging en eventuele termijn.
            - Erken nooit aansprakelijkheid en schrijf geen zinnen als "het is onze fout" of "wij betalen alle schade". Zeg wel dat je het begrijpt en wat de volgende stap is.
            - Laat je antwoord meelezen door Claims & Legal vóór je het verstuurt bij een ingebrekestelling, een schadeclaim boven € 250, letsel, of een brief van een advocaat of rechtsbijstandsverzekeraar.
            - Noem een termijn alleen als je die kunt halen. Een termijn van de klant (bijvoorbeeld 14 dagen) noteer je als volgende stap met datum.
            - Stuur niets uit het dossier naar een advocaat zonder akkoord van Claims & Legal; gebruik daarvoor de export voor de consument.

            Een dreiging is geen reden om een redelijke oplossing te weigeren, en ook geen reden om meer te geven dan bij een andere klant.
            """,
        ),
        en=_v(
            "Legal threats and formal notices",
            "How to respond when a customer threatens a lawyer, the disputes committee or a claim.",
            "lawyer, solicitor, legal action, formal notice, disputes committee, liability, claim, legal expenses insurance",
            """
            Does a customer threaten a lawyer, the disputes committee, a consumer organisation or the media, or send a formal notice? Keep helping as usual, but mind the following.

            - Set the case priority to "High" and write an internal note with the threat and any deadline.
            - Never admit liability and do not write sentences like "it is our fault" or "we will pay for all damage". Do say that you understand and what the next step is.
            - Have Claims & Legal review your reply before sending for a formal notice, a damage claim above € 250, an injury, or a letter from a lawyer or legal expenses insurer.
            - Only mention a deadline you can meet. Record a deadline the customer sets (for example 14 days) as the next step, with a date.
            - Send nothing from the case file to a lawyer without approval from Claims & Legal; use the consumer export for it.

            A threat is no reason to refuse a reasonable solution, nor a reason to give more than another customer would get.
            """,
        ),
    ),
    DemoArticle(
        category="klachten-schade",
        internal=True,
        author="lead",
        nl=_v(
            "Omgaan met scheldende of dreigende klanten",
            "Grenzen stellen bij agressie, en wanneer je een gesprek of zaak overdraagt.",
            "agressie, schelden, bedreiging, intimidatie, grensoverschrijdend, veiligheid medewerker, aangifte",
            """
            Een boze klant is meestal boos over de situatie, niet over jou. Blijf rustig en zakelijk, erken de frustratie en zeg wat je gaat doen. Maar je hoeft geen scheldpartijen of bedreigingen te accepteren.

            Aan de telefoon of in de chat:
            - Benoem het gedrag één keer: "Ik wil u graag helpen, maar niet als u mij uitscheldt."
            - Gaat het door, beëindig het gesprek dan beleefd en zeg dat we per e-mail reageren.

            In e-mail en berichten:
            - Reageer op de inhoud, niet op de toon. Herhaal geen scheldwoorden in je antwoord.
            - De reply-check in de desk waarschuwt als je antwoord defensief klinkt; neem die waarschuwing serieus.

            Bij een bedreiging (geweld, "ik weet waar jullie kantoor is", dreigen met komen):
            - Schrijf een interne notitie met de letterlijke tekst en zet de prioriteit op "Hoog".
            - Informeer direct je teamleider; die beslist over een melding bij de beveiliging of aangifte.
            - Je mag de zaak laten overdragen aan een collega. Dat is geen falen.

            Praat erover met je teamleider na afloop; je hoeft zoiets niet alleen te dragen.
            """,
        ),
        en=_v(
            "Dealing with abusive or threatening customers",
            "Setting limits with aggression, and when to hand over a conversation or case.",
            "aggression, abuse, swearing, threat, intimidation, staff safety, police report",
            """
            An angry customer is usually angry about the situation, not about you. Stay calm and factual, acknowledge the frustration and say what you are going to do. But you do not have to accept abuse or threats.

            On the phone or in chat:
            - Name the behaviour once: "I want to help you, but not while you are swearing at me."
            - If it continues, end the conversation politely and say we will reply by email.

            In email and messages:
            - Respond to the content, not the tone. Do not repeat abusive words in your answer.
            - The reply check in the desk warns when your answer sounds defensive; take that warning seriously.

            For a threat (violence, "I know where your office is", threatening to come over):
            - Write an internal note with the literal text and set the priority to "High".
            - Tell your team lead straight away; they decide about reporting it to security or the police.
            - You may have the case handed to a colleague. That is not a failure.

            Talk it over with your team lead afterwards; you do not have to carry this alone.
            """,
        ),
    ),
]
