"""Each theme's positive and negative mentions on a board, and how often staff kept its tags."""

from dataclasses import dataclass

from feedback.models import Theme
from feedback.theme_reviews import Agreement, ThemeAgreement, theme_agreement
from involvement.boards import BoardFilters, counts

# A theme's share of tags kept is shown from this many reviewed tags: fewer says too little.
MIN_REVIEWED_PER_THEME = 5


@dataclass
class ThemeSignLine:
    """One theme in the period: responses mentioning it, positively and negatively."""

    theme: Theme
    responses: int
    positive: int
    negative: int

    @property
    def neutral(self) -> int:
        return self.responses - self.positive - self.negative


@dataclass
class AgreementLine:
    """One theme's reviews; its share kept is shown only past MIN_REVIEWED_PER_THEME tags."""

    theme: Theme
    agreement: ThemeAgreement

    @property
    def shown(self) -> bool:
        return self.agreement.reviewed >= MIN_REVIEWED_PER_THEME


@dataclass
class ThemeSigns:
    """Every theme mentioned in a board's period, most mentioned first, and staff agreement."""

    lines: list[ThemeSignLine]
    agreement: Agreement
    agreement_lines: list[AgreementLine]
    min_reviewed: int = MIN_REVIEWED_PER_THEME


def theme_signs(*, service_id: int, filters: BoardFilters) -> ThemeSigns:
    """Sign counts from the theme rollups; agreement from staff reviews in the same period."""
    found = counts(service_ids=[service_id], filters=filters, by=["theme"],
                   columns=["responses", "positive", "negative"])  # fmt: skip
    agreement = theme_agreement(service_ids=[service_id], start=filters.start, end=filters.end,
                                channel=filters.channel, stage=filters.stage)  # fmt: skip
    themes = Theme.objects.in_bulk({theme_id for (theme_id,) in found} | set(agreement.themes))
    lines = [
        ThemeSignLine(themes[theme_id], row["responses"], row["positive"], row["negative"])
        for (theme_id,), row in found.items()
        if theme_id in themes
    ]
    lines.sort(key=lambda line: (-line.responses, line.theme.name))
    agreement_lines = sorted(
        (AgreementLine(themes[t], found_) for t, found_ in agreement.themes.items() if t in themes),
        key=lambda line: (-line.agreement.reviewed, line.theme.name),
    )
    return ThemeSigns(lines=lines, agreement=agreement, agreement_lines=agreement_lines)
