"""Default business calendar (Dutch office hours) and one policy per priority."""

from datetime import timedelta

from django.db import migrations

HOURS = {str(day): [["09:00", "17:00"]] for day in range(5)}
# priority: (first response, next response, resolution), in business hours (8 a day).
DEFAULTS = {
    "urgent": (1, 2, 8),
    "high": (4, 8, 3 * 8),
    "normal": (8, 16, 5 * 8),
    "low": (16, 24, 10 * 8),
}
NAMES = {"urgent": "Urgent", "high": "High", "normal": "Normal", "low": "Low"}


def forwards(apps, schema_editor):
    Calendar = apps.get_model("sla", "BusinessCalendar")
    Policy = apps.get_model("sla", "SlaPolicy")
    calendar, _created = Calendar.objects.get_or_create(
        name="Office hours NL",
        defaults={"timezone": "Europe/Amsterdam", "opening_hours": HOURS, "country": "NL"},
    )
    for order, (priority, (first, nxt, resolution)) in enumerate(DEFAULTS.items(), start=1):
        Policy.objects.get_or_create(
            name=f"{NAMES[priority]} (default)",
            defaults={
                "priority": priority,
                "calendar": calendar,
                "first_response": timedelta(hours=first),
                "next_response": timedelta(hours=nxt),
                "resolution": timedelta(hours=resolution),
                "order": order * 100,
            },
        )


def backwards(apps, schema_editor):
    apps.get_model("sla", "SlaPolicy").objects.filter(name__endswith="(default)").delete()


class Migration(migrations.Migration):
    dependencies = [("sla", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
