"""Welsh translations of pages for tests: what an editor makes with Wagtail's translate action."""

from wagtail.models import Page

from website.demo_welsh import welsh_locale


def in_welsh(page: Page, **fields) -> Page:
    """The page's live Welsh translation with these fields (its ancestors translated and
    published too, as the /cy/ address needs), made if it is missing."""
    locale = welsh_locale()
    translated = page.get_translation_or_none(locale) or page.copy_for_translation(
        locale, copy_parents=True
    )
    for ancestor in translated.get_ancestors().filter(depth__gt=1, live=False).specific():
        ancestor.save_revision().publish()
    translated = translated.specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return type(translated).objects.get(pk=translated.pk)
