"""Default playbooks (Dutch and English, one per scenario) and a default communication protocol.

The steps follow common crisis-communication practice: acknowledge within the hour, check the
facts with quality and legal before saying more, a holding statement, inform the authorities
(NVWA in the Netherlands and FAVV/AFSCA in Belgium for food safety, EU 178/2002 art. 19; the
Autoriteit Persoonsgegevens within 72 hours for a data breach, GDPR art. 33), the recall notice,
an FAQ, watch social media, and an after-action review. Teams edit them in the admin; playbooks
or rules that already exist are left alone."""

from datetime import timedelta

from django.db import migrations

DAY = 24  # offsets below are in hours

# (role, hours, Dutch title, Dutch description, English title, English description)
ACK = (
    "lead",
    1,
    "Crisisteam bijeen en binnen het uur erkennen",
    "Breng het crisisteam samen en laat op de kanalen waar consumenten vragen stellen weten: we "
    "weten ervan, we zoeken het uit, de volgende update komt om <tijd>. Geen speculatie.",
    "Convene the crisis team and acknowledge within the hour",
    "Bring the crisis team together and say on the channels where consumers are asking: we know, "
    "we are looking into it, the next update comes at <time>. No speculation.",
)
HOLDING = (
    "spokesperson",
    3,
    "Holding statement goedkeuren en publiceren",
    "Kort en feitelijk: wat er is gebeurd, wat we doen, wat consumenten nu kunnen doen en wanneer "
    "de volgende update komt. Goedgekeurd door een tweede persoon voor publicatie.",
    "Approve and publish a holding statement",
    "Short and factual: what happened, what we are doing, what consumers can do now and when the "
    "next update comes. Approved by a second person before it is published.",
)
SOCIAL = (
    "social",
    2,
    "Sociale media monitoren en beantwoorden",
    "Volg vermeldingen minstens elk uur, antwoord alleen met goedgekeurde tekst en meld nieuwe "
    "signalen (letsel, pers, influencers) direct aan de crisisleider.",
    "Monitor and answer social media",
    "Watch mentions at least hourly, answer only with approved text and report new signals "
    "(injuries, press, influencers) to the crisis lead straight away.",
)
FAQ = (
    "customer_care",
    8,
    "FAQ en antwoordblok voor klantenservice",
    "Zet de veelgestelde vragen met goedgekeurde antwoorden klaar voor chat, e-mail en telefoon, "
    "zodat elk kanaal hetzelfde zegt.",
    "FAQ and reply block for customer care",
    "Prepare the frequently asked questions with approved answers for chat, email and phone, so "
    "every channel says the same.",
)


def _review(days: int) -> tuple:
    return (
        "lead",
        days * DAY,
        "Evaluatie (after-action review)",
        "Wat ging goed, wat niet, wat missen we? Leg besluiten en lessen vast en werk dit draaiboek "
        "bij.",
        "After-action review",
        "What went well, what did not, what did we miss? Record decisions and lessons and update "
        "this playbook.",
    )


