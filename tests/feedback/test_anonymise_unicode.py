"""The anonymiser against text as people paste it: other spaces, dashes, widths, invisibles."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback.anonymise import anonymise, fold, is_valid_nhs_number

NBSP, THIN, NARROW_NBSP, IDEOGRAPHIC = "\u00a0", "\u2009", "\u202f", "\u3000"
EN_DASH, EM_DASH, HYPHEN, NB_HYPHEN, MINUS = "\u2013", "\u2014", "\u2010", "\u2011", "\u2212"
ZWSP, ZWNJ, ZWJ, WORD_JOINER, BOM = "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
        "\u2066", "\u2067", "\u2068", "\u2069"]  # fmt: skip

SPACES = [" ", NBSP, THIN, NARROW_NBSP, IDEOGRAPHIC, "\u2002", "\u2007", "\u205f"]
DASHES = ["-", EN_DASH, EM_DASH, HYPHEN, NB_HYPHEN, MINUS, "\ufe63", "\uff0d"]
INVISIBLES = [ZWSP, ZWNJ, ZWJ, WORD_JOINER, BOM, "\u00ad", *BIDI]
AT_SIGNS = ["@", "\uff20", "\ufe6b"]
TOKENS = re.compile(r"(?:\[[A-Z_]+\])+")


def full_width(text: str) -> str:
    """ASCII letters, digits and punctuation in their full-width forms (０７７００)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def visible(text: str) -> str:
    return "".join(c for c in text if c not in INVISIBLES)


ISSUE_EXAMPLES = [
    (f"My NHS number is 943{NBSP}476{NBSP}5919", "My NHS number is [NHS_NUMBER]"),
    (f"postcode SW1A{NBSP}1AA", "postcode [POSTCODE]"),
    (f"call 07700{ZWSP}900461", "call [PHONE]"),
    (f"call 07700{THIN}900{THIN}461", "call [PHONE]"),
    (f"call 07700{EN_DASH}900{EN_DASH}461", "call [PHONE]"),
    ("call ０７７００ ９００４６１", "call [PHONE]"),
    (f"call ０７７００{IDEOGRAPHIC}９００４６１", "call [PHONE]"),
    ("email jo＠example.org", "email [EMAIL]"),
    (f"Dr{NBSP}Smith was kind", f"Dr{NBSP}[NAME] was kind"),
    ("MRS O'REILLY at reception", "MRS [NAME] at reception"),
    ("Mrs O’REILLY at reception", "Mrs [NAME] at reception"),
    ("NURSE JONES was kind", "NURSE [NAME] was kind"),
    ("DR A SMITH and MR PATEL", "DR [NAME] and MR [NAME]"),
    ("STAFF NURSE AMY", "STAFF NURSE [NAME]"),
    (f"NHS 943{NARROW_NBSP}476{EN_DASH}5919", "NHS [NHS_NUMBER]"),
    (f"NHS 9{ZWSP}4{ZWJ}3 4\u202e76 59{BOM}19 thanks", "NHS [NHS_NUMBER] thanks"),
    (f"ring 020{MINUS}7946{MINUS}0958", "ring [PHONE]"),
    (f"ring +44{NBSP}7700{NBSP}900461", "ring [PHONE]"),
    ("digits ٠٧٧٠٠ ٩٠٠٤٦١", "digits [PHONE]"),  # Arabic-Indic digits are digits too
    ("keycaps 0️⃣7️⃣7️⃣0️⃣0️⃣9️⃣0️⃣0️⃣4️⃣6️⃣1️⃣", "keycaps [PHONE]"),
    ("ＳＷ１Ａ　１ＡＡ", "[POSTCODE]"),
    (f"jo{ZWSP}.bloggs@example.org", "[EMAIL]"),
]

# The person's own characters stay everywhere outside a replaced span.
KEPT_AROUND = [
    (
        f"Café staff were “lovely” 😊 {EN_DASH} Dr{NBSP}Smith rang 07700{NBSP}900461.",
        f"Café staff were “lovely” 😊 {EN_DASH} Dr{NBSP}[NAME] rang [PHONE].",
    ),
    (
        f"Naïve question{NBSP}— my NHS number is 943{THIN}476{THIN}5919 👍🏽",
        f"Naïve question{NBSP}— my NHS number is [NHS_NUMBER] 👍🏽",
    ),
    (
        f"{ZWSP}Zoë{ZWSP} wrote from SW1A{NBSP}1AA{ZWSP}",
        f"{ZWSP}Zoë{ZWSP} wrote from [POSTCODE]{ZWSP}",
    ),
    ("Jose\u0301 (decomposed) and 07700\u0332900461", "Jose\u0301 (decomposed) and [PHONE]"),
]

