"""Replace personal data in free-text feedback with placeholder tokens.

Standard library only, so it can be imported without Django (views, tasks, scripts, benches).
Every pattern uses bounded repetition over non-overlapping character classes, so the work done
is linear in the length of the text.
"""

import re

NAME = "[NAME]"
PHONE = "[PHONE]"
EMAIL = "[EMAIL]"
NHS_NUMBER = "[NHS_NUMBER]"
ID_NUMBER = "[ID_NUMBER]"
POSTCODE = "[POSTCODE]"
DATE = "[DATE]"
ADDRESS = "[ADDRESS]"
NI_NUMBER = "[NI_NUMBER]"
CARD = "[CARD]"

# A replacement can change the context seen by a neighbouring pattern (a token in place of a digit
# unblocks a lookaround), so passes repeat until nothing changes. Each change removes a digit, a
# lowercase letter or an "@" and tokens contain none, so this settles in two or three passes; the
# cap keeps the worst case linear.
_MAX_PASSES = 5

# Speed: a pattern that opens with a literal or character class lets the regex engine skip straight
# to candidate positions, so boundary lookbehinds come after the first character and include it:
# "\d(?<!\d\d)" is a digit not preceded by a digit. Patterns that must open with a letter are
# guarded by a cheap test for something they cannot match without.

# --- emails ---------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63}){1,8}"
)

# --- labelled hospital numbers ---------------------------------------------------------------

_ID_LABEL_WORDS = ("mrn", "m.r.n", "hosp", "patient", "unit", "case", "record")
_ID_LABEL = re.compile(
    r"(?<!\w)(?P<label>MRN|M\.R\.N\.?"
    r"|(?:hospital|hosp\.?|patient|unit|case|medical[ \t]record)[ \t]{0,2}"
    r"(?:number|num\b\.?|no\b\.?|id\b|#))"
    r"(?P<sep>[ \t]{0,3}(?:is[ \t]{1,3})?[:#-]?[ \t]{0,3})"
    r"(?P<value>[A-Z]{0,3}\d{4,12}[A-Z]?)(?!\w)",
    re.IGNORECASE,
)

# --- digit runs: cards, phones, NHS numbers --------------------------------------------------

_CARD = re.compile(
    r"[1-9](?<!\d\d)(?:\d{12,18}"
    r"|\d{3}(?P<sep>[ -])\d{4}(?P=sep)\d{4}(?P=sep)\d{1,7}"
    r"|\d{3}(?P<amex>[ -])\d{6}(?P=amex)\d{4,5})(?!\d)"
)

_INTERNATIONAL_PHONE = re.compile(
    r"(?:\+|00)(?<![\w+]\+)(?<![\w+]00)[ ]?44[ .-]?(?:\(0\)[ .-]?)?[1-9](?:[ .-]?\d){8,9}(?!\d)"
)

_NATIONAL_PHONE = re.compile(
    r"(?:\((?<![\w+]\()0[1-9]\d{1,3}\)[ .-]?\d(?:[ .-]?\d){4,7}"
    r"|0(?<![\w+]0)[1-9](?:[ .-]?\d){8,9})(?!\d)"
)

_TEN_DIGITS = re.compile(r"\d(?<!\d\d)\d{2}(?P<sep>[ -]?)\d{3}(?P=sep)\d{4}(?!\d)")

_NON_DIGITS = re.compile(r"\D")

# --- National Insurance numbers and postcodes ------------------------------------------------

_NI_DIGITS = re.compile(r"\d\d[ ]?\d\d[ ]?\d\d")
_NI_NUMBER = re.compile(r"(?<!\w)[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D](?!\w)", re.IGNORECASE)

_POSTCODE_INWARD = re.compile(r"\d[A-Za-z]{2}")
# Lowercase ordinals ("B2 3rd floor") are far likelier than a postcode written in lowercase.
_POSTCODE = re.compile(
    r"(?<!\w)(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)[ ]?(?-i:(?!\d(?:st|nd|rd|th)\b))"
    r"\d[ABD-HJLNP-UW-Z]{2}(?!\w)",
    re.IGNORECASE,
)

# --- dates -----------------------------------------------------------------------------------