PLAYBOOKS = {
    "recall": (
        ("Terugroepactie", "Product recall"),
        [
            ACK,
            (
                "safety",
                2,
                "Feiten vaststellen met kwaliteit en juridisch",
                "Welke batches/lotnummers en houdbaarheidsdata, waar verkocht, welk risico? "
                "Juridisch toetst de formulering voordat er meer naar buiten gaat.",
                "Check the facts with quality and legal",
                "Which batches/lot numbers and best-before dates, where sold, what risk? Legal "
                "checks the wording before anything more goes out.",
            ),
            HOLDING,
            (
                "safety",
                4,
                "NVWA (NL) / FAVV (BE) informeren",
                "Een onveilig levensmiddel moet direct worden gemeld (EU 178/2002 art. 19). Zet het "
                "meldingsnummer en de contactpersoon op de tijdlijn.",
                "Inform the NVWA (NL) / FAVV (BE)",
                "An unsafe food must be reported at once (EU 178/2002 art. 19). Put the report "
                "number and the contact person on the timeline.",
            ),
            (
                "spokesperson",
                6,
                "Terugroepbericht publiceren",
                "Product, batch/lotnummer, houdbaarheidsdatum en foto; wat consumenten moeten doen "
                "(niet gebruiken, terugbrengen) en hoe ze hun geld terugkrijgen. Afgestemd met "
                "retail en de toezichthouder.",
                "Publish the recall notice",
                "Product, batch/lot number, best-before date and photo; what consumers must do "
                "(do not use, return it) and how they get their money back. Agreed with retailers "
                "and the authority.",
            ),
            FAQ,
            SOCIAL,
            (
                "customer_care",
                24,
                "Getroffen consumenten proactief informeren",
                "Neem contact op met iedereen met een melding over de batch: wat er aan de hand "
                "is en wat zij kunnen doen.",
                "Inform affected consumers proactively",
                "Contact everyone who reported about the batch: what is going on and what they "
                "can do.",
            ),
            _review(14),
        ],
    ),
    "product_safety": (
        ("Productveiligheid / letsel", "Product safety / injury"),
        [
            ACK,
            (
                "customer_care",
                2,
                "Gewonde consumenten persoonlijk bellen",
                "Bel iedereen die letsel meldt: hoe gaat het, medisch advies, vraag het product en "
                "de verpakking te bewaren en spreek ophalen af.",
                "Call injured consumers personally",
                "Call everyone who reports an injury: how are they, medical advice, ask them to "
                "keep the product and packaging and arrange collection.",
            ),
            (
                "safety",
                4,
                "Feiten vaststellen met kwaliteit en juridisch",
                "Monsters en labonderzoek, welke batch, andere meldingen. Geen oorzaak noemen "
                "voordat die vaststaat.",
                "Check the facts with quality and legal",
                "Samples and lab tests, which batch, other reports. Name no cause before it is "
                "established.",
            ),
            HOLDING,
            (
                "safety",
                24,
                "Toezichthouder en terugroepen beoordelen",
                "Beslis of de NVWA (NL) / FAVV (BE) moet worden gemeld en of een terugroepactie "
                "nodig is; leg het besluit en de reden vast op de tijdlijn.",
                "Decide on the authority and a recall",
                "Decide whether to notify the NVWA (NL) / FAVV (BE) and whether a recall is "
                "needed; record the decision and the reason on the timeline.",
            ),
            FAQ,
            SOCIAL,
            _review(14),
        ],
    ),
    "data_breach": (
        ("Datalek", "Data breach"),
        [
            ACK,
            (
                "legal",
                4,
                "Feiten vaststellen met privacy en IT",
                "Welke gegevens, van wie, hoeveel mensen, sinds wanneer, is het lek gedicht? "
                "Betrek de functionaris gegevensbescherming.",
                "Establish the facts with privacy and IT",
                "Which data, whose, how many people, since when, is the leak closed? Involve the "
                "data protection officer.",
            ),
            HOLDING,
            (
                "legal",
                72,
                "Autoriteit Persoonsgegevens binnen 72 uur melden",
                "Meld het datalek binnen 72 uur na ontdekking (AVG art. 33; in België de GBA). "
                "Zet het meldingsnummer op de tijdlijn en vul later aan als er meer bekend is.",
                "Notify the Autoriteit Persoonsgegevens within 72 hours",
                "Report the breach within 72 hours of discovery (GDPR art. 33; in Belgium the "
                "GBA/APD). Put the report number on the timeline and add to it as more is known.",
            ),
            (
                "customer_care",
                72,
                "Betrokkenen informeren",
                "Bij een hoog risico zonder onnodige vertraging (AVG art. 34): wat er is gebeurd, "
                "welke gegevens, wat zij moeten doen (wachtwoord wijzigen, alert op phishing).",
                "Inform the people concerned",
                "When the risk is high, without undue delay (GDPR art. 34): what happened, which "
                "data, what they should do (change passwords, watch for phishing).",
            ),
            (
                "customer_care",
                12,
                "FAQ en phishingwaarschuwing",
                "Veelgestelde vragen voor alle kanalen, en een waarschuwing dat wij nooit om "
                "wachtwoorden of betaalgegevens vragen.",
                "FAQ and phishing warning",
                "Frequently asked questions for every channel, and a warning that we never ask "
                "for passwords or payment details.",
            ),
            SOCIAL,
            _review(30),
        ],
    ),
    "outage": (
        ("Storing / verstoring", "Outage / disruption"),
        [
            (
                "lead",
                0.5,
                "Binnen 30 minuten erkennen",
                "Meld op de statuspagina en in de kanalen dat we de storing kennen en wanneer de "
                "volgende update komt.",
                "Acknowledge within 30 minutes",
                "Say on the status page and in the channels that we know about the outage and "
                "when the next update comes.",
            ),
            (
                "lead",
                1,
                "Omvang en verwachte hersteltijd vaststellen",
                "Met IT of de leverancier: wat werkt niet, voor wie, is er een omweg, wanneer "
                "verwachten we herstel?",
                "Establish the scope and expected recovery time",
                "With IT or the supplier: what does not work, for whom, is there a workaround, "
                "when do we expect recovery?",
            ),
            HOLDING,
            SOCIAL,
            (
                "customer_care",
                2,
                "Antwoordblok en FAQ in de desk",
                "Zet de goedgekeurde tekst klaar als macro, met de omweg en wat klanten niet "
                "hoeven te doen.",
                "Reply block and FAQ in the desk",
                "Put the approved text in a macro, with the workaround and what customers need "
                "not do.",
            ),
            (
                "spokesperson",
                4,
                "Updates op vaste tijden",
                "Geef updates op de beloofde tijden, ook als er geen nieuws is, tot het is "
                "opgelost.",
                "Updates at fixed times",
                "Give updates at the promised times, even when there is no news, until it is "
                "solved.",
            ),
            (
                "customer_care",
                48,
                "Herstel melden en compensatie afhandelen",
                "Laat weten dat het is opgelost en hoe compensatie of terugbetaling werkt.",
                "Announce recovery and handle compensation",
                "Say that it is solved and how compensation or refunds work.",
            ),
            _review(7),
        ],
    ),
    "delivery": (
        ("Leveringsprobleem", "Delivery problem"),
        [
            ACK,
            (
                "customer_care",
                4,
                "Feiten vaststellen met logistiek",
                "Welke bestellingen en regio's, wat is de oorzaak, wat is de nieuwe verwachte "
                "leverdatum?",
                "Establish the facts with logistics",
                "Which orders and regions, what is the cause, what is the new expected delivery "
                "date?",
            ),
            HOLDING,
            (
                "customer_care",
                8,
                "FAQ en antwoordblok: opties voor klanten",
                "Annuleren, terugbetalen of opnieuw laten bezorgen: één antwoord voor alle kanalen.",
                "FAQ and reply block: options for customers",
                "Cancel, refund or redeliver: one answer for every channel.",
            ),
            (
                "customer_care",
                24,
                "Getroffen klanten proactief informeren",
                "Mail iedereen met een getroffen bestelling de nieuwe datum en hun opties.",
                "Inform affected customers proactively",
                "Email everyone with an affected order the new date and their options.",
            ),
            SOCIAL,
            _review(14),
        ],
    ),
    "reputational": (
        ("Reputatieschade", "Reputational"),
        [
            (
                "lead",
                1,
                "Feiten en bereik in kaart brengen",
                "Wat wordt er gezegd, waar, door wie, hoe snel verspreidt het zich? Klopt het?",
                "Map the facts and the reach",
                "What is being said, where, by whom, how fast does it spread? Is it true?",
            ),
            SOCIAL,
            (
                "legal",
                4,
                "Feiten toetsen met juridisch",
                "Reageer niet op aannames; toets feiten en formulering voordat er een standpunt "
                "naar buiten gaat.",
                "Check the facts with legal",
                "Do not respond to assumptions; check facts and wording before a position goes "
                "out.",
            ),
            HOLDING,
            FAQ,
            (
                "spokesperson",
                24,
                "Persvragen via de woordvoerder",
                "Alle persvragen gaan naar de woordvoerder; houd een lijst bij van wie wat heeft "
                "gevraagd en wat is geantwoord.",
                "Press questions through the spokesperson",
                "All press questions go to the spokesperson; keep a list of who asked what and "
                "what was answered.",
            ),
            _review(14),
        ],
    ),
}

