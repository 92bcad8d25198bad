"""How long a visit lasts: 'a two-day visit' from its first day, or to its last when it ended."""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Token

from extract.dates import ResolvedDate
from extract.lexicon import word_set
from extract.numbers import parse_number_words

_N_DAY = re.compile(r"\b(\w+)\s*-\s*day\b(?:\s+(\w+))?", re.IGNORECASE)
# A tour goes to several places: its length is not that of the stop an arrival begins.


def length_in_days(trigger: Token) -> int | None:
    """'a two-day visit', 'a 3-day trip' (spaCy splits 'two-day' into three tokens); not 'arrived
    in X at the start of a five-day tour of the region'."""
    subtree = list(trigger.subtree)
    text = trigger.doc[subtree[0].i: subtree[-1].i + 1].text
    for m in _N_DAY.finditer(text):
        if trigger.pos_ == "VERB" and (m[2] or "").lower() in word_set("visit", "multi_stop_nouns"):
            continue
        n = int(m[1]) if m[1].isdigit() else parse_number_words(m[1])
        if n:
            return n
    return None


def with_length(date: ResolvedDate | None, days: int | None, ends: bool) -> ResolvedDate | None:
    """'a two-day visit' from its first day, or, when it 'wrapped up' or 'ended', to its last."""
    if date is None or days is None or date.expr.precision != "day" or days < 2:
        return date
    span = dt.timedelta(days=days - 1)
    day = date.expr.date_start
    start, end = (day - span, day) if ends else (day, day + span)
    return ResolvedDate(date.expr.model_copy(update={"date_start": start, "date_end": end}), date.flags)


def ends_visit(trigger: Token) -> bool:
    """'wrapped up / ended / concluded a three-day visit', 'returned home on Sunday from a
    four-day visit'."""
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "from":
        return trigger.head.head.lemma_.lower() in ("return", "come", "fly", "arrive", "get")
    return trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in word_set("visit", "ending_verbs")
