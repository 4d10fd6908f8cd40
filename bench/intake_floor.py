"""The framework's floor for intake (bench/throughput.py --floor): what the same web server and
Django, with Kalm's settings and middleware, take per second when a request does nothing but
check a bearer token, parse the JSON body and store it as one row in one transaction.

No case, consumer, dossier, search index or queued job: the rate Kalm's intake could at most
reach on this machine while it answers each request synchronously (decision 0017). Served by
gunicorn as ``intake_floor:application`` with ``DJANGO_SETTINGS_MODULE=intake_floor`` (this
module is both the settings and the URLconf).
"""

from __future__ import annotations

import hmac
import json
import os

from kalm.settings import *  # noqa: F403 - Kalm's own settings: database, middleware, logging

ROOT_URLCONF = "intake_floor"
FLOOR_TOKEN = os.environ.get("KALM_FLOOR_TOKEN", "bench-floor-token")
TABLE = "bench_intake_floor"


def _store(request):
    from django.db import connection, transaction
    from django.http import JsonResponse

    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not hmac.compare_digest(given.encode(), FLOOR_TOKEN.encode()):
        return JsonResponse({"detail": "unauthorised"}, status=401)
    try:
        body = json.loads(request.body)
    except ValueError:
        return JsonResponse({"detail": "not JSON"}, status=400)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (body) VALUES (%s)",
            [json.dumps(body)],
        )
        row_id = cursor.lastrowid if connection.vendor == "sqlite" else None
    return JsonResponse({"id": row_id, "subject": body.get("subject", "")}, status=201)


def create_table() -> None:
    """The floor's one table (bench/throughput.py calls this before the server starts)."""
    import django

    django.setup()
    from django.db import connection

    key = (
        "INTEGER PRIMARY KEY AUTOINCREMENT"
        if connection.vendor == "sqlite"
        else "BIGSERIAL PRIMARY KEY"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (id {key}, body TEXT)")


def _urls() -> list:
    from django.urls import path
    from django.views.decorators.csrf import csrf_exempt

    return [path("floor/", csrf_exempt(_store))]


def __getattr__(name: str):  # Django reads urlpatterns, gunicorn application
    if name == "urlpatterns":
        return _urls()
    if name == "application":
        from django.core.wsgi import get_wsgi_application

        return get_wsgi_application()
    raise AttributeError(name)
