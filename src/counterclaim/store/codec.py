"""ArticleAnalysis <-> JSON, so that per-article extraction results can be checkpointed in the store.

Why: parsing is the expensive stage, but resolve and reconcile need every article's analysis. Keeping the
analyses (not the spaCy parses) as JSON lets an interrupted or repeated ``analyze`` reload them instead of
parsing again. JSON rather than pickle: a store may come from someone else, and unpickling runs code.
The codec follows the dataclasses' type hints, so a field added to ``model`` round-trips without code here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import types
import typing
from datetime import date
from functools import lru_cache
from typing import Any, Literal, Union

from ..extract.magnitudes import Magnitude
from ..model import Article, ArticleAnalysis, Event

# Fields typed loosely in model.py (to keep it free of extract imports), with the type they hold.
_FIELD_TYPES: dict[tuple[type, str], Any] = {(Event, "magnitude"): Magnitude | None}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _FIELD_TYPES.get((cls, f.name), hints[f.name])) for f in dataclasses.fields(cls))


def _decode(value: Any, hint: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        return _decode(value, next(a for a in typing.get_args(hint) if a is not type(None)))
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_decode(v, item) for v in value]
    if origin is set:
        (item,) = typing.get_args(hint)
        return {_decode(v, item) for v in value}
    if origin is dict:
        _, item = typing.get_args(hint)
        return {k: _decode(v, item) for k, v in value.items()}
    if origin is Literal or hint in (str, int, float, bool, Any, object):
        # strings interned as Span.of does (names, cue words and clauses recur across a corpus's analyses);
        # JSON keeps 1 and 1.0 apart, so numbers come back as they were
        return sys.intern(value) if isinstance(value, str) else value
    if hint is date:
        return date.fromisoformat(value)
    if dataclasses.is_dataclass(hint):
        return hint(**{name: _decode(value[name], h) for name, h in _hints(hint) if name in value})
    raise TypeError(f"cannot decode {hint!r}")


def encode_analysis(analysis: ArticleAnalysis) -> str:
    return json.dumps(_encode(analysis), ensure_ascii=False, separators=(",", ":"))


def decode_analysis(text: str) -> ArticleAnalysis:
    return _decode(json.loads(text), ArticleAnalysis)


def fingerprint(article: Article, extractor: str) -> str:
    """What an analysis depends on: every field of the input article (text, publication date for relative
    dates, outlet...) and the extractor that made it (counterclaim version, model, attribution mode). Not where it
    was read: a record that moves down its JSONL file, or a renamed file, is the same article."""
    fields = _encode(article)
    del fields["origin"]
    payload = json.dumps([extractor, fields], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
