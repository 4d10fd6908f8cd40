"""Bearer-token authentication with scopes: ``Authorization: Bearer kalm_<prefix>_<secret>``."""

from __future__ import annotations

import hmac
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from kalm.api.actions import TOKEN_PREFIX, api_token_touch, token_hash
from kalm.api.models import ApiToken
from kalm.core.prepared import prepared_list

_CACHE_ATTR = "_kalm_api_token"


def token_from_string(raw: str) -> ApiToken | None:
    """The active token this string names, or None for anything malformed, unknown or revoked."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    # Compiled once per connection (kalm.core.prepared): every API request asks it.
    found = prepared_list(
        "api.token",
        lambda prefix: (
            ApiToken.objects.select_related("acting_user")
            .filter(prefix=prefix, revoked_at=None)
            .order_by("pk")[:1]
        ),
        values=[parts[1]],
    )
    token = found[0] if found else None
    if token is None or not hmac.compare_digest(token.token_hash, token_hash(parts[2])):
        return None
    return token


def token_from_request(request: HttpRequest) -> ApiToken | None:
    """The request's token (looked up once per request), or None."""
    if not hasattr(request, _CACHE_ATTR):
        header = request.headers.get("Authorization", "")
        scheme, _sep, value = header.partition(" ")
        token = token_from_string(value) if scheme.lower() == "bearer" else None
        setattr(request, _CACHE_ATTR, token)
    return getattr(request, _CACHE_ATTR)


class TokenAuth(HttpBearer):
    """Accepts a token that holds ``scope``; ``request.auth`` becomes the ApiToken and
    ``request.user`` its acting user. Missing or bad token: 401. Missing scope: 403."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any:
        token = token_from_request(request)
        if token is None:
            return None
        return self.authenticate(request, token)

    def authenticate(self, request: HttpRequest, token: Any) -> ApiToken | None:
        if not isinstance(token, ApiToken):  # pragma: no cover - __call__ resolves the token
            return None
        if not token.has_scope(self.scope):
            raise AuthorizationError(
                message=_("This token lacks the scope '%(scope)s'.") % {"scope": self.scope}
            )
        if not token.acting_user.is_desk_member:
            raise AuthorizationError(
                message=_("The token's acting user no longer has desk access.")
            )
        api_token_touch(token=token)
        request.user = token.acting_user
        return token
