import pytest

from feedback.safeguarding import ABUSE, NEGLECT, SELF_HARM, VIOLENCE, detect_risk

CASES = [
    # Disclosures of risk
    ("I want to kill myself", [SELF_HARM]),
    ("Some days I think about ending my life", [SELF_HARM]),
    ("I have thought about suicide since the diagnosis", [SELF_HARM]),
    ("I feel suicidal most nights", [SELF_HARM]),
    ("I've been self-harming again", [SELF_HARM]),
    ("I keep cutting myself and nobody asked why", [SELF_HARM]),
    ("I want to end my life", [SELF_HARM]),
    ("I'm going to take my own life", [SELF_HARM]),
    ("Honestly I wish I was dead", [SELF_HARM]),
    ("I don't want to live any more", [SELF_HARM]),
    ("I don\u2019t want to be here anymore", [SELF_HARM]),
    ("I took an overdose last week", [SELF_HARM]),
    ("My partner hits me when he drinks", [ABUSE]),
    ("I was abused by a carer at the home", [ABUSE]),
    ("She was sexually assaulted on the ward", [ABUSE]),
    ("My son takes my pension every week", [ABUSE]),
    ("Mum was neglected for days", [NEGLECT]),
    ("Dad was left lying in his own urine all night", [NEGLECT]),
    ("She was not fed for two days", [NEGLECT]),
    ("He threatened to kill me", [VIOLENCE]),
    ("A patient said he would stab staff", [VIOLENCE]),
    ("A man pulled a knife in the waiting room", [VIOLENCE]),
    ("My husband is violent", [VIOLENCE]),
    ("It's domestic abuse", [ABUSE, VIOLENCE]),
    ("I tried to hurt myself", [SELF_HARM]),
    ("He beat me and I want to die", [SELF_HARM, ABUSE]),
    # Everyday idioms and ordinary feedback
    ("I could kill for a cup of tea after that wait", []),
    ("I would literally kill for a decent chair in the waiting room", []),
    ("The nurses were killing me with kindness", []),
    ("I was dying to get home", []),
    ("The food was to die for", []),
    ("My back is killing me but the physio helped", []),
    ("I nearly died laughing at the receptionist's joke", []),
    ("Bored to death in the waiting room", []),
    ("Had a panic attack but the team were brilliant", []),
    ("He had a heart attack and the paramedics saved him", []),
    ("The staff were kind and the ward was clean", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_detect_risk(text, expected):
    assert detect_risk(text) == expected


def test_case_and_curly_apostrophes_do_not_matter():
    assert detect_risk("I WANT TO KILL MYSELF") == [SELF_HARM]
    assert detect_risk("I don\u2019t want to live") == [SELF_HARM]


def test_long_text_is_quick_and_found():
    text = "The ward was busy. " * 250 + "I want to end it all."
    assert detect_risk(text) == [SELF_HARM]
