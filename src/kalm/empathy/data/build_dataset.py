"""Writes Kalm's own labelled message set: train.jsonl here and bench/data/classify_heldout.jsonl.

Run once: `python -m kalm.empathy.data.build_dataset`. The messages are written by hand as
templates (one per line below) and filled with products, order numbers, greetings and the odd
typo. Every fourth template of each group of the first round (templates_<language>.py) goes to the
held-out set only, so held-out messages are different sentences, not re-fills of training ones.
The second round (templates_more_<language>.py: praise, relief, "thanks, but" complaints, other
sectors, threats to staff) is training only and is filled from its own random stream, so the
first round's rows and the held-out file stay byte-for-byte what they were and remain comparable
across versions. Output is deterministic (fixed seeds).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from kalm.empathy.data.templates_en import GROUPS as EN
from kalm.empathy.data.templates_fr import GROUPS as FR
from kalm.empathy.data.templates_more_en import GROUPS as MORE_EN
from kalm.empathy.data.templates_more_fr import GROUPS as MORE_FR
from kalm.empathy.data.templates_more_nl import GROUPS as MORE_NL
from kalm.empathy.data.templates_nl import GROUPS as NL

SIGNALS = ("injury", "legal", "media", "aggression", "vulnerability", "churn")
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]

SLOTS = {
    "en": {
        "p": [
            "kettle",
            "air fryer",
            "phone charger",
            "baby monitor",
            "e-bike battery",
            "hair dryer",
            "washing machine",
            "laptop",
            "space heater",
            "pressure cooker",
            "toaster",
            "blender",
        ],
        "c": ["Coolblue", "Currys", "Amazon", "Argos", "MediaMarkt"],
        "g": [
            "Hi,",
            "Hello,",
            "Dear customer service,",
            "Dear Sir/Madam,",
            "Good morning,",
            "Hey",
            "",
        ],
        "e": [
            "Regards, Tom",
            "Kind regards,\nSarah Miller",
            "Thanks, Dave",
            "Best, Priya",
            "Sent from my iPhone",
            "",
            "J. Peters",
        ],
    },
    "nl": {
        "p": [
            "waterkoker",
            "airfryer",
            "telefoonlader",
            "babyfoon",
            "accu van mijn e-bike",
            "föhn",
            "wasmachine",
            "laptop",
            "elektrische kachel",
            "snelkookpan",
            "broodrooster",
            "blender",
        ],
        "c": ["Coolblue", "Bol", "MediaMarkt", "Ziggo", "Odido"],
        "g": [
            "Hallo,",
            "Beste klantenservice,",
            "Geachte heer/mevrouw,",
            "Goedemorgen,",
            "Hoi",
            "Dag,",
            "",
        ],
        "e": [
            "Met vriendelijke groet,\nJan de Vries",
            "Groetjes, Sanne",
            "Mvg, Peter",
            "Gr. Kees",
            "Verstuurd vanaf mijn iPhone",
            "",
            "Vriendelijke groeten, Fatima",
        ],
    },
    "fr": {
        "p": [
            "bouilloire",
            "friteuse à air",
            "chargeur de téléphone",
            "babyphone",
            "batterie de vélo électrique",
            "sèche-cheveux",
            "lave-linge",
            "ordinateur portable",
            "radiateur électrique",
            "autocuiseur",
            "grille-pain",
            "mixeur",
        ],
        "c": ["Fnac", "Darty", "Amazon", "Boulanger", "Proximus"],
        "g": ["Bonjour,", "Madame, Monsieur,", "Bonsoir,", "Cher service client,", "Salut", ""],
        "e": [
            "Cordialement,\nMarie Dubois",
            "Bien à vous, Luc",
            "Merci d'avance. Julien",
            "Salutations distinguées,\nA. Lambert",
            "Envoyé de mon iPhone",
            "",
        ],
    },
}


def _typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(rng.choice([1, 1, 2])):
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 4 and w.isalpha():
            j = rng.randrange(1, len(w) - 1)
            op = rng.choice(["swap", "drop", "double"])
            if op == "swap":
                w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
            elif op == "drop":
                w = w[:j] + w[j + 1 :]
            else:
                w = w[:j] + w[j] + w[j:]
            words[i] = w
    return " ".join(words)


def _chat(rng: random.Random, text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    if rng.random() < 0.5:
        text = text.rstrip(".")
    if rng.random() < 0.3:
        text = text.replace(". ", " ")
    return text


def render(rng: random.Random, lang: str, template: str) -> str:
    slots = SLOTS[lang]
    body = template.format(
        p=rng.choice(slots["p"]),
        c=rng.choice(slots["c"]),
        o=f"{rng.choice(['', '#', 'KL-'])}{rng.randint(100000, 999999)}",
        d=rng.choice([3, 5, 10, 14, 21]),
    )
    style = rng.random()
    if style < 0.35:
        greet, end = rng.choice(slots["g"]), rng.choice(slots["e"])
        body = "\n\n".join(x for x in (greet, body, end) if x)
    elif style < 0.6:
        body = _chat(rng, body)
    if rng.random() < 0.25:
        body = _typo(rng, body)
    if rng.random() < 0.1:
        body = body.upper() if len(body) < 160 else body + "!!!"
    return body


def build(seed: int = 4) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    train: list[dict] = []
    heldout: list[dict] = []
    for lang, groups in (("en", EN), ("nl", NL), ("fr", FR)):
        n = 0
        for g, (sentiment, emotion, signals, block) in enumerate(groups):
            templates = [t.strip() for t in block.strip().splitlines() if t.strip()]
            for k, template in enumerate(templates):
                held = k % 4 == 3
                fills = 4 if held else 3
                for _ in range(fills):
                    n += 1
                    row = {
                        "id": f"{lang}-{'h' if held else 't'}{n:04d}",
                        "language": lang,
                        "template": f"{lang}-{g}-{k}",
                        "text": render(rng, lang, template),
                        "sentiment": sentiment,
                        "emotion": emotion,
                        "signals": {s: int(s in signals.split()) for s in SIGNALS},
                    }
                    (heldout if held else train).append(row)
    rng = random.Random(seed + 1)  # own stream: the first round above stays as it was
    for lang, groups in (("en", MORE_EN), ("nl", MORE_NL), ("fr", MORE_FR)):
        n = 0
        for g, (sentiment, emotion, signals, block) in enumerate(groups):
            templates = [t.strip() for t in block.strip().splitlines() if t.strip()]
            for k, template in enumerate(templates):
                for _ in range(3):
                    n += 1
                    train.append(
                        {
                            "id": f"{lang}-m{n:04d}",
                            "language": lang,
                            "template": f"{lang}-m{g}-{k}",
                            "text": render(rng, lang, template),
                            "sentiment": sentiment,
                            "emotion": emotion,
                            "signals": {s: int(s in signals.split()) for s in SIGNALS},
                        }
                    )
    return train, heldout


def write(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    train, heldout = build()
    write(train, HERE / "train.jsonl")
    write(heldout, REPO / "bench" / "data" / "classify_heldout.jsonl")
    print(f"train {len(train)}, held-out {len(heldout)}")


if __name__ == "__main__":
    main()
