from __future__ import annotations

import pytest

from kalm.replies.actions import ReplyTemplateError, reply_template_create, reply_template_update
from kalm.replies.models import ReplyTemplate


def test_it_creates_a_template(db):
    template = reply_template_create(
        name=" Bedankje ", situation="general", language="nl", body="Dank u, {consumer_name}."
    )
    assert template.name == "Bedankje"
    assert template.active


def test_it_refuses_unknown_variables_and_empty_text(db):
    with pytest.raises(ReplyTemplateError):
        reply_template_create(name="X", situation="general", language="nl", body="Dag {naam}")
    with pytest.raises(ReplyTemplateError):
        reply_template_create(name="X", situation="general", language="nl", body="  ")
    assert not ReplyTemplate.objects.filter(name="X").exists()


def test_it_updates_and_stamps_the_time(db, wednesday):
    template = reply_template_create(
        name="Oud", situation="general", language="nl", body="Dank u, {consumer_name}."
    )
    before = template.updated_at
    wednesday.shift(60)
    reply_template_update(
        template=template,
        name="Nieuw",
        situation="delay",
        language="en",
        body="Thank you, {first_name}.",
        active=False,
        position=3,
    )
    template.refresh_from_db()
    assert (template.name, template.situation, template.language, template.active) == (
        "Nieuw",
        "delay",
        "en",
        False,
    )
    assert template.updated_at > before
