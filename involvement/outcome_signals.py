"""Publishing a "You said, we did" update owes its emails: connected when the app is ready, so
scheduled publishing (a management command run by a worker) is covered too."""

from django.dispatch import receiver

from wagtail.signals import page_published

from involvement.models import YouSaidWeDidPage


@receiver(page_published, sender=YouSaidWeDidPage, dispatch_uid="involvement.outcome_emails")
def owe_outcome_emails(sender, instance, **kwargs):
    from involvement.outcomes import queue_outcome_emails  # it imports panels, after apps load

    queue_outcome_emails(update=instance)
