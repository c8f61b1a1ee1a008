"""Server-rendered SVG charts: no chart library, no script, readable beside a data table.

Each chart is an `<svg role="img">` with a title and a description naming its figures, so a
screen reader gets the same facts the table beside it gives. Colours are NHS.UK palette values
set as presentation attributes, which the content security policy allows.

The SVG scales with its viewBox, text included, so whether labels collide does not depend on the
width it is shown at: the x labels are thinned from the number of points and the longest label,
and the plot leaves room for the first and last label so none is cut off at the edge.
"""

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

NHS_BLUE = "#005eb8"
NHS_DARK_BLUE = "#003087"
NHS_DARK_GREY = "#425563"
NHS_GREEN = "#007f3b"
NHS_RED = "#d5281b"
NHS_PURPLE = "#330072"
NHS_DARK_PINK = "#7c2855"
NHS_AQUA_GREEN = "#00a499"
# Colours for the series of a stacked chart, in order; a white edge also parts each segment.
SERIES_COLOURS = [NHS_BLUE, NHS_AQUA_GREEN, NHS_DARK_PINK, NHS_PURPLE, NHS_DARK_GREY,
                  "#ed8b00", "#41b6e6", "#006747", "#ffb81c"]  # fmt: skip
WIDTH, HEIGHT = 640, 240
LEFT, BOTTOM, TOP, RIGHT = 48, 36, 16, 16
# The largest size the stylesheets give chart text, in the SVG's own units: 12px on wide screens,
# 16px on narrow ones, where the whole chart is drawn smaller. Layout is worked out for 16px.
FONT_PX = 16
# A generous average glyph width for Arial and the admin's system fonts (digits are 0.56 em),
# so the estimate errs towards thinning one label too many, never towards a collision.
CHAR_W = 0.62 * FONT_PX
LABEL_GAP = 10  # clear space between neighbouring x labels
LEGEND_ROW = 22


def _text_width(text: str) -> float:
    return len(text) * CHAR_W


def _frame(chart_id: str, title: str, description: str, body: list[str],
           height: int = HEIGHT) -> SafeString:  # fmt: skip
    return mark_safe(  # noqa: S308 - every value below is escaped or a number
        f'<svg class="involve-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def nice_scale(top: float, *, whole: bool = True) -> tuple[float, float]:
    """The axis maximum and tick step for values up to `top`: a 1, 2 or 5 step, 3 to 5 ticks.

    `whole` keeps the step at least 1, for counts.
    """
    top = max(top, 0)
    if top == 0:
        return (4.0, 1.0) if whole else (1.0, 0.25)
    rough = top / 5
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    if whole:
        step = max(step, 1)
    return math.ceil(top / step - 1e-9) * step, step


def _format(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


def _axis(*, max_value: float, step: float, unit: str, left: float, right: float,
          top: float) -> list[str]:  # fmt: skip
    bottom = HEIGHT - BOTTOM
    plot_h = bottom - top
    out = [f'<line x1="{left:.1f}" y1="{bottom}" x2="{WIDTH - right:.1f}" y2="{bottom}" '
           f'stroke="{NHS_DARK_GREY}"/>']  # fmt: skip
    for i in range(round(max_value / step) + 1):
        value = i * step
        y = bottom - plot_h * value / max_value
        label = f"{_format(value)}{unit}"
        out.append(f'<text class="involve-chart-y" x="{left - 6:.1f}" y="{y + 4:.1f}" '
                   f'text-anchor="end">{escape(label)}</text>')  # fmt: skip
        if i:
            out.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{WIDTH - right:.1f}" '
                       f'y2="{y:.1f}" stroke="#d8dde0"/>')  # fmt: skip
    return out


def label_step(labels: Sequence[str], spacing: float) -> int:
    """Label every n-th point: the fewest skipped so that no two labels touch."""
    if not labels or spacing <= 0:
        return 1
    widest = max(_text_width(label) for label in labels) + LABEL_GAP
    return max(1, math.ceil(widest / spacing))


def _margins(
    labels: Sequence[str], *, y_labels: Sequence[str], inset: float
) -> tuple[float, float]:
    """Left and right plot margins wide enough for the y labels and the outermost x labels.

    `inset` is how far the first and last points sit inside the plot (half a bar, or nothing).
    """
    left = max(LEFT, max((_text_width(t) for t in y_labels), default=0) + 12)
    if not labels:
        return left, RIGHT
    first, last = _text_width(labels[0]) / 2, _text_width(labels[-1]) / 2
    return max(left, first - inset + 2), max(RIGHT, last - inset + 2)


def _x_labels(labels: Sequence[str], xs: Sequence[float], spacing: float) -> list[str]:
    # Counted back from the last point, so the latest period always carries its label.
    every = label_step(labels, spacing)
    last = len(labels) - 1
    return [
        f'<text class="involve-chart-x" x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" '
        f'text-anchor="middle">{escape(label)}</text>'
        for i, (label, x) in enumerate(zip(labels, xs, strict=True))
        if (last - i) % every == 0
    ]


def _y_labels(max_value: float, step: float, unit: str) -> list[str]:
    return [f"{_format(i * step)}{unit}" for i in range(round(max_value / step) + 1)]


def _legend(series_names: Sequence[str], colours: Sequence[str]) -> tuple[list[str], float]:
    """Swatches with their names across the top, wrapping; returns the markup and its height."""
    out, x, y = [], LEFT, 4
    for name, colour in zip(series_names, colours, strict=True):
        width = 12 + 6 + _text_width(name) + 18
        if x + width > WIDTH - RIGHT and x > LEFT:
            x, y = LEFT, y + LEGEND_ROW
        out.append(f'<rect x="{x:.1f}" y="{y}" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{x + 18:.1f}" y="{y + 11}">{escape(name)}</text>')  # fmt: skip
        x += width
    return out, y + LEGEND_ROW


def bar_chart(
    *, chart_id: str, title: str, description: str, points: Sequence[tuple[str, float]],
    colour: str = NHS_BLUE, unit: str = "",
) -> SafeString:  # fmt: skip
    """Vertical bars, one per labelled value."""
    labels = [label for label, _v in points]
    return stacked_bar_chart(
        chart_id=chart_id, title=title, description=description, labels=labels,
        series=[("", colour, [v for _l, v in points])], unit=unit, legend=False,
    )  # fmt: skip


def stacked_bar_chart(
    *, chart_id: str, title: str, description: str, labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float]]], unit: str = "", legend: bool = True,
) -> SafeString:  # fmt: skip
    """One bar per label, made of one segment per series (name, colour, values), with a legend."""
    totals = [sum(values[i] or 0 for _n, _c, values in series) for i in range(len(labels))]
    max_value, step = nice_scale(max(totals, default=0))
    body, top = [], TOP
    if legend:
        body, legend_h = _legend([n for n, _c, _v in series], [c for _n, c, _v in series])
        top += legend_h
    # The slot width depends on the margins and the margins on the slot: two rounds settle it.
    slot = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    for _ in range(2):
        left, right = _margins(labels, y_labels=_y_labels(max_value, step, unit), inset=slot / 2)
        slot = (WIDTH - left - right) / max(len(labels), 1)
    plot_h = HEIGHT - BOTTOM - top
    body += _axis(max_value=max_value, step=step, unit=unit, left=left, right=right, top=top)
    xs = []
    for i, label in enumerate(labels):
        x, base = left + i * slot + slot * 0.15, HEIGHT - BOTTOM
        xs.append(left + i * slot + slot / 2)
        for name, colour, values in series:
            value = values[i] or 0
            if not value:
                continue
            h = plot_h * value / max_value
            base -= h
            what = f"{label}, {name}" if name else label
            body.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
                f'fill="{colour}" stroke="#ffffff" stroke-width="{0.5 if len(series) > 1 else 0}">'
                f"<title>{escape(what)}: {_format(value)}{escape(unit)}</title></rect>"
            )
    body += _x_labels(labels, xs, slot)
    return _frame(chart_id, title, description, body)


