"""Service names in a sentence: capitals only where editors meant them, and the verb agreeing."""

import pytest
from bs4 import BeautifulSoup

from involvement.service_names import how_it_is_doing, in_a_sentence


@pytest.mark.parametrize(("title", "expected"), [
    ("Maternity services", "How maternity services are doing"),
    ("Emergency department", "How emergency department is doing"),
    ("Riverside GP practice", "How Riverside GP practice is doing"),
    ("Community mental health team", "How community mental health team is doing"),
    ("Physiotherapy outpatients", "How physiotherapy outpatients are doing"),
    ("Hospital pharmacy", "How hospital pharmacy is doing"),
    ("Renal dialysis", "How renal dialysis is doing"),
    ("A&E", "How A&E is doing"),
    ("St Mary's Hospital maternity unit", "How St Mary's Hospital maternity unit is doing"),
    ("NHS 111 online", "How NHS 111 online is doing"),
])  # fmt: skip
def test_heading_reads_as_a_sentence(title, expected):
    assert how_it_is_doing(title) == expected


@pytest.mark.parametrize("title", ["", "   ", "x", "Ward 7"])
def test_odd_titles_come_back_unharmed(title):
    assert in_a_sentence(title).lower() == title.lower()


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "heading"), [
    ("/performance/maternity/", "How maternity services are doing"),
    ("/performance/riverside-gp-practice/", "How Riverside GP practice is doing"),
    ("/performance/", "How our services are doing"),
])  # fmt: skip
def test_performance_pages_say_it_in_words(client, demo_site, path, heading):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    assert soup.h1.get_text(strip=True) == heading
    assert soup.title.get_text().startswith(f"{heading} - ")
