"""Measure theme tagging against comments labelled by hand: per-theme and macro precision/recall.

The corpus is a CSV (tests/data/theme_corpus.csv) with columns id, service, text and themes, where
themes reads "staff-manner:+ timeliness:-": each theme's slug and the sign a person gave it
(+ positive, - negative, 0 neither).
"""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from feedback.choices import Sentiment
from feedback.taxonomy import DEFAULT_THEMES
from feedback.themes import find_themes

SIGNS = {"+": Sentiment.POSITIVE.value, "-": Sentiment.NEGATIVE.value, "0": Sentiment.NEUTRAL.value}


@dataclass(frozen=True)
class LabelledComment:
    """One hand-labelled comment: its themes (slug -> positive, negative or neutral)."""

    id: int
    service: str
    text: str
    themes: dict[str, str]


def parse_labels(labels: str) -> dict[str, str]:
    """ "staff-manner:+ timeliness:-" -> {"staff-manner": "positive", "timeliness": "negative"}."""
    parsed = {}
    for label in labels.split():
        slug, _, sign = label.partition(":")
        if sign not in SIGNS:
            raise ValueError(f"{label!r}: a theme's sign is one of + - 0")
        parsed[slug] = SIGNS[sign]
    return parsed


def load_corpus(path: Path) -> list[LabelledComment]:
    """Every labelled comment in the CSV file."""
    with path.open(newline="", encoding="utf-8") as file:
        return [
            LabelledComment(int(row["id"]), row["service"], row["text"],
                            parse_labels(row["themes"]))
            for row in csv.DictReader(file)
        ]  # fmt: skip


@dataclass
class ThemeScore:
    """Counts for one theme over a corpus, and how often the sign agreed where both found it."""

    slug: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    sign_agreed: int = 0

    @property
    def labelled(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float | None:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else None

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.labelled if self.labelled else None


@dataclass
class Evaluation:
    """Per-theme scores, the macro averages over themes, and the misses to read."""

    scores: dict[str, ThemeScore]
    mistakes: list[tuple[LabelledComment, dict[str, str]]] = field(default_factory=list)

    def _macro(self, name: str) -> float:
        values = [getattr(s, name) for s in self.scores.values()]
        values = [v for v in values if v is not None]
        return sum(values) / len(values) if values else 0.0

    @property
    def macro_precision(self) -> float:
        return self._macro("precision")

    @property
    def macro_recall(self) -> float:
        return self._macro("recall")

    @property
    def micro_precision(self) -> float:
        """Over every tag at once: steadier than the macro figure when themes have few labels."""
        found = sum(s.true_positives + s.false_positives for s in self.scores.values())
        return sum(s.true_positives for s in self.scores.values()) / found if found else 0.0

    @property
    def micro_recall(self) -> float:
        labelled = sum(s.labelled for s in self.scores.values())
        return sum(s.true_positives for s in self.scores.values()) / labelled if labelled else 0.0

    @property
    def sign_agreement(self) -> float:
        """Of themes both found, the share whose sign (positive, negative, neutral) agreed."""
        both = sum(s.true_positives for s in self.scores.values())
        return sum(s.sign_agreed for s in self.scores.values()) / both if both else 0.0


def evaluate(
    *, corpus: Iterable[LabelledComment], predict: Callable[[str], dict[str, str]],
    slugs: Iterable[str],
) -> Evaluation:  # fmt: skip
    """Score `predict` (text -> {slug: sign}) on every comment, for each theme in `slugs`."""
    scores = {slug: ThemeScore(slug) for slug in slugs}
    evaluation = Evaluation(scores)
    for comment in corpus:
        found = predict(comment.text)
        for slug, score in scores.items():
            said, got = comment.themes.get(slug), found.get(slug)
            if said and got:
                score.true_positives += 1
                score.sign_agreed += said == got
            elif got:
                score.false_positives += 1
            elif said:
                score.false_negatives += 1
        if set(found) != set(comment.themes):
            evaluation.mistakes.append((comment, found))
    return evaluation


def default_predictor() -> Callable[[str], dict[str, str]]:
    """Text -> {slug: sign} by the worker's tagger with the default taxonomy; no database."""
    taxonomy = tuple((n, "\n".join(spec.keywords)) for n, spec in enumerate(DEFAULT_THEMES))
    slugs = [spec.slug for spec in DEFAULT_THEMES]

    def predict(text: str) -> dict[str, str]:
        return {slugs[n]: sign for n, sign in find_themes(text, taxonomy=taxonomy).items()}

    return predict
