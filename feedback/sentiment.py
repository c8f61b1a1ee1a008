"""Overall tone of anonymised free text, from VADER's lexicon (vaderSentiment).

The text answers "Tell us why you gave this answer". VADER measures the words (negation and
intensifiers included), but many complaints are plain facts with no word in its lexicon ("I waited
over three hours and nobody told me why" scores 0). Where the words carry no measurable tone, the
comment takes the direction of the Friends and Family Test answer it explains; where they do,
the words win, so "Good, but the parking was awful" stays negative.
"""

from functools import lru_cache

from feedback.choices import NEGATIVE_ANSWERS, POSITIVE_ANSWERS, Sentiment

# VADER's own recommended cut-offs for its compound score (Hutto and Gilbert, 2014).
POSITIVE_FROM = 0.05
NEGATIVE_FROM = -0.05


@lru_cache(maxsize=1)
def _analyser():
    # The lexicon is read from the package's files when the analyser is built: once per process,
    # on first use, so processes that never score text never pay for it.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def score(text: str) -> float:
    """VADER's compound score for `text`, from -1 (most negative) to 1 (most positive)."""
    return _analyser().polarity_scores(text)["compound"]


def classify(compound: float) -> Sentiment:
    """Positive, neutral or negative for a compound score."""
    if compound >= POSITIVE_FROM:
        return Sentiment.POSITIVE
    if compound <= NEGATIVE_FROM:
        return Sentiment.NEGATIVE
    return Sentiment.NEUTRAL


def answer_tone(fft_answer: str) -> Sentiment:
    """The direction of an FFT answer: Very good and Good positive, Poor and Very poor negative,
    Neither good nor poor and Don't know neutral."""
    if fft_answer in POSITIVE_ANSWERS:
        return Sentiment.POSITIVE
    if fft_answer in NEGATIVE_ANSWERS:
        return Sentiment.NEGATIVE
    return Sentiment.NEUTRAL


def analyse_sentiment(text: str, *, fft_answer: str = "") -> tuple[str, float | None]:
    """(sentiment, VADER's compound score) for a comment and the FFT answer it explains, if
    given; blank text has no sentiment ("", None)."""
    if not text.strip():
        return "", None
    compound = score(text)
    sentiment = classify(compound)
    if sentiment == Sentiment.NEUTRAL and fft_answer:
        sentiment = answer_tone(fft_answer)
    return sentiment, compound
