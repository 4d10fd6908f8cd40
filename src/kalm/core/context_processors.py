from django.conf import settings
from django.http import HttpRequest


def kalm(request: HttpRequest) -> dict:
    return {"KALM_ORGANISATION_NAME": settings.KALM_ORGANISATION_NAME}
