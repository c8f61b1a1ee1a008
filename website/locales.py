"""English and Welsh: which language a page is in, and the same page's address in the other.

Services are the pages in the default language (roles, feedback and boards hang on them); a
Welsh service page is a translation of one, found through Wagtail's translation key.
"""

from django.conf import settings
from django.db.models import QuerySet
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

WELSH = "cy"
# The app namespaces whose addresses exist in every language; Wagtail's pages exist per locale.
TRANSLATED_NAMESPACES = frozenset({"feedback", "panels", "involvement"})


def default_language() -> str:
    """The language code of the default locale (en-gb): where services are defined."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def current_language() -> str:
    """The active language's code as LANGUAGES spells it (en-gb or cy)."""
    return get_supported_content_language_variant(translation.get_language() or "")


def html_lang(language: str) -> str:
    """The BCP 47 tag for a `lang` attribute: en-GB, cy."""
    return translation.to_locale(language).replace("_", "-")


def in_default_language(pages: QuerySet) -> QuerySet:
    """Only the pages in the default locale: one per service, never its translations."""
    return pages.filter(locale__language_code=default_language())


def home_url(language: str) -> str:
    """The home page's address in `language`: / for English, /cy/ for Welsh."""
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


def translated_page_url(page: Page, language: str) -> str | None:
    """The address of the page's live translation into `language`, if it has one."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return None
    if page.locale_id == locale.pk:
        return page.get_url()
    translated = page.get_translation_or_none(locale)
    if translated is None or not translated.live:
        return None
    return translated.get_url()


def other_language_url(*, path: str, page: Page | None, language: str) -> str:
    """The same page in `language`: its translation, the same form or list, else that home page."""
    if isinstance(page, Page):
        return translated_page_url(page, language) or home_url(language)
    try:
        match = resolve(path)
    except Resolver404:
        return home_url(language)
    if match.namespace in TRANSLATED_NAMESPACES:
        return translate_url(path, language)
    return home_url(language)


def localized(page: Page) -> Page:
    """The page's live translation into the active language, else the page itself."""
    return page.localized


def original(page: Page) -> Page:
    """The page in the default language (what members, interest and boards hang on), else the
    page itself: a form on a Welsh translation files under the English page."""
    locale = Locale.objects.filter(language_code=default_language()).first()
    if locale is None or page.locale_id == locale.pk:
        return page
    return page.get_translation_or_none(locale) or page
