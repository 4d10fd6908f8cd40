"""Every write to reply templates."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.replies.models import ReplyTemplate
from kalm.replies.variables import unknown_variables


class ReplyTemplateError(ValueError):
    """A template refused for a reason its author can fix; the message is translated."""


def _validate(body: str) -> None:
    unknown = unknown_variables(body)
    if unknown:
        raise ReplyTemplateError(
            _("Unknown variable: %(names)s. Write {{ or }} for a brace itself.")
            % {"names": ", ".join(unknown)}
        )
    if not body.strip():
        raise ReplyTemplateError(_("The template is empty."))


def reply_template_create(
    *,
    name: str,
    situation: str,
    language: str,
    body: str,
    active: bool = True,
    position: int = 100,
) -> ReplyTemplate:
    _validate(body)
    now = timezone.now()
    with transaction.atomic():
        return ReplyTemplate.objects.create(
            name=name.strip(),
            situation=situation,
            language=language,
            body=body,
            active=active,
            position=position,
            created_at=now,
            updated_at=now,
        )


def reply_template_update(
    *,
    template: ReplyTemplate,
    name: str,
    situation: str,
    language: str,
    body: str,
    active: bool,
    position: int,
) -> ReplyTemplate:
    _validate(body)
    template.name = name.strip()
    template.situation = situation
    template.language = language
    template.body = body
    template.active = active
    template.position = position
    template.updated_at = timezone.now()
    with transaction.atomic():
        template.save()
    return template
