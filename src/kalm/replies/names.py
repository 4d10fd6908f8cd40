"""Splitting a consumer's name into the parts a reply may address them by."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Dutch, Flemish, German and French name particles ("De Vries", "van der Berg", "d'Hondt").
PARTICLES = {
    "de",
    "den",
    "der",
    "het",
    "'t",
    "te",
    "ten",
    "ter",
    "van",
    "vande",
    "vanden",
    "vander",
    "von",
    "zu",
    "la",
    "le",
    "du",
    "des",
    "di",
    "da",
    "d'",
    "op",
    "in",
    "aan",
    "bij",
    "uit",
}
TITLES = {
    "dhr",
    "mevr",
    "mw",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "drs",
    "ir",
    "ing",
    "prof",
    "mevrouw",
    "meneer",
    "heer",
    "madame",
    "monsieur",
    "mme",
    "mlle",
    "m",
}


@dataclass(frozen=True)
class NameParts:
    full: str
    first: str  # "" when the name has only one word (or starts with a particle)
    last: str  # with its particles: "de Vries"
    core: str  # without them: "Vries"

    def candidates(self) -> list[str]:
        """The ways a reply can name the consumer, longest first."""
        found = [p for p in (self.full, self.last, self.first, self.core) if len(p) >= 2]
        return sorted(dict.fromkeys(found), key=len, reverse=True)


def fold(text: str) -> str:
    """Lower case without accents, for comparing names ("Müller" ~ "muller")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_parts(name: str, *, organisation: bool = False) -> NameParts:
    full = " ".join(w for w in (name or "").split() if any(c.isalpha() for c in w))
    if organisation:
        return NameParts(full=full, first=full, last="", core="")
    # Words without letters are no name: a phone number stands in for an unknown name.
    words = [w for w in full.split(" ") if any(c.isalpha() for c in w)]
    words = [w for w in words if w.strip(".").casefold() not in TITLES]
    words = [w for w in words if len(w.strip(".")) > 1 or w.casefold() in PARTICLES]
    if not words:
        return NameParts(full=full, first="", last="", core="")
    if len(words) == 1:
        return NameParts(full=full, first="", last=words[0], core=words[0])
    first = "" if words[0].casefold() in PARTICLES else words[0]
    rest = words[1:] if first else words
    last = " ".join(rest)
    core_words = [w for w in rest if w.casefold() not in PARTICLES]
    return NameParts(full=full, first=first, last=last, core=" ".join(core_words) or last)
