"""Each response's language (issue 16), and Welsh keywords for the default themes.

Welsh keywords are written only into a default theme whose Welsh keywords are still empty, so an
administrator's own are never overwritten; reversing leaves them (they are harmless).
"""

from django.db import migrations, models


def add_welsh_keywords(apps, schema_editor):
    from feedback.taxonomy_cy import WELSH_KEYWORDS

    Theme = apps.get_model("feedback", "Theme")
    for theme in Theme.objects.filter(slug__in=WELSH_KEYWORDS, keywords_cy=""):
        theme.keywords_cy = "\n".join(WELSH_KEYWORDS[theme.slug])
        theme.save(update_fields=["keywords_cy"])


class Migration(migrations.Migration):
    dependencies = [("feedback", "0014_feedback_text_search_index")]

    operations = [
        migrations.AddField(
            model_name="feedback",
            name="language",
            field=models.CharField(
                choices=[("en-gb", "English"), ("cy", "Welsh")], default="en-gb", max_length=8
            ),
        ),
        migrations.RunPython(add_welsh_keywords, migrations.RunPython.noop),
    ]
