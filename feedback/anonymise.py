"""Replace personal data in free-text feedback with placeholder tokens.

Standard library only, so it can be imported without Django (views, tasks, scripts, benches).
The patterns see a folded copy of the text (NFKC, ASCII spaces and dashes, no invisible
characters), mapped back so that only replaced spans lose the person's own characters. Every
pattern uses bounded repetition over non-overlapping character classes, so the work done is
linear in the length of the text.
"""

import re
import unicodedata
from collections.abc import Callable
from functools import partial
from itertools import chain, repeat

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

_Replacement = str | Callable[[re.Match[str]], str]
_Substitute = Callable[[re.Pattern[str], _Replacement, str], str]

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

_TEN_DIGITS = re.compile(r"\d(?<!\d\d)\d{2}[ -]?\d{3}[ -]?\d{4}(?!\d)")

_NON_DIGITS = re.compile(r"\D")

# --- National Insurance numbers and postcodes ------------------------------------------------

_NI_DIGITS = re.compile(r"\d\d[ ]?\d\d[ ]?\d\d")
_NI_NUMBER = re.compile(
    r"[A-Z](?<!\w[A-Z])[A-Z][ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D](?!\w)", re.IGNORECASE
)

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
# Every month pattern opens with one of these; digit-led patterns are skipped without one.
_MONTH_HINTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# --- street addresses ------------------------------------------------------------------------

_STREET_TYPES = (
    "road|rd|street|st|close|avenue|ave|lane|ln|drive|way|crescent|cres|place|pl|gardens|gdns"
    "|court|ct|terrace|tce|grove|hill|walk|square|sq|row|mews|parade|boulevard|rise"
)
_STREET_TYPE_HINTS = tuple(_STREET_TYPES.split("|"))
_ADDRESS = re.compile(
    r"\d(?<![\w£$.:/-]\d)\d{0,3}[A-Za-z]?(?:-\d{1,4}[A-Za-z]?)?,?[ \t]{1,3}"
    r"(?:[A-Z][a-z'’]{1,20}(?:-[A-Z][a-z]{1,20})?\.?[ \t]{1,3}){1,3}"
    rf"(?i:{_STREET_TYPES})\b\.?"
)
_FLAT_BEFORE_ADDRESS = re.compile(
    r"(?<!\w)(?i:flat|apartment|apt|unit)\.?[ \t]{1,3}\d{1,4}[A-Za-z]?,?[ \t]{1,3}\[ADDRESS\]"
)

# --- names -----------------------------------------------------------------------------------


def _in_capitals(words: tuple[str, ...]) -> str:
    """Return an alternation of ``words`` written in capitals, longest first."""
    return "|".join(sorted({word.upper() for word in words}, key=len, reverse=True))


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
    rf"(?:(?:{'|'.join(_HONORIFICS)}|{_either_case_initial(_ABBREVIATED_ROLES)}"
    rf"|{_in_capitals(_HONORIFICS + _ABBREVIATED_ROLES)})\.?"
    rf"|{_either_case_initial(_ROLES)}|{_in_capitals(_ROLES)})"
)
_TITLE_WORDS = "|".join(word.lower() for word in _HONORIFICS + _ABBREVIATED_ROLES + _ROLES)
# Every title contains one of these, so a text without any skips the name patterns, which open
# with a lookbehind and so cannot jump ahead to a candidate.
_TITLE_HINTS = tuple(word.lower() for word in _HONORIFICS + _ABBREVIATED_ROLES + _ROLES)
_NAME_WORD = (
    rf"(?!(?i:{_TITLE_WORDS})\b)"
    r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]{1,24}(?:-[A-Z][a-z]{1,24})?(?!\w)"
)
_NAME = (
    rf"(?P<first>(?:[A-Z]\.?[ \t]{{1,2}}){{0,2}}{_NAME_WORD})"
    rf"(?:[ \t]{{1,2}}(?P<second>{_NAME_WORD}))?"
)
_TITLED_NAME = re.compile(rf"(?<!\w)(?P<lead>{_TITLE}[ \t]{{1,3}}){_NAME}")
# A name in capitals ("MRS O'REILLY") is caught after an honorific, or after a role that is in
# capitals too: after "Nurse" a word in capitals is likelier an abbreviation ("Nurse ENT clinic").
_SHOUTED_TITLE = (
    rf"(?:{'|'.join(_HONORIFICS)}|{_either_case_initial(_ABBREVIATED_ROLES)}"
    rf"|{_in_capitals(_HONORIFICS + _ABBREVIATED_ROLES + _ROLES)})\.?"
)
_SHOUTED_NAME_WORD = (
    rf"(?!(?:{_in_capitals(_HONORIFICS + _ABBREVIATED_ROLES + _ROLES)})\b)"
    r"(?:O['’]|D['’])?[A-Z]{2,25}(?:-[A-Z]{2,25})?(?!\w)"
)
_SHOUTED_TITLED_NAME = re.compile(
    rf"(?<!\w)(?P<lead>{_SHOUTED_TITLE}[ \t]{{1,3}})"
    rf"(?P<first>(?:[A-Z]\.?[ \t]{{1,2}}){{0,2}}{_SHOUTED_NAME_WORD})"
    rf"(?:[ \t]{{1,2}}(?P<second>{_SHOUTED_NAME_WORD}))?"
)
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


