"""Content blocks for the site's pages, built on wagtail-nhsuk-frontend's own blocks."""

from wagtailnhsukfrontend import blocks as nhsuk

from django.core.exceptions import ValidationError

from wagtail import blocks


def heading_level_block(default: int = 2) -> blocks.IntegerBlock:
    """The heading level field every heading block shares, as NHS.UK blocks spell it."""
    return blocks.IntegerBlock(
        min_value=2,
        max_value=6,
        default=default,
        help_text="The heading level affects users with screen readers. Min=2, Max=6.",
    )


class HeadingBlock(blocks.StructBlock):
    """A section heading at a chosen level, so editors keep a sound heading outline."""

    text = blocks.CharBlock(max_length=120)
    heading_level = heading_level_block()

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        description = "A section heading"
        preview_value = {"text": "What to expect", "heading_level": 2}


class ContactBlock(blocks.StructBlock):
    """How to reach a service: phone, email and address, shown as an NHS.UK summary list."""

    phone = blocks.CharBlock(required=False, max_length=40)
    email = blocks.EmailBlock(required=False)
    address = blocks.TextBlock(required=False)

    def clean(self, value):
        """Require at least one way to get in touch."""
        if not any(value.get(name) for name in ("phone", "email", "address")):
            raise blocks.StructBlockValidationError(
                block_errors={"phone": ValidationError("Give a phone, email or address.")}
            )
        return super().clean(value)

    class Meta:
        icon = "mail"
        template = "blocks/contact.html"
        description = "Contact details"
        preview_value = {"phone": "0300 123 4567", "email": "", "address": ""}


class KnownIssueBlock(blocks.StructBlock):
    """A known accessibility problem for the statement: what fails, its criterion, when fixed."""

    summary = blocks.CharBlock(max_length=200, help_text="What does not work, in a sentence.")
    details = blocks.TextBlock(required=False, help_text="Who it affects and how to get round it.")
    criterion = blocks.CharBlock(
        required=False, max_length=120,
        help_text="The WCAG 2.2 success criterion it fails, like '1.1.1 Non-text content'.",
    )  # fmt: skip
    fix_by = blocks.DateBlock(required=False, help_text="When you plan to fix it, if you know.")

    class Meta:
        icon = "warning"
        template = "blocks/known_issue.html"
        description = "A known accessibility problem"
        preview_value = {"summary": "Some older PDF documents are not accessible.",
                         "criterion": "4.1.2 Name, role, value"}  # fmt: skip


class BodyBlock(blocks.StreamBlock):
    """The body of a page: rich text and the NHS.UK components editors need."""

    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="blocks/rich_text.html",
    )
    action_link = nhsuk.ActionLinkBlock()
    inset_text = nhsuk.InsetTextBlock()
    warning_callout = nhsuk.WarningCalloutBlock()
    care_card = nhsuk.CareCardBlock()
    details = nhsuk.DetailsBlock()
    do_list = nhsuk.DoBlock()
    dont_list = nhsuk.DontBlock()
    summary_list = nhsuk.SummaryListBlock()
    contact = ContactBlock()
