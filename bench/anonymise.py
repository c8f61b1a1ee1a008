"""Benchmark feedback.anonymise: typical throughput and worst case on pathological input.

Run from the repository root with the root on the import path:

    PYTHONPATH=. python bench/anonymise.py

Targets: median <= 1 ms per 1,000 characters of realistic feedback, <= 50 ms for the slowest
5,000-character pathological input, and <= 50 ms for 50,000 characters of any single repeated
character or separator (every printable ASCII character, the Unicode spaces, dashes and invisible
characters the anonymiser folds, and a few others). Prints PASS/FAIL per target; exits 1 on any
FAIL.
"""

import random
import statistics
import sys
import time

from feedback.anonymise import anonymise

SEED = 20250314
CORPUS_SIZE = 200
CORPUS_REPEATS = 15
PATHOLOGICAL_LENGTH = 5000
PATHOLOGICAL_REPEATS = 5
MEDIAN_TARGET_MS = 1.0
WORST_TARGET_MS = 50.0
REPEATED_LENGTH = 50_000
REPEATED_REPEATS = 3
REPEATED_TARGET_MS = 50.0
# Characters the anonymiser folds (spaces, dashes, invisibles, full-width and other digits) and a
# few it leaves alone (accents, curly quotes, emoji, a lone combining mark).
UNICODE_SINGLES = (
    "\u00a0\u2002\u2007\u2009\u202f\u205f\u3000\u2028"
    "\u2010\u2011\u2013\u2014\u2212\uff0d"
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202e\u2066\u2069"
    "\uff10\uff11\u0661\uff20\ufe6b\uff21\ufb01\u00bd\u2460"
    "\u00e9\u2019\u201c\U0001f60a\u0301\u20e3\ufe0f"
)

FIRST_NAMES = ["Jane", "Amir", "Siobhan", "Tom", "Priya", "Grace", "Mohammed", "Olu", "Kate"]
SURNAMES = ["Smith", "O'Brien", "Patel", "Smith-Jones", "Nguyen", "Evans", "McDonald", "Khan"]
TITLES = ["Dr", "Dr.", "Nurse", "Sister", "Mr", "Mrs", "Staff Nurse", "Matron", "Prof"]
STREETS = ["Acacia Avenue", "High Street", "Church Lane", "Mill Road", "Oak Tree Close"]
POSTCODES = ["SW1A 1AA", "ls1 4ap", "M1 1AE", "B33 8TH", "EC1A 1BB"]
PHONES = ["07700 900123", "020 7946 0958", "+44 (0)7700 900456", "0113 496 0000", "(01632) 960123"]
DATES = ["12/03/1955", "3rd of May 1955", "14 March 2025", "2025-03-14", "March 14th, 2025"]
ORDINARY = [
    "I waited 4 hours in A&E but the staff were kind.",
    "Ward 7 was clean and the food was fine.",
    "They told me to call 111 if it got worse.",
    "My 3 year old was seen within 20 minutes.",
    "I was given 500mg twice a day for 2-3 days.",
    "Parking cost £3.50 which is too much.",
    "Overall 8/10, would recommend.",
    "The appointment at 10:30 ran late by 45 minutes.",
    "In March the clinic moved to level 2.",
    "I am 82 and found the signs hard to read.",
    "The nurse was kind and explained everything.",
    "Bay 3 bed 12 was by a draughty window.",
    "Reception were helpful and the wait was about 1/2 hour.",
    "Covid-19 rules were explained clearly.",
]


