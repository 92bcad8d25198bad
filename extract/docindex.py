"""A parsed document's sentences and entities, indexed once, so that rules cost linear time.

spaCy's `Token.sent`, `Span.ents` and `Doc.text` each walk the whole document. The rules ask for them for
every candidate and every date mention, which made one document's rules grow with the square
of its sentences (32 s for 1,000 sentences). These look-ups use one index per document instead,
built on first use and kept in `doc.user_data`.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

_KEY = "_extract_index"


@dataclass
class _Index:
    text: str
    sentences: list[Span]
    starts: list[int]                 # token index where each sentence starts
    entities: list[list[Span]]        # each sentence's entities, in order


def _index(doc: Doc) -> _Index:
    index = doc.user_data.get(_KEY)
    if index is None:
        sentences = list(doc.sents)
        starts = [s.start for s in sentences]
        entities: list[list[Span]] = [[] for _ in sentences]
        for ent in doc.ents:
            entities[bisect_right(starts, ent.start) - 1].append(ent)
        index = doc.user_data[_KEY] = _Index(doc.text, sentences, starts, entities)
    return index


def sentence_of(token: Token) -> Span:
    """`token.sent`, without scanning the document."""
    index = _index(token.doc)
    return index.sentences[bisect_right(index.starts, token.i) - 1]


def entities_in(span: Span) -> list[Span]:
    """`span.ents` for a sentence or a part of one, without scanning the document."""
    index = _index(span.doc)
    number = bisect_right(index.starts, span.start) - 1
    return [e for e in index.entities[number] if e.start >= span.start and e.end <= span.end]


def text_of(doc: Doc) -> str:
    """`doc.text`, built once (spaCy joins every token's text on each access)."""
    return _index(doc).text
