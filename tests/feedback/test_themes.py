"""Theme tagging by keywords and phrases from the editable taxonomy."""

import pytest

from feedback.models import Theme
from feedback.themes import DEFAULT_THEMES, keyword_list, match_themes, seed_default_themes

TAXONOMY = ((1, "wait*\nkept waiting"), (2, "ward\ncup of tea"), (3, "car park"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I waited for hours", [1]),
        ("Waiting room was full", [1]),
        ("The WARD was spotless", [2]),
        ("It was awkward", []),  # whole words only
        ("Could not find the car   park", [3]),  # any whitespace inside a phrase
        ("Kept waiting, no cup of tea on the ward", [1, 2]),
        ("", []),
        ("   ", []),
    ],
)
def test_match_themes(text, expected):
    assert match_themes(text, taxonomy=TAXONOMY) == expected


def test_keyword_list_ignores_blank_lines_and_case():
    assert keyword_list("  Waiting \n\nCar Park\n") == ["waiting", "car park"]


def test_special_characters_in_keywords_are_literal():
    assert match_themes("I had an x-ray", taxonomy=((7, "x-ray\n(a|b)"),)) == [7]
    assert match_themes("a or b", taxonomy=((7, "(a|b)"),)) == []


@pytest.mark.django_db
def test_the_default_taxonomy_is_seeded_and_seeding_again_adds_nothing():
    seed_default_themes()
    slugs = set(Theme.objects.values_list("slug", flat=True))
    assert {slug for _name, slug, _kw in DEFAULT_THEMES} <= slugs
    assert {"staff-attitude", "waiting-times", "medication", "privacy-and-confidentiality"} <= slugs
    assert seed_default_themes() == 0


@pytest.mark.django_db
def test_edits_and_inactive_themes_apply_at_once():
    seed_default_themes()
    parking = Theme.objects.get(slug="parking-and-transport")
    text = "No spaces in the multi-storey"
    assert parking.pk not in match_themes(text)

    parking.keywords += "\nmulti-storey"
    parking.save()
    assert parking.pk in match_themes(text)

    parking.active = False
    parking.save()
    assert parking.pk not in match_themes(text)


@pytest.mark.django_db
def test_a_deleted_theme_no_longer_matches():
    seed_default_themes()
    parking = Theme.objects.get(slug="parking-and-transport")
    parking_id = parking.pk
    assert parking_id in match_themes("The car park was full")

    parking.delete()

    assert parking_id not in match_themes("The car park was full")