# Ordinary capitalised words and abbreviations after a title are not names.
MUST_KEEP = [
    "Nurse ENT clinic",
    "Sister MRI slot",
    "DR WHO",
    "DOCTOR WHO",
    "THE MATRON TEAM",
    "NURSE PRACTITIONER",
    "NURSE SAID IT WOULD BE FINE",
    "MR AND MRS",
    f"waited 2{EN_DASH}3 hours on Ward{NBSP}7",
    f"500{NBSP}mg twice a day",
    "Covid\u201119 rules",
    f"Bay{NBSP}3, bed 12, Level{THIN}2",
]


@pytest.mark.parametrize(("text", "expected"), ISSUE_EXAMPLES + KEPT_AROUND)
def test_pasted_characters_do_not_hide_personal_data(text, expected):
    assert anonymise(text) == expected


@pytest.mark.parametrize("text", MUST_KEEP)
def test_ordinary_words_stay(text):
    assert anonymise(text) == text


@pytest.mark.parametrize(("text", "_expected"), ISSUE_EXAMPLES + KEPT_AROUND)
def test_idempotent_on_pasted_characters(text, _expected):
    once = anonymise(text)
    assert anonymise(once) == once


def test_fold_maps_separators_and_drops_invisibles():
    text = f"a{NBSP}b{THIN}c{EN_DASH}d{ZWSP}e\u202ef{MINUS}g０＠"
    assert fold(text) == "a b c-def-g0@"
    assert fold("plain ASCII") == "plain ASCII"


# --- property tests --------------------------------------------------------------------------


def _nhs_check_digit(nine: str) -> int:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    return (11 - total % 11) % 11


nhs_numbers = (
    st.integers(0, 999_999_999)
    .map(lambda n: f"{n:09d}")
    .filter(lambda nine: _nhs_check_digit(nine) != 10)
    .map(lambda nine: nine + str(_nhs_check_digit(nine)))
)


def digits(count: int):
    return st.text(alphabet="0123456789", min_size=count, max_size=count)


phone_groups = st.one_of(
    st.tuples(st.just("07"), digits(3), digits(6)).map(lambda g: [g[0] + g[1], g[2]]),
    st.tuples(st.just("07"), digits(3), digits(3), digits(3)).map(
        lambda g: [g[0] + g[1], g[2], g[3]]
    ),
    st.tuples(st.just("020"), digits(4), digits(4)).map(list),
    st.tuples(st.just("01"), digits(2), digits(3), digits(4)).map(
        lambda g: [g[0] + g[1], g[2], g[3]]
    ),
    st.tuples(st.just("01"), digits(3), digits(6)).map(lambda g: [g[0] + g[1], g[2]]),
    st.tuples(st.just("+44"), st.sampled_from("123456789"), digits(3), digits(6)).map(
        lambda g: [g[0], g[1] + g[2], g[3]]
    ),
)

POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
letter = st.sampled_from("ABCDEFGHIJKLMNOPRSTUWYZ")
outward_codes = st.one_of(
    st.tuples(letter, digits(1)),
    st.tuples(letter, digits(2)),
    st.tuples(letter, letter, digits(1)),
    st.tuples(letter, letter, digits(2)),
    st.tuples(letter, digits(1), letter),
    st.tuples(letter, letter, digits(1), letter),
).map("".join)
inward_codes = st.tuples(digits(1), st.sampled_from(POSTCODE_LETTERS),
                         st.sampled_from(POSTCODE_LETTERS)).map("".join)  # fmt: skip

email_locals = st.from_regex(r"[a-z][a-z0-9]{0,8}(\.[a-z0-9]{1,8})?", fullmatch=True)
email_domains = st.tuples(
    st.from_regex(r"[a-z][a-z0-9]{1,10}", fullmatch=True),
    st.sampled_from(["org", "com", "co.uk", "nhs.net"]),
).map(".".join)


@st.composite
def written(draw, groups, gaps):
    """``groups`` joined by separators from ``gaps``, maybe full-width, invisibles anywhere."""
    widen = full_width if draw(st.booleans()) else str
    pieces = []
    for index, group in enumerate(groups):
        if index:
            pieces.append(draw(st.sampled_from(gaps)))
        for char in widen(group):
            pieces.append(char)
            if draw(st.integers(0, 6)) == 0:
                pieces.append(draw(st.sampled_from(INVISIBLES)))
    return "".join(pieces)