def _replace_emails(text: str, sub: _Substitute) -> str:
    """Replace email addresses with [EMAIL]."""
    return sub(_EMAIL, EMAIL, text) if "@" in text else text


def _labelled_id(match: re.Match[str]) -> str:
    token = NHS_NUMBER if is_valid_nhs_number(match["value"]) else ID_NUMBER
    return f"{match['label']}{match['sep']}{token}"


def _replace_labelled_ids(text: str, sub: _Substitute) -> str:
    """Replace the value after an MRN or hospital-number label, keeping the label."""
    if not _mentions_any(text, _ID_LABEL_WORDS):
        return text
    return sub(_ID_LABEL, _labelled_id, text)


def _card(match: re.Match[str]) -> str:
    return CARD if passes_luhn(_digits(match[0])) else match[0]


def _replace_cards(text: str, sub: _Substitute) -> str:
    """Replace 13 to 19 digit payment card numbers that pass the Luhn check with [CARD]."""
    return sub(_CARD, _card, text)


def _replace_international_phones(text: str, sub: _Substitute) -> str:
    """Replace UK phone numbers written with +44 or 0044 with [PHONE]."""
    return sub(_INTERNATIONAL_PHONE, PHONE, text)


def _ten_digits(match: re.Match[str]) -> str:
    digits = _digits(match[0])
    if is_valid_nhs_number(digits):
        return NHS_NUMBER
    # A leading zero makes it a phone number: leave it for the phone detector.
    return match[0] if digits.startswith("0") else ID_NUMBER


def _replace_ten_digit_numbers(text: str, sub: _Substitute) -> str:
    """Replace NHS numbers with [NHS_NUMBER] and other 10-digit numbers with [ID_NUMBER]."""
    return sub(_TEN_DIGITS, _ten_digits, text)


def _replace_ni_numbers(text: str, sub: _Substitute) -> str:
    """Replace National Insurance numbers with [NI_NUMBER]."""
    return sub(_NI_NUMBER, NI_NUMBER, text) if _NI_DIGITS.search(text) else text


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


def _replace_dates(text: str, sub: _Substitute) -> str:
    """Replace full dates (ISO, numeric day-month-year and written) with [DATE]."""
    if "-" in text or "/" in text or "." in text:
        text = sub(_ISO_DATE, _iso_date, text)
        text = sub(_NUMERIC_DATE, _numeric_date, text)
    if not _mentions_any(text, _MONTH_HINTS):
        return text
    text = sub(_DAY_MONTH_YEAR, _written_date, text)
    if not _YEAR_HINT.search(text):
        return text
    return sub(_MONTH_DAY_YEAR, _written_date, text)


def _national_phone(match: re.Match[str]) -> str:
    return PHONE if len(_digits(match[0])) in (10, 11) else match[0]


def _replace_national_phones(text: str, sub: _Substitute) -> str:
    """Replace UK phone numbers starting with 0, with or without brackets, with [PHONE]."""
    return sub(_NATIONAL_PHONE, _national_phone, text)


def _replace_postcodes(text: str, sub: _Substitute) -> str:
    """Replace full UK postcodes, in any case and with or without the space, with [POSTCODE]."""
    return sub(_POSTCODE, POSTCODE, text) if _POSTCODE_INWARD.search(text) else text


def _replace_addresses(text: str, sub: _Substitute) -> str:
    """Replace a house number, street name and street type (and any flat number) with [ADDRESS]."""
    if not _mentions_any(text, _STREET_TYPE_HINTS):
        return text
    text = sub(_ADDRESS, ADDRESS, text)
    return sub(_FLAT_BEFORE_ADDRESS, ADDRESS, text) if ADDRESS in text else text


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


def _replace_titled_names(text: str, sub: _Substitute) -> str:
    """Replace one or two capitalised words after a title or role with [NAME], keeping the title."""
    if not _mentions_any(text, _TITLE_HINTS):
        return text
    return sub(_TITLED_NAME, _name, text)


