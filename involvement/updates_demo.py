"""Demo "You said, we did" updates for maternity, answering the themes its demo feedback raised."""

from datetime import timedelta

from django.utils import timezone

from feedback.models import Theme
from involvement.models import YouSaidWeDidPage
from involvement.update_rules import BEGINNING, theme_counts
from involvement.update_status import UpdateStatus
from website.models import ServicePage

UPDATES = [
    {"slug": "evening-antenatal-clinic", "title": "An evening antenatal clinic",
     "you_said": "Appointments were only in working hours, and waits in clinic were long.",
     "we_did": "We opened an antenatal clinic on Thursday evenings and now text you when your "
               "appointment is running late.",
     "status": UpdateStatus.DONE, "days_ago": 45},
    {"slug": "clearer-discharge-information", "title": "Clearer information when you go home",
     "you_said": "You were not always told what would happen after you left hospital.",
     "we_did": "We are writing a short leaflet with parents, in plain English and easy read.",
     "status": UpdateStatus.IN_PROGRESS, "days_ago": 10},
]  # fmt: skip


def seed_updates() -> None:
    """Publish the demo updates under maternity, once; each answers one of its top themes."""
    maternity = ServicePage.objects.filter(slug="maternity").first()
    if maternity is None:
        return
    counts = theme_counts(service_id=maternity.pk, start=BEGINNING, end=timezone.localdate())
    top = sorted(counts, key=lambda theme_id: -counts[theme_id])
    themes = list(Theme.objects.filter(pk__in=top[: len(UPDATES)]))
    for spec, theme in zip(UPDATES, themes, strict=False):
        if YouSaidWeDidPage.objects.child_of(maternity).filter(slug=spec["slug"]).exists():
            continue
        update = YouSaidWeDidPage(
            slug=spec["slug"], title=spec["title"], you_said=spec["you_said"],
            we_did=spec["we_did"], status=spec["status"],
            status_date=timezone.localdate() - timedelta(days=spec["days_ago"]),
        )  # fmt: skip
        maternity.add_child(instance=update)
        update.themes.set([theme])
        update.save_revision().publish()
