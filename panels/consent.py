"""What people agree to when they join a panel: each purpose's exact words, versioned.

Change a text only by adding a new version: consent records name the version they agreed to.
"""

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

CURRENT_VERSION = "2026-12-01"


class ConsentPurpose(models.TextChoices):
    """Each thing a member may agree to separately."""

    CONTACT = "contact", "Contact about taking part"
    REPRESENTATION = "representation", "Checking our panels reflect the people we serve"
    UPDATES = "updates", "Updates on what changed"


# version -> purpose -> the words shown beside the checkbox
# Translated when shown: a version is the same words in each of the site's languages.
TEXTS: dict[str, dict[str, str]] = {
    "2026-12-01": {
        ConsentPurpose.CONTACT: _(
            "I agree that researchers from this organisation may contact me, in the way I chose, "
            "about chances to take part. I can pause or leave at any time using the link in "
            "every email."
        ),
        ConsentPurpose.REPRESENTATION: _(
            "I agree that my answers about myself (such as age, sex, ethnicity and disability) "
            "may be used to check that the people taking part reflect the people we serve. "
            "They are kept encrypted and are only ever reported as totals."
        ),
        ConsentPurpose.UPDATES: _(
            "I would like occasional emails about what changed because of people taking part."
        ),
    },
}
REQUIRED = (ConsentPurpose.CONTACT,)


def text(purpose: str, version: str = CURRENT_VERSION) -> str:
    """The exact words of one purpose in one version, in the active language."""
    return str(TEXTS[version][purpose])


# For form labels made once at import and shown in each request's language.
text_lazy = lazy(text, str)