@st.composite
def nhs_numbers_written(draw):
    number = draw(nhs_numbers)
    groups = [number[:3], number[3:6], number[6:]]
    return draw(written(groups, SPACES + DASHES + [""] + INVISIBLES))


@st.composite
def phones_written(draw):
    return draw(written(draw(phone_groups), SPACES + DASHES + [""] + INVISIBLES))


@st.composite
def postcodes_written(draw):
    groups = [draw(outward_codes), draw(inward_codes)]
    return draw(written(groups, SPACES + [""] + INVISIBLES))


@st.composite
def emails_written(draw):
    groups = [draw(email_locals), draw(email_domains)]
    return draw(written(groups, AT_SIGNS))


BEFORE = {
    "nhs": ["My NHS number is ", f"NHS no.{NBSP}", "Café ref: "],
    "phone": ["Call me on ", f"ring{NBSP}", "Tel – "],
    "postcode": ["I live in Leeds ", f"postcode{NBSP}", "Zoë lives at "],
    "email": ["Email me at ", f"mail{NBSP}", "“Contact” "],
}
AFTER = ["", ".", " please.", f"{NBSP}– thank you 😊", ", the “new” clinic was fine."]


@st.composite
def personal_data_in_context(draw):
    kind, strategy = draw(st.sampled_from([
        ("nhs", nhs_numbers_written()), ("phone", phones_written()),
        ("postcode", postcodes_written()), ("email", emails_written()),
    ]))  # fmt: skip
    return draw(st.sampled_from(BEFORE[kind])), draw(strategy), draw(st.sampled_from(AFTER))


@settings(max_examples=1500, deadline=None)
@given(personal_data_in_context())
def test_no_fragment_of_personal_data_survives_any_separators(case):
    # given an NHS number, phone, postcode or email written with any mix of separators
    before, item, after = case

    # when
    stored = anonymise(before + item + after)

    # then the words around it are exactly as written, and all of it is tokens
    assert stored.startswith(before) and stored.endswith(after), stored
    middle = stored[len(before) : len(stored) - len(after)]
    assert TOKENS.fullmatch(visible(middle)), (item, stored)


@settings(max_examples=300, deadline=None)
@given(nhs_numbers_written())
def test_generated_nhs_numbers_are_valid_and_tokenised_as_such(written_number):
    assert is_valid_nhs_number(re.sub(r"\D", "", fold(written_number)))
    assert anonymise(f"NHS number {written_number}") == "NHS number [NHS_NUMBER]" + "".join(
        c for c in written_number[-1:] if c in INVISIBLES
    )


CLINICAL_SENTENCES = [
    f"The midwife explained everything {EN_DASH} thank you 😊",
    f"Waited 2{EN_DASH}3 hours in A&E.",
    f"Ward{NBSP}7 was clean.",
    "Bay 3, bed 12.",
    f"I was given 500{NBSP}mg twice a day.",
    "Parking cost £3.50.",
    "Rated it 8/10.",
    f"Appointment at 10:30 ran 45{THIN}minutes late.",
    "Staff were “really” kind.",
    "Café food was cold.",
    "The nurse was kind and explained everything.",
    "Covid\u201119 rules were clear.",
    f"Level{NARROW_NBSP}2 lift was broken.",
    "24/7 support was great 👍🏽.",
    "Naïve questions were answered patiently.",
    f"My 3{THIN}year old was seen within 20 minutes.",
    "I am 82 and found the signs hard to read.",
    "NHS 111 were helpful.",
    "Room 101 was cold.",
    "Nurse said it would be fine.",
    "The Matron Team were great.",
    "Thank you So much.",
    "Nurse ENT clinic ran late.",
    f"Physio{NBSP}— twice weekly — helped.",
    f"Smear test done{ZWSP}.",
    "Bed 4 in bay 2 on ward 10.",
]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(CLINICAL_SENTENCES), st.sampled_from(SPACES + ["\n"])),
        min_size=1,
        max_size=8,
    )
)
def test_clinical_text_without_personal_data_comes_back_unchanged(pieces):
    text = "".join(sentence + separator for sentence, separator in pieces)
    assert anonymise(text) == text


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_idempotent_on_any_text(text):
    once = anonymise(text)
    assert anonymise(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    list("0123456789 -.@ADMSar") + SPACES + DASHES + INVISIBLES + AT_SIGNS + ["０", "１", "\u0301"]
), max_size=60))  # fmt: skip
def test_idempotent_on_separator_soup(text):
    once = anonymise(text)
    assert anonymise(once) == once
