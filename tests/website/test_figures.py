"""Shares as staff read them: never a "0%" for something, nor a "100%" for less than everything."""

import pytest

from website.figures import percent_text


@pytest.mark.parametrize(
    ("part", "whole", "places", "expected"),
    [
        (1, 338, 0, "less than 1%"),  # 0.3%: something, not nothing
        (337, 338, 0, "more than 99%"),  # 99.7%: not everyone
        (0, 338, 0, "0%"),
        (338, 338, 0, "100%"),
        (2, 338, 0, "1%"),  # 0.59% rounds to 1 as usual
        (1, 2, 0, "50%"),
        (1, 8, 0, "13%"),  # 12.5 rounds half up
        (2, 3, 0, "67%"),
        (1, 8, 1, "12.5%"),
        (1, 4, 1, "25%"),  # no trailing ".0"
        (1, 16, 1, "6.3%"),  # 6.25 rounds half up, as website.suppression.percent does
        (1, 3000, 1, "less than 0.1%"),
        (2999, 3000, 1, "more than 99.9%"),
        (1, 338, 1, "0.3%"),
        (0, 0, 0, "-"),
    ],
)
def test_percent_text(part, whole, places, expected):
    assert percent_text(part, whole, places=places) == expected


def test_a_part_larger_than_its_whole_is_printed_as_it_is():
    assert percent_text(6, 5) == "120%"


@pytest.mark.parametrize(("part", "whole"), [(-1, 5), (1, -1)])
def test_a_share_is_never_negative(part, whole):
    with pytest.raises(ValueError, match="neither negative"):
        percent_text(part, whole)
