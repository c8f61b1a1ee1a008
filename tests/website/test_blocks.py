"""The site's content blocks render NHS.UK frontend markup and validate what editors enter."""

import pytest
from bs4 import BeautifulSoup

from wagtail.blocks import StreamValue, StructBlockValidationError
from wagtail.rich_text import RichText

from website.blocks import BodyBlock, ContactBlock, HeadingBlock


def render(block, value) -> BeautifulSoup:
    return BeautifulSoup(block.render(block.to_python(value)), "html.parser")


@pytest.mark.parametrize("level", [2, 3, 4, 5, 6])
def test_heading_block_renders_at_the_chosen_level(level):
    html = render(HeadingBlock(), {"text": "What to expect", "heading_level": level})
    heading = html.find(f"h{level}")
    assert heading.get_text() == "What to expect"


def test_heading_block_escapes_its_text():
    html = HeadingBlock().render(
        HeadingBlock().to_python({"text": "<script>x</script>", "heading_level": 2})
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("level", [1, 7])
def test_heading_block_refuses_levels_outside_2_to_6(level):
    block = HeadingBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"text": "Title", "heading_level": level}))
    assert "heading_level" in error.value.block_errors


def test_contact_block_renders_a_summary_list():
    html = render(
        ContactBlock(),
        {
            "phone": "0300 123 4567",
            "email": "maternity@example.nhs.uk",
            "address": "Ward 1\nRiverside",
        },
    )
    rows = html.select("dl.nhsuk-summary-list .nhsuk-summary-list__row")
    keys = [row.select_one("dt.nhsuk-summary-list__key").get_text() for row in rows]
    assert keys == ["Phone", "Email", "Address"]
    assert html.select_one("a[href='mailto:maternity@example.nhs.uk']")
    assert html.select_one("dd br"), "address lines keep their line breaks"


def test_contact_block_leaves_out_empty_rows():
    html = render(ContactBlock(), {"phone": "0300 123 4567", "email": "", "address": ""})
    assert [dt.get_text() for dt in html.select("dt")] == ["Phone"]


def test_contact_block_needs_one_way_to_get_in_touch():
    block = ContactBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"phone": "", "email": "", "address": ""}))
    assert "phone" in error.value.block_errors
    assert "Give a phone, email or address." in str(error.value.block_errors["phone"])


def test_contact_block_accepts_an_address_alone():
    block = ContactBlock()
    value = block.clean(block.to_python({"phone": "", "email": "", "address": "Riverside"}))
    assert value["address"] == "Riverside"


def test_body_block_renders_nhs_inset_text_and_warning_callout():
    # given
    block = BodyBlock()
    stream = StreamValue(
        block,
        [
            ("inset_text", {"body": RichText("<p>Bring your red book.</p>")}),
            (
                "warning_callout",
                {
                    "title": "Visiting times",
                    "heading_level": 3,
                    "body": RichText("<p>Visiting ends at 8pm.</p>"),
                },
            ),
            ("heading", {"text": "Parking", "heading_level": 2}),
            ("rich_text", RichText("<p>Pay at the machine.</p>")),
        ],
    )
    # when
    html = BeautifulSoup(block.render(stream), "html.parser")
    # then
    inset = html.select_one("div.nhsuk-inset-text")
    assert "Bring your red book." in inset.get_text()
    assert inset.select_one(".nhsuk-u-visually-hidden").get_text().strip() == "Information:"
    callout = html.select_one(".nhsuk-card.nhsuk-card--warning")
    assert "Visiting times" in callout.select_one("h3.nhsuk-card__heading").get_text()
    assert "Visiting ends at 8pm." in callout.get_text()
    assert html.find("h2").get_text() == "Parking"
    assert html.select_one("div.nhsuk-body p").get_text() == "Pay at the machine."


def test_body_block_round_trips_through_json():
    block = BodyBlock()
    raw = [{"type": "heading", "value": {"text": "Parking", "heading_level": 4}, "id": "a1"}]
    stream = block.to_python(raw)
    assert stream[0].block_type == "heading"
    assert stream[0].value["heading_level"] == 4
    assert block.get_prep_value(stream)[0]["value"] == {"text": "Parking", "heading_level": 4}


@pytest.mark.parametrize("block_class", [HeadingBlock, ContactBlock])
def test_site_blocks_have_a_full_meta(block_class):
    meta = block_class._meta_class
    assert meta.icon and meta.template and meta.description and meta.preview_value
