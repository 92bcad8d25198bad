"""The story: a document's sentences in order, with the date each main clause is about.

Story passes revise the candidates of a whole document, in the order `extract.story.order`
writes down; each is a function `(candidates, story) -> candidates`. Generic passes live in
`extract.story.passes`, a kind's own ones in its package (`extract/events/<kind>/story.py`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Span

from extract.dates import ResolvedDate
from extract.events.base import Candidate

# Dates taken from the sentence before or from the report of an approval: guesses that a
# later anaphor naming the event corrects.
BORROWED_DATES = ("date_from_context", "date_from_report")
# Dated only by the document ('as of publication'): a telling dated by its own words tells more.
DOCUMENT_DATES = ("as_of_publication",)


@dataclass
class Story:
    """The document's sentences in order, each with the date its main clause is about
    (None for blanked sentences and undated ones)."""

    reference: dt.date | None
    sentences: list[Span | None] = field(default_factory=list)
    dates: list[ResolvedDate | None] = field(default_factory=list)

    def add_sentence(self, sent: Span | None, date: ResolvedDate | None) -> None:
        self.sentences.append(sent)
        self.dates.append(date)


StoryPass = Callable[[list[Candidate], Story], list[Candidate]]


def is_dated(candidate: Candidate) -> bool:
    return candidate.is_dated


def own_date(candidate: Candidate) -> bool:
    """Dated by its own sentence, not borrowed from the story."""
    return is_dated(candidate) and not any(f in BORROWED_DATES for f in candidate.flags)
