"""Shares as staff read them: a percentage that is never a misleading "0%" or "100%".

For figures that stay on the staff side. Published figures follow website.suppression first:
there the whole-number percentage is part of the small-number rules and is shown as they give it.
"""

from decimal import ROUND_HALF_UP, Decimal

NOT_SHOWN = "-"


def percent_text(part: int, whole: int, *, places: int = 0) -> str:
    """`part` as a percentage of `whole`, rounded half up to `places` decimals: "12%", "12.5%".

    A share that is more than nothing but rounds to 0 reads "less than 1%" (or "less than 0.1%"),
    and one short of everything that rounds to 100 reads "more than 99%": Welsh 1 of 338 is not
    "0%". No responses at all (`whole` 0) reads "-". A part larger than its whole (counts out
    of step) is printed as it is rather than breaking the page.
    """
    if part < 0 or whole < 0:
        raise ValueError("a share is a part of a whole, neither negative")
    if whole == 0:
        return NOT_SHOWN
    step = Decimal(1).scaleb(-places)  # the smallest share shown: 1, 0.1, ...
    shown = (Decimal(100 * part) / Decimal(whole)).quantize(step, rounding=ROUND_HALF_UP)
    if part and shown == 0:
        return f"less than {step}%"
    if part < whole and shown == 100:
        return f"more than {100 - step}%"
    return f"{shown.normalize():f}%"