def _personal_sentence(rng: random.Random) -> str:
    title = rng.choice(TITLES)
    name = rng.choice([rng.choice(SURNAMES), f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"])
    templates = [
        f"{title} {name} was brilliant and listened to me.",
        f"Please ring me on {rng.choice(PHONES)} about my mum.",
        f"My NHS number is 943 476 5919 and my date of birth is {rng.choice(DATES)}.",
        f"I live at {rng.randint(1, 250)} {rng.choice(STREETS)}, Leeds {rng.choice(POSTCODES)}.",
        f"Email me at {rng.choice(FIRST_NAMES).lower()}.{rng.randint(1, 99)}@example.com.",
        f"My hospital number is RX{rng.randint(1000000, 9999999)} if you need it.",
        f"I was seen on {rng.choice(DATES)} by {title} {name}.",
        f"Kind regards, {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
    ]
    return rng.choice(templates)


def build_corpus(seed: int = SEED, size: int = CORPUS_SIZE) -> list[str]:
    """Return ``size`` realistic patient comments mixing personal data and ordinary text."""
    rng = random.Random(seed)
    corpus = []
    for _ in range(size):
        sentences = rng.sample(ORDINARY, rng.randint(1, 5))
        for _ in range(rng.randint(0, 3)):
            sentences.insert(rng.randint(0, len(sentences)), _personal_sentence(rng))
        corpus.append(" ".join(sentences))
    return corpus


def pathological_inputs(length: int = PATHOLOGICAL_LENGTH) -> dict[str, str]:
    """Return adversarial inputs of exactly ``length`` characters, keyed by a short label."""
    units = {
        "digits": "1",
        "zeros": "0",
        "spaced digits": "1 ",
        "dashed digits": "1-",
        "dotted digits": "1.",
        "slashed digits": "1/",
        "alternating separators": "1 2-3.4/",
        "Dr Dr Dr": "Dr ",
        "Dr. Dr.": "Dr. ",
        "title and name": "Dr Smith ",
        "a@a@a@": "a@",
        "dotted emails": "a.",
        "spaces": " ",
        "dots": ".",
        "+44 repeated": "+44 ",
        "0044 repeated": "0044",
        "(0) repeated": "(0)",
        "capitalised words": "Aaa ",
        "capitalised hyphenated": "Aaa-Bbb ",
        "house numbers": "12 Aaa ",
        "flat prefixes": "Flat 1, ",
        "postcode-like": "AB1 ",
        "NI-like": "QQ 12 ",
        "months": "14 March ",
        "ordinals": "1st of ",
        "phone fragments": "07700 ",
        "my name is": "my name is ",
        "brackets": "(",
        "apostrophes": "O'",
    }
    return {label: (unit * (length // len(unit) + 1))[:length] for label, unit in units.items()}


def repeated_inputs(length: int = REPEATED_LENGTH) -> dict[str, str]:
    """Return ``length`` copies of each single character, keyed by its code point."""
    singles = [chr(code) for code in range(0x20, 0x7F)] + ["\t", "\n", *UNICODE_SINGLES]
    return {f"U+{ord(char):04X}": char * length for char in singles}


def _median_seconds(text: str, repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        anonymise(text)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def _report(label: str, value_ms: float, target_ms: float) -> bool:
    passed = value_ms <= target_ms
    verdict = "PASS" if passed else "FAIL"
    print(f"{verdict}  {label}: {value_ms:.3f} ms (target <= {target_ms:g} ms)")
    return passed


def main() -> int:
    """Run both measurements, print figures and verdicts, and return the exit status."""
    corpus = build_corpus()
    anonymise("warm up Dr Smith 07700 900123")

    per_comment_ms = [
        _median_seconds(comment, CORPUS_REPEATS) * 1000 / len(comment) * 1000 for comment in corpus
    ]
    whole = "\n".join(corpus)
    whole_ms = _median_seconds(whole, CORPUS_REPEATS) * 1000 / len(whole) * 1000
    median_ms = statistics.median(per_comment_ms)
    print(f"corpus: {len(corpus)} comments, {len(whole):,} characters (seed {SEED})")
    print(
        f"       per comment, ms per 1,000 chars: median {median_ms:.3f}, "
        f"max {max(per_comment_ms):.3f}"
    )
    print(f"       whole corpus in one call, ms per 1,000 chars: {whole_ms:.3f}")

    worst_label, worst_ms = "", 0.0
    for label, text in pathological_inputs().items():
        elapsed_ms = _median_seconds(text, PATHOLOGICAL_REPEATS) * 1000
        if elapsed_ms > worst_ms:
            worst_label, worst_ms = label, elapsed_ms
    print(
        f"pathological: {len(pathological_inputs())} inputs of {PATHOLOGICAL_LENGTH:,} chars, "
        f"slowest {worst_label!r}"
    )

    repeated = repeated_inputs()
    timings = {
        label: _median_seconds(text, REPEATED_REPEATS) * 1000 for label, text in repeated.items()
    }
    slowest = sorted(timings, key=timings.get, reverse=True)[:5]
    print(
        f"repeated: {len(repeated)} characters, each {REPEATED_LENGTH:,} times; slowest "
        + ", ".join(f"{label} {timings[label]:.1f} ms" for label in slowest)
    )

    results = [
        _report("median per 1,000 chars (per comment)", median_ms, MEDIAN_TARGET_MS),
        _report("worst 5,000-char pathological input", worst_ms, WORST_TARGET_MS),
        _report(
            f"worst {REPEATED_LENGTH:,} chars of one repeated character",
            timings[slowest[0]],
            REPEATED_TARGET_MS,
        ),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