_YEAR = r"(?P<year>[12]\d{3})(?!\d)"
_DAY_SUFFIX = r"(?:st|nd|rd|th)?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)

_ISO_DATE = re.compile(
    r"(?P<year>[12](?<![\w.][12])\d{3})(?P<s>[-/.])(?P<month>\d{1,2})(?P=s)(?P<day>\d{1,2})"
    r"(?!\d)(?![./-]\d)"
)
_NUMERIC_DATE = re.compile(
    r"(?P<a>\d(?<![\w.]\d)(?<!\d[/-]\d)\d?)(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?:\d{4}|\d{2})"
    r"(?!\d)(?![./-]\d)"
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?P<day>\d(?<!\w\d)\d?){_DAY_SUFFIX}(?:[ \t]{{1,3}}(?:of[ \t]{{1,3}})?|[-/]){_MONTH}"
    rf"(?:,?[ \t]{{1,3}}|[-/]){_YEAR}",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<!\w){_MONTH}[ \t]{{1,3}}(?P<day>\d{{1,2}}){_DAY_SUFFIX},?[ \t]{{1,3}}{_YEAR}",
    re.IGNORECASE,
)
_YEAR_HINT = re.compile(r"[12]\d{3}")

# --- street addresses ------------------------------------------------------------------------

_STREET_TYPES = (
    "road|rd|street|st|close|avenue|ave|lane|ln|drive|way|crescent|cres|place|pl|gardens|gdns"
    "|court|ct|terrace|tce|grove|hill|walk|square|sq|row|mews|parade|boulevard|rise"
)
_ADDRESS = re.compile(
    r"\d(?<![\w£$.:/-]\d)\d{0,3}[A-Za-z]?(?:-\d{1,4}[A-Za-z]?)?,?[ \t]{1,3}"
    r"(?:[A-Z][a-z'’]{1,20}(?:-[A-Z][a-z]{1,20})?\.?[ \t]{1,3}){1,3}"
    rf"(?i:{_STREET_TYPES})\b\.?"
)
_FLAT_BEFORE_ADDRESS = re.compile(
    r"(?<!\w)(?i:flat|apartment|apt|unit)\.?[ \t]{1,3}\d{1,4}[A-Za-z]?,?[ \t]{1,3}\[ADDRESS\]"
)

# --- names -----------------------------------------------------------------------------------


def _either_case_initial(words: tuple[str, ...]) -> str:
    """Return an alternation of lowercase ``words`` whose first letter may also be a capital."""
    longest_first = sorted(words, key=len, reverse=True)
    return "|".join(f"[{word[0].upper()}{word[0]}]{word[1:]}" for word in longest_first)


# Honorifics need a capital so that "I miss Jane" is not read as a title. Two-word roles such as
# "Staff Nurse" and "Healthcare Assistant" are covered by their last word.
_HONORIFICS = ("Mrs", "Mr", "Ms", "Mx", "Miss", "Sir", "Dame", "Rev", "HCA")
_ABBREVIATED_ROLES = ("dr", "prof", "sr")
_ROLES = (
    "doctor",
    "professor",
    "nurse",
    "sister",
    "matron",
    "midwife",
    "consultant",
    "surgeon",
    "physio",
    "physiotherapist",
    "pharmacist",
    "paramedic",
    "registrar",
    "receptionist",
    "porter",
    "therapist",
    "radiographer",
    "sonographer",
    "anaesthetist",
    "dietitian",
    "counsellor",
    "assistant",
)
_TITLE = (
    rf"(?:(?:{'|'.join(_HONORIFICS)}|{_either_case_initial(_ABBREVIATED_ROLES)})\.?"
    rf"|{_either_case_initial(_ROLES)})"
)
_TITLE_WORDS = "|".join(word.lower() for word in _HONORIFICS + _ABBREVIATED_ROLES + _ROLES)
_NAME_WORD = (
    rf"(?!(?i:{_TITLE_WORDS})\b)"
    r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]{1,24}(?:-[A-Z][a-z]{1,24})?(?!\w)"
)
_NAME = (
    rf"(?P<first>(?:[A-Z]\.?[ \t]{{1,2}}){{0,2}}{_NAME_WORD})"
    rf"(?:[ \t]{{1,2}}(?P<second>{_NAME_WORD}))?"
)
_TITLED_NAME = re.compile(rf"(?<!\w)(?P<lead>{_TITLE}[ \t]{{1,3}}){_NAME}")
_INTRODUCTION_WORDS = ("name", "called", "signed", "regards", "yours", "wishes", "thank")
_INTRODUCED_NAME = re.compile(
    r"(?<!\w)(?P<lead>(?i:my name is|my name['’]s|i am called|i['’]m called|signed"
    r"|kind regards|best regards|regards|yours sincerely|yours faithfully|best wishes"
    rf"|many thanks|thanks to|thank you|thanks),?\s{{1,3}}){_NAME}"
)

