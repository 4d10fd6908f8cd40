"""The language of the page being served, for code that stores or answers in it."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language


def page_language() -> str:
    """The active language (the portal's language switch, else the browser's), as one of
    ``settings.LANGUAGES``; the default language when it is none of them."""
    code = (get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
