"""Forms of the desk: the inbox filters and one small form per case action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.cases.models import Channel, ExpectationOption, GoodwillGesture, Priority, Status
from kalm.core.i18n import page_language
from kalm.desk.selectors import desk_agents, desk_teams
from kalm.kb.models import Category


class InboxFilterForm(forms.Form):
    status = forms.MultipleChoiceField(
        label=_("Status"),
        required=False,
        choices=[("all", _("All statuses")), *Status.choices],
        widget=forms.CheckboxSelectMultiple,
    )
    priority = forms.ChoiceField(
        label=_("Priority"), required=False, choices=[("", _("Any priority")), *Priority.choices]
    )
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("Any channel")), *Channel.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    lane = forms.ChoiceField(
        label=_("Lane"),
        required=False,
        choices=[("", _("All cases")), ("crisis", _("Crisis lane only"))],
    )

    def __init__(self, *args: Any, agents: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("Any team"))] + [(t.pk, t.name) for t in teams]
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Unassigned")),
        ] + [(str(a.pk), a.internal_name) for a in agents]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply to the consumer"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write a reply first.")},
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the note first.")},
    )


def parse_duration(raw: str) -> int | None:
    """``mm:ss``, ``h:mm:ss`` or plain minutes (``5``, ``2.5``) as seconds; '' is None."""
    text = raw.strip().replace(",", ".")
    if not text:
        return None
    try:
        if ":" in text:
            parts = [int(p) for p in text.split(":")]
            if len(parts) > 3 or any(p < 0 for p in parts) or any(p >= 60 for p in parts[1:]):
                raise ValueError
            seconds = 0
            for part in parts:
                seconds = seconds * 60 + part
            return seconds
        minutes = float(text)
    except ValueError:
        raise forms.ValidationError(
            _("Write the duration as minutes (5) or minutes:seconds (4:30).")
        ) from None
    if minutes < 0 or minutes > 24 * 60:
        raise forms.ValidationError(_("That duration is not plausible."))
    return round(minutes * 60)


class PhoneNoteForm(forms.Form):
    """A call or a visit in a few keystrokes; the field order is the tab order."""

    kind = forms.ChoiceField(
        label=_("Contact"),
        required=False,
        choices=[("call", _("Phone call")), ("visit", _("In-person visit"))],
        initial="call",
        widget=forms.RadioSelect,
    )
    direction = forms.ChoiceField(
        label=_("Call"),
        required=False,
        choices=[("inbound", _("Incoming call")), ("outbound", _("Outgoing call"))],
        initial="inbound",
        widget=forms.RadioSelect,
    )
    number = forms.CharField(
        label=_("Number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    duration = forms.CharField(
        label=_("Duration"),
        required=False,
        max_length=10,
        widget=forms.TextInput(
            attrs={"placeholder": "mm:ss", "inputmode": "numeric", "size": 6, "autocomplete": "off"}
        ),
    )
    body = forms.CharField(
        label=_("What was said"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True}),
        error_messages={"required": _("Write down what was said first.")},
    )
    mood = forms.ChoiceField(
        label=_("Mood of the consumer"),
        required=False,
        choices=[
            ("", _("Not noted")),
            ("calm", _("Calm")),
            ("worried", _("Worried")),
            ("upset", _("Upset")),
            ("angry", _("Angry")),
            ("satisfied", _("Satisfied")),
        ],
    )
    next_step = forms.CharField(
        label=_("Agreed next step"),
        required=False,
        max_length=300,
        help_text=_("The consumer sees this on their status page."),
    )
    follow_up = forms.DateField(
        label=_("Follow-up date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or "call"

    def clean_direction(self) -> str:
        return self.cleaned_data.get("direction") or "inbound"  # a visit has no direction

    def clean_duration(self) -> int | None:
        return parse_duration(self.cleaned_data.get("duration") or "")


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Agent"), queryset=None, required=False, empty_label=_("Nobody")
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=None, required=False, empty_label=_("No team")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = desk_agents()
        self.fields["assignee"].label_from_instance = lambda u: u.internal_name
        self.fields["team"].queryset = desk_teams()


class TransitionForm(forms.Form):
    # Every status is accepted here: the workflow table in kalm.cases.workflow is the one place
    # that decides which moves are legal, and the action refuses the others.
    to = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)


class PriorityForm(forms.Form):
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)


class TopicForm(forms.Form):
    # The knowledge base's categories are the topics: the dashboards count cases by them.
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=None, required=False, empty_label=_("No topic")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = page_language()
        self.fields["topic"].queryset = Category.objects.all()
        self.fields["topic"].label_from_instance = lambda c: c.name(language)


class NextStepForm(forms.Form):
    text = forms.CharField(
        label=_("What happens next"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The consumer sees this on their status page."),
        error_messages={"required": _("Describe the next step.")},
    )
    due = forms.DateField(
        label=_("Expected by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class SolutionForm(forms.Form):
    text = forms.CharField(
        label=_("Proposed solution"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The consumer is asked whether they are satisfied with it."),
        error_messages={"required": _("Describe the proposed solution.")},
    )


class ReferenceForm(forms.Form):
    reference = forms.CharField(
        label=_("Case reference"),
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "K26-XXXXXX", "autocomplete": "off"}),
        error_messages={"required": _("Enter a case reference.")},
    )

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip().upper()


class PortalLinkRevokeForm(forms.Form):
    link = forms.IntegerField(widget=forms.HiddenInput)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        error_messages={
            "required": _("Choose a file to upload."),
            "empty": _("The file is empty."),
        },
    )


class ExpectationsForm(forms.Form):
    """What the consumer expects, for a case that came in without (email, chat, phone, API).

    ``suggestions`` (from kalm.cases.expectations) pre-check the options found in the
    consumer's first words; the hidden ``suggested`` field carries those codes, so the action
    can record whether the agent kept the suggestion or chose differently."""

    options = forms.ModelMultipleChoiceField(
        label=_("What does the consumer expect?"),
        queryset=ExpectationOption.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other = forms.CharField(
        label=_("In their words (for 'something else')"), required=False, max_length=500
    )
    suggested = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)

    def __init__(self, *args: Any, suggestions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggestions = list(suggestions)
        self.fields["options"].queryset = ExpectationOption.objects.filter(active=True)

    @property
    def quotes(self) -> list[str]:
        """The consumer's words behind the suggestion; a quote inside a longer one is left out."""
        quotes = list(dict.fromkeys(q for s in self.suggestions for q in s.quotes))
        return [q for q in quotes if not any(q != other and q in other for other in quotes)]

    @property
    def cues(self) -> list[str]:
        return list(dict.fromkeys(w for s in self.suggestions for w in s.words))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = sorted(option.code for option in data.get("options") or [])
        suggested = sorted(c for c in (data.get("suggested") or "").split(",") if c)
        data["source"] = "suggested" if suggested and chosen == suggested else "agent"
        return data


class GoodwillForm(forms.Form):
    kind = forms.ChoiceField(label=_("Gesture"), choices=GoodwillGesture.Kind.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=500,
        help_text=_("Required for 'Other'. Internal: the consumer does not see this."),
    )
    cost = forms.DecimalField(
        label=_("Cost"),
        max_digits=10,
        decimal_places=2,
        min_value=0,
        initial=0,
        error_messages={"min_value": _("The cost of a gesture cannot be negative.")},
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )
    currency = forms.RegexField(
        label=_("Currency"),
        regex=r"^[A-Za-z]{3}$",
        initial="EUR",
        max_length=3,
        error_messages={"invalid": _("Use a three-letter currency code, such as EUR.")},
        widget=forms.TextInput(attrs={"size": 4, "autocomplete": "off"}),
    )
