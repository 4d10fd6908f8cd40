"""Crises opened before the contact route existed get their mailbox tag, so their route works."""

import secrets

from django.db import migrations
from django.utils.text import slugify


def forwards(apps, schema_editor):
    Crisis = apps.get_model("crisis", "Crisis")
    for crisis in Crisis.objects.filter(contact_tag__isnull=True):
        base = slugify(crisis.title)[:24].strip("-") or "crisis"
        while True:  # the same rule as crisis.actions.new_contact_tag, retried on a clash
            tag = f"{base}-{secrets.token_hex(3)}"
            if not Crisis.objects.filter(contact_tag=tag).exists():
                break
        crisis.contact_tag = tag
        crisis.save(update_fields=["contact_tag"])


class Migration(migrations.Migration):
    dependencies = [("crisis", "0005_outreach_mailings_drills")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
