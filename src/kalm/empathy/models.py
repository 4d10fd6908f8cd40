"""What the engine read in each inbound message, and the admin-editable rules that act on it.

The engine itself (engine.py) knows nothing of cases; this module stores its verdict per message
(`MessageAnalysis`), the priority and routing rules admins edit in one place (`RoutingRule`), and
which rule was applied to which case (`RoutingDecision`, once per case and rule)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kalm.cases.models import Priority


class Signal(models.TextChoices):
    INJURY = "injury", _("Injury/safety")
    LEGAL = "legal", _("Legal")
    MEDIA = "media", _("Media")
    AGGRESSION = "aggression", _("Aggression")
    VULNERABILITY = "vulnerability", _("Vulnerable consumer")
    CHURN = "churn", _("Leaving us")


class Emotion(models.TextChoices):
    ANGER = "anger", _("anger")
    FEAR = "fear", _("fear")
    SADNESS = "sadness", _("sadness")
    FRUSTRATION = "frustration", _("frustration")
    JOY = "joy", _("joy")
    NEUTRAL = "neutral", _("neutral")


def signal_label(name: str) -> str:
    """The translated label of a signal; an unknown name as it is."""
    return str(Signal(name).label) if name in Signal.values else str(name)


def emotion_label(name: str) -> str:
    """The translated label of an emotion; an unknown name as it is."""
    return str(Emotion(name).label) if name in Emotion.values else str(name)


# "Emotion runs high": a written answer would come across colder than a call (see
# MessageAnalysis.runs_high and the desk's call-back suggestion).
HIGH_EMOTIONS = (Emotion.ANGER, Emotion.FEAR, Emotion.SADNESS)
HIGH_SENTIMENT = -0.5
HIGH_SIGNALS = (Signal.AGGRESSION, Signal.VULNERABILITY)


def default_min_probability() -> float:
    # Imported late: loading the engine module pulls in numpy, which the web process should not
    # pay for just to import models.
    from kalm.empathy.engine import THRESHOLD

    return THRESHOLD


class MessageAnalysis(models.Model):
    """The engine's reading of one inbound message. Spans in ``evidence`` are offsets into
    ``message.body``: [[start, end, word], ...] per signal."""

    message = models.OneToOneField(
        "cases.Message", on_delete=models.CASCADE, related_name="analysis"
    )
    # Denormalised from the message so the inbox finds each case's latest analysis in one query.
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="analyses")
    language = models.CharField(_("language"), max_length=8)
    sentiment = models.FloatField(_("sentiment"))
    sentiment_label = models.CharField(_("sentiment"), max_length=10)
    emotion = models.CharField(_("emotion"), max_length=20)
    signals = models.JSONField(_("signals"), default=dict)
    # The signals that fired (at the engine's threshold when it ran), strongest first: stored, so
    # the web process never imports the engine (and its libraries) just to show chips.
    fired = models.JSONField(_("fired signals"), default=list, blank=True)
    evidence = models.JSONField(_("trigger words"), default=dict)
    priority = models.CharField(
        _("suggested priority"), max_length=10, choices=Priority.choices, blank=True
    )
    engine = models.CharField(_("engine"), max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message analysis")
        verbose_name_plural = _("message analyses")
        indexes = [
            models.Index(fields=["case", "-message"], name="analysis_case_latest"),
            # The sentiment trend of the dashboards (kalm.insights) reads analyses by day.
            models.Index(fields=["created_at"], name="analysis_created"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id}: {self.emotion} {', '.join(self.fired) or '-'}"

    @property
    def runs_high(self) -> bool:
        """Anger, fear or sadness with a clearly negative tone, or aggression or vulnerability
        fired: the moments a phone call is kinder than another written answer."""
        if self.emotion in HIGH_EMOTIONS and self.sentiment <= HIGH_SENTIMENT:
            return True
        return any(name in HIGH_SIGNALS for name in self.fired)

    def words(self, signal: str) -> list[str]:
        return [str(span[2]) for span in (self.evidence or {}).get(signal, [])]


class RoutingRule(models.Model):
    """What happens to a case when a signal fires in one of its inbound messages.

    Each rule is applied at most once per case (RoutingDecision): an agent who moves the case
    elsewhere afterwards is not overruled by the consumer's next message."""

    name = models.CharField(_("name"), max_length=100)
    signal = models.CharField(_("signal"), max_length=20, choices=Signal.choices)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Rules are applied from low to high.")
    )
    min_probability = models.FloatField(
        _("minimum probability"),
        default=default_min_probability,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("The rule applies when the signal's probability is at least this (0 to 1)."),
    )
    set_priority = models.CharField(
        _("raise priority to"),
        max_length=10,
        choices=Priority.choices,
        blank=True,
        help_text=_("Empty: leave the priority. A priority is only ever raised, never lowered."),
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("route to team"),
        help_text=_("Empty: the case stays with its team."),
    )
    legal_hold = models.BooleanField(
        _("legal hold"), default=False, help_text=_("Put the case's dossier on legal hold.")
    )
    notify_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("tell these people"),
        help_text=_("They get an email with the case and the words that triggered the rule."),
    )
    notify_team_leads = models.BooleanField(
        _("tell the team leads"),
        default=False,
        help_text=_(
            "Email the leads of the team below (or else of the team the case is routed to, or "
            "else of its own team). A team without leads: every team lead is told."
        ),
    )
    notify_team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team whose leads are told"),
        help_text=_("The case is not moved to this team; its leads are only told."),
    )
    guidance_nl = models.TextField(
        _("guidance (Dutch)"), blank=True, help_text=_("Shown to the agent on the case.")
    )
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    sla_policy = models.ForeignKey(
        "sla.SlaPolicy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("switch to SLA policy"),
        help_text=_("The case's running service-level clocks restart under this policy."),
    )
    personal_followup_hours = models.PositiveSmallIntegerField(
        _("personal follow-up after (hours)"),
        null=True,
        blank=True,
        help_text=_("Empty: none. For the assignee, or else a lead of the case's team."),
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return self.name

    def guidance_for(self, language: str | None = None) -> str:
        language = (language or get_language() or "nl")[:2]
        if language == "nl":
            return self.guidance_nl or self.guidance_en
        return self.guidance_en or self.guidance_nl


class RoutingDecision(models.Model):
    """A rule applied to a case: the record that keeps it from being applied twice."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="routing_decisions"
    )
    # PROTECT: a rule that has acted on cases is switched off, not deleted, so the record of why
    # cases went where they went stays readable.
    rule = models.ForeignKey(RoutingRule, on_delete=models.PROTECT, related_name="decisions")
    analysis = models.ForeignKey(
        MessageAnalysis, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    probability = models.FloatField(default=0.0)
    applied_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["applied_at", "id"]
        verbose_name = _("routing decision")
        verbose_name_plural = _("routing decisions")
        constraints = [
            models.UniqueConstraint(fields=["case", "rule"], name="routing_once_per_case_rule")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.rule_id}"