def _replace_shouted_names(text: str, sub: _Substitute) -> str:
    """Replace one or two words in capitals after a title ("MRS O'REILLY") with [NAME]."""
    if not _mentions_any(text, _TITLE_HINTS):
        return text
    return sub(_SHOUTED_TITLED_NAME, _name, text)


def _replace_introduced_names(text: str, sub: _Substitute) -> str:
    """Replace a name after "my name is", "signed", "regards" and similar with [NAME]."""
    if not _mentions_any(text, _INTRODUCTION_WORDS):
        return text
    return sub(_INTRODUCED_NAME, _name, text)


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
    _replace_shouted_names,
    _replace_introduced_names,
)


def _anonymise_once(text: str, sub: _Substitute) -> str:
    for detector in _DETECTORS:
        text = detector(text, sub)
    return text


def _plain_sub(pattern: re.Pattern[str], replacement: _Replacement, text: str) -> str:
    # Tokens hold no backslashes, so a string replacement is taken literally.
    return pattern.sub(replacement, text)


def anonymise(text: str) -> str:
    """Return ``text`` with personal data replaced by tokens such as ``[NAME]`` and ``[PHONE]``.

    Detection runs on a folded copy (see `fold`); everything outside a replaced span keeps the
    person's own characters. Pure, deterministic, linear in ``len(text)`` and idempotent.
    """
    folded = _fold_with_origins(text)
    tracker = None if folded is None else _Tracker(text, *folded)
    sub = _plain_sub if tracker is None else tracker.sub
    current = text if tracker is None else tracker.text
    for _ in range(_MAX_PASSES):
        replaced = _anonymise_once(current, sub)
        if replaced == current:
            break
        current = replaced
    return current if tracker is None else tracker.result()


# --- folding ---------------------------------------------------------------------------------
# Pasted text carries the same data in other characters: no-break and thin spaces, en dashes,
# zero-width spaces, full-width digits. Detection runs on a folded copy in which each of those is
# its ASCII form (or gone), with a map from every folded character back to the original, so that
# only the characters inside a replaced span are lost.

_SEPARATOR_FOLDS = {"Zs": " ", "Zl": "\n", "Zp": "\n", "Pd": "-"}
# Invisible to a reader, so they must be invisible to the patterns too: format characters (Cf:
# zero-width spaces and joiners, word joiner, BOM, soft hyphen, bidirectional controls) and marks
# left over once NFKC has composed what it can (a keycap or an underline on a digit).
_DROPPED_CATEGORIES = frozenset({"Cf", "Mn", "Me"})
_EXTRA_FOLDS = {"\u2212": "-"}  # MINUS SIGN (Sm) is typed for a dash in phone numbers
# Past this many distinct characters the tables stop remembering, so memory stays bounded.
_FOLD_CACHE_SIZE = 20_000


def _fold_normalised(text: str) -> str:
    """Fold characters already in NFKC: separators to ASCII, Unicode digits to ASCII, marks out."""
    pieces = []
    for char in text:
        category = unicodedata.category(char)
        if char in _EXTRA_FOLDS:
            pieces.append(_EXTRA_FOLDS[char])
        elif category in _DROPPED_CATEGORIES:
            continue
        elif category == "Nd":
            pieces.append(str(unicodedata.decimal(char)))
        else:
            pieces.append(_SEPARATOR_FOLDS.get(category, char))
    return "".join(pieces)


