import pytest

from kalm.empathy.engine import THRESHOLD, detect_language, priority_for

CLEAR = [
    # (signal, language, text, words that must be highlighted)
    (
        "injury",
        "nl",
        "De accu ontplofte en mijn dochter heeft brandwonden op haar arm.",
        ["brandwonden"],
    ),
    (
        "injury",
        "en",
        "The heater exploded and my son has burns, we are at the hospital.",
        ["exploded", "burns"],
    ),
    (
        "injury",
        "fr",
        "Le chargeur a explosé et mon fils a des brûlures aux doigts.",
        ["explosé", "brûlures"],
    ),
    (
        "legal",
        "nl",
        "Ik schakel mijn advocaat in en stap naar de rechter als dit niet wordt opgelost.",
        ["advocaat", "naar de rechter"],
    ),
    (
        "legal",
        "en",
        "My lawyer will send you a letter, we are taking legal action.",
        ["lawyer", "legal action"],
    ),
    (
        "legal",
        "fr",
        "Mon avocat vous enverra une mise en demeure cette semaine.",
        ["avocat", "mise en demeure"],
    ),
    (
        "media",
        "nl",
        "Ik zet dit hele verhaal op Facebook en stuur het naar een journalist.",
        ["Facebook", "journalist"],
    ),
    ("media", "en", "I'm posting this on Twitter tonight so everyone can see it.", ["Twitter"]),
    (
        "media",
        "fr",
        "Je vais tout raconter sur les réseaux sociaux et à un journaliste.",
        ["réseaux sociaux", "journaliste"],
    ),
    (
        "aggression",
        "nl",
        "Stelletje idioten, hou je bek en geef mijn geld terug.",
        ["idioten", "hou je bek"],
    ),
    ("aggression", "en", "You useless morons, shut up and refund me.", ["morons", "shut up"]),
    (
        "aggression",
        "fr",
        "Bande de crétins, ferme ta gueule et rembourse-moi.",
        ["crétins", "ferme ta gueule"],
    ),
    (
        "vulnerability",
        "nl",
        "Mijn vrouw is vorige week overleden en ik kan deze rekening niet betalen.",
        ["overleden"],
    ),
    (
        "vulnerability",
        "en",
        "I lost my job in March and cannot afford this bill.",
        ["lost my job", "cannot afford"],
    ),
    (
        "vulnerability",
        "fr",
        "J'ai perdu mon emploi et mon mari est décédé, je ne peux pas payer.",
        ["perdu mon emploi", "décédé"],
    ),
    (
        "churn",
        "nl",
        "Ik wil mijn abonnement opzeggen, ik stap over naar een andere provider.",
        ["opzeggen", "stap over naar"],
    ),
    (
        "churn",
        "en",
        "Please cancel my subscription, I'm switching to another provider.",
        ["cancel my subscription", "switching to"],
    ),
    (
        "churn",
        "fr",
        "Je veux résilier mon abonnement, je passe chez un concurrent.",
        ["résilier", "je passe chez"],
    ),
]

THREATS = [
    # (language, text, words that must be highlighted): violence, doxxing and abuse aimed at staff
    ("nl", "Ik weet waar je woont en ik kom je opzoeken.", ["weet waar je woont"]),
    ("nl", "Ik kom naar jullie kantoor en dan sla ik je in elkaar.", ["sla ik je in elkaar"]),
    ("nl", "Ik zet je adres en telefoonnummer op internet.", ["zet je adres"]),
    ("nl", "Kutbedrijf, stelletje klootzakken.", ["kutbedrijf", "klootzakken"]),
    ("en", "I know where you live and I'll come and find you.", ["know where you live"]),
    (
        "en",
        "If this isn't fixed I'll come to your office and smash your face in.",
        ["come to your office", "smash"],
    ),
    (
        "en",
        "I'll post your home address online so everyone can visit you.",
        ["post your home address"],
    ),
    ("en", "You fucking assholes, give me my money.", ["fucking", "assholes"]),
    ("fr", "Je sais où tu habites, tu vas le regretter.", ["je sais où tu habites"]),
    ("fr", "Je vais venir à votre agence et je vais te casser la gueule.", ["te casser la gueule"]),
    ("fr", "Je vais publier ton adresse sur internet.", ["publier ton adresse"]),
    ("fr", "Bande d'enculés, rendez-moi mon argent.", ["enculés"]),
]

