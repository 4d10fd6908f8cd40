"""The filters above every dashboard: a period (a preset or from-to), team, product, channel,
topic. The form turns a GET query into a ``Filters``; an invalid query still gives a page (the
default period, with the errors shown), so a mistyped date never costs the lead the dashboard."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kalm.cases.models import Channel, Product
from kalm.core.i18n import page_language
from kalm.desk.selectors import desk_teams
from kalm.insights.types import Filters
from kalm.kb.models import Category

DEFAULT_PERIOD = "30d"
# Wider ranges are refused: a dashboard over many years would scan most of the case table for
# charts nobody reads at that resolution (and the 1 s p95 budget is set for a year).
MAX_DAYS = 2 * 366


def period_bounds(period: str, today: date) -> tuple[date, date]:
    """The first and last day (inclusive) of a preset period ending today."""
    if period == "7d":
        return today - timedelta(days=6), today
    if period == "90d":
        return today - timedelta(days=89), today
    if period == "12m":
        # Whole calendar months: eleven earlier months and this one so far, so the monthly
        # buckets of the charts are not cut off halfway through the first month.
        month = today.month - 11
        year = today.year
        if month < 1:
            month += 12
            year -= 1
        return date(year, month, 1), today
    return today - timedelta(days=29), today


class FilterForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        initial="30d",  # DEFAULT_PERIOD: what the page shows before anything is chosen
        choices=[
            ("7d", _("Last 7 days")),
            ("30d", _("Last 30 days")),
            ("90d", _("Last 90 days")),
            ("12m", _("Last 12 months")),
            ("custom", _("From … to …")),
        ],
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    team = forms.ModelChoiceField(
        label=_("Team"), required=False, queryset=desk_teams(), empty_label=_("Every team")
    )
    product = forms.ModelChoiceField(
        label=_("Product"),
        required=False,
        queryset=Product.objects.none(),
        empty_label=_("Every product"),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("Every channel")), *Channel.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Category.objects.none(),
        empty_label=_("Every topic"),
    )

    def __init__(self, *args: Any, with_team: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Inactive products keep their history: a lead may want last year's figures for one.
        self.fields["product"].queryset = Product.objects.order_by("brand", "name")
        # The topics are the knowledge base's categories, named in the reader's language.
        language = page_language()
        self.fields["topic"].queryset = Category.objects.all()
        self.fields["topic"].label_from_instance = lambda c: c.name(language)
        if not with_team:
            # The agent's own view is about their cases; a team filter would only narrow them
            # to nothing or to the same set.
            del self.fields["team"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("period") != "custom":
            return data
        start, end = data.get("start"), data.get("end")
        if "start" in self.errors or "end" in self.errors:
            return data
        if start is None or end is None:
            raise forms.ValidationError(
                _("Choose both a first and a last day for your own period."), code="incomplete"
            )
        if start > end:
            raise forms.ValidationError(
                _("The first day comes after the last day."), code="reversed"
            )
        if (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most two years."), code="too_long")
        return data

    @property
    def chosen_period(self) -> str:
        """The period the page shows: the chosen one, or the default when the form is invalid."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("period") or DEFAULT_PERIOD
        return DEFAULT_PERIOD

    def filters(self, *, agent_id: int | None = None) -> Filters:
        """The filters for the selectors, in the desk's time zone (``timezone.localdate``).
        An invalid form gives the default period without the other filters: showing figures
        for a filter the lead did not ask for would be worse than showing the broad picture."""
        today = timezone.localdate()
        if not (self.is_bound and self.is_valid()):
            start, end = period_bounds(DEFAULT_PERIOD, today)
            return Filters(start=start, end=end, agent_id=agent_id)
        data = self.cleaned_data
        if self.chosen_period == "custom":
            start, end = data["start"], data["end"]
        else:
            start, end = period_bounds(self.chosen_period, today)
        team = data.get("team")
        product = data.get("product")
        topic = data.get("topic")
        return Filters(
            start=start,
            end=end,
            team_id=team.pk if team else None,
            product_id=product.pk if product else None,
            channel=data.get("channel") or "",
            agent_id=agent_id,
            topic_id=topic.pk if topic else None,
        )
