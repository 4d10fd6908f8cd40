"""``kalm create_api_token --name N --user USERNAME --scopes a,b``: prints the token once."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kalm.accounts.models import User
from kalm.api.actions import ApiTokenError, api_token_create
from kalm.api.models import Scope


class Command(BaseCommand):
    help = "Create an API token for an integration and print it (it is shown only this once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--name", required=True, help="What the integration is")
        parser.add_argument(
            "--user", required=True, help="Username of the desk member the token acts as"
        )
        parser.add_argument(
            "--scopes",
            required=True,
            help="Comma-separated, from: " + ", ".join(Scope.values),
        )

    def handle(self, *args, **options) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user named {options['user']!r}.")
        scopes = [s.strip() for s in options["scopes"].split(",") if s.strip()]
        try:
            token, secret = api_token_create(name=options["name"], user=user, scopes=scopes)
        except ApiTokenError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            f"Token {token.name!r} (id {token.pk}) acting as {user.username}, scopes "
            f"{', '.join(token.scopes)}. Store it now: it cannot be shown again."
        )
        self.stdout.write(secret)
