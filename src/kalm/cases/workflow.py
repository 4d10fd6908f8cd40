"""The one declared table of legal status moves. Every status change goes through it."""

from __future__ import annotations

from kalm.cases.models import Status

_WORKING = {
    Status.OPEN,
    Status.WAITING_CONSUMER,
    Status.WAITING_US,
    Status.SOLUTION_PROPOSED,
    Status.RESOLVED,
    Status.CLOSED,
}

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset(_WORKING),
    Status.OPEN: frozenset(_WORKING - {Status.OPEN}),
    Status.WAITING_CONSUMER: frozenset(_WORKING - {Status.WAITING_CONSUMER}),
    Status.WAITING_US: frozenset(_WORKING - {Status.WAITING_US}),
    # A consumer who says the proposed solution does not solve it reopens the case: the case
    # goes back to the team with their reason, and the resolution clock starts again.
    Status.SOLUTION_PROPOSED: frozenset(
        (_WORKING - {Status.SOLUTION_PROPOSED}) | {Status.REOPENED}
    ),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.REOPENED}),
    Status.CLOSED: frozenset({Status.REOPENED}),
    Status.REOPENED: frozenset(_WORKING),
}


class IllegalTransition(ValueError):
    """A status move the workflow does not allow."""

    def __init__(self, current: str, target: str) -> None:
        self.current, self.target = current, target
        super().__init__(f"A case cannot go from '{current}' to '{target}'")


def allowed_targets(current: str) -> list[str]:
    return [s for s in Status.values if s in TRANSITIONS.get(current, frozenset())]


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, frozenset()):
        raise IllegalTransition(current, target)
