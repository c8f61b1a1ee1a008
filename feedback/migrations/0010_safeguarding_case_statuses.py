"""Flagged responses become cases: "awaiting action" is a new case, "actioned" a closed one."""

from django.db import migrations

FORWARD = {"awaiting": "new", "actioned": "closed"}


def rename(apps, mapping: dict[str, str]) -> None:
    feedback = apps.get_model("feedback", "Feedback")
    for old, new in mapping.items():
        feedback.objects.filter(safeguarding_status=old).update(safeguarding_status=new)


def forward(apps, schema_editor):
    rename(apps, FORWARD)


def backward(apps, schema_editor):
    rename(apps, {new: old for old, new in FORWARD.items()})
    feedback = apps.get_model("feedback", "Feedback")
    feedback.objects.filter(safeguarding_status__in=["acknowledged", "referred"]).update(
        safeguarding_status="awaiting"
    )
    feedback.objects.filter(safeguarding_status="not_concern").update(
        safeguarding_status="actioned"
    )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0009_safeguarding_cases_contact_outcomes_protect")]

    operations = [migrations.RunPython(forward, backward)]
