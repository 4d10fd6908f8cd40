"""The churn card on the desk's consumer page: ``{% churn_consumer_card consumer %}``, one line
in the consumer template and no change to the desk's view (the desk app does not import churn)."""

from __future__ import annotations

from typing import Any

from django import template

from kalm.churn.forms import LossForm
from kalm.churn.selectors import consumer_risk

register = template.Library()


@register.inclusion_tag("churn/_consumer_card.html")
def churn_consumer_card(consumer: Any) -> dict[str, Any]:
    """Score, band, method, reasons and the suggested action, or the lost mark; nothing for a
    drill's consumer or a merged one (their page points to the consumer who was kept)."""
    show = consumer.drill_id is None and consumer.merged_into_id is None
    return {
        "show": show,
        "consumer": consumer,
        "risk": consumer_risk(consumer) if show else None,
        "form": LossForm(),
    }
