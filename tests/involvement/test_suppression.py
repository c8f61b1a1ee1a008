"""Small-number suppression: the published rules, and as an attacker would try to undo them."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from involvement.suppression import publish_table
from website.suppression import SUPPRESSED, percent, round_count, show_count


@pytest.mark.parametrize(
    ("n", "shown"),
    [(0, "0"), (1, "*"), (7, "*"), (8, "10"), (12, "10"), (13, "15"), (17, "15"), (18, "20"),
     (1002, "1000"), (1003, "1005")],
)  # fmt: skip
def test_counts_are_hidden_when_small_and_rounded_otherwise(n, shown):
    assert show_count(n) == shown


def test_no_percentage_under_ten_responses():
    assert percent(5, 9) is None
    assert percent(5, 10) == 50
    assert percent(1, 8 * 1) is None
    assert percent(2, 3 * 10) == 7  # 6.67 rounds up
    assert percent(1, 40) == 3  # 2.5 rounds half up


def _interval(cell: str, pct_shown: bool, ceiling: int, hidden: str) -> range:
    """What the attacker reads from one published count (written afresh, not shared with code)."""
    if cell == "0":
        return range(1)
    if cell == SUPPRESSED:
        return range(1, 8) if hidden == "small" else range(8, ceiling + 1)
    r = int(cell)
    values = [t for t in range(r - 2, r + 3) if t >= 8 and round_count(t) == r]
    return range(0) if not values else range(values[0], values[-1] + 1)


def _row_options(shown, ceiling: int) -> dict[int, tuple[int, int]]:
    """responses -> (fewest, most) positive, for every true row consistent with a published one."""
    options = {}
    for t in _interval(shown.count, shown.percent is not None, ceiling, shown.count_hidden):
        # a shown count without a percentage: under 10, unless hidden to protect another
        no_percent = shown.count != SUPPRESSED and shown.percent is None
        if no_percent and (t >= 10) != (shown.percent_hidden == "secondary"):
            continue
        fits = [p for p in range(t + 1) if shown.percent is None or percent(p, t) == shown.percent]
        if fits:
            options[t] = (fits[0], fits[-1])  # percentages of t are monotone in p: no gaps
    return options


def _sums(rows: list[dict]) -> dict[int, list[tuple[int, int]]]:
    """total responses -> intervals of total positives reachable by picking one option per row."""
    states = {0: [(0, 0)]}
    for options in rows:
        nxt: dict[int, list[tuple[int, int]]] = {}
        for total, intervals in states.items():
            for t, (low, high) in options.items():
                nxt.setdefault(total + t, []).extend((a + low, b + high) for a, b in intervals)
        states = {k: _merge(v) for k, v in nxt.items()}
    return states


def _merge(intervals):
    out = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _attack(table, true_total: int):
    """For each row (and None, the total): every true (responses, positive) the table allows."""
    ceiling = (
        int(table.total.count) + 2 if table.total.count not in ("*", "0") else 2 * true_total + 10
    )
    rows = [_row_options(row, ceiling) for row in table.rows]
    totals = _row_options(table.total, ceiling)
    worlds = {}
    for i in range(len(rows)):
        others = _sums(rows[:i] + rows[i + 1 :])
        worlds[i] = {
            (t, p)
            for t, (low, high) in rows[i].items()
            for p in range(low, high + 1)
            for other_t, intervals in others.items()
            if t + other_t in totals
            for a, b in intervals
            if max(a, totals[t + other_t][0] - p) <= min(b, totals[t + other_t][1] - p)
        }
    everything = _sums(rows)
    worlds[None] = {
        (g, p)
        for g, (low, high) in totals.items()
        for a, b in everything.get(g, [])
        for p in range(max(a, low), min(b, high) + 1)
    }
    return worlds


rows_strategy = st.lists(
    st.integers(min_value=0, max_value=22).flatmap(
        lambda t: st.tuples(st.just(t), st.integers(min_value=0, max_value=t))
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=150, deadline=None)
@given(rows_strategy)
def test_nothing_suppressed_can_be_derived_from_what_is_shown(rows):
    # given a random small table of (responses, positive) per row
    table = publish_table([(i, t, p) for i, (t, p) in enumerate(rows)])
    true_total = sum(t for t, _p in rows)

    # when an attacker works out every true figure that would publish exactly the same
    worlds = _attack(table, true_total)

    # then the truth is among them, and every hidden figure still has two or more values
    for i, (t, p) in enumerate(rows):
        assert (t, p) in worlds[i]
    assert (true_total, sum(p for _t, p in rows)) in worlds[None]
    for i, shown in [*enumerate(table.rows), (None, table.total)]:
        truth_t = rows[i][0] if i is not None else true_total
        if shown.count == SUPPRESSED:
            assert len({t for t, _p in worlds[i]}) >= 2, (rows, table)
        if shown.percent is None and truth_t:
            assert len({Fraction(p, t) for t, p in worlds[i] if t}) >= 2, (rows, table)


@settings(max_examples=100, deadline=None)
@given(rows_strategy)
def test_shown_figures_follow_the_rules(rows):
    table = publish_table([(i, t, p) for i, (t, p) in enumerate(rows)])
    for (t, p), shown in zip(rows, table.rows, strict=True):
        if 1 <= t <= 7:
            assert shown.count == SUPPRESSED
        if shown.count not in (SUPPRESSED, "0"):
            assert int(shown.count) % 5 == 0 and abs(int(shown.count) - t) <= 2
        if shown.percent is not None:
            assert t >= 10 and shown.percent == percent(p, t)


def test_subtracting_from_the_total_does_not_reveal_a_small_count():
    # given 8 + 8 + 1 = 17: shown 10, 10 and *, the total 15 would pin * to 1 by subtraction
    table = publish_table([("a", 8, 0), ("b", 8, 0), ("c", 1, 0)])

    # then another figure is hidden too
    assert [r.count for r in table.rows].count(SUPPRESSED) >= 2 or table.total.count == SUPPRESSED


def test_a_large_table_is_published_quickly_with_little_hidden():
    rows = [(m, 180 + 13 * m, 150 + 9 * m) for m in range(24)] + [("small", 3, 2)]
    table = publish_table(rows)
    assert table.rows[-1].count == SUPPRESSED
    assert table.total.percent is not None
    assert sum(r.count == SUPPRESSED for r in table.rows) <= 2
