from django.db import migrations

OPTIONS = [
    ("informed", "Op de hoogte gehouden worden", "To be kept informed", False),
    ("replacement", "Vervanging van het product", "A replacement", False),
    ("refund", "Geld terug of een vergoeding", "A refund or compensation", False),
    ("apology", "Excuses", "An apology", False),
    ("explanation", "Een uitleg", "An explanation", False),
    ("other", "Iets anders", "Something else", True),
]


def add_options(apps, schema_editor):
    ExpectationOption = apps.get_model("cases", "ExpectationOption")
    for position, (code, nl, en, text) in enumerate(OPTIONS):
        ExpectationOption.objects.get_or_create(
            code=code,
            defaults={"label_nl": nl, "label_en": en, "asks_for_text": text, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(add_options, migrations.RunPython.noop)]
