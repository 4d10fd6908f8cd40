"""What visitors asked the answer bot in the demo's last two weeks: questions the help centre
answers (some rated), questions it does not (gift cards, Sunday delivery, student discount,
extended guarantees...: the knowledge team's gaps), answers that did not help, and two visitors
who went on to a person. Asked through the real bot (kalm.assistant.actions), so what the demo
shows is what the bot really does with these questions.

Each conversation: (days ago, hour, page language, [(question, rating)], then) where rating is
None (not rated), "yes", or a Turn.Reason value (did not help), and ``then`` is "" or the name a
visitor gives to reach a person."""

from __future__ import annotations

Conversation = tuple[int, int, str, list[tuple[str, str | None]], str]

CONVERSATIONS: list[Conversation] = [
    # Answered, and it helped.
    (13, 9, "nl", [("Wanneer wordt mijn bestelling bezorgd?", "yes")], ""),
    (13, 14, "nl", [("hoe meld ik een retourzending aan", "yes")], ""),
    (12, 10, "en", [("How do I register a return?", "yes")], ""),
    (12, 20, "nl", [("mijn kortingscode werkt niet", "yes")], ""),
    (11, 8, "nl", [("ik ben mijn wachtwoord vergeten", "yes")], ""),
    (11, 19, "en", [("I forgot my password", None)], ""),
    (10, 11, "nl", [("Zit er pinda in de pindakaas en muesli?", "yes")], ""),
    (9, 15, "nl", [("hoe ontkalk ik de waterkoker", "yes")], ""),
    (8, 13, "en", [("When will I get my refund?", "yes")], ""),
    (7, 9, "nl", [("Kan ik mijn bezorgadres nog wijzigen?", None)], ""),
    (6, 16, "nl", [("Hoe meld ik me af voor de nieuwsbrief", "yes")], ""),
    (5, 10, "en", [("where can I find allergen information", "yes")], ""),
    (3, 12, "nl", [("Waar vind ik de partijcode op de fles?", "yes")], ""),
    (2, 9, "nl", [("Mijn fles bronwater staat bol, partij L2611", "yes")], ""),
    (1, 18, "en", [("Is batch L2611 of the sparkling water safe to drink?", None)], ""),
    # Answered, but it did not help.
    (10, 21, "nl", [("Track en trace zegt bezorgd maar ik heb niks", "not_solved")], ""),
    (8, 20, "nl", [("er is twee keer geld afgeschreven", "not_solved")], ""),
    (6, 11, "en", [("my discount code is not accepted at checkout", "unclear")], ""),
    (4, 14, "nl", [("hoe lang is de garantie op de airfryer", "other_question")], ""),
    (3, 17, "nl", [("Kan ik de garantie op mijn airfryer verlengen?", "other_question")], ""),
    # What the help centre does not answer (yet): the gaps.
    (13, 11, "nl", [("Verkopen jullie cadeaubonnen?", None)], ""),
    (11, 15, "nl", [("Kan ik met een cadeaubon betalen in de webshop?", None)], ""),
    (9, 10, "en", [("Do you sell gift cards?", None)], ""),
    (4, 19, "nl", [("Waar koop ik een cadeaubon van Polderhof", None)], ""),
    (12, 13, "nl", [("Bezorgen jullie ook op zondag?", None)], ""),
    (7, 17, "nl", [("Kan mijn bestelling op zondag bezorgd worden?", None)], ""),
    (2, 11, "en", [("Do you deliver on Sundays?", None)], ""),
    (10, 9, "nl", [("Hebben jullie studentenkorting?", None)], ""),
    (5, 13, "en", [("Is there a student discount?", None)], ""),
    (9, 18, "nl", [("Kan ik een extra garantie kopen op de staafmixer?", None)], ""),
    (8, 10, "nl", [("Leveren jullie ook in Duitsland?", None)], ""),
    (1, 10, "nl", [("Leveren jullie ook naar Duitsland of Frankrijk?", None)], ""),
    (6, 20, "nl", [("Waar kan ik lege flessen inleveren voor statiegeld?", None)], ""),
    (2, 15, "nl", [("statiegeld terug op de flessen bronwater", None)], ""),
    # Two visitors who needed a person.
    (
        1,
        14,
        "nl",
        [
            ("hoe lang duurt een terugbetaling", "not_solved"),
            ("ik heb al drie weken geen geld terug", None),
        ],
        "Fatma Yildiz",
    ),
    (
        0,
        9,
        "nl",
        [("Ik ben woedend, mijn fles is ontploft en de keuken ligt vol glas!!", None)],
        "Ruud Hendriks",
    ),
]