class _FoldTable(dict):
    """A `str.translate` table from each character to its folded form, filled on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        normal = unicodedata.normalize("NFKC", char)
        if len(normal) > 1 and not (normal.isascii() and normal.isalpha()):
            # Only ligatures ("ﬁ") may grow: "½" or a long Arabic ligature stays one character,
            # so the folded text is never much longer than what was sent.
            normal = char
        folded = _fold_normalised(normal)
        if len(self) < _FOLD_CACHE_SIZE:
            self[code] = folded
        return folded


class _FoldLengthTable(dict):
    """A `str.translate` table from each character to chr(length of its folded form)."""

    def __missing__(self, code: int) -> str:
        length = chr(len(_FOLDS[code]))
        if len(self) < _FOLD_CACHE_SIZE:
            self[code] = length
        return length


_FOLDS = _FoldTable()
_FOLD_LENGTHS = _FoldLengthTable()


def fold(text: str) -> str:
    """Return ``text`` as the patterns see it: NFKC, ASCII spaces and dashes, no invisibles."""
    folded = _fold_with_origins(text)
    return text if folded is None else folded[0]


_Origins = tuple[list[int], list[int]]


def _fold_with_origins(text: str) -> tuple[str, Callable[[], _Origins]] | None:
    """The folded text, and a function giving each folded character's original start and end.

    None when folding changes nothing, which is true of all ASCII text. The map is only built
    when something is replaced: most text needs none.
    """
    if text.isascii():
        return None
    if not unicodedata.is_normalized("NFC", text):
        # Decomposed input ("e" + combining acute): composition joins characters, so fold
        # each base character with its combining marks.
        folded, starts, ends = _fold_by_cluster(text)
        return folded, lambda: (starts, ends)
    folded = text.translate(_FOLDS)
    if folded == text:
        return None
    return folded, partial(_per_character_origins, text)


def _per_character_origins(text: str) -> _Origins:
    """Each character folds to 0, 1 or more characters, and all of them point back to it."""
    lengths = text.translate(_FOLD_LENGTHS).encode("latin-1")
    if lengths.count(1) == len(lengths):
        return list(range(len(text))), list(range(1, len(text) + 1))
    # Iterators, not a Python loop: 50,000 characters cost a few milliseconds.
    starts = list(chain.from_iterable(map(repeat, range(len(text)), lengths)))
    return starts, [start + 1 for start in starts]


def _fold_by_cluster(text: str) -> tuple[str, list[int], list[int]]:
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and unicodedata.combining(text[end]):
            continue
        folded = unicodedata.normalize("NFC", text[start:end]).translate(_FOLDS)
        pieces.append(folded)
        starts.extend([start] * len(folded))
        ends.extend([end] * len(folded))
        start = end
    return "".join(pieces), starts, ends


def _after_marks(text: str, index: int) -> int:
    """The index past any combining marks at ``index``: a keycap or accent left on a token."""
    while index < len(text) and unicodedata.category(text[index]) in ("Mn", "Me"):
        index += 1
    return index


def _changed_part(old: str, new: str) -> tuple[int, int]:
    """How much of ``old`` a replacement keeps at each end, never cutting into a new token."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    bracket = new.find("[", 0, prefix)
    prefix = prefix if bracket == -1 else bracket
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    bracket = new.rfind("]", len(new) - suffix)
    suffix = suffix if bracket == -1 else len(new) - bracket - 1
    return prefix, suffix


class _Tracker:
    """Folded text under replacement, remembering where each character came from."""

    def __init__(self, original: str, folded: str, origins: Callable[[], _Origins]):
        self.original = original
        self.text = folded
        self.origins = origins
        self.starts: list[int] = []
        self.ends: list[int] = []
        # 1 for characters written by a replacement (tokens), 0 for the person's own.
        self.replaced = bytearray(len(folded))
        self.mapped = False

    def sub(self, pattern: re.Pattern[str], replacement: _Replacement, text: str) -> str:
        """`pattern.sub` on the current text, keeping the map to the original up to date."""
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        replaced = bytearray()
        kept_from = 0
        for match in pattern.finditer(text):
            new = replacement(match) if callable(replacement) else replacement
            if new == match[0]:
                continue
            if not self.mapped:
                self.starts, self.ends = self.origins()
                self.mapped = True
            prefix, suffix = _changed_part(match[0], new)
            start, end = match.start() + prefix, match.end() - suffix
            middle = new[prefix : len(new) - suffix]
            pieces += (text[kept_from:start], middle)
            starts += self.starts[kept_from:start]
            ends += self.ends[kept_from:start]
            replaced += self.replaced[kept_from:start]
            if end > start:
                span_start, span_end = self.starts[start], self.ends[end - 1]
            else:  # an insertion: none of the patterns make one, but keep the map whole
                span_start = span_end = (
                    self.starts[start] if start < len(text) else len(self.original)
                )
            starts += [span_start] * len(middle)
            ends += [span_end] * len(middle)
            replaced += b"\x01" * len(middle)
            kept_from = end
        if not pieces:
            return text
        pieces.append(text[kept_from:])
        self.starts = starts + self.starts[kept_from:]
        self.ends = ends + self.ends[kept_from:]
        self.replaced = replaced + self.replaced[kept_from:]
        self.text = "".join(pieces)
        return self.text

    def result(self) -> str:
        """The original text with each replaced span, and only those, swapped for its tokens."""
        pieces = []
        copied_to = 0
        start = self.replaced.find(1)
        while start != -1:
            end = self.replaced.find(0, start)
            end = len(self.replaced) if end == -1 else end
            pieces += (self.original[copied_to : self.starts[start]], self.text[start:end])
            copied_to = _after_marks(self.original, max(copied_to, self.ends[end - 1]))
            start = self.replaced.find(1, end)
        if not pieces:
            return self.original
        pieces.append(self.original[copied_to:])
        return "".join(pieces)
