"""The language switcher and the `lang` of every public page (English and Welsh)."""

from wagtailnhsukfrontend.settings.models import HeaderSettings
from wagtailnhsukfrontend.settings.templatetags.nhsukfrontendsettings_tags import header

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from wagtail.models import Site

from website import locales

register = template.Library()


@register.simple_tag
def html_lang() -> str:
    """The active language as an HTML `lang` value: en-GB or cy."""
    return locales.html_lang(locales.current_language())


@register.simple_tag
def home_url() -> str:
    """The home page's address in the active language."""
    return locales.home_url(locales.current_language())


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    """Links to this page in each other language, each named in its own language."""
    request = context.get("request")
    if request is None:
        return {"links": []}
    current = locales.current_language()
    page = context.get("page")
    links = [
        {
            "url": locales.other_language_url(path=request.path, page=page, language=code),
            "name": name,
            "lang": locales.html_lang(code),
        }
        for code, name in settings.LANGUAGES
        if code != current
    ]
    return {"links": links}


@register.filter
def localized(page):
    """The page's live translation into the active language, else the page itself."""
    return locales.localized(page) if page else page


@register.inclusion_tag("wagtailnhsukfrontend/header.html", takes_context=True)
def localized_header(context, **kwargs) -> dict:
    """wagtail-nhsuk-frontend's header, its links to pages (and their labels) in this language.

    A navigation link goes to its page's translation, named by that page's title, when the
    page has a live one; the menu's own words are translated.
    """
    data = header(context, **kwargs)
    if locales.current_language() != locales.default_language():
        links = HeaderSettings.for_request(context["request"]).navigation_links.all()
        request_path = context["request"].path
        data["primary_links"] = []
        for link in links:
            if not link.page:
                continue
            page = locales.localized(link.page)
            url = page.get_url()
            label = page.title if page.pk != link.page_id else link.label
            data["primary_links"].append({
                "label": label, "url": url, "current": url == request_path,
                "active": url != locales.home_url(locales.current_language())
                and request_path.startswith(url),
            })  # fmt: skip
        home = locales.home_url(locales.current_language())
        data["logo_href"] = home
    # The site's own search (/search/, or /cy/search/), never the package's default of the NHS
    # website's: shown on every page, whatever the header setting says.
    data["show_search"] = True
    data["search_action"] = reverse("search")
    data["search_field_name"] = "q"
    data["toggle_menu_text"] = gettext("More")
    data["toggle_menu_visually_hidden_text"] = gettext("Browse")
    data["search_visually_hidden_label"] = gettext("Search this website")
    data["search_placeholder"] = gettext("Search")
    data["search_visually_hidden_button"] = gettext("Search")
    return data


@register.inclusion_tag("wagtailnhsukfrontend/breadcrumb.html", takes_context=True)
def localized_breadcrumb(context) -> dict:
    """wagtail-nhsuk-frontend's breadcrumb, from the home page in the page's own language (the
    package's starts from the site's root page, which a Welsh page is not under)."""
    page = context["page"]
    root = Site.find_for_request(context["request"]).root_page
    home = root.get_translation_or_none(page.locale_id) or root
    ancestors = page.get_ancestors().descendant_of(home, inclusive=True).order_by("depth")
    return {"breadcrumb_pages": list(ancestors)}
