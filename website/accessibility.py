"""What the accessibility statement says the site does, gathered from the site, not typed in.

The statement follows GOV.UK's model accessibility statement for the public sector accessibility
regulations (https://www.gov.uk/guidance/model-accessibility-statement). Apps add what they offer
through the `accessibility_features` hook, so the website never imports them and the statement
changes when a feature comes or goes.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail import hooks


@dataclass(frozen=True)
class Feature:
    """One thing people can do on the site; `url` where there is a page to go to."""

    text: str
    url: str = ""


# True of every public page, and checked by the browser tests (tests/browser): keyboard alone,
# JavaScript off, axe-core's WCAG 2.2 A and AA rules, nothing loaded from another website.
SITE_FEATURES = (
    Feature(_("use every page and form with a keyboard alone")),
    Feature(_("use every page and form with JavaScript turned off")),
    Feature(_("zoom in up to 400% without the text spilling off the screen")),
    Feature(_("change colours, contrast levels and fonts in your browser")),
    Feature(_("listen to the website using a screen reader, such as NVDA, JAWS or VoiceOver")),
    Feature(_("print pages without the menus, with the address of each link written out")),
)
TESTING = _(
    "Each time the website changes, every public journey is tested in a web browser with "
    "axe-core's checks for WCAG 2.2 levels A and AA, with a keyboard alone and with JavaScript "
    "turned off."
)


def site_features(*, request: HttpRequest | None = None) -> list[Feature]:
    """What people can do on this site: the site's own features, its languages, each app's."""
    features = list(SITE_FEATURES)
    languages = _language_names()
    if len(languages) > 1:
        features.append(
            Feature(_("read this website in %(languages)s") % {"languages": _and(languages)})
        )
    for hook in hooks.get_hooks("accessibility_features"):
        features.extend(hook(request))
    return features


def _language_names() -> list[str]:
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return []
    codes = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])]
    # "English and Welsh", not "British English": the language, not its spelling variant.
    return [str(get_language_info(code.split("-")[0])["name_translated"]) for code in codes]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + str(_(" and ")) + names[-1]
