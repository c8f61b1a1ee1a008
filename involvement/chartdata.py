"""Charts, their tables' figures and one-line summaries for the board and the performance pages."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from feedback.choices import Channel, FftAnswer
from involvement import charts
from involvement.boards import Board, fft_percentages_text
from involvement.opendata import PublishedFigures


@dataclass
class Chart:
    """One chart with the table and the sentence that say the same thing."""

    id: str
    title: str
    summary: str
    svg: SafeString
    header: list[str]
    rows: list[list] = field(default_factory=list)

    @property
    def labelled_rows(self) -> list[tuple]:
        """(label, other cells) per table row: the template heads each row with its label."""
        return [(row[0], row[1:]) for row in self.rows]


def _positive(counts: dict) -> str:
    return fft_percentages_text(counts)[0]


def _negative(counts: dict) -> str:
    return fft_percentages_text(counts)[1]


def _count(n: int, word: str) -> str:
    """ "1 response", "2 responses": the number with its noun, plural when it should be."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _every_month(board: Board) -> list[dict]:
    """The board's calendar months across its period, months without responses as 0."""
    found = {m["month"]: m for m in board.monthly}
    month, months = board.filters.start.replace(day=1), []
    while month <= board.filters.end:
        months.append(
            found.get(month)
            or {"month": month, "responses": 0, "percent_positive": None, "percent_negative": None}
        )
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _every_week(board: Board) -> list[dict]:
    """The board's weeks from the first Monday of its period to its last, empty weeks as 0."""
    found = {w["week"]: w for w in board.weekly}
    monday = board.filters.start - timedelta(days=board.filters.start.weekday())
    weeks = []
    while monday <= board.filters.end:
        weeks.append(found.get(monday) or {**dict.fromkeys(Channel.values, 0), "week": monday,
                                           "total": 0})  # fmt: skip
        monday += timedelta(days=7)
    return weeks


