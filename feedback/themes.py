"""Tag anonymised feedback with themes from the editable taxonomy, by keywords and phrases."""

import re
from functools import lru_cache

from feedback.models import Theme

# A default patient-experience taxonomy: (name, slug, keywords). Administrators edit the live
# copy in the admin; a keyword ending in `*` matches any word starting with it ("wait*").
DEFAULT_THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Staff attitude", "staff-attitude", (
        "rude", "kind", "kindness", "friendly", "unfriendly", "caring", "compassion*", "polite",
        "impolite", "helpful", "unhelpful", "dismissive", "attitude", "lovely staff",
        "staff were", "nurses were", "doctor was", "patient with me", "made me feel",
    )),
    ("Communication", "communication", (
        "explain*", "communicat*", "told me", "nobody told", "no one told", "didn't tell",
        "kept informed", "kept me informed", "listen*", "understand", "jargon", "letter*",
        "call back", "phone call", "information", "update*", "interpreter", "questions",
    )),
    ("Waiting times", "waiting-times", (
        "wait*", "delay*", "queue*", "hours", "long time", "took ages", "late", "on time",
        "prompt*", "quick*", "slow", "kept waiting",
    )),
    ("Access and appointments", "access-and-appointments", (
        "appointment*", "book*", "referral*", "get through", "phone line*", "cancel*",
        "rearrang*", "resched*", "receptionist*", "reception", "online", "access", "slot*",
    )),
    ("Environment and cleanliness", "environment-and-cleanliness", (
        "clean*", "dirty", "filthy", "hygien*", "ward", "toilet*", "noisy", "noise", "quiet",
        "cold", "too hot", "comfortable", "uncomfortable", "smell*", "bed*", "waiting room",
        "building", "signage", "signpost*",
    )),
    ("Food and drink", "food-and-drink", (
        "food", "meal*", "drink*", "cup of tea", "tea", "coffee", "water", "breakfast",
        "lunch", "dinner", "menu", "hungry", "thirsty", "diet*", "snack*",
    )),
    ("Pain and symptom management", "pain-and-symptom-management", (
        "pain*", "painkiller*", "hurt*", "sore", "symptom*", "nausea", "sick", "discomfort",
        "relief", "agony",
    )),
    ("Discharge and transfers", "discharge-and-transfers", (
        "discharg*", "sent home", "transfer*", "went home", "going home", "care package",
        "follow-up", "follow up", "aftercare",
    )),
    ("Dignity and respect", "dignity-and-respect", (
        "dignity", "respect*", "disrespect*", "treated like", "humiliat*", "embarrass*",
        "ignored", "as a person", "patronis*", "spoke down",
    )),
    ("Parking and transport", "parking-and-transport", (
        "park*", "car park", "bus", "buses", "transport", "taxi", "ambulance", "drive",
        "travel*", "pay and display",
    )),
    ("Medication", "medication", (
        "medic*", "prescri*", "tablet*", "pill*", "dose*", "dosage", "pharmac*", "drug*",
        "injection*", "insulin", "antibiotic*", "repeat prescription",
    )),
    ("Privacy and confidentiality", "privacy-and-confidentiality", (
        "privacy", "private", "confidential*", "overheard", "overhear*", "curtain*",
        "personal information", "in front of everyone",
    )),
    ("Treatment and care", "treatment-and-care", (
        "treatment", "treated", "care", "operation", "surgery", "procedure", "diagnos*",
        "test results", "scan*", "x-ray", "blood test*", "therap*",
    )),
    ("Clinical staffing", "clinical-staffing", (
        "understaffed", "short staffed", "short-staffed", "not enough staff", "agency staff",
        "overworked", "busy staff", "rushed",
    )),
    ("Accessibility and reasonable adjustments", "accessibility", (
        "wheelchair", "disab*", "hearing loop", "bsl", "sign language", "easy read",
        "large print", "step free", "step-free", "lift", "autis*", "learning disabilit*",
        "reasonable adjustment*",
    )),
)  # fmt: skip


def keyword_list(keywords: str) -> list[str]:
    """The non-empty, lower-cased lines of a theme's keywords field."""
    return [line.strip().lower() for line in keywords.splitlines() if line.strip()]


def _pattern(keyword: str) -> str:
    # Whole words only ("ward" must not match "awkward"); `*` extends a stem to the word's end;
    # any run of spaces in a phrase matches any run of whitespace in the text.
    stem = keyword.endswith("*")
    words = keyword.rstrip("*").split()
    body = r"\s+".join(re.escape(word) for word in words)
    tail = r"[\w-]*" if stem else ""
    return rf"(?<!\w){body}{tail}(?!\w)"


@lru_cache(maxsize=8)
def _compile(taxonomy: tuple[tuple[int, str], ...]) -> tuple[tuple[int, re.Pattern], ...]:
    """One regular expression per theme; cached by the taxonomy's content, so edits apply."""
    compiled = []
    for theme_id, keywords in taxonomy:
        words = keyword_list(keywords)
        if words:
            compiled.append((theme_id, re.compile("|".join(_pattern(w) for w in words), re.I)))
    return tuple(compiled)


def active_taxonomy() -> tuple[tuple[int, str], ...]:
    """The active themes as (id, keywords) pairs: one query, read afresh for every response so
    an edit applies at once."""
    return tuple(Theme.objects.filter(active=True).order_by("pk").values_list("pk", "keywords"))


def match_themes(text: str, *, taxonomy: tuple[tuple[int, str], ...] | None = None) -> list[int]:
    """IDs of the themes whose keywords or phrases occur in `text`, in taxonomy order."""
    if not text.strip():
        return []
    matchers = _compile(active_taxonomy() if taxonomy is None else taxonomy)
    return [theme_id for theme_id, pattern in matchers if pattern.search(text)]


def seed_default_themes(*, theme_model=Theme) -> int:
    """Create the default themes that do not exist yet (by slug); returns how many were made.

    `theme_model` lets the data migration pass its historical model.
    """
    existing = set(theme_model.objects.values_list("slug", flat=True))
    new = [
        theme_model(name=name, slug=slug, keywords="\n".join(keywords))
        for name, slug, keywords in DEFAULT_THEMES
        if slug not in existing
    ]
    theme_model.objects.bulk_create(new)
    return len(new)
