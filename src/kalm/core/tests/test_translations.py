"""Every user-facing string ships in Dutch: the catalogue is complete and compiled."""

import re
from pathlib import Path

from django.utils import translation

import kalm

LOCALE = Path(kalm.__file__).parent / "locale"


def _entries(po: Path):
    """(msgid, [msgstr...], flags) per entry of a .po file; enough parsing for a completeness check."""
    text = po.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        current, parts = None, {}
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt) "(.*)"$', line)
            if match:
                current = match.group(1)
                parts[current] = match.group(2)
            elif line.startswith('"') and current:
                parts[current] += line[1:-1]
        if parts.get("msgid"):
            yield parts["msgid"], [v for k, v in parts.items() if k.startswith("msgstr")], flags


def test_every_dutch_string_is_translated():
    po = LOCALE / "nl" / "LC_MESSAGES" / "django.po"
    missing = [msgid for msgid, strs, _ in _entries(po) if not all(strs)]
    fuzzy = [msgid for msgid, _, flags in _entries(po) if "fuzzy" in flags]
    assert not missing, f"untranslated: {missing[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


def test_the_compiled_catalogue_is_used():
    with translation.override("nl"):
        assert translation.gettext("Send reply") != "Send reply"
        assert translation.gettext("What happened?") != "What happened?"