def board_charts(board: Board) -> list[Chart]:
    """The insight board's charts: FFT by month, volume by week, answers, sentiment, stages."""
    months = _every_month(board)
    labels = [m["month"].strftime("%b %Y") for m in months]
    latest = next((m for m in reversed(months) if m["responses"]), None)
    out = [Chart(
        id="fft-by-month", title="FFT % positive and % negative by month",
        summary=(f"In {latest['month']:%b %Y}, {_positive(latest)} of "
                 f"{_count(latest['responses'], 'response')} "
                 f"{'was' if latest['responses'] == 1 else 'were'} positive and "
                 f"{_negative(latest)} negative." if latest
                 else "No responses in this period."),
        svg=charts.line_chart(
            chart_id="fft-by-month", title="FFT % positive and % negative by month",
            description="; ".join(f"{lab}: {_positive(m)} positive, "
                                  f"{_negative(m)} negative"
                                  for lab, m in zip(labels, months, strict=True)),
            labels=labels, series=[
                ("Positive", charts.NHS_GREEN, [m["percent_positive"] for m in months]),
                ("Negative", charts.NHS_RED, [m["percent_negative"] for m in months])]),
        header=["Month", "Responses", "% positive", "% negative"],
        rows=[[lab, m["responses"], _positive(m), _negative(m)]
              for lab, m in zip(labels, months, strict=True)])]  # fmt: skip

    weeks = _every_week(board)
    week_labels = [f"{w['week'].day} {w['week']:%b %Y}" for w in weeks]
    busiest = max(weeks, key=lambda w: w["total"], default=None)
    if busiest and not busiest["total"]:
        busiest = None
    # Each channel keeps its colour whatever the period; only channels used get a bar segment.
    channels = [(str(label), charts.SERIES_COLOURS[i % len(charts.SERIES_COLOURS)],
                 [w[value] for w in weeks]) for i, (value, label) in enumerate(Channel.choices)
                if any(w[value] for w in weeks)]  # fmt: skip
    out.append(Chart(
        id="volume-by-week", title="Responses by week and channel",
        summary=(f"{_count(board.totals['responses'], 'response')} over "
                 f"{_count(len(weeks), 'week')}; the busiest "
                 f"was the week of {busiest['week'].day} {busiest['week']:%B %Y} with "
                 f"{_count(busiest['total'], 'response')}."
                 if busiest else "No responses in this period."),
        svg=charts.stacked_bar_chart(
            chart_id="volume-by-week", title="Responses by week and channel",
            description=f"{_count(len(weeks), 'week')}, from 0 to "
                        f"{_count(busiest['total'] if busiest else 0, 'response')} a week; "
                        + "; ".join(f"{name}: {_count(sum(values), 'response')}"
                                    for name, _c, values in channels) + ".",
            labels=week_labels, series=channels),
        header=["Week starting", *[name for name, _c, _v in channels], "Total"],
        rows=[[lab, *[values[i] for _n, _c, values in channels], w["total"]]
              for i, (lab, w) in enumerate(zip(week_labels, weeks, strict=True))]))  # fmt: skip

    answers = [(str(answer.label), board.totals[answer.column]) for answer in FftAnswer]
    top_answer = max(answers, key=lambda a: a[1])
    out.append(Chart(
        id="answers", title="Answers to the Friends and Family Test",
        summary=(f"{board.percent_positive_text} positive and {board.percent_negative_text} "
                 f"negative of {_count(board.totals['responses'], 'response')}; "
                 f"the most given answer was "
                 f"{top_answer[0]} ({_count(top_answer[1], 'response')})."),
        svg=charts.horizontal_bar_chart(chart_id="answers", title="Answer distribution",
                                        description="; ".join(f"{a}: {n}" for a, n in answers),
                                        points=answers),
        header=["Answer", "Responses"], rows=[list(a) for a in answers]))  # fmt: skip

    sentiment = [("Positive", board.totals["sentiment_positive"]),
                 ("Neutral", board.totals["sentiment_neutral"]),
                 ("Negative", board.totals["sentiment_negative"])]  # fmt: skip
    out.append(Chart(
        id="sentiment", title="Sentiment of comments",
        summary=(f"Of {_count(sum(n for _s, n in sentiment), 'comment')}, "
                 + ", ".join(f"{n} {s.lower()}" for s, n in sentiment) + "."),
        svg=charts.horizontal_bar_chart(chart_id="sentiment", title="Sentiment of comments",
                                        description="; ".join(f"{s}: {n}" for s, n in sentiment),
                                        points=sentiment, colour=charts.NHS_DARK_GREY),
        header=["Sentiment", "Comments"], rows=[list(s) for s in sentiment]))  # fmt: skip

    stages = [(s["stage"], s["responses"]) for s in board.by_stage]
    out.append(Chart(
        id="stages", title="Responses by lifecycle stage",
        summary=("; ".join(f"{s['stage']}: {_count(s['responses'], 'response')}, "
                           f"{_positive(s)} positive" for s in board.by_stage)
                 or "No responses in this period") + ".",
        svg=charts.horizontal_bar_chart(chart_id="stages", title="Responses by lifecycle stage",
                                        description="; ".join(f"{s}: {n}" for s, n in stages),
                                        points=stages),
        header=["Stage", "Responses", "% positive", "% negative"],
        rows=[[s["stage"], s["responses"], _positive(s),
               _negative(s)] for s in board.by_stage]))  # fmt: skip
    return out


def figures_charts(figures: PublishedFigures) -> list[Chart]:
    """The public trend chart: % positive by month, from published (suppressed) figures only,
    in the active language (public pages are in English and Welsh)."""
    table = figures.table
    labels = [date_format(m, "M Y") for m in table.labels]
    shown = [r.percent for r in table.rows]
    latest = next(((lab, r) for lab, r in zip(labels[::-1], table.rows[::-1], strict=True)
                   if r.percent is not None), None)  # fmt: skip
    if latest:
        month, row = latest
        summary = ngettext(
            "In %(month)s, %(percent)s%% of about %(count)s response were positive.",
            "In %(month)s, %(percent)s%% of about %(count)s responses were positive.",
            row.count if isinstance(row.count, int) else 0,
        ) % {"month": month, "percent": row.percent, "count": row.count}
    else:
        summary = gettext("Too few responses to publish a percentage yet.")
    not_shown = gettext("not shown")
    return [Chart(
        id="trend", title=gettext("Percentage positive by month"), summary=summary,
        svg=charts.line_chart(
            chart_id="trend", title=gettext("Percentage of positive responses by month"),
            description="; ".join(f"{lab}: " + (f"{p}%" if p is not None else not_shown)
                                  for lab, p in zip(labels, shown, strict=True)),
            labels=labels, series=[(gettext("Positive"), charts.NHS_GREEN, shown)]),
        header=[gettext("Month"), gettext("Responses"), gettext("Percentage positive")],
        rows=[[lab, r.count, "-" if r.percent is None else f"{r.percent}%"]
              for lab, r in zip(labels, table.rows, strict=True)])]  # fmt: skip
