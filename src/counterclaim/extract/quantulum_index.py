"""A faster drop-in for quantulum3's disambiguation without a classifier, with the same answers.

Why: for every ambiguous unit surface ("m", "mi", "ton", even "vehicles" read as a unit) quantulum3's fallback
(``no_classifier.disambiguate_no_classifier``) scans its whole training set, ~800 Wikipedia snippets and ~1M
words, once per candidate unit, and this was two thirds of counterclaim's extraction time. The score it computes
for a unit, (number of training words of that unit found in the text) / (characters of that unit's training
text), only needs each unit's words with their multiplicities, which we index once per language.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from quantulum3 import load
from quantulum3 import no_classifier as _no_clf


@lru_cache(maxsize=4)
def _index(lang: str) -> dict[str, tuple[int, tuple[tuple[str, int], ...]]]:
    """unit name -> (characters of its training texts, (word, times it occurs) for each distinct word)."""
    totals: Counter[str] = Counter()
    words: dict[str, Counter[str]] = {}
    for word_set in load.training_set(lang):
        unit = word_set["unit"]
        totals[unit] += len(word_set["text"])
        words.setdefault(unit, Counter()).update(word_set["text"].split(" "))
    return {unit: (totals[unit], tuple(words[unit].items())) for unit in words}


def disambiguate(entities, text: str, lang: str = "en_US"):
    """Same contract and result as ``quantulum3.no_classifier.disambiguate_no_classifier``."""
    index = _index(lang)
    max_entity, max_count, max_relative = None, 0, 0
    for entity in entities:
        total, counted = index.get(entity.name, (0, ()))
        count = sum(times for word, times in counted if word in text)
        relative = count / total if total else 0
        if relative > max_relative or (relative == max_relative and count > max_count):
            max_entity, max_count, max_relative = entity, count, relative
    return max_entity


def install() -> None:
    """Route quantulum3's fallback through the index (quantulum3.disambiguate looks the function up per call)."""
    _no_clf.disambiguate_no_classifier = disambiguate
