"""Small-number suppression: the published rules, and as an attacker would try to undo them."""

from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from involvement.suppression import (
    SUPPRESSED,
    percent,
    publish_table,
    round_count,
    show_count,
)


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


def _row_options(shown, ceiling: int) -> list[tuple[int, int]]:
    """Every (responses, positive) pair consistent with one published row, by brute force."""
    options = []
    for t in _interval(shown.count, shown.percent is not None, ceiling, shown.count_hidden):
        for p in range(t + 1):
            if shown.percent is not None:
                if percent(p, t) != shown.percent:
                    continue
            elif shown.percent_hidden == "secondary":
                if t < 10:
                    continue
            elif t >= 10:
                continue  # a percentage would have been shown
            options.append((t, p))
    return options


def _attack(table, true_total: int):
    """Every full table of true numbers that publishes as `table`, by plain enumeration."""
    ceiling = true_total * 2 + 10
    per_row = [_row_options(row, ceiling) for row in table.rows]
    total_ok = set(_row_options(table.total, ceiling))
    for combo in product(*per_row):
        t = sum(c[0] for c in combo)
        p = sum(c[1] for c in combo)
        if (t, p) in total_ok:
            yield combo, (t, p)


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

    # when an attacker lists every true table that would publish exactly the same
    worlds = list(_attack(table, true_total))

    # then the true table is among them, and every hidden figure still has two or more values
    truth = tuple(rows), (true_total, sum(p for _t, p in rows))
    assert truth in [(tuple(combo), total) for combo, total in worlds]
    for i, shown in enumerate(table.rows):
        if shown.count == SUPPRESSED:
            assert len({combo[i][0] for combo, _ in worlds}) >= 2, (rows, table)
        if shown.percent is None and rows[i][0]:
            ratios = {Fraction(combo[i][1], combo[i][0]) for combo, _ in worlds if combo[i][0]}
            assert len(ratios) >= 2, (rows, table)
    if table.total.count == SUPPRESSED:
        assert len({total[0] for _, total in worlds}) >= 2
    if table.total.percent is None and true_total:
        assert len({Fraction(p, t) for _, (t, p) in worlds if t}) >= 2


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
