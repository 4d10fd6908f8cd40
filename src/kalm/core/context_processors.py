from django.http import HttpRequest

from kalm.core.selectors import organisation


def kalm(request: HttpRequest) -> dict:
    return {"KALM_ORGANISATION_NAME": organisation().name}
