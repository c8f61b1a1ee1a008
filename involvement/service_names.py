"""A service's name inside a sentence: "How maternity services are doing"."""

from django.utils.translation import gettext


def in_a_sentence(title: str) -> str:
    """The title as it reads mid-sentence: its first letter lower-cased only when nothing in it
    looks like a proper name or an initialism ("Maternity services" -> "maternity services";
    "Riverside GP practice" and "A&E" stay as editors wrote them)."""
    words = title.split()
    if not words:
        return title
    first, rest = words[0], words[1:]
    ordinary = first[:1].isupper() and first[1:] == first[1:].lower() and first[1:].isalpha()
    if ordinary and not any(c.isupper() for word in rest for c in word):
        return first[:1].lower() + title[1:]
    return title


def is_plural(name: str) -> bool:
    """Whether a service's name takes "are": it ends in a plural noun ("services",
    "outpatients"), not in "-ss", "-us" or "-is" ("access", "campus", "dialysis")."""
    last = name.split()[-1].lower() if name.split() else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def how_it_is_doing(title: str) -> str:
    """The performance page's heading for a service, its verb agreeing with the name."""
    name = in_a_sentence(title)
    if is_plural(name):
        return gettext("How %(service)s are doing") % {"service": name}
    return gettext("How %(service)s is doing") % {"service": name}
