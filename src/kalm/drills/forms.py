from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kalm.drills.actions import MAX_ADVANCE_MINUTES, MAX_SPEED
from kalm.drills.scenarios import CHANNELS, SCENARIOS

CHANNEL_LABELS = {
    "web": _("Web form"),
    "email": _("Email"),
    "chat": _("Live chat"),
    "phone": _("Phone"),
    "social": _("Social media"),
}


class StartForm(forms.Form):
    scenario = forms.ChoiceField(label=_("Scenario"), choices=())
    speed = forms.IntegerField(
        label=_("Speed (scenario minutes per real minute)"),
        min_value=1,
        max_value=MAX_SPEED,
        initial=12,
    )
    volume = forms.FloatField(
        label=_("Volume (x the scenario's wave)"), min_value=0.1, max_value=20, initial=1.0
    )
    angry_share = forms.IntegerField(
        label=_("Angry consumers (%)"), min_value=0, max_value=100, initial=30
    )
    threat_share = forms.IntegerField(
        label=_("Threatening consumers (%)"), min_value=0, max_value=100, initial=5
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=[(c, CHANNEL_LABELS[c]) for c in CHANNELS],
        initial=list(CHANNELS),
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=[("nl", "Nederlands"), ("en", "English")],
        initial=["nl", "en"],
        widget=forms.CheckboxSelectMultiple,
    )
    seed = forms.IntegerField(label=_("Seed (same seed, same wave)"), min_value=1, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scenario"].choices = [(s.key, s.title) for s in SCENARIOS.values()]

    def clean(self) -> dict:
        data = super().clean()
        if (data.get("angry_share") or 0) + (data.get("threat_share") or 0) > 100:
            raise forms.ValidationError(
                _("Angry and threatening consumers together must be at most 100%.")
            )
        return data


class AdvanceForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Fast-forward (scenario minutes)"),
        min_value=1,
        max_value=MAX_ADVANCE_MINUTES,
        initial=30,
    )
