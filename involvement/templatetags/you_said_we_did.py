"""Template tags placing "You said, we did" on pages owned by other apps: the service page, the
feedback thank-you page and the insight board."""

from django import template

from involvement import outcomes, updates
from involvement.outcome_forms import HearOutcomeForm

register = template.Library()


@register.inclusion_tag("involvement/includes/service_updates.html")
def service_updates(service):
    """The service's newest published updates, with a link to all of them."""
    return {"service": service, "updates": updates.latest_for_service(service=service)}


@register.inclusion_tag("involvement/includes/hear_outcome_form.html", takes_context=True)
def hear_outcome_form(context, service):
    """The "tell me what changed" form, signed for the service."""
    form = HearOutcomeForm(initial={"token": outcomes.subscription_token(service=service)})
    return {"form": form, "service": service, "request": context.get("request"),
            "csrf_token": context.get("csrf_token")}  # fmt: skip


@register.inclusion_tag("involvement/includes/board_updates.html")
def board_updates(service, filters):
    """For the insight board: per theme, whether an update answers it and how long it took."""
    answers = updates.board_answers(service=service, start=filters.start, end=filters.end)
    return {"answers": answers, "service": service}
