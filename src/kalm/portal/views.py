from django.http import HttpRequest, HttpResponse


def complaint_new(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Kalm")


def status(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse("status")
