"""The default themes become the Qualitative Data Categorisation framework's (feedback/taxonomy.py).

Each earlier demo theme keeps its row under its new name and slug (OLD_SLUGS), so its tags and
rollup counts stay; a retired one stays inactive with its past tags; new themes are created.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from feedback.taxonomy import DEFAULT_THEMES, OLD_SLUGS, RETIRED_SLUGS

    Theme = apps.get_model("feedback", "Theme")
    specs = {spec.slug: spec for spec in DEFAULT_THEMES}
    for old, new in OLD_SLUGS.items():
        theme = Theme.objects.filter(slug=old).first()
        if theme is None or (old != new and Theme.objects.filter(slug=new).exists()):
            continue
        spec = specs[new]
        # A name the framework uses may already belong to a theme an administrator made.
        if Theme.objects.filter(name=spec.name).exclude(pk=theme.pk).exists():
            continue
        theme.name, theme.slug, theme.category = spec.name, spec.slug, spec.category
        theme.keywords = "\n".join(spec.keywords)
        theme.save()
    Theme.objects.filter(slug__in=RETIRED_SLUGS).update(active=False)
    for spec in DEFAULT_THEMES:
        theme = Theme.objects.filter(slug=spec.slug).first()
        if theme is not None:
            if not theme.category:
                theme.category = spec.category
                theme.save(update_fields=["category"])
        elif not Theme.objects.filter(name=spec.name).exists():
            Theme.objects.create(name=spec.name, slug=spec.slug, category=spec.category,
                                 keywords="\n".join(spec.keywords))


class Migration(migrations.Migration):
    dependencies = [("feedback", "0012_theme_polarity_reviews_taxonomy_fields")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
