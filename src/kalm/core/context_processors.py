from django.http import HttpRequest

from kalm.core.selectors import organisation


def kalm(request: HttpRequest) -> dict:
    """The organisation's name and look for every page (portal/base.html applies the look)."""
    org = organisation()
    return {
        "KALM_ORGANISATION_NAME": org.name,
        "KALM_ORGANISATION_LOGO_URL": org.logo_url,
        # (name, value) pairs of CSS custom properties, from validated #rrggbb colours only.
        "KALM_THEME": org.theme,
    }
