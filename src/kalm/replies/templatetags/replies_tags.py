"""The reply box's template picker: a tag, so the desk's reply form shows it wherever it is
rendered (the case page, the form returned after a refusal, the reply check page)."""

from __future__ import annotations

from django import template

from kalm.cases.models import Case
from kalm.replies.selectors import PickerGroup, template_picker

register = template.Library()


@register.simple_tag
def reply_template_groups(case: Case) -> list[PickerGroup]:
    return template_picker(case)
