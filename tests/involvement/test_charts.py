"""The SVG charts: round y ticks, x labels thinned and kept inside, the weekly split by channel."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from feedback.choices import Channel, FftAnswer
from involvement import charts
from involvement.boards import Board, BoardFilters
from involvement.chartdata import board_charts


@pytest.mark.parametrize(("top", "whole", "expected"), [
    (0, True, (4, 1)), (1, True, (1, 1)), (3, True, (3, 1)), (7, True, (8, 2)),
    (14, True, (15, 5)), (37, True, (40, 10)), (96, True, (100, 20)), (101, True, (150, 50)),
    (1234, True, (1500, 500)), (100, False, (100, 20)), (0.7, False, (0.8, 0.2)),
])  # fmt: skip
def test_y_axis_goes_in_steps_of_one_two_or_five(top, whole, expected):
    maximum, step = charts.nice_scale(top, whole=whole)
    assert (maximum, step) == pytest.approx(expected)
    mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
    assert round(mantissa, 6) in {1, 2, 5}
    assert 1 <= maximum / step <= 5


def _x_labels(svg) -> list[tuple[float, float]]:
    """(left, right) of each x label, by the same width estimate the chart uses."""
    soup = BeautifulSoup(svg, "html.parser")
    out = []
    for text in soup.select("text.involve-chart-x"):
        x, half = float(text["x"]), charts._text_width(text.get_text()) / 2
        out.append((x - half, x + half))
    return out


@pytest.mark.parametrize("n", [1, 2, 5, 12, 18, 36, 53, 79, 157])
@pytest.mark.parametrize("label", ["Dec 2025", "28 Dec 2026", "W"])
def test_x_labels_never_overlap_nor_leave_the_chart(n, label):
    labels = [f"{label}{i}" if label == "W" else label for i in range(n)]
    for svg in (
        charts.bar_chart(chart_id="c", title="t", description="d",
                         points=[(lab, i) for i, lab in enumerate(labels)]),
        charts.line_chart(chart_id="c", title="t", description="d", labels=labels,
                          series=[("Positive", charts.NHS_GREEN, [50] * n)]),
        charts.stacked_bar_chart(chart_id="c", title="t", description="d", labels=labels,
                                 series=[("A", charts.NHS_BLUE, [1] * n),
                                         ("B", charts.NHS_RED, [2] * n)]),
    ):  # fmt: skip
        boxes = _x_labels(svg)
        assert boxes, "at least the latest point is labelled"
        assert all(left >= 0 and right <= charts.WIDTH for left, right in boxes)
        assert all(
            a[1] + charts.LABEL_GAP / 2 <= b[0] for a, b in zip(boxes, boxes[1:], strict=False)
        )


def test_the_latest_point_always_has_its_label():
    labels = [f"{m} 2025" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                    "Sep", "Oct", "Nov", "Dec")] * 3  # fmt: skip
    labels[-1] = "Latest"
    series = [("Positive", charts.NHS_GREEN, [50] * len(labels))]
    svg = charts.line_chart(chart_id="c", title="t", description="d", labels=labels, series=series)
    shown = [t.get_text() for t in BeautifulSoup(svg, "html.parser").select("text.involve-chart-x")]
    assert shown[-1] == "Latest"
    assert len(shown) < len(labels)


def test_y_ticks_are_round_numbers():
    svg = charts.bar_chart(chart_id="c", title="t", description="d",
                           points=[("a", 3), ("b", 37)])  # fmt: skip
    ticks = [t.get_text() for t in BeautifulSoup(svg, "html.parser").select("text.involve-chart-y")]
    assert ticks == ["0", "10", "20", "30", "40"]


def _board(weekly, monthly=(), totals=None) -> Board:
    zero = {"responses": 0, "sentiment_positive": 0, "sentiment_neutral": 0,
            "sentiment_negative": 0, "flagged": 0, **{a.column: 0 for a in FftAnswer}}  # fmt: skip
    return Board(service=None, filters=BoardFilters(date(2026, 10, 1), date(2026, 11, 30)),
                 totals={**zero, **(totals or {})}, monthly=list(monthly), weekly=weekly,
                 by_stage=[], top_themes=[], rising_themes=[], falling_themes=[],
                 previous_responses=0, safeguarding=[], safeguarding_more=False)  # fmt: skip


def _week(monday, **by_channel):
    return {**dict.fromkeys(Channel.values, 0), **by_channel, "week": monday,
            "total": sum(by_channel.values())}  # fmt: skip


def test_weekly_chart_stacks_each_channel_and_fills_empty_weeks():
    # given two weeks with responses by two channels, in a period of nine weeks
    board = _board([_week(date(2026, 10, 5), web=2, paper=1), _week(date(2026, 11, 2), phone=4)],
                   totals={"responses": 7})  # fmt: skip

    # when the charts are drawn
    weekly = next(c for c in board_charts(board) if c.id == "volume-by-week")

    # then every week of the period is a row, each channel used a column and a bar segment
    assert [r[0] for r in weekly.rows][:2] == ["28 Sep 2026", "5 Oct 2026"]
    assert len(weekly.rows) == 10
    assert weekly.header == ["Week starting", "Website", "Paper card", "Phone", "Total"]
    assert ["5 Oct 2026", 2, 1, 0, 3] in weekly.rows
    segments = [t.get_text() for t in BeautifulSoup(weekly.svg, "html.parser").select("rect title")]
    assert segments == ["5 Oct 2026, Website: 2", "5 Oct 2026, Paper card: 1",
                        "2 Nov 2026, Phone: 4"]  # fmt: skip
    legend = [t.get_text() for t in BeautifulSoup(weekly.svg, "html.parser").select("text")]
    assert {"Website", "Paper card", "Phone"} <= set(legend)
    assert "In person" not in legend  # a channel nobody used has no key
    assert weekly.summary == ("7 responses over 10 weeks; the busiest was the week of "
                              "2 November 2026 with 4 responses.")  # fmt: skip


def test_one_of_anything_is_singular():
    board = _board(
        [_week(date(2026, 11, 2), web=1)],
        monthly=[{"month": date(2026, 11, 1), "responses": 1, "very_good": 1,
                  "percent_positive": 100.0, "percent_negative": 0.0}],
        totals={"responses": 1, "very_good": 1, "sentiment_positive": 1},
    )  # fmt: skip
    board.filters = BoardFilters(date(2026, 11, 2), date(2026, 11, 8))
    text = " ".join(c.summary + str(c.svg) for c in board_charts(board))
    assert "1 responses" not in text and "1 weeks" not in text and "1 comments" not in text
    assert "1 response over 1 week" in text
    assert "100% of 1 response was positive" in text


def test_series_names_ending_at_the_same_value_do_not_overlap():
    svg = charts.line_chart(chart_id="c", title="t", description="d", labels=["Jan", "Feb"],
                            series=[("Positive", charts.NHS_GREEN, [40, 50]),
                                    ("Negative", charts.NHS_RED, [60, 50])])  # fmt: skip
    names = {t.get_text(): float(t["y"]) for t in BeautifulSoup(svg, "html.parser").select("text")
             if t.get_text() in {"Positive", "Negative"}}  # fmt: skip
    assert abs(names["Positive"] - names["Negative"]) >= charts.FONT_PX
