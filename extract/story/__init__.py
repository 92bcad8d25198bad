"""The story: a document's sentences in order, with the date each main clause is about.

Story passes revise the candidates of a whole document, in the order `extract.story.order`
writes down; each is a function `(candidates, story) -> candidates`. Generic passes live in
`extract.story.passes`, a kind's own ones in its package (`extract/events/<kind>/story.py`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Span

from extract.dates import ResolvedDate, resolve_date
from extract.docindex import text_of
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
    headings: list[ResolvedDate | None] = field(default_factory=list)  # the day line above each sentence

    def add_sentence(self, sent: Span | None, date: ResolvedDate | None) -> None:
        self.sentences.append(sent)
        self.dates.append(date)
        heading = self.headings[-1] if self.headings else None
        if sent is not None and is_day_heading(sent):
            # "Wednesday, March 11" or "02-11-2021" alone on its line: the day of what follows
            line = date or resolve_date(sent.text.strip(), self.reference)
            heading = line if line is not None and line.expr.precision == "day" else heading
        self.headings.append(heading)


_ENTRY = re.compile(r"\s*\d{1,2}[:.]\d{2}\s*(?:[-–—|:]|GMT|BST|CET|[AP]M)")  # "12:00 - ", "09.30 GMT"


_NUMERIC_LINE = re.compile(r"^\s*\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d\s*$")


_LIST_ITEM = re.compile(r"\s*(?:[-•*–▪]|\(?[a-z0-9]{1,2}[.)])\s")  # "- 14 drones;", "(a) ", "2. "


def is_list_item(sent: Span | None) -> bool:
    """A bullet or numbered line of a list: a part of what the sentence above it told."""
    if sent is None:
        return False
    text = text_of(sent.doc)
    line = text.rfind("\n", 0, sent.start_char) + 1
    return bool(_LIST_ITEM.match(text, line, sent.end_char))


def is_day_heading(sent: Span) -> bool:
    """A line that is only a date ('Tuesday, March 10', '02-11-2021'): it dates the entries below it."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    dated = all(t.ent_type_ in ("DATE", "TIME") for t in words) or bool(_NUMERIC_LINE.match(sent.text))
    return bool(words) and dated and "\n" in sent.text_with_ws


def is_entry(sent: Span) -> bool:
    """In a live blog's entry: a line that opens with a time of day ('12:00 - X met Y'), the
    time parsed into the sentence or apart from it."""
    text = text_of(sent.doc)
    line = text.rfind("\n", 0, sent.start_char) + 1
    return bool(_ENTRY.match(text, line, sent.end_char))


def without_entry_time(text: str) -> str:
    """'18:00 - Officials' -> 'Officials': a live blog entry's time the parser put into a phrase."""
    m = _ENTRY.match(text)
    return text[m.end():].lstrip(" -–—|:") if m else text


StoryPass = Callable[[list[Candidate], Story], list[Candidate]]


def is_dated(candidate: Candidate) -> bool:
    return candidate.is_dated


def own_date(candidate: Candidate) -> bool:
    """Dated by its own sentence, not borrowed from the story."""
    return is_dated(candidate) and not any(f in BORROWED_DATES for f in candidate.flags)
