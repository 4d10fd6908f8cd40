"""The inbound endpoint: POST /hooks/<slug>/ with a signed JSON body (see docs/webhooks.md)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kalm.webhooks.actions import KEPT_HEADERS, delivery_receive, max_body_bytes
from kalm.webhooks.models import WebhookDelivery

ERRORS = {
    401: "unauthorized",
    404: "unknown source",
    413: "body too large",
    422: "invalid payload",
    500: "processing failed; the delivery is kept and will be re-processed",
}


@csrf_exempt
@require_POST
def receive(request: HttpRequest, slug: str) -> JsonResponse:
    limit = max_body_bytes()
    body = request.read(limit + 1)  # never more than the limit in memory
    headers = {name: request.headers[name] for name in KEPT_HEADERS if name in request.headers}
    delivery = delivery_receive(
        slug=slug,
        body=body,
        headers=headers,
        remote_addr=request.META.get("REMOTE_ADDR"),
        too_large=len(body) > limit,
    )
    return JsonResponse(response_body(delivery), status=delivery.http_status or 500)


def response_body(delivery: WebhookDelivery) -> dict:
    data: dict = {"status": delivery.status, "delivery": delivery.pk}
    if delivery.case_id:
        data["case"] = delivery.case.reference
    if delivery.http_status in ERRORS:
        data["error"] = ERRORS[delivery.http_status]
        data["problems"] = [line for line in delivery.reason.splitlines() if line]
    return data
