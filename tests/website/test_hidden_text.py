"""Text meant for screen readers only is hidden by a class the page's CSS defines.

Wagtail 8's admin CSS has `w-sr-only` and no `visuallyhidden` (older Wagtail's name), so a
caption or link suffix marked `visuallyhidden` shows on screen in the admin.
"""

import re
from pathlib import Path

import wagtail

ROOT = Path(__file__).resolve().parents[2]
CLASS_ATTR = re.compile(r'class="([^"]*)"')


def test_wagtail_admin_css_defines_its_screen_reader_class():
    css = (Path(wagtail.__file__).parent / "admin/static/wagtailadmin/css/core.css").read_text()
    assert ".w-sr-only{" in css
    assert ".visuallyhidden" not in css


def test_no_template_hides_text_with_a_class_nothing_defines():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if any("visuallyhidden" in m.split() for m in CLASS_ATTR.findall(line))
    ]
    assert not found, f"use w-sr-only (admin) or nhsuk-u-visually-hidden (public): {found}"
