"""Theme tagging against the hand-labelled corpus: per-theme and macro precision and recall.

Tags every comment of tests/data/theme_corpus.csv with the default taxonomy (feedback/taxonomy.py)
through the same code the worker runs, and prints a table of precision, recall and sign agreement
per theme, the macro averages, and the time per comment. The keywords were written with that corpus
in view, so it also prints the macro figures on tests/data/theme_corpus_holdout.csv, comments
written after the keywords were fixed: what to expect on comments nobody tuned for. No database is
needed. Run from the repository root:

    PYTHONPATH=. .venv/bin/python bench/themes.py [--mistakes]

Targets, on the corpus: macro precision at least 0.85 and macro recall at least 0.75. Prints
PASS/FAIL; exits 1 on FAIL. --mistakes lists every comment whose themes differ from its labels.
"""

import os
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "theme_corpus.csv"
HOLDOUT = ROOT / "tests" / "data" / "theme_corpus_holdout.csv"
TARGET_PRECISION = 0.85
TARGET_RECALL = 0.75


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    django.setup()
    from feedback.taxonomy import DEFAULT_THEMES
    from feedback.theme_evaluation import evaluate, load_corpus
    from feedback.themes import find_themes

    corpus = load_corpus(CORPUS)
    taxonomy = tuple((n, "\n".join(spec.keywords)) for n, spec in enumerate(DEFAULT_THEMES))
    slugs = [spec.slug for spec in DEFAULT_THEMES]

    def predict(text: str) -> dict[str, str]:
        return {slugs[n]: sign for n, sign in find_themes(text, taxonomy=taxonomy).items()}

    predict("warm up: the lemma dictionary and VADER's lexicon load once")
    started = time.perf_counter()
    result = evaluate(corpus=corpus, predict=predict, slugs=slugs)
    per_comment_ms = 1000 * (time.perf_counter() - started) / len(corpus)

    print(f"{len(corpus)} comments, {len(slugs)} themes, {per_comment_ms:.2f} ms per comment")
    print(f"{'theme':<32} {'labelled':>8} {'precision':>9} {'recall':>7} {'sign agrees':>11}")
    for slug, score in result.scores.items():
        precision = f"{score.precision:.2f}" if score.precision is not None else "-"
        recall = f"{score.recall:.2f}" if score.recall is not None else "-"
        signs = f"{score.sign_agreed / score.true_positives:.2f}" if score.true_positives else "-"
        print(f"{slug:<32} {score.labelled:>8} {precision:>9} {recall:>7} {signs:>11}")
    print(f"macro precision {result.macro_precision:.3f} (target {TARGET_PRECISION}), "
          f"macro recall {result.macro_recall:.3f} (target {TARGET_RECALL}), "
          f"sign agreement {result.sign_agreement:.3f}")  # fmt: skip
    held_out = load_corpus(HOLDOUT)
    other = evaluate(corpus=held_out, predict=predict, slugs=slugs)
    print(f"micro precision {result.micro_precision:.3f}, micro recall {result.micro_recall:.3f}")
    print(f"held out ({len(held_out)} comments written after the keywords): macro precision "
          f"{other.macro_precision:.3f}, macro recall {other.macro_recall:.3f}, micro precision "
          f"{other.micro_precision:.3f}, micro recall {other.micro_recall:.3f}, "
          f"sign agreement {other.sign_agreement:.3f}")  # fmt: skip
    if "--mistakes" in sys.argv:
        for comment, found in result.mistakes:
            print(
                f"\n#{comment.id} {comment.text}\n  labelled {comment.themes}\n  found    {found}"
            )
    passed = (result.macro_precision >= TARGET_PRECISION
              and result.macro_recall >= TARGET_RECALL)  # fmt: skip
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
