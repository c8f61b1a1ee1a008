"""Server-rendered SVG charts: no chart library, no script, readable beside a data table.

Each chart is an `<svg role="img">` with a title and a description naming its figures, so a
screen reader gets the same facts the table beside it gives. Colours are NHS.UK palette values
set as presentation attributes, which the content security policy allows.
"""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

NHS_BLUE = "#005eb8"
NHS_DARK_GREY = "#425563"
NHS_GREEN = "#007f3b"
NHS_RED = "#d5281b"
WIDTH, HEIGHT = 640, 240
LEFT, BOTTOM, TOP, RIGHT = 48, 36, 16, 16


def _frame(chart_id: str, title: str, description: str, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every value below is escaped or a number
        f'<svg class="involve-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _axis(max_value: float, unit: str) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    out = [f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
           f'stroke="{NHS_DARK_GREY}"/>']  # fmt: skip
    for step in range(5):
        value = max_value * step / 4
        y = TOP + plot_h - plot_h * step / 4
        label = f"{value:.0f}{unit}"
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(label)}</text>')
        if step:
            out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                       f'stroke="#d8dde0"/>')  # fmt: skip
    return out


def _nice_max(values: Sequence[float]) -> float:
    top = max([v for v in values if v is not None] or [0])
    if top <= 0:
        return 4
    magnitude = 10 ** (len(str(int(top))) - 1)
    return max(4, -(-top // magnitude) * magnitude)


def _tick_labels(labels: Sequence[str], xs: Sequence[float]) -> list[str]:
    every = max(1, len(labels) // 8)  # at most about eight labels fit along the axis
    return [
        f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>'
        for i, (label, x) in enumerate(zip(labels, xs, strict=True))
        if i % every == 0
    ]


def bar_chart(
    *, chart_id: str, title: str, description: str, points: Sequence[tuple[str, float]],
    colour: str = NHS_BLUE, unit: str = "",
) -> SafeString:  # fmt: skip
    """Vertical bars, one per labelled value."""
    max_value = _nice_max([v for _l, v in points])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    body = _axis(max_value, unit)
    xs = []
    for i, (label, value) in enumerate(points):
        h = plot_h * (value or 0) / max_value
        x = LEFT + i * slot + slot * 0.15
        xs.append(LEFT + i * slot + slot / 2)
        body.append(
            f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{h:.1f}" fill="{colour}"><title>{escape(label)}: {value}{unit}</title></rect>'
        )
    body += _tick_labels([label for label, _v in points], xs)
    return _frame(chart_id, title, description, body)


def line_chart(
    *, chart_id: str, title: str, description: str,
    series: Sequence[tuple[str, str, Sequence[float | None]]], labels: Sequence[str],
    max_value: float = 100, unit: str = "%",
) -> SafeString:  # fmt: skip
    """Lines over shared labels; each series is (name, colour, values), None leaves a gap."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)
    xs = [LEFT + i * step for i in range(len(labels))]
    body = _axis(max_value, unit)
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
            body.append(f'<text x="{points[-1][0] - 4:.1f}" y="{points[-1][1] - 8:.1f}" '
                        f'text-anchor="end" fill="{colour}">{escape(name)}</text>')  # fmt: skip
    body += _tick_labels(labels, xs)
    return _frame(chart_id, title, description, body)


def horizontal_bar_chart(
    *, chart_id: str, title: str, description: str, points: Sequence[tuple[str, float]],
    colour: str = NHS_BLUE,
) -> SafeString:  # fmt: skip
    """Horizontal bars with their labels and values written beside them."""
    label_w, row_h = 190, 26
    height = max(len(points), 1) * row_h + 8
    max_value = max([v for _l, v in points] or [0]) or 1
    bar_w = WIDTH - label_w - 70
    body = []
    for i, (label, value) in enumerate(points):
        y = 4 + i * row_h
        w = bar_w * value / max_value
        body.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{escape(label)}</text>'
                    f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
                    f'fill="{colour}"/>'
                    f'<text x="{label_w + w + 6:.1f}" y="{y + 17}">{value}</text>')  # fmt: skip
    svg = _frame(chart_id, title, description, body)
    return mark_safe(svg.replace(f'0 0 {WIDTH} {HEIGHT}"', f'0 0 {WIDTH} {height}"', 1))  # noqa: S308