HARD_NEGATIVES = [
    ("nl", "Van welk brand is deze föhn? Ik zie het logo nergens.", "injury"),
    ("nl", "Het rechter zijpaneel van de kast heeft een kras.", "legal"),
    ("nl", "De knop aan de rechterkant reageert traag.", "legal"),
    ("nl", "Ik zoek een fles advocaat voor bij de koffie.", "legal"),
    ("nl", "Moordprijs voor deze laptop, meteen besteld!", "aggression"),
    ("en", "I'm dying to try the new blender!", "vulnerability"),
    ("en", "Killer price on the air fryer, ordered two.", "aggression"),
    ("en", "Can I leave a review on your website after delivery?", "media"),
    ("en", "Which brand of filter fits this kettle?", "injury"),
    ("en", "How do I cancel just one item of my order, not the whole order?", "churn"),
    ("fr", "Je meurs d'envie d'essayer le nouveau mixeur !", "vulnerability"),
    ("fr", "Prix de folie pour ce grill, j'en ai pris deux.", "aggression"),
    ("fr", "Mon avocat préféré est le Hass, vous en vendez ?", "legal"),
    # abuse words that are also ordinary words
    ("nl", "Ik heb kanker en kan de rekening deze maand niet betalen.", "aggression"),
    ("nl", "De lamp in de woonkamer flikkert sinds de update.", "aggression"),
    ("nl", "Ik heb nieuwe kleren besteld, wanneer komen die?", "aggression"),
    ("nl", "Hoera, mijn pakket is er!", "aggression"),
    ("en", "Is this blanket made with a fire retardant coating?", "aggression"),
    ("en", "I'll find you the receipt tomorrow.", "aggression"),
    ("en", "What a stupid question of mine, sorry: where is the invoice?", "aggression"),
    ("en", "Is the pressure cooker dishwasher safe?", "media"),
    ("fr", "Je suis claqué ce soir, je rappellerai demain pour la facture.", "aggression"),
]


@pytest.mark.parametrize(("signal", "language", "text", "words"), CLEAR)
def test_it_fires_each_signal_and_highlights_the_words(analyse, signal, language, text, words):
    result = analyse(text)

    assert result.language == language
    assert result.signals[signal] >= THRESHOLD
    spans = result.evidence[signal]
    assert all(text[start:end] == matched for start, end, matched in spans)
    highlighted = [matched.lower() for _, _, matched in spans]
    for word in words:
        assert word.lower() in highlighted


@pytest.mark.parametrize(("language", "text", "words"), THREATS)
def test_it_flags_threats_and_abuse_aimed_at_staff(analyse, language, text, words):
    result = analyse(text)

    assert result.language == language
    assert "aggression" in result.fired()
    assert result.priority in ("high", "urgent")
    highlighted = " ".join(matched.lower() for _, _, matched in result.evidence["aggression"])
    for word in words:
        assert word.lower() in highlighted


@pytest.mark.parametrize(("language", "text", "signal"), HARD_NEGATIVES)
def test_it_does_not_fire_on_hard_negatives(analyse, language, text, signal):
    result = analyse(text)

    assert result.signals[signal] < THRESHOLD
    assert signal not in result.evidence


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Goedemiddag, wanneer wordt mijn bestelling geleverd?", "nl"),
        ("Hello, when will my order be delivered?", "en"),
        ("Bonjour, quand ma commande sera-t-elle livrée ?", "fr"),
        ("Guten Tag, wann wird meine Bestellung geliefert?", "de"),
    ],
)
def test_it_identifies_the_language(text, language):
    assert detect_language(text) == language


