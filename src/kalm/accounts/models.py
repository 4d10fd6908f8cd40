"""Agents, teams and the public aliases agents answer under."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    email = models.EmailField(_("team address"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    NONE = "none", _("No desk access")
    AGENT = "agent", _("Agent")
    LEAD = "lead", _("Team lead")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    """A person who works in Kalm. Consumers never have accounts: they use signed links."""

    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.NONE)
    # The alias is the only identity a consumer ever sees: pages, emails, consumer exports.
    alias = models.CharField(
        _("public alias"),
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The name consumers see. Your real name is never shown to them."),
    )
    alias_avatar = models.ImageField(_("alias avatar"), upload_to="avatars/", blank=True)
    teams = models.ManyToManyField(
        Team, blank=True, related_name="members", verbose_name=_("teams")
    )
    preferred_language = models.CharField(
        _("language"), max_length=8, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")

    @property
    def is_desk_member(self) -> bool:
        return self.is_active and self.role in {Role.AGENT, Role.LEAD, Role.ADMIN}

    @property
    def is_lead(self) -> bool:
        return self.is_active and self.role in {Role.LEAD, Role.ADMIN}

    @property
    def avatar_key(self) -> str:
        """The avatar's public file name (a content hash), or "" when there is none."""
        name = self.alias_avatar.name or ""
        return name.rsplit("/", 1)[-1] if name.startswith("avatars/") else ""

    @property
    def public_name(self) -> str:
        return self.alias or str(_("Customer service"))

    @property
    def internal_name(self) -> str:
        full = self.get_full_name()
        return f"{full} ({self.alias})" if full and self.alias else (full or self.username)
