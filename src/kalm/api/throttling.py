"""Per-token rate limit: a fixed one-minute window counted in Django's cache."""

from __future__ import annotations

import threading
import time

from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from kalm.api.models import ApiToken

WINDOW = 60


class TokenRateThrottle(BaseThrottle):
    """At most ``ApiToken.rate_per_minute`` requests per token per clock minute; the count is
    shared by the processes that share the cache (per process with the default local cache)."""

    def __init__(self) -> None:
        self._local = threading.local()  # one instance serves every request thread

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return True
        now = time.time()
        window = int(now // WINDOW)
        key = f"kalm-api-rate:{token.pk}:{window}"
        cache.add(key, 0, WINDOW + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr: count this one as the first
            cache.set(key, 1, WINDOW + 5)
            count = 1
        self._local.wait = (window + 1) * WINDOW - now
        return count <= token.rate_per_minute

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)