def test_it_reads_sentiment_and_emotion(analyse):
    happy = analyse("Heel erg bedankt, jullie hebben me fantastisch geholpen!")
    angry = analyse(
        "This is unacceptable, I am furious that my order was cancelled without notice."
    )

    assert happy.sentiment > 0.3 and happy.sentiment_label == "positive" and happy.emotion == "joy"
    assert angry.sentiment < -0.3 and angry.sentiment_label == "negative"
    assert -1 <= angry.sentiment <= 1


@pytest.mark.parametrize(
    "text",
    [
        "Heel erg bedankt, het probleem is opgelost en alles werkt weer!",
        "Wat een opluchting, het pakket is toch nog op tijd gekomen. Top service!",
        "Thank you so much, the issue is solved and everything works again!",
        "Phew, what a relief, the refund came through. Brilliant service, thanks!",
        "Merci beaucoup, le problème est résolu et tout fonctionne à nouveau !",
        "Quel soulagement, le colis est arrivé à temps. Bravo et merci !",
    ],
)
def test_it_reads_thanks_praise_and_relief_as_positive(analyse, text):
    result = analyse(text)

    assert result.sentiment_label == "positive" and result.sentiment > 0.3
    assert result.emotion == "joy"
    assert result.priority == "low" and not result.fired()


@pytest.mark.parametrize(
    "text",
    [
        "Bedankt voor je reactie, maar de wasmachine is nog steeds kapot.",
        "Thanks for your reply, but the washing machine is still broken.",
        "Merci pour votre réponse, mais la machine à laver est toujours en panne.",
    ],
)
def test_it_reads_thanks_but_still_broken_as_negative(analyse, text):
    result = analyse(text)

    assert result.sentiment_label == "negative" and result.sentiment < 0
    assert result.emotion in ("frustration", "anger", "sadness")


@pytest.mark.parametrize(
    "text",
    [
        "Kunt u mij laten weten wanneer de monteur komt? Alvast bedankt.",
        "Could you let me know when the engineer will come? Thanks in advance.",
        "Pouvez-vous me dire quand le technicien passera ? Merci d'avance.",
    ],
)
def test_it_reads_a_polite_question_as_neutral(analyse, text):
    result = analyse(text)

    assert result.sentiment_label == "neutral" and abs(result.sentiment) < 0.5
    assert result.priority == "low"


def test_it_weighs_the_clause_after_a_contrast_word():
    from kalm.empathy.features import after_contrast

    assert after_contrast("Thanks, but it is still broken.") == "it is still broken"
    assert after_contrast("Merci, mais toujours en panne") == "toujours en panne"
    assert after_contrast("Bedankt, maar ja.") == "Bedankt, maar ja."  # too short a clause
    assert after_contrast("Maarten belde gisteren") == "Maarten belde gisteren"


def test_it_sets_priority_by_the_documented_rule(analyse):
    assert (
        analyse(
            "Mijn kind heeft een batterij ingeslikt, we zitten op de spoedeisende hulp."
        ).priority
        == "urgent"
    )
    assert analyse("I will post this on Facebook.").priority == "high"
    assert analyse("Could you send me a copy of my invoice?").priority == "low"
    assert priority_for({"legal": 0.9}, 0.5, "neutral") == "urgent"
    assert priority_for({"vulnerability": 0.6}, 0.0, "sadness") == "high"
    assert priority_for({}, -0.9, "anger") == "high"
    assert priority_for({}, -0.5, "frustration") == "normal"


def test_the_fast_backend_gives_the_same_shape(analyse):
    from kalm.empathy.engine import analyse as analyse_with

    result = analyse_with("Ik ga naar de rechter.", backend="ngrams")

    assert set(result.signals) == {
        "injury",
        "legal",
        "media",
        "aggression",
        "vulnerability",
        "churn",
    }
    assert result.signals["legal"] >= THRESHOLD