# Capitalised words that commonly follow a title or greeting but are not names.
_STOPWORDS = frozenset(
    """
    a about above after again against all almost also always am amazing among an and another
    any anyone anything are around as asked at away back bad be because been before behind
    being below best better between both brilliant but by called came can cannot care caring
    charge checked clinic come could day days department did do does doing done down during
    each early either else emergency enough even ever every everyone everybody everything
    examined excellent explained fantastic far few first for friendly from gave general get
    getting give given go going good got great had has have having he health healthcare
    hello helped helpful her here hers herself hi him himself his hospital how however i if
    in into is it its itself junior just kind kindly last late later lead least led less let
    like listened little looked lovely made make manager many me medical might more most much
    must my myself never new next nice no nobody none nor not nothing now nursing of off often
    ok okay on once one only or other our ours out outpatients over own patient patients
    physician please practice practitioner professional quite rang rather really reception
    right royal rude said same saw say says see seemed seen senior service services she should
    since so some someone something sometimes soon specialist spoke staff still student such
    surgery team than thank thanks that the their theirs them then there these they this those
    though through thus to today together told tomorrow too took treated trust under unit
    until up upon us very was ward we well went were what when where whether which while who
    whom whose why will with within without wonderful would yes yesterday yet you your yours
    yourself monday tuesday wednesday thursday friday saturday sunday january february march
    july september october november december
    """.split()  # noqa: SIM905 - a paragraph reads better than 270 one-word lines
)


# --- checksums ---------------------------------------------------------------------------------


def is_valid_nhs_number(digits: str) -> bool:
    """Return whether a 10-digit string passes the NHS number modulus 11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = (11 - total % 11) % 11
    return check != 10 and check == int(digits[9])


def passes_luhn(digits: str) -> bool:
    """Return whether a digit string passes the Luhn check used by payment cards."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _digits(text: str) -> str:
    return _NON_DIGITS.sub("", text)


def _mentions_any(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in words)


# --- detectors ---------------------------------------------------------------------------------


def _replace_emails(text: str) -> str:
    """Replace email addresses with [EMAIL]."""
    return _EMAIL.sub(EMAIL, text) if "@" in text else text


def _labelled_id(match: re.Match[str]) -> str:
    token = NHS_NUMBER if is_valid_nhs_number(match["value"]) else ID_NUMBER
    return f"{match['label']}{match['sep']}{token}"


def _replace_labelled_ids(text: str) -> str:
    """Replace the value after an MRN or hospital-number label, keeping the label."""
    if not _mentions_any(text, _ID_LABEL_WORDS):
        return text
    return _ID_LABEL.sub(_labelled_id, text)


def _card(match: re.Match[str]) -> str:
    return CARD if passes_luhn(_digits(match[0])) else match[0]


def _replace_cards(text: str) -> str:
    """Replace 13 to 19 digit payment card numbers that pass the Luhn check with [CARD]."""
    return _CARD.sub(_card, text)


def _replace_international_phones(text: str) -> str:
    """Replace UK phone numbers written with +44 or 0044 with [PHONE]."""
    return _INTERNATIONAL_PHONE.sub(PHONE, text)


def _ten_digits(match: re.Match[str]) -> str:
    digits = _digits(match[0])
    if is_valid_nhs_number(digits):
        return NHS_NUMBER
    # A leading zero makes it a phone number: leave it for the phone detector.
    return match[0] if digits.startswith("0") else ID_NUMBER


