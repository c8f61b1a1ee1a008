"""The editor's form for a "You said, we did" update: refuses themes and comments that are not
its service's."""

from django.utils import timezone

from wagtail.admin.forms import WagtailAdminPageForm

from involvement.update_rules import (
    MAX_QUOTES,
    quotable_comments,
    receipt_list,
    themes_of_other_services,
)


class YouSaidWeDidForm(WagtailAdminPageForm):
    """Checks themes and quoted receipts against the service; offers only its recruitments."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].error_messages["required"] = (
            "Choose at least one theme this update answers."
        )
        service = self._service()
        if service is not None and "recruitment" in self.fields:
            # Another service's recruitment titles are not this editor's to see.
            field = self.fields["recruitment"]
            field.queryset = field.queryset.filter(service_id=service.pk)

    def _service(self):
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        return parent.specific if parent is not None else None

    def clean(self):
        cleaned = super().clean()
        service = self._service()
        if service is None:
            return cleaned
        themes = cleaned.get("themes") or []
        others = themes_of_other_services(
            service_id=service.pk, themes=themes, today=timezone.localdate()
        )
        if others:
            names = ", ".join(theme.name for theme in others)
            self.add_error(
                "themes",
                f"{service.title} has had no feedback about: {names}. An update can only answer "
                "themes its own service's feedback raised.",
            )
        receipts = receipt_list(cleaned.get("quoted_receipts") or "")
        if len(receipts) > MAX_QUOTES:
            self.add_error("quoted_receipts", f"Quote at most {MAX_QUOTES} comments.")
        found = quotable_comments(service_id=service.pk, receipts=receipts)
        missing = [r for r in receipts if r not in found]
        if missing:
            self.add_error(
                "quoted_receipts",
                "These are not comments of this service that may be shared (not found, hidden, "
                f"flagged for safeguarding or without text): {', '.join(missing)}",
            )
        else:
            cleaned["quoted_receipts"] = "\n".join(receipts)
        return cleaned
