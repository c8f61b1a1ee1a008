"""`manage.py update_translations`: every public string into locale/cy/LC_MESSAGES, compiled.

Staff screens (the admin, sign-in) stay in English: their templates are not extracted. The .mo
is committed beside the .po, so nothing at install or run time needs GNU gettext;
tests/website/test_welsh.py fails when either is behind the code.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

LANGUAGE = "cy"
# Not public, or not ours: tests and benchmarks, staff-only templates, run data.
IGNORE = [
    "tests/*", "bench/*", "var/*", "deploy/*", "scripts/*", "locale/*",
    "templates/wagtailadmin/*", "templates/accounts/*", "templates/*/admin/*",
]  # fmt: skip
MAKEMESSAGES_OPTIONS = {
    "locale": [LANGUAGE],
    "ignore_patterns": IGNORE,
    "no_location": True,  # no line numbers: the file changes only when a string does
    "no_obsolete": True,
    "verbosity": 0,
}


class Command(BaseCommand):
    help = "Extract the public strings into locale/cy/LC_MESSAGES/django.po and compile it."

    def handle(self, *args, **options):
        call_command("makemessages", **MAKEMESSAGES_OPTIONS)
        call_command("compilemessages", locale=[LANGUAGE], ignore_patterns=[".venv", "var"],
                     verbosity=0)  # fmt: skip
        self.stdout.write("locale/cy/LC_MESSAGES/django.po updated and compiled.")
