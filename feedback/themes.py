"""Tag anonymised feedback with themes from the editable taxonomy, each mention signed + or -.

Keywords match word forms (lemmas from simplemma: "waited" matches "wait"), phrases and stems
("book*"). A negation just before a keyword ("not rude", "no wait at all", "never waited long")
turns its sign round. Each mention takes its sign from VADER on its own clause (the sentence up
to a comma, "but", "although"...), so "lovely nurses but the parking was awful" is positive for
staff and negative for parking.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from feedback.choices import Sentiment
from feedback.models import Theme
from feedback.sentiment import NEGATIVE_FROM, POSITIVE_FROM, score
from feedback.taxonomy import DEFAULT_THEMES
from feedback.taxonomy_cy import WELSH_KEYWORDS

# Keyword lines: "word", "a phrase", "stem*", a sign ("rude -", "kind +") used when the clause
# itself says nothing either way (VADER neutral) and turned round by a negation,
# "ignore: waiting room" for words that look like the theme but are not ("waiting room"), and
# "ignore: toilet* ~ dirty" for words that belong to another theme in that company.
IGNORE_PREFIX = "ignore:"
NEGATORS = frozenset({
    "not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "without", "hardly",
    "barely", "cannot", "cant", "dont", "didnt", "wasnt", "werent", "isnt", "arent", "wont",
    "couldnt", "wouldnt", "shouldnt", "havent", "hasnt", "hadnt", "doesnt", "lack",
    # Welsh: "ddim" (not), "dim" (no), "heb" (without), "byth" (never), "nid"/"nad" (not).
    "ddim", "dim", "heb", "byth", "nid", "nad",
})  # fmt: skip
# Stems are filed by this many first letters, so each word is compared with few of them.
STEM_PREFIX = 2
# A negation this many words before a keyword negates it: "did not have to wait".
NEGATION_WINDOW = 3
# A mention's clause ends at these: a sentence end, a comma, or a word that turns the sense.
CLAUSE_BREAK = re.compile(
    r"[.!?;:\n\r]+|,|\s[-–]\s|\b(?:but|however|although|though|whereas|except|apart from)\b", re.I
)
TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
LANGUAGES = ("en", "cy")


@lru_cache(maxsize=50_000)
def lemma(token: str, lang: str = "en") -> str:
    """The dictionary form of one lower-case word (simplemma), "waited" -> "wait"."""
    from simplemma import lemmatize

    return lemmatize(token, lang=lang).lower()


def tokens(text: str) -> list[str]:
    """Lower-case words, apostrophes kept inside a word and curly ones made straight."""
    return TOKEN.findall(text.lower().replace("\u2019", "'"))


def _is_negator(token: str) -> bool:
    return token in NEGATORS or token.endswith("n't")


@dataclass(frozen=True)
class Keyword:
    """One keyword or phrase as written (the last word may be a stem), and its lean."""

    words: tuple[str, ...]
    stem: bool = False
    sign: int = 0


@dataclass(frozen=True)
class Pair:
    """A line "lovely|kind ~ nurse*|staff": one of the first and one of the second in a clause."""

    first: tuple[Keyword, ...]
    second: tuple[Keyword, ...]
    sign: int = 0

    def possible(self, vocabulary: frozenset[str]) -> bool:
        """Whether each side's first words are among the clause's words: a cheap test first."""
        return all(
            any(k.words[0] in vocabulary if not (k.stem and len(k.words) == 1)
                else any(w.startswith(k.words[0]) for w in vocabulary) for k in side)
            for side in (self.first, self.second)
        )  # fmt: skip


@dataclass
class Index:
    """Every theme's keywords in one language, looked up by their first word."""

    lang: str
    # first word -> [(theme id, keyword, is an ignored phrase)]
    exact: dict[str, list[tuple[int, Keyword, bool]]] = field(default_factory=dict)
    # keywords that are one stem, by their first letters: "bo" -> [("book", theme id, keyword,
    # ignored)], so a word is checked against a few stems rather than all of them
    stems: dict[str, list[tuple[str, int, Keyword, bool]]] = field(default_factory=dict)
    pairs: list[tuple[int, Pair]] = field(default_factory=list)
    # "ignore: toilet* ~ dirty|filthy": the first side does not count when the second is there
    ignored_pairs: list[tuple[int, Pair]] = field(default_factory=list)

    def add(self, theme_id: int, keyword: Keyword, ignore: bool) -> None:
        if keyword.stem and len(keyword.words) == 1:
            stem = keyword.words[0]
            self.stems.setdefault(stem[:STEM_PREFIX], []).append((stem, theme_id, keyword, ignore))
        else:
            self.exact.setdefault(keyword.words[0], []).append((theme_id, keyword, ignore))

    def candidates(self, word: str, base: str) -> list[tuple[int, Keyword, bool]]:
        found = list(self.exact.get(word, ()))
        if word != base:
            found += self.exact.get(base, ())
        # A stem shorter than the prefix is filed under its whole self: look those up too.
        prefixes = {word[:n] for n in range(1, STEM_PREFIX + 1)}
        prefixes |= {base[:n] for n in range(1, STEM_PREFIX + 1)}
        for prefix in prefixes:
            found += [(t, k, i) for stem, t, k, i in self.stems.get(prefix, ())
                      if word.startswith(stem) or base.startswith(stem)]  # fmt: skip
        return found


