"""Swagger UI served from Kalm's own static files (see static/api/vendor/README.md): no CDN."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

SWAGGER_VERSION = "5.35.0"
DOCS_ASSETS = {
    "js": f"api/vendor/swagger-ui-bundle-{SWAGGER_VERSION}.js",
    "css": f"api/vendor/swagger-ui-{SWAGGER_VERSION}.css",
}


class VendoredSwagger(Swagger):
    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings), "api": api, **DOCS_ASSETS}
        return render(request, self.template, context)
