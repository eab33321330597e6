"""A faster drop-in for quantulum3's disambiguation without a classifier, with the same answers.

Why: for every ambiguous unit surface ("m", "mi", "ton", even "vehicles" read as a unit) quantulum3's fallback
(``no_classifier.disambiguate_no_classifier``) scans its whole training set, ~800 Wikipedia snippets and ~1M
words, once per candidate unit, and this was two thirds of counterclaim's extraction time. The score it computes
for a unit, (number of training words of that unit found in the text) / (characters of that unit's training
text), only needs each unit's words with their multiplicities, which we index once per language.

"Found in the text" is a substring test (``word in text``). Testing each of a unit's ~4,000 distinct words
against the sentence was still 15% of extraction, so the sentence's own substrings up to ``_SHORT`` characters
are looked up in the vocabulary instead (a few thousand set lookups per sentence, shared by every candidate
unit); the ~100 longer training words are tested one by one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from quantulum3 import load
from quantulum3 import no_classifier as _no_clf

_SHORT = 24  # substrings up to this length are enumerated; longer training words are searched for directly


@dataclass(frozen=True)
class _Index:
    units: dict[str, tuple[int, dict[str, int]]]  # unit name -> (characters of its training texts, word -> times)
    vocabulary: frozenset[str]  # every training word of at most _SHORT characters
    long_words: tuple[str, ...]  # the others


@lru_cache(maxsize=4)
def _index(lang: str) -> _Index:
    totals: Counter[str] = Counter()
    words: dict[str, Counter[str]] = {}
    for word_set in load.training_set(lang):
        unit = word_set["unit"]
        totals[unit] += len(word_set["text"])
        words.setdefault(unit, Counter()).update(word_set["text"].split(" "))
    every = set().union(*words.values())
    return _Index(units={unit: (totals[unit], dict(words[unit])) for unit in words},
                  vocabulary=frozenset(w for w in every if len(w) <= _SHORT),
                  long_words=tuple(sorted(w for w in every if len(w) > _SHORT)))


@lru_cache(maxsize=256)  # quantulum3 asks once per ambiguous quantity, often several times per sentence
def _present(text: str, lang: str) -> frozenset[str]:
    """The training words that occur in ``text`` as substrings (the empty word always does)."""
    index = _index(lang)
    size = len(text)
    found = {text[i:i + n] for n in range(1, _SHORT + 1) for i in range(size - n + 1)} & index.vocabulary
    found.update(w for w in index.long_words if w in text)
    if "" in index.vocabulary:
        found.add("")
    return frozenset(found)


def disambiguate(entities, text: str, lang: str = "en_US"):
    """Same contract and result as ``quantulum3.no_classifier.disambiguate_no_classifier``."""
    index = _index(lang)
    present = _present(text, lang)
    max_entity, max_count, max_relative = None, 0, 0
    for entity in entities:
        total, counted = index.units.get(entity.name, (0, {}))
        count = sum(counted.get(word, 0) for word in present)
        relative = count / total if total else 0
        if relative > max_relative or (relative == max_relative and count > max_count):
            max_entity, max_count, max_relative = entity, count, relative
    return max_entity


def install() -> None:
    """Route quantulum3's fallback through the index (quantulum3.disambiguate looks the function up per call)."""
    _no_clf.disambiguate_no_classifier = disambiguate