def keyword_list(keywords: str) -> list[str]:
    """The non-empty, lower-cased lines of a theme's keywords field."""
    return [line.strip().lower() for line in keywords.splitlines() if line.strip()]


def _lean(line: str) -> tuple[int, str]:
    if line[-2:] in (" +", " -"):
        return (1 if line[-1] == "+" else -1), line[:-2].strip()
    return 0, line


def parse_keyword(line: str) -> Keyword | None:
    """One keyword line as written; None when it has no words.

    Words are kept as written and compared with the text's words and with their dictionary forms,
    so "wait" matches "waited" while "caring" does not match "care".
    """
    sign, line = _lean(line)
    stem = line.endswith("*")
    words = tokens(line.rstrip("*"))
    return Keyword(words=tuple(words), stem=stem, sign=sign) if words else None


def parse_pair(line: str) -> Pair | None:
    """ "a|b ~ c|d" as a Pair; None when either side has no words."""
    sign, line = _lean(line)
    first, _, second = line.partition("~")
    sides = [tuple(k for k in map(parse_keyword, side.split("|")) if k)
             for side in (first, second)]  # fmt: skip
    return Pair(sides[0], sides[1], sign) if all(sides) else None


Taxonomy = tuple[tuple[int, str, str], ...]  # (theme id, English keywords, Welsh keywords)


@lru_cache(maxsize=8)
def _compile(taxonomy: Taxonomy) -> tuple[Index, ...]:
    """An index per language with keywords; cached by the taxonomy's content, so edits apply."""
    indexes = {lang: Index(lang) for lang in LANGUAGES}
    for theme_id, *per_language in taxonomy:
        for lang, keywords in zip(LANGUAGES, per_language, strict=True):
            for line in keyword_list(keywords):
                ignore = line.startswith(IGNORE_PREFIX)
                if "~" in line:
                    if pair := parse_pair(line.removeprefix(IGNORE_PREFIX).strip()):
                        pairs = indexes[lang].ignored_pairs if ignore else indexes[lang].pairs
                        pairs.append((theme_id, pair))
                    continue
                if parsed := parse_keyword(line.removeprefix(IGNORE_PREFIX).strip()):
                    indexes[lang].add(theme_id, parsed, ignore)
    return tuple(i for i in indexes.values() if i.exact or i.stems or i.pairs)


def active_taxonomy() -> Taxonomy:
    """The active themes as (id, keywords, Welsh keywords): one query, read afresh for every
    response so an edit applies at once."""
    rows = Theme.objects.filter(active=True).order_by("pk")
    return tuple(rows.values_list("pk", "keywords", "keywords_cy"))


def _normalise(taxonomy: Iterable[tuple]) -> Taxonomy:
    # Tests and benchmarks may pass (id, keywords) pairs: no Welsh keywords then.
    return tuple((row[0], row[1], row[2] if len(row) > 2 else "") for row in taxonomy)


def _found_at(keyword: Keyword, words: list[str], lemmas: list[str], start: int) -> bool:
    size = len(keyword.words)
    if start + size > len(words):
        return False
    for offset, wanted in enumerate(keyword.words):
        word, base = words[start + offset], lemmas[start + offset]
        if keyword.stem and offset == size - 1:
            if not (word.startswith(wanted) or base.startswith(wanted)):
                return False
        elif wanted not in (base, word):
            return False
    return True


def _first_at(keywords: tuple[Keyword, ...], words: list[str], lemmas: list[str]) -> int | None:
    for start in range(len(words)):
        if any(_found_at(keyword, words, lemmas, start) for keyword in keywords):
            return start
    return None


def _all_at(keywords: tuple[Keyword, ...], words: list[str], lemmas: list[str]) -> set[int]:
    """Every position covered by a match of one of the keywords."""
    covered = set()
    for start in range(len(words)):
        for keyword in keywords:
            if _found_at(keyword, words, lemmas, start):
                covered |= set(range(start, start + len(keyword.words)))
    return covered


def _pair_at(pair: Pair, words: list[str], lemmas: list[str]) -> int | None:
    """Where the pair's first side is, when both sides are in the clause."""
    at = _first_at(pair.first, words, lemmas)
    if at is None or _first_at(pair.second, words, lemmas) is None:
        return None
    return at


def _sign(compound: float) -> int:
    return 1 if compound >= POSITIVE_FROM else -1 if compound <= NEGATIVE_FROM else 0


