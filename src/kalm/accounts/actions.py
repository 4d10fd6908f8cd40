"""Writes for agents: the public alias and avatar consumers see instead of the real person."""

from __future__ import annotations

import hashlib
import io
import re
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from kalm.accounts.models import User

AVATAR_PIXELS = 256
AVATAR_MAX_BYTES = 5 * 1024 * 1024


class AliasError(ValueError):
    """An alias or avatar we refuse; the message is translated and says why."""


def _name_parts(agent: User) -> set[str]:
    words = re.findall(r"\w+", f"{agent.first_name} {agent.last_name} {agent.username}".lower())
    return {w for w in words if len(w) >= 3}


def avatar_normalise(data: bytes) -> bytes:
    """Re-encode an uploaded picture as a square 256 px PNG.

    Re-encoding drops EXIF (GPS position, camera owner, original file name in some apps), so a
    consumer who downloads the avatar learns nothing about the agent behind the alias."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > AVATAR_MAX_BYTES:
        raise AliasError(_("The picture is larger than 5 MB."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = image.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise AliasError(_("This file is not a picture we can read (use JPEG or PNG).")) from exc
    side = min(picture.size)
    left, top = (picture.width - side) // 2, (picture.height - side) // 2
    picture = picture.crop((left, top, left + side, top + side)).resize(
        (AVATAR_PIXELS, AVATAR_PIXELS)
    )
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()


def agent_alias_set(
    *, agent: User, alias: str, avatar: Any = None, remove_avatar: bool = False
) -> User:
    """Set the agent's public alias and optionally their avatar (stored under a content hash,
    so its file name reveals nothing)."""
    alias = " ".join(alias.split())
    if not 2 <= len(alias) <= 60:
        raise AliasError(_("An alias has 2 to 60 characters."))
    if set(re.findall(r"\w+", alias.lower())) & _name_parts(agent):
        raise AliasError(
            _(
                "Choose an alias that does not contain your own name: it protects you from consumers."
            )
        )
    if User.objects.filter(alias__iexact=alias).exclude(pk=agent.pk).exists():
        raise AliasError(_("Another colleague already uses this alias."))
    with transaction.atomic():
        fields = ["alias"]
        agent.alias = alias
        if avatar is not None:
            png = avatar_normalise(avatar.read())
            name = f"avatars/{hashlib.sha256(png).hexdigest()}.png"
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(png))
            agent.alias_avatar.name = name
            fields.append("alias_avatar")
        elif remove_avatar:
            agent.alias_avatar = ""
            fields.append("alias_avatar")
        agent.save(update_fields=fields)
    return agent
