"""Overall tone of anonymised free text, from VADER's lexicon (vaderSentiment)."""

from functools import lru_cache

from feedback.choices import Sentiment

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


def analyse_sentiment(text: str) -> tuple[str, float | None]:
    """(sentiment, compound score) for the text; blank text has no sentiment ("", None)."""
    if not text.strip():
        return "", None
    compound = score(text)
    return classify(compound), compound