def _replace_ten_digit_numbers(text: str) -> str:
    """Replace NHS numbers with [NHS_NUMBER] and other 10-digit numbers with [ID_NUMBER]."""
    return _TEN_DIGITS.sub(_ten_digits, text)


def _replace_ni_numbers(text: str) -> str:
    """Replace National Insurance numbers with [NI_NUMBER]."""
    return _NI_NUMBER.sub(NI_NUMBER, text) if _NI_DIGITS.search(text) else text


def _is_day_month(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _is_year(year: str) -> bool:
    return 1800 <= int(year) <= 2199


def _iso_date(match: re.Match[str]) -> str:
    plausible = _is_year(match["year"]) and _is_day_month(int(match["day"]), int(match["month"]))
    return DATE if plausible else match[0]


def _numeric_date(match: re.Match[str]) -> str:
    first, second = int(match["a"]), int(match["b"])
    if _is_day_month(first, second) or _is_day_month(second, first):
        return DATE
    return match[0]


def _written_date(match: re.Match[str]) -> str:
    plausible = _is_year(match["year"]) and 1 <= int(match["day"]) <= 31
    return DATE if plausible else match[0]


def _replace_dates(text: str) -> str:
    """Replace full dates (ISO, numeric day-month-year and written) with [DATE]."""
    text = _ISO_DATE.sub(_iso_date, text)
    text = _NUMERIC_DATE.sub(_numeric_date, text)
    text = _DAY_MONTH_YEAR.sub(_written_date, text)
    if not _YEAR_HINT.search(text):
        return text
    return _MONTH_DAY_YEAR.sub(_written_date, text)


def _national_phone(match: re.Match[str]) -> str:
    return PHONE if len(_digits(match[0])) in (10, 11) else match[0]


def _replace_national_phones(text: str) -> str:
    """Replace UK phone numbers starting with 0, with or without brackets, with [PHONE]."""
    return _NATIONAL_PHONE.sub(_national_phone, text)


def _replace_postcodes(text: str) -> str:
    """Replace full UK postcodes, in any case and with or without the space, with [POSTCODE]."""
    return _POSTCODE.sub(POSTCODE, text) if _POSTCODE_INWARD.search(text) else text


def _replace_addresses(text: str) -> str:
    """Replace a house number, street name and street type (and any flat number) with [ADDRESS]."""
    text = _ADDRESS.sub(ADDRESS, text)
    return _FLAT_BEFORE_ADDRESS.sub(ADDRESS, text) if ADDRESS in text else text


def _is_stopword(word: str) -> bool:
    return word.lower() in _STOPWORDS


def _name(match: re.Match[str]) -> str:
    first_word = match["first"].split()[-1]
    if _is_stopword(first_word):
        return match[0]
    second = match["second"]
    end = match.end("first") if second is None or _is_stopword(second) else match.end("second")
    offset = match.start()
    whole = match[0]
    return whole[: match.end("lead") - offset] + NAME + whole[end - offset :]


def _replace_titled_names(text: str) -> str:
    """Replace one or two capitalised words after a title or role with [NAME], keeping the title."""
    return _TITLED_NAME.sub(_name, text)


def _replace_introduced_names(text: str) -> str:
    """Replace a name after "my name is", "signed", "regards" and similar with [NAME]."""
    if not _mentions_any(text, _INTRODUCTION_WORDS):
        return text
    return _INTRODUCED_NAME.sub(_name, text)


_DETECTORS = (
    _replace_emails,
    _replace_labelled_ids,
    _replace_cards,
    _replace_international_phones,
    _replace_ten_digit_numbers,
    _replace_ni_numbers,
    _replace_dates,
    _replace_national_phones,
    _replace_postcodes,
    _replace_addresses,
    _replace_titled_names,
    _replace_introduced_names,
)


def _anonymise_once(text: str) -> str:
    for detector in _DETECTORS:
        text = detector(text)
    return text


def anonymise(text: str) -> str:
    """Return ``text`` with personal data replaced by tokens such as ``[NAME]`` and ``[PHONE]``.

    Pure, deterministic, linear in ``len(text)`` and idempotent.
    """
    for _ in range(_MAX_PASSES):
        replaced = _anonymise_once(text)
        if replaced == text:
            break
        text = replaced
    return text
