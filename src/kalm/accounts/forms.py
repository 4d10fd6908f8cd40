from django import forms
from django.utils.translation import gettext_lazy as _


class AliasForm(forms.Form):
    alias = forms.CharField(
        label=_("Public alias"),
        max_length=60,
        help_text=_("Consumers only ever see this name, never your real name."),
    )
    avatar = forms.ImageField(
        label=_("Avatar (optional)"),
        required=False,
        help_text=_("A picture shown next to your alias. Location and camera data are removed."),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my avatar"), required=False)
