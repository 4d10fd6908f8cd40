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
