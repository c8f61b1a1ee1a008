"""`manage.py seed_demo`: demo content for `make run`; running it again changes nothing."""

import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand

from website.demo import seed_demo
from website.demo_welsh import seed_welsh_pages


class Command(BaseCommand):
    help = "Create the demo organisation, services, pages and (dev only) demo logins."

    def handle(self, *args, **options):
        usernames = seed_demo()
        # Apps that build on the site add their own demo data in a `demo.seed()` of their own.
        demos = []
        for config in apps.get_app_configs():
            if config.name == "website" or config.name.split(".")[0] not in {
                "feedback", "panels", "involvement"
            }:  # fmt: skip
                continue
            if importlib.util.find_spec(f"{config.name}.demo") is None:
                continue  # an app with no demo data of its own
            demos.append(importlib.import_module(f"{config.name}.demo"))
            demos[-1].seed()
        # Last, so that every app's pages exist to be translated; each app translates its own.
        seed_welsh_pages()
        for demo in demos:
            if hasattr(demo, "seed_welsh"):
                demo.seed_welsh()
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        if usernames:
            self.stdout.write("Demo logins (password from DEMO_PASSWORD, default involve-demo):")
            self.stdout.write("  " + ", ".join(usernames))
