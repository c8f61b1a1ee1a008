"""Spot free text that discloses a risk of harm, so a person can act and the writer is signposted.

Pure (no database, no network): the request uses it to show urgent-help signposting at once, and
the worker uses it to flag the response for the safeguarding lead. It errs towards flagging: a
false alarm costs a lead a minute, a miss can cost far more. Common idioms ("I could kill for a cup
of tea", "to die for") are removed first so everyday praise and grumbles are not flagged.
"""

import re

from feedback.choices import QuestionKind

SELF_HARM = "self_harm"
ABUSE = "abuse"
NEGLECT = "neglect"
VIOLENCE = "violence"
# The kinds of extra question whose answers are free text, read like the main text.
FREE_TEXT_KINDS = (QuestionKind.SINGLE_LINE, QuestionKind.MULTI_LINE)

REASON_LABELS = {
    SELF_HARM: "Suicide or self-harm",
    ABUSE: "Abuse",
    NEGLECT: "Neglect",
    VIOLENCE: "Violence or threats",
}

_IDIOMS = re.compile(
    r"\b(?:could|would|'d)\s+(?:literally\s+)?kill\s+for\b"
    r"|\bkill\s+for\s+an?\b"
    r"|\bkill(?:ing|ed)?\s+(?:me|us|them|him|her)\s+with\s+kindness\b"
    r"|\bdying\s+(?:to|for)\b"
    r"|\bto\s+die\s+for\b"
    r"|\b(?:die|died|dying)\s+(?:of\s+)?(?:laughing|laughter|embarrassment|boredom|shame)\b"
    r"|\b(?:bored|scared|worried|frightened)\s+to\s+death\b"
    r"|\bkill(?:ing)?\s+(?:two\s+birds|time)\b"
    r"|\bkilling\s+it\b"
    r"|\bdressed\s+to\s+kill\b"
    r"|\b(?:is|are|was|were|'s|'re)\s+killing\s+me\b"
    r"|\b(?:heart|panic|anxiety|asthma)\s+attacks?\b"
)

_PATTERNS: dict[str, re.Pattern[str]] = {
    SELF_HARM: re.compile(
        r"\bsuicid\w*"
        r"|\bself[\s-]?harm\w*"
        r"|\b(?:kill|killing|killed|hurt|hurting|harm|harming|cut|cutting)\s+my\s?self\b"
        r"|\b(?:end|ending|take|taking)\s+my\s+(?:own\s+)?life\b"
        r"|\bend\s+it\s+all\b"
        r"|\b(?:want|wanted|wanna)\s+(?:to\s+)?die\b"
        r"|\bwish\s+i\s+(?:was|were)\s+dead\b"
        r"|\bbetter\s+off\s+dead\b"
        r"|\b(?:no\s+reason|nothing)\s+to\s+live\s+for\b"
        r"|\b(?:do\s+not|don't|dont)\s+want\s+to\s+(?:live|be\s+alive|be\s+here\s+any\s?more)\b"
        r"|\boverdos\w*"
        r"|\blife\s+(?:is\s+)?not\s+worth\s+living\b"
    ),
    ABUSE: re.compile(
        r"\babus(?:e|ed|es|ing|ive|er|ers)\b"
        r"|\b(?:sexually\s+)?assaulted\b"
        r"|\brap(?:e|ed|ing)\b"
        r"|\btouched\s+me\s+inappropriately\b"
        r"|\b(?:hits|hit|hitting|beats|beat|beating|slaps|slapped|kicks|kicked|punch\w*)\s+"
        r"(?:me|my|him|her|them|us)\b"
        r"|\bcoercive\s+control\w*"
        r"|\bgroom(?:ed|ing)\b"
        r"|\bexploit(?:ed|ing|ation)\b"
        r"|\b(?:stole|steals|stealing|took|takes)\s+(?:my|his|her|their)\s+(?:money|pension|bank\s+card)\b"
    ),
    NEGLECT: re.compile(
        r"\bneglect\w*"
        r"|\bleft\s+(?:me|him|her|them|mum|dad)\s+(?:alone\s+)?(?:in|with)\s+"
        r"(?:soiled|dirty|wet)\b"
        r"|\blying\s+in\s+(?:my|his|her|their)\s+own\s+(?:urine|faeces|feces|wee|poo|mess)\b"
        r"|\b(?:no|without)\s+(?:food|water|food\s+or\s+water)\s+for\s+(?:hours|days)\b"
        r"|\b(?:not|never)\s+(?:been\s+)?(?:fed|washed|given\s+(?:food|water|a\s+drink))\b"
    ),
    VIOLENCE: re.compile(
        r"\b(?:threat\w*|going|gonna|tried|trying|wants?|said\s+(?:he|she|they)\s+(?:would|will))"
        r"\s+(?:to\s+)?(?:kill|hurt|harm|stab|shoot|strangle|beat\s+up)\b(?!\s+my\s?self)"
        r"|\b(?:will|would|'ll|'d)\s+(?:kill|stab|shoot|strangle)\s+"
        r"(?:me|you|him|her|them|us|someone|somebody|everyone|staff)\b"
        r"|\bkill\s+(?:him|her|them|you|someone|somebody|everyone|staff)\b"
        r"|\bstab(?:bed|bing|s)?\b"
        r"|\b(?:with|pulled|carrying|carries|had)\s+a\s+(?:knife|gun|weapon)\b"
        r"|\bdomestic\s+(?:violence|abuse)\b"
        r"|\bviolen(?:t|ce)\b"
        r"|\battack(?:ed|ing|s)?\b"
        r"|\bstrangl\w*"
    ),
}


def detect_risk(text: str) -> list[str]:
    """Reasons the text suggests a risk of harm (self-harm, abuse, neglect, violence), in order."""
    normalised = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    normalised = _IDIOMS.sub(" ", normalised)
    return [reason for reason, pattern in _PATTERNS.items() if pattern.search(normalised)]


def risk_in(*, text: str, answers: list[dict]) -> list[str]:
    """Risk reasons in the free text and in free-text answers to extra questions."""
    free_answers = [str(a["answer"]) for a in answers if a.get("kind") in FREE_TEXT_KINDS]
    return detect_risk("\n".join([text, *free_answers]))
