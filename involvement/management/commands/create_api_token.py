"""`manage.py create_api_token NAME SLUG...`: a FHIR bearer token for some services, shown once."""

from django.core.management.base import BaseCommand, CommandError

from involvement.tokens import issue_token
from website.models import ServicePage


class Command(BaseCommand):
    help = "Create a bearer token that reads the given services' FHIR endpoints; prints it once."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Which system uses the token, and who owns it.")
        parser.add_argument("services", nargs="+", help="Slugs of the services it may read.")

    def handle(self, *args, name, services, **options):
        found = list(ServicePage.objects.filter(slug__in=services))
        missing = sorted(set(services) - {s.slug for s in found})
        if missing:
            raise CommandError(f"No service with slug: {', '.join(missing)}")
        row, token = issue_token(name=name, services=found)
        self.stdout.write(f"Token for {row.name} (services: {', '.join(s.slug for s in found)}):")
        self.stdout.write(token)
        self.stdout.write("It is not stored and cannot be shown again.")
