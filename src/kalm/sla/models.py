"""Service-level policies, the business calendars they count in, and each case's clocks."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kalm.cases.models import Channel, Priority
from kalm.sla.calendar import (
    LIBERATION_EVERY_YEAR,
    LIBERATION_LUSTRUM,
    LIBERATION_NEVER,
    Schedule,
    parse_days,
    parse_hours,
)


def default_opening_hours() -> dict[str, list[list[str]]]:
    return {str(day): [["09:00", "17:00"]] for day in range(5)}


class HolidayCountry(models.TextChoices):
    NL = "NL", _("Netherlands")
    BE = "BE", _("Belgium")
    NONE = "", _("No public holidays")


class LiberationDay(models.TextChoices):
    EVERY_YEAR = LIBERATION_EVERY_YEAR, _("Every year")
    LUSTRUM = LIBERATION_LUSTRUM, _("Every five years (2025, 2030, ...)")
    NEVER = LIBERATION_NEVER, _("Never")


class BusinessCalendar(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Amsterdam")
    opening_hours = models.JSONField(
        _("opening hours"),
        default=default_opening_hours,
        help_text=_(
            'Per weekday (0 = Monday … 6 = Sunday) a list of periods, e.g. {"0": [["09:00", '
            '"17:00"]], "5": [["10:00", "14:00"]]}.'
        ),
    )
    country = models.CharField(
        _("public holidays of"), max_length=2, choices=HolidayCountry.choices, blank=True
    )
    good_friday_closed = models.BooleanField(
        _("closed on Good Friday"),
        default=True,
        help_text=_("Dutch calendars only: Good Friday is not a legal holiday in the Netherlands."),
    )
    liberation_day = models.CharField(
        _("closed on Liberation Day (5 May)"),
        max_length=12,
        choices=LiberationDay.choices,
        default=LiberationDay.LUSTRUM,
        help_text=_("Dutch calendars only."),
    )
    closed_days = models.JSONField(
        _("extra closed days"),
        default=list,
        blank=True,
        help_text=_('Days closed besides public holidays, e.g. ["2026-12-24", "2026-12-31"].'),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("business calendar")
        verbose_name_plural = _("business calendars")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError({"timezone": _("Unknown time zone.")}) from None
        try:
            parse_hours(self.opening_hours)
        except ValueError as exc:
            raise ValidationError({"opening_hours": str(exc)}) from None
        try:
            parse_days(self.closed_days)
        except ValueError as exc:
            raise ValidationError({"closed_days": str(exc)}) from None

    def schedule(self) -> Schedule:
        """The pure schedule (no queries). Built once per distinct calendar content and shared:
        the inbox asks every row's clocks for it (each row loads its own copy of the calendar),
        and parsing the opening hours again each time was most of an inbox page's SLA work."""
        key = (
            self.timezone,
            repr(self.opening_hours),  # the same content in another order: just another key
            self.country,
            self.good_friday_closed,
            self.liberation_day,
            repr(self.closed_days),
        )
        schedule = _SCHEDULES.get(key)
        if schedule is None:
            schedule = Schedule(
                timezone=self.timezone,
                hours=parse_hours(self.opening_hours),
                country=self.country,
                good_friday=self.good_friday_closed,
                liberation_day=self.liberation_day,
                closed_days=parse_days(self.closed_days),
            )
            if len(_SCHEDULES) >= _SCHEDULES_MAX:
                _SCHEDULES.clear()
            _SCHEDULES[key] = schedule
        return schedule


# Schedules by calendar content (not by id: an edited calendar is a new key, so nothing stale is
# ever read). Schedule is immutable; a handful of calendars exist, the bound is a safety net.
_SCHEDULES: dict[tuple, Schedule] = {}
_SCHEDULES_MAX = 64