@dataclass
class Clause:
    """A stretch of text one mention takes its sign from, split into words once."""

    text: str
    words: list[str]
    lemmas: dict[str, list[str]] = field(default_factory=dict)
    _compound: float | None = None

    def lemmas_in(self, lang: str) -> list[str]:
        if lang not in self.lemmas:
            self.lemmas[lang] = [lemma(w, lang) for w in self.words]
        return self.lemmas[lang]

    @property
    def compound(self) -> float:
        # VADER runs only on clauses that mention a theme, once each.
        if self._compound is None:
            self._compound = score(self.text)
        return self._compound


def clauses(text: str) -> list[Clause]:
    """The text cut at sentence ends, commas and words like "but": each part a clause."""
    parts = (part.strip() for part in CLAUSE_BREAK.split(text))
    return [Clause(part, tokens(part)) for part in parts if part]


def _mention_sign(clause: Clause, start: int, keyword: Keyword) -> int:
    """A leaning word's lean, turned round when negated; otherwise VADER on the clause. Zero when
    neither says: the whole response then decides (see find_themes)."""
    if keyword.sign:
        before = clause.words[max(0, start - NEGATION_WINDOW) : start]
        return -keyword.sign if any(_is_negator(word) for word in before) else keyword.sign
    return _sign(clause.compound)


def find_themes(text: str, *, taxonomy: Iterable[tuple] | None = None) -> dict[int, str]:
    """Theme id -> "positive", "negative" or "neutral" for every theme the text mentions,
    in taxonomy order; a theme mentioned both ways takes the sign of most of its mentions."""
    if not text.strip():
        return {}
    taxonomy = active_taxonomy() if taxonomy is None else _normalise(taxonomy)
    indexes = _compile(taxonomy)
    signs: dict[int, list[int]] = {}
    for clause in clauses(text):
        for index in indexes:
            lemmas = clause.lemmas_in(index.lang)
            found, ignored = [], set()
            for start, (word, base) in enumerate(zip(clause.words, lemmas, strict=True)):
                for theme_id, keyword, ignore in index.candidates(word, base):
                    if not _found_at(keyword, clause.words, lemmas, start):
                        continue
                    if ignore:
                        ignored |= {(theme_id, i) for i in range(start, start + len(keyword.words))}
                    else:
                        found.append((theme_id, start, keyword))
            vocabulary = frozenset(clause.words) | frozenset(lemmas)
            for theme_id, pair in index.ignored_pairs:
                if pair.possible(vocabulary) and _pair_at(pair, clause.words, lemmas) is not None:
                    ignored |= {(theme_id, i) for i in _all_at(pair.first, clause.words, lemmas)}
            for theme_id, pair in index.pairs:
                if not pair.possible(vocabulary):
                    continue
                at = _pair_at(pair, clause.words, lemmas)
                if at is not None:
                    found.append((theme_id, at, Keyword(words=("",), sign=pair.sign)))
            # One mention per stretch of words: "car park" is not also a mention of "park".
            found.sort(key=lambda item: (item[0], item[1], -len(item[2].words)))
            covered: set[tuple[int, int]] = set()
            for theme_id, start, keyword in found:
                if (theme_id, start) in ignored or (theme_id, start) in covered:
                    continue
                covered |= {(theme_id, i) for i in range(start, start + len(keyword.words))}
                signs.setdefault(theme_id, []).append(_mention_sign(clause, start, keyword))
    order = {row[0]: n for n, row in enumerate(taxonomy)}
    overall = None
    found = {}
    for theme_id, mentions in sorted(signs.items(), key=lambda item: order[item[0]]):
        total = sum(mentions)
        if not any(mentions):
            # No clause leaned either way: "my prescription" in a comment that is all complaint.
            overall = _sign(score(text)) if overall is None else overall
            total = overall
        found[theme_id] = _polarity(total)
    return found


def _polarity(total: int) -> str:
    if total > 0:
        return Sentiment.POSITIVE.value
    if total < 0:
        return Sentiment.NEGATIVE.value
    return Sentiment.NEUTRAL.value


def match_themes(text: str, *, taxonomy: Iterable[tuple] | None = None) -> list[int]:
    """IDs of the themes the text mentions, in taxonomy order."""
    return list(find_themes(text, taxonomy=taxonomy))


def seed_default_themes(*, theme_model=Theme) -> int:
    """Create the default themes that do not exist yet (by slug); returns how many were made.

    `theme_model` lets a data migration pass its historical model: only the fields it has are set.
    """
    fields = {f.name for f in theme_model._meta.get_fields()}
    existing = set(theme_model.objects.values_list("slug", flat=True))
    new = []
    for spec in DEFAULT_THEMES:
        if spec.slug in existing:
            continue
        values = {"name": spec.name, "slug": spec.slug, "keywords": "\n".join(spec.keywords)}
        if "category" in fields:
            values["category"] = spec.category
        if "keywords_cy" in fields:
            values["keywords_cy"] = "\n".join(WELSH_KEYWORDS.get(spec.slug, ()))
        new.append(theme_model(**values))
    theme_model.objects.bulk_create(new)
    return len(new)
