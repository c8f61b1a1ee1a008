"""Where a "You said, we did" update has got to."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UpdateStatus(models.TextChoices):
    """What was done about what people said."""

    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