class SlaPolicy(models.Model):
    """Targets for a kind of case. Empty priority/channel/team means "any".

    The most specific active policy wins: a team match weighs more than a channel match, which
    weighs more than a priority match (team > channel > priority); ties go to the lowest
    ``order``."""

    name = models.CharField(_("name"), max_length=100)
    priority = models.CharField(
        _("priority"),
        max_length=10,
        choices=Priority.choices,
        blank=True,
        help_text=_("Empty: any"),
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, blank=True, help_text=_("Empty: any")
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sla_policies",
        verbose_name=_("team"),
        help_text=_("Empty: any"),
    )
    calendar = models.ForeignKey(
        BusinessCalendar,
        on_delete=models.PROTECT,
        related_name="policies",
        verbose_name=_("calendar"),
    )
    first_response = models.DurationField(
        _("first response within"), help_text=_("Business time, e.g. 01:00:00 for one hour.")
    )
    next_response = models.DurationField(
        _("next response within"), help_text=_("Business time after the consumer writes again.")
    )
    resolution = models.DurationField(_("resolved within"), help_text=_("Business time."))
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_response__gt=timedelta(0))
                & models.Q(next_response__gt=timedelta(0))
                & models.Q(resolution__gt=timedelta(0)),
                name="sla_policy_positive_targets",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def specificity(self) -> int:
        return (4 if self.team_id else 0) + (2 if self.channel else 0) + (1 if self.priority else 0)


class Target(models.TextChoices):
    FIRST_RESPONSE = "first_response", _("first reply")
    NEXT_RESPONSE = "next_response", _("next reply")
    RESOLUTION = "resolution", _("resolution")


TARGETS = tuple(Target)


class CaseSla(models.Model):
    """The running clocks of one case under its policy.

    Per target: ``*_due`` (null when not running), ``*_warn_at`` (80% of the business time used),
    ``*_warned_at`` / ``*_breached_at`` (set once by the worker, with a conditional update, so a
    warning or escalation never happens twice). While the case waits on the consumer the clocks
    are paused (``paused_at``); on resume every running due time moves by the business time that
    was left."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="sla")
    policy = models.ForeignKey(SlaPolicy, on_delete=models.PROTECT, related_name="case_slas")
    started_at = models.DateTimeField()
    paused_at = models.DateTimeField(null=True, blank=True)

    first_response_due = models.DateTimeField(null=True, blank=True)
    first_response_warn_at = models.DateTimeField(null=True, blank=True)
    first_response_warned_at = models.DateTimeField(null=True, blank=True)
    first_response_breached_at = models.DateTimeField(null=True, blank=True)
    first_response_met_at = models.DateTimeField(null=True, blank=True)

    next_response_due = models.DateTimeField(null=True, blank=True)
    next_response_warn_at = models.DateTimeField(null=True, blank=True)
    next_response_warned_at = models.DateTimeField(null=True, blank=True)
    next_response_breached_at = models.DateTimeField(null=True, blank=True)
    next_response_met_at = models.DateTimeField(null=True, blank=True)

    resolution_due = models.DateTimeField(null=True, blank=True)
    resolution_warn_at = models.DateTimeField(null=True, blank=True)
    resolution_warned_at = models.DateTimeField(null=True, blank=True)
    resolution_breached_at = models.DateTimeField(null=True, blank=True)
    resolution_met_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("case SLA")
        verbose_name_plural = _("case SLAs")
        indexes = [
            models.Index(fields=["first_response_warn_at"], name="sla_first_warn"),
            models.Index(fields=["first_response_due"], name="sla_first_due"),
            models.Index(fields=["next_response_warn_at"], name="sla_next_warn"),
            models.Index(fields=["next_response_due"], name="sla_next_due"),
            models.Index(fields=["resolution_warn_at"], name="sla_resolution_warn"),
            models.Index(fields=["resolution_due"], name="sla_resolution_due"),
        ]

    def __str__(self) -> str:
        return f"SLA {self.case_id}"

    def get(self, target: str, what: str):
        return getattr(self, f"{target}_{what}")