def line_chart(
    *, chart_id: str, title: str, description: str,
    series: Sequence[tuple[str, str, Sequence[float | None]]], labels: Sequence[str],
    max_value: float = 100, unit: str = "%",
) -> SafeString:  # fmt: skip
    """Lines over shared labels; each series is (name, colour, values), None leaves a gap."""
    max_value, step = nice_scale(max_value, whole=False)
    left, right = _margins(labels, y_labels=_y_labels(max_value, step, unit), inset=0)
    plot_w, plot_h = WIDTH - left - right, HEIGHT - TOP - BOTTOM
    spacing = plot_w / max(len(labels) - 1, 1)
    # A single point sits in the middle rather than on the y axis.
    xs = [left + i * spacing for i in range(len(labels))] if len(labels) > 1 else [
        left + plot_w / 2] * len(labels)  # fmt: skip
    body = _axis(max_value=max_value, step=step, unit=unit, left=left, right=right, top=TOP)
    names_at: list[float] = []
    for name, colour, values in series:
        points = [
            (x, TOP + plot_h - plot_h * v / max_value)
            for x, v in zip(xs, values, strict=True)
            if v is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                        f'stroke-width="2.5"/>')  # fmt: skip
        body += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>' for x, y in points]
        if points:
            # The series name ends at its last point, above it, or below it near the top, and
            # moves down past another series' name that ends at about the same value.
            x, y = points[-1]
            y = y - 8 if y - 8 > TOP + FONT_PX else y + 18
            while any(abs(y - other) < FONT_PX + 2 for other in names_at):
                y += FONT_PX + 2
            names_at.append(y)
            body.append(f'<text x="{max(x - 4, left + _text_width(name)):.1f}" y="{y:.1f}" '
                        f'text-anchor="end" fill="{colour}">{escape(name)}</text>')  # fmt: skip
    body += _x_labels(labels, xs, spacing if len(labels) > 1 else plot_w)
    return _frame(chart_id, title, description, body)


def horizontal_bar_chart(
    *, chart_id: str, title: str, description: str, points: Sequence[tuple[str, float]],
    colour: str = NHS_BLUE,
) -> SafeString:  # fmt: skip
    """Horizontal bars with their labels and values written beside them."""
    row_h = 26
    label_w = max([_text_width(label) for label, _v in points] or [0]) + 12
    value_w = max([_text_width(_format(v)) for _l, v in points] or [0]) + 12
    height = max(len(points), 1) * row_h + 8
    max_value = max([v for _l, v in points] or [0]) or 1
    bar_w = WIDTH - label_w - value_w
    body = []
    for i, (label, value) in enumerate(points):
        y = 4 + i * row_h
        w = bar_w * value / max_value
        body.append(f'<text x="{label_w - 8:.1f}" y="{y + 17}" text-anchor="end">'
                    f'{escape(label)}</text>'
                    f'<rect x="{label_w:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
                    f'fill="{colour}"/>'
                    f'<text x="{label_w + w + 6:.1f}" y="{y + 17}">'
                    f"{_format(value)}</text>")  # fmt: skip
    return _frame(chart_id, title, description, body, height=height)
