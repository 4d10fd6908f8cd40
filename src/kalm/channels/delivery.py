"""Answer on the channel the consumer used.

Each channel registers one deliverer: a function that takes an outbound Message and sends it
(email, chat push, signed webhook to a social platform). `reply_deliver` picks it by the
message's channel; channels without a deliverer fall back to email when the consumer has an
address. Deliverers run in the worker (see tasks.py), never in a request.
"""

from __future__ import annotations

from collections.abc import Callable

from kalm.cases.models import Channel, Message

Deliverer = Callable[[Message], None]
_DELIVERERS: dict[str, Deliverer] = {}


def register(channel: str, deliverer: Deliverer) -> None:
    _DELIVERERS[channel] = deliverer


def deliverer_for(channel: str) -> Deliverer | None:
    return _DELIVERERS.get(channel) or _DELIVERERS.get(Channel.EMAIL)


def reply_deliver(message: Message) -> None:
    deliverer = deliverer_for(message.channel)
    if deliverer is not None:
        deliverer(message)
