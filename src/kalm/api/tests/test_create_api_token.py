from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kalm.api.auth import token_from_string
from kalm.api.models import ApiToken


def test_it_prints_a_working_token_once(agent):
    out = StringIO()
    call_command(
        "create_api_token",
        "--name",
        "Shop",
        "--user",
        "agent",
        "--scopes",
        "cases:read,cases:write",
        stdout=out,
        stderr=StringIO(),
    )
    secret = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert secret.startswith(f"kalm_{token.prefix}_")
    assert secret.split("_", 2)[2] not in token.token_hash
    assert token_from_string(secret) == token
    assert token.scopes == ["cases:read", "cases:write"] and token.acting_user == agent


def test_it_refuses_unknown_scopes_users_and_outsiders(agent, outsider):
    with pytest.raises(CommandError, match="Unknown scopes"):
        call_command("create_api_token", "--name", "S", "--user", "agent", "--scopes", "all")
    with pytest.raises(CommandError, match="No user"):
        call_command("create_api_token", "--name", "S", "--user", "ghost", "--scopes", "cases:read")
    with pytest.raises(CommandError, match="desk member"):
        call_command(
            "create_api_token", "--name", "S", "--user", "outsider", "--scopes", "cases:read"
        )
    assert not ApiToken.objects.exists()
