"""Theme tagging against the hand-labelled corpus: per-theme and macro precision and recall.

Tags every comment of tests/data/theme_corpus.csv with the default taxonomy (feedback/taxonomy.py)
through the same code the worker runs, and prints a table of precision, recall and sign agreement
per theme, the macro averages, and the time per comment. The keywords were written with that corpus
in view, so it also prints the macro and micro figures of two held-out sets, comments written after
the keywords were fixed and never tuned on (theme_corpus_holdout.csv, theme_corpus_holdout2.csv):
what to expect on comments nobody tuned for. Only their totals are printed, so nobody tunes on them
by accident. No database is needed. Run from the repository root:

    PYTHONPATH=. .venv/bin/python bench/themes.py [--mistakes]

Targets, on the corpus: macro precision at least 0.85 and macro recall at least 0.75. Prints
PASS/FAIL; exits 1 on FAIL. --mistakes lists every corpus comment whose themes differ from its
labels.
"""

import os
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CORPUS = DATA / "theme_corpus.csv"
HELD_OUT = {"held out": DATA / "theme_corpus_holdout.csv",
            "held out 2": DATA / "theme_corpus_holdout2.csv"}  # fmt: skip
TARGET_PRECISION = 0.85
TARGET_RECALL = 0.75


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    django.setup()
    from feedback.taxonomy import DEFAULT_THEMES
    from feedback.theme_evaluation import default_predictor, evaluate, load_corpus

    corpus = load_corpus(CORPUS)
    slugs = [spec.slug for spec in DEFAULT_THEMES]
    predict = default_predictor()
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
          f"macro recall {result.macro_recall:.3f} (target {TARGET_RECALL})")  # fmt: skip
    print()
    print(f"{'set':<12} {'comments':>8} {'macro P':>8} {'macro R':>8} {'micro P':>8} "
          f"{'micro R':>8} {'sign agrees':>11}")  # fmt: skip
    sets = [("corpus", corpus, result)]
    for name, path in HELD_OUT.items():
        held_out = load_corpus(path)
        sets.append((name, held_out, evaluate(corpus=held_out, predict=predict, slugs=slugs)))
    for name, comments, scores in sets:
        print(f"{name:<12} {len(comments):>8} {scores.macro_precision:>8.3f} "
              f"{scores.macro_recall:>8.3f} {scores.micro_precision:>8.3f} "
              f"{scores.micro_recall:>8.3f} {scores.sign_agreement:>11.3f}")  # fmt: skip
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
