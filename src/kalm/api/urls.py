from django.http import HttpRequest, HttpResponse
from django.urls import re_path
from django.utils.translation import gettext as _

from kalm.api.api import api
from kalm.api.errors import problem

app_name = "api"


def not_found(request: HttpRequest, rest: str) -> HttpResponse:
    """Unknown addresses under /api/v1/ answer a problem document too, not the site's 404 page."""
    return problem(request, 404, detail=_("There is nothing at this address."))


# NinjaAPI.urls is (patterns, app_name, namespace); the project includes this module at /api/v1/.
urlpatterns = [*api.urls[0], re_path(r"^(?P<rest>.*)$", not_found)]