# channel -> role -> (draft, approve, publish). Approving is a different act from publishing:
# every publication comes from a statement a second person approved.
PROTOCOL = {
    "public_page": {
        "spokesperson": (True, True, True),
        "legal": (False, True, False),
        "lead": (False, True, False),
        "safety": (True, False, False),
        "customer_care": (True, False, False),
    },
    "email_update": {
        "spokesperson": (True, True, True),
        "customer_care": (True, False, True),
        "legal": (False, True, False),
        "lead": (False, True, False),
    },
    "chat_answer": {
        "customer_care": (True, False, True),
        "spokesperson": (True, True, True),
        "legal": (False, True, False),
        "lead": (False, True, False),
    },
    "social": {
        "social": (True, False, True),
        "spokesperson": (True, True, True),
        "legal": (False, True, False),
        "lead": (False, True, False),
    },
    "desk_macro": {
        "customer_care": (True, False, True),
        "spokesperson": (True, True, True),
        "lead": (False, True, True),
    },
    "press": {
        "spokesperson": (True, False, True),
        "legal": (False, True, False),
        "lead": (False, True, False),
    },
}


def seed(apps, schema_editor):
    Playbook = apps.get_model("crisis", "Playbook")
    PlaybookStep = apps.get_model("crisis", "PlaybookStep")
    ProtocolRule = apps.get_model("crisis", "ProtocolRule")
    for scenario, (names, steps) in PLAYBOOKS.items():
        for index, language in enumerate(("nl", "en")):
            if Playbook.objects.filter(scenario=scenario, language=language).exists():
                continue
            playbook = Playbook.objects.create(
                scenario=scenario, language=language, name=names[index], active=True
            )
            for position, (role, hours, nl_t, nl_d, en_t, en_d) in enumerate(steps, start=1):
                PlaybookStep.objects.create(
                    playbook=playbook,
                    position=position * 10,
                    title=nl_t if language == "nl" else en_t,
                    description=nl_d if language == "nl" else en_d,
                    owner_role=role,
                    offset=timedelta(hours=hours),
                )
    for channel, roles in PROTOCOL.items():
        for role, (draft, approve, publish) in roles.items():
            ProtocolRule.objects.get_or_create(
                channel=channel,
                role=role,
                defaults={"may_draft": draft, "may_approve": approve, "may_publish": publish},
            )


class Migration(migrations.Migration):
    dependencies = [("crisis", "0001_crisis_playbooks_protocol")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
