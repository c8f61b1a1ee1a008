"""Sentiment from VADER's compound score."""

import pytest

from feedback.choices import Sentiment
from feedback.sentiment import analyse_sentiment, classify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The midwives were wonderful, kind and caring. Thank you!", Sentiment.POSITIVE),
        ("Terrible experience, rude staff and a filthy ward.", Sentiment.NEGATIVE),
        ("I had an appointment on Tuesday at the clinic.", Sentiment.NEUTRAL),
    ],
)
def test_analyse_sentiment(text, expected):
    sentiment, compound = analyse_sentiment(text)
    assert sentiment == expected
    assert -1 <= compound <= 1


def test_blank_text_has_no_sentiment():
    assert analyse_sentiment("  \n") == ("", None)


@pytest.mark.parametrize(
    ("compound", "expected"),
    [
        (0.05, Sentiment.POSITIVE),
        (0.0499, Sentiment.NEUTRAL),
        (-0.0499, Sentiment.NEUTRAL),
        (-0.05, Sentiment.NEGATIVE),
    ],
)
def test_classify_uses_vaders_cut_offs(compound, expected):
    assert classify(compound) == expected
