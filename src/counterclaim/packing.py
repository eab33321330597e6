"""Containers that keep a corpus compressed in memory and decode one article's worth at a time.

Why: a run holds every article's analysis from extraction to export, and reconcile adds a record per event. As
objects these cost ~40 KB per article, which at 10k articles dwarfs the model; compressed they cost a tenth of
that. The stages walk them in a few passes and never hold more than one article's objects at once.
"""

from __future__ import annotations

import json
import pickle
import zlib
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from typing import Any

from .model import ArticleAnalysis

Record = dict[str, Any]


def pack_analysis(analysis: ArticleAnalysis) -> bytes:
    # level 1: a quarter of the pickle's size at a fraction of the default level's time
    return zlib.compress(pickle.dumps(analysis, pickle.HIGHEST_PROTOCOL), 1)


def unpack_analysis(packed: bytes) -> ArticleAnalysis:
    # only bytes this process packed are ever unpickled, never a file's or a record's
    return pickle.loads(zlib.decompress(packed))


class PackedAnalyses(MutableSequence[ArticleAnalysis]):
    """A list of analyses, each kept packed. Reading an item decodes a fresh copy: a change to it is kept only
    by assigning it back (``analyses[i] = analysis``), which a plain list accepts too."""

    def __init__(self, analyses: Iterable[ArticleAnalysis] = ()) -> None:
        self._packed: list[bytes] = [pack_analysis(a) for a in analyses]

    @classmethod
    def of_packed(cls, packed: list[bytes]) -> PackedAnalyses:
        out = cls()
        out._packed = packed
        return out

    def __len__(self) -> int:
        return len(self._packed)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return PackedAnalyses.of_packed(self._packed[i])
        return unpack_analysis(self._packed[i])

    def __setitem__(self, i, analysis) -> None:  # type: ignore[override]
        if isinstance(i, slice):
            self._packed[i] = [pack_analysis(a) for a in analysis]
        else:
            self._packed[i] = pack_analysis(analysis)

    def __delitem__(self, i) -> None:  # type: ignore[override]
        del self._packed[i]

    def insert(self, i: int, analysis: ArticleAnalysis) -> None:
        self._packed.insert(i, pack_analysis(analysis))

    def __iter__(self) -> Iterator[ArticleAnalysis]:
        for packed in self._packed:
            yield unpack_analysis(packed)

    def reverse(self) -> None:  # the mixin's would decode and re-pack every item
        self._packed.reverse()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (list, PackedAnalyses)) and len(self) == len(other) and all(
            a == b for a, b in zip(self, other))


class PackedRecords(Sequence[Record]):
    """JSON records (a corpus-wide section such as the events) kept compressed, one block per article.

    Iteration gives them ordered by (article id, record id), decoding one article's block at a time; each pass
    decodes afresh, so callers may change what they get. Indexing decodes them all: for small corpora and tests.
    """

    def __init__(self) -> None:
        self._blocks: dict[str, bytes] = {}
        self._count = 0

    def add(self, article: str, records: list[Record]) -> None:
        """The records of one article (replacing any it had)."""
        if article in self._blocks:
            self._count -= len(self.of(article))
        if records:
            self._blocks[article] = zlib.compress(json.dumps(records, ensure_ascii=False).encode(), 1)
            self._count += len(records)
        else:
            self._blocks.pop(article, None)

    def of(self, article: str) -> list[Record]:
        packed = self._blocks.get(article)
        return json.loads(zlib.decompress(packed)) if packed is not None else []

    def articles(self) -> list[str]:
        return sorted(self._blocks)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Record]:
        for article in self.articles():
            yield from sorted(self.of(article), key=lambda r: r["id"])

    def __getitem__(self, i):  # type: ignore[override]
        return list(self)[i]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (list, PackedRecords)) and list(self) == list(other)
