from django.db import migrations


def seed(apps, schema_editor):
    from feedback.themes import seed_default_themes

    seed_default_themes(theme_model=apps.get_model("feedback", "Theme"))


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_feedback_queued_at"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
