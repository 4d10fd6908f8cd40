"""The REST API at /api/v1/: one NinjaAPI, its routers, problem-detail errors and docs."""

from __future__ import annotations

from ninja import NinjaAPI

from kalm.api import errors
from kalm.api.docs import VendoredSwagger
from kalm.api.endpoints import cases, consumers, dossier, evidence, messages
from kalm.api.throttling import TokenRateThrottle

DESCRIPTION = """\
Kalm's REST API for integrations (shop systems, phone systems, portals).

**Authentication**: `Authorization: Bearer kalm_<prefix>_<secret>`. Tokens are created by an
administrator (admin, or `kalm create_api_token`) with scopes: `cases:read`, `cases:write`,
`messages:write`, `evidence:write`, `consumers:read`, `dossier:read`. Everything a token does is
recorded in the case dossier under its acting user.

**Retries**: send an `Idempotency-Key` header on every POST. A retry with the same key and body
gets the first answer again (with `Idempotent-Replayed: true`) and creates nothing; the same key
with another body is refused (422). Keys are remembered for 24 hours.

**Bursts**: send `Prefer: respond-async` with `POST /cases`. The request is checked as usual,
stored and answered `202` with its status URL in `Location` (`GET /case-requests/{id}`); the
worker opens the case moments later.

**Errors** are RFC 9457 problem details (`application/problem+json`).

**Lists** use cursor pagination: pass the `next` value of a page as `cursor` for the next one.
"""

IDEMPOTENCY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Any unique string (a UUID); a retry with the same key and body is answered "
    "from the first request and creates nothing. Remembered for 24 hours.",
    "schema": {"type": "string", "maxLength": 255},
}


class KalmAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):  # type: ignore[override]
        """Ninja's schema, plus what it cannot declare: errors are ``application/problem+json``,
        and every POST takes an ``Idempotency-Key`` header."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for item in schema["paths"].values():
            for method, operation in item.items():
                for code, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(code) >= 400 and "application/json" in content:
                        response["content"] = {
                            "application/problem+json": content["application/json"]
                        }
                if method == "post":
                    operation.setdefault("parameters", []).append(IDEMPOTENCY_PARAMETER)
        return schema


api = KalmAPI(
    title="Kalm API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=VendoredSwagger(settings={"deepLinking": True}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[TokenRateThrottle()],
)
errors.install(api)
api.add_router("/", cases.router)
api.add_router("/", messages.router)
api.add_router("/", evidence.router)
api.add_router("/", consumers.router)
api.add_router("/", dossier.router)
