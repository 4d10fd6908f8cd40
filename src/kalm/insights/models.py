"""The dashboards' daily figures: counts and sums per local day, kept by the worker
(kalm.insights.actions.daily_figures_refresh) so a year of figures adds up a few thousand rows
instead of reading half a million cases on SQLite. Derived data only: every row can be rebuilt
from the cases, answers and analyses (``kalm insights_rebuild``).

Each source (cases by the day they came in, answers by the day they were given, analyses by
the day they were made) is summed at a few grains, each a day with the team and one more of
the dashboards' filters or groupings (GRAINS). A read picks the smallest grain that holds every
column it filters or groups by (kalm.insights.selectors), and reads the live tables for the days
not rolled up yet (today, and any day after the worker last ran: DailyFiguresState.through).
The other columns of a row stay empty: its grain says which columns it has.

Only sums and counts are stored, never means: they add up over days, teams and channels to the
very same totals one query over the live rows gives."""

from __future__ import annotations

from django.conf import settings
from django.db import models

# Grain -> the columns its rows are keyed by besides the day. Every grain has the team: the lead
# page shows everyone or one team, and a team's figures are the sum of its rows.
GRAINS: dict[str, tuple[str, ...]] = {
    "channel": ("team", "channel"),
    "product": ("team", "product"),
    "topic": ("team", "topic"),
    "agent": ("team", "agent"),
}
DIMENSIONS = ("team", "channel", "product", "topic", "agent")


class DailyFiguresState(models.Model):
    """How far the daily figures go: every day before ``through`` (a local day) is rolled up,
    as the live rows were when the run that started at ``started_at`` read them. One row."""

    through = models.DateField(null=True, blank=True)
    through_at = models.DateTimeField(
        null=True, blank=True
    )  # the local midnight ``through`` starts
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"daily figures through {self.through}"


class DailyFigures(models.Model):
    """A day at one grain (see GRAINS). The foreign keys follow the live rows' own: a team,
    product, topic or agent removed leaves their rows without one, as it leaves the cases."""

    grain = models.CharField(max_length=10)
    day = models.DateField()
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=20, blank=True)
    product = models.ForeignKey(
        "cases.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    topic = models.ForeignKey(
        "kb.Category", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class DailyCaseFigures(DailyFigures):
    """Real cases (no drills, no merged duplicates) by the local day they came in; ``agent``
    is the assignee. What case_rollup and volume_table add up."""

    n = models.PositiveIntegerField(default=0)
    first_n = models.PositiveIntegerField(default=0)
    first_total = models.DurationField()
    resolution_n = models.PositiveIntegerField(default=0)
    resolution_total = models.DurationField()

    class Meta:
        indexes = [models.Index(fields=["grain", "day"], name="daily_case_grain_day")]


class DailyAnswerFigures(DailyFigures):
    """Survey answers by the local day they were given, on what they copied from their case.
    What answer_rollup and satisfaction_table add up (see selectors._answer_aggregates)."""

    answers = models.PositiveIntegerField(default=0)
    csat_n = models.PositiveIntegerField(default=0)
    csat_sum = models.PositiveIntegerField(default=0)
    ces_n = models.PositiveIntegerField(default=0)
    ces_sum = models.PositiveIntegerField(default=0)
    nps_n = models.PositiveIntegerField(default=0)
    promoters = models.PositiveIntegerField(default=0)
    detractors = models.PositiveIntegerField(default=0)
    expected_n = models.PositiveIntegerField(default=0)
    surprised_n = models.PositiveIntegerField(default=0)
    below_n = models.PositiveIntegerField(default=0)
    as_expected_n = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["grain", "day"], name="daily_answer_grain_day")]


class DailySentimentFigures(DailyFigures):
    """Analysed messages of real cases by the local day they were analysed, on their case as
    it is now (its team, channel, ...; ``agent`` is the assignee). What sentiment_series adds
    up: the mean is ``total`` over ``n``. ``total`` is a float sum, added up in another order
    than the live one: the two can differ in the last bits, far below the three decimals the
    chart shows."""

    n = models.PositiveIntegerField(default=0)
    total = models.FloatField(default=0.0)
    negative = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["grain", "day"], name="daily_sentiment_grain_day")]


class DailySlaFigures(DailyFigures):
    """Real cases under an SLA policy by the local day they came in, counted as sla_counts
    counts them (kalm.insights.selectors), of the cases whose clocks were all settled when the
    run started (selectors.sla_settled: their verdicts no longer change with time). The cases
    with a clock still pending then are read live; ``running`` is 0 here by that rule, and kept
    so the rollup adds up like the live counts. Read on SQLite only (see sla_counts), kept on
    both databases alike."""

    cases = models.PositiveIntegerField(default=0)
    first_met = models.PositiveIntegerField(default=0)
    first_late = models.PositiveIntegerField(default=0)
    resolution_met = models.PositiveIntegerField(default=0)
    resolution_late = models.PositiveIntegerField(default=0)
    running = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["grain", "day"], name="daily_sla_grain_day")]
