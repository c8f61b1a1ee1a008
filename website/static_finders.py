"""A static files finder that serves NHS.UK frontend's CSS without its remote web fonts."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import FileSystemStorage

# The stylesheet base.html links; the copy served under the same name keeps its relative URLs.
NHSUK_CSS = "wagtailnhsukfrontend/css/nhsuk-frontend-10.4.2.min.css"
# Its @font-face rules load Frutiger from assets.nhs.uk, and Chromium fetches them even when no
# text uses the font. Pages make no third-party requests, so the rules go; text falls back to
# Arial, the design system's own fallback.
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
SOURCE_MAP = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/")


def local_only_css(css: str) -> str:
    """The stylesheet without @font-face rules or a source map comment."""
    return SOURCE_MAP.sub("", FONT_FACE.sub("", css))


class LocalFontsNhsukFinder(finders.BaseFinder):
    """Finds NHS.UK frontend's CSS, rewritten once into RUN_DIR; list it before the app finder."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=Path(settings.RUN_DIR) / "generated-static")

    def _generated(self) -> str:
        target = Path(self.storage.path(NHSUK_CSS))
        source = finders.AppDirectoriesFinder().find(NHSUK_CSS)
        if not target.exists() or target.stat().st_mtime < Path(source).stat().st_mtime:
            target.parent.mkdir(parents=True, exist_ok=True)
            css = local_only_css(Path(source).read_text(encoding="utf-8"))
            partial = target.with_suffix(".tmp")
            partial.write_text(css, encoding="utf-8")
            partial.replace(target)  # atomic, so a concurrent reader never sees half a file
        return str(target)

    def find(self, path, find_all=False, **kwargs):
        if path != NHSUK_CSS:
            return [] if find_all else None
        found = self._generated()
        return [found] if find_all else found

    def list(self, ignore_patterns):
        self._generated()
        yield NHSUK_CSS, self.storage
