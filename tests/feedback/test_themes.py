"""Theme tagging: word forms, phrases, stems, pairs, ignored phrases, negation and each mention's
sign; the default taxonomy and its migration from the earlier themes."""

import pytest

from feedback.models import Theme
from feedback.taxonomy import DEFAULT_THEMES, OLD_SLUGS, RETIRED_SLUGS
from feedback.themes import find_themes, keyword_list, match_themes, seed_default_themes

TAXONOMY = ((1, "wait* -\nkept waiting\nignore: waiting room"), (2, "ward\ncup of tea"),
            (3, "car park"))  # fmt: skip
DEFAULTS = tuple((n, "\n".join(spec.keywords)) for n, spec in enumerate(DEFAULT_THEMES))
SLUGS = [spec.slug for spec in DEFAULT_THEMES]


def themes_of(text: str) -> dict[str, str]:
    """The default taxonomy's verdict on `text`, by slug."""
    return {SLUGS[n]: sign for n, sign in find_themes(text, taxonomy=DEFAULTS).items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I waited for hours", [1]),
        ("We were kept waiting", [1]),
        ("The waiting room was full", []),  # an ignored phrase is not a wait
        ("The WARD was spotless", [2]),
        ("Two wards were closed", [2]),  # word forms
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


def test_a_keyword_matches_the_forms_of_its_word_but_not_other_words_with_its_root():
    taxonomy = ((1, "wait"), (2, "caring"), (3, "staffing"))
    assert match_themes("She waited, they wait, he is waiting", taxonomy=taxonomy) == [1]
    assert match_themes("The care was good and the staff kind", taxonomy=taxonomy) == []
    assert match_themes("Caring nurses but poor staffing", taxonomy=taxonomy) == [2, 3]


def test_a_pair_needs_both_sides_in_one_clause():
    taxonomy = ((1, "lovely|kind ~ nurse*|staff +"),)
    assert find_themes("The nurses were lovely", taxonomy=taxonomy) == {1: "positive"}
    assert find_themes("Lovely view. The nurses came at six", taxonomy=taxonomy) == {}


def test_an_ignored_pair_stops_its_first_side_counting_where_the_second_is_in_the_clause():
    # a dirty toilet is a matter of cleanliness, not of the facilities
    taxonomy = ((1, "toilet*\nignore: toilet* ~ dirty|filthy"),)
    assert find_themes("The toilets were filthy", taxonomy=taxonomy) == {}
    assert find_themes("The toilets were modern", taxonomy=taxonomy) == {1: "neutral"}
    assert find_themes("Nice toilets, the floor dirty", taxonomy=taxonomy) == {1: "positive"}


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The receptionist was rude", "negative"),
        ("The receptionist was not rude at all", "positive"),
        ("I waited four hours", "negative"),
        ("There was no wait at all", "positive"),
        ("I never waited long", "positive"),
        ("I didn't have to wait", "positive"),
    ],
)
def test_a_negation_turns_a_leaning_word_round(text, sign):
    taxonomy = ((1, "rude -\nwait -"),)
    assert find_themes(text, taxonomy=taxonomy) == {1: sign}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Issue 13's examples: not a waiting-times complaint, and a waiting room is not a place.
        ("Staff were friendly and I was seen quickly",
         {"staff-manner": "positive", "timeliness": "positive"}),
        ("We sat in the waiting room for a short while", {}),
        ("The receptionist was not rude at all", {"staff-manner": "positive"}),
        ("There was no wait at all", {"timeliness": "positive"}),
        ("Never waited long", {"timeliness": "positive"}),
        ("The midwives were lovely but the parking was awful",
         {"staff-manner": "positive", "parking": "negative"}),
        ("Waited 5 hours in A&E, the nurses were kind though",
         {"staff-manner": "positive", "timeliness": "negative"}),
        ("Nobody explained my medication", {"information": "negative", "medication": "neutral"}),
        ("The ward was filthy", {"cleanliness": "negative"}),
        # A wait for pain relief is about pain relief; dirty toilets are about cleanliness.
        ("Waited an hour for pain relief", {"pain-management": "negative"}),
        ("The toilets were filthy", {"cleanliness": "negative"}),
        ("Nobody answered my questions", {"information": "negative"}),
        # Wording from the framework's category descriptions, not from the labelled corpus.
        ("The receptionist was really blunt with me", {"staff-manner": "negative"}),
        ("I felt fobbed off by the doctor", {"listening": "negative"}),
        ("Lost in the system for months", {"referrals": "negative"}),
        ("Good communication throughout", {"information": "positive"}),
        ("The new building is spacious and modern", {"environment": "positive"}),
        ("Good", {}),
    ],
)  # fmt: skip
def test_the_default_taxonomy_on_hand_picked_comments(text, expected):
    assert themes_of(text) == expected


def test_default_slugs_are_unique_and_every_old_slug_has_a_new_home():
    assert len(SLUGS) == len(set(SLUGS))
    assert set(OLD_SLUGS.values()) <= set(SLUGS)
    assert not set(RETIRED_SLUGS) & set(OLD_SLUGS)


@pytest.mark.django_db
def test_the_default_taxonomy_is_migrated_in_and_seeding_again_adds_nothing():
    # given: the migrations have run (0013 brings the framework's themes)
    slugs = set(Theme.objects.filter(active=True).values_list("slug", flat=True))
    # then
    assert set(SLUGS) <= slugs
    staff = Theme.objects.get(slug="staff-manner")
    assert staff.category == "Staff"
    assert "rude -" in staff.keywords.splitlines()
    assert seed_default_themes() == 0


@pytest.mark.django_db
def test_edits_and_inactive_themes_apply_at_once():
    parking = Theme.objects.get(slug="parking")
    text = "No spaces in the multi-storey"
    assert parking.pk not in match_themes(text)

    parking.keywords += "\nmulti-storey"
    parking.save()
    assert parking.pk in match_themes(text)

    parking.active = False
    parking.save()
    assert parking.pk not in match_themes(text)


@pytest.mark.django_db
def test_welsh_keywords_match_welsh_word_forms():
    # given: a Welsh keyword in its dictionary form
    parking = Theme.objects.get(slug="parking")
    parking.keywords_cy = "parcio -"
    parking.save()
    # when / then: its other forms match, and "dim" negates it
    assert find_themes("Roedd parcio yn anodd").get(parking.pk) == "negative"
    assert find_themes("Dim parcio o gwbl").get(parking.pk) == "positive"


@pytest.mark.django_db
def test_a_deleted_theme_no_longer_matches():
    parking = Theme.objects.get(slug="parking")
    parking_id = parking.pk
    assert parking_id in match_themes("The car park was full")

    parking.delete()

    assert parking_id not in match_themes("The car park was full")
