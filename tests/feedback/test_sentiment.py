"""Sentiment from VADER's compound score, and from the FFT answer where the words carry no tone."""

import pytest

from feedback.choices import FftAnswer, Sentiment
from feedback.sentiment import analyse_sentiment, classify, score


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


@pytest.mark.parametrize(
    ("text", "answer", "expected"),
    [
        # Complaints told as plain facts: no word in VADER's lexicon, so the answer decides.
        ("I waited over three hours and nobody told me why.", FftAnswer.VERY_POOR,
         Sentiment.NEGATIVE),
        ("Nobody explained what would happen next.", FftAnswer.POOR, Sentiment.NEGATIVE),
        ("Staff seemed rushed and did not listen to my concerns.", FftAnswer.POOR,
         Sentiment.NEGATIVE),
        ("Twelve hours on a trolley and nobody offered me so much as a glass of water.",
         FftAnswer.VERY_POOR, Sentiment.NEGATIVE),
        ("The doctor listened to me and answered all my questions.", FftAnswer.VERY_GOOD,
         Sentiment.POSITIVE),
        ("I had an appointment on Tuesday at the clinic.", FftAnswer.NEITHER, Sentiment.NEUTRAL),
        ("I had an appointment on Tuesday at the clinic.", FftAnswer.DONT_KNOW, Sentiment.NEUTRAL),
        # Words with a tone win over the answer: the comment may say what the rating does not.
        ("Waited four hours and nobody told us anything, awful", FftAnswer.GOOD,
         Sentiment.NEGATIVE),
        ("Good care once I was seen, but the wait was long.", FftAnswer.POOR, Sentiment.POSITIVE),
        ("The midwives were wonderful, kind and caring. Thank you!", FftAnswer.POOR,
         Sentiment.POSITIVE),
        # VADER turns a negated word round: "not good" is negative whatever the answer.
        ("The food was not good at all.", FftAnswer.VERY_GOOD, Sentiment.NEGATIVE),
    ],
)  # fmt: skip
def test_the_answer_gives_the_tone_only_where_the_words_have_none(text, answer, expected):
    sentiment, compound = analyse_sentiment(text, fft_answer=answer)
    assert sentiment == expected
    assert compound == score(text)  # the stored score stays VADER's measure of the words


def test_vader_reads_intensifiers_and_negation():
    assert score("The wait was really awful") < score("The wait was awful") < 0
    assert score("The receptionist was not rude") > 0 > score("The receptionist was rude")
