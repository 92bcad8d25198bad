"""Story passes that read a date from the order of the telling: a day counted from the story ('two
days later'), the day of the telling ('has just arrived'), the next leg of a trip, and no done
event after the day it is told."""
from __future__ import annotations

import datetime as dt
import re

from extract.dates import ResolvedDate, document_day, month_of, shift_month, unresolved
from extract.datespans import DAY_WORDS, NUMBER_WORDS, WEEKDAY, clean_span
from extract.events.base import Candidate
from extract.lexicon import word_set
from extract.story import Story, is_dated, own_date
from extract.story.passes import CONTEXT_SENTENCES, day_told, fits_what_it_says, took_date
from schemas.events import TimeExpr


# --- "Today, X met Y" under a listing's date line "02-11-2021"

def date_words_from_heading(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """'today', 'yesterday', 'this morning' in an entry under a day line (a listing of releases,
    a live blog's earlier day) count from that day, not from publication (flag date_from_heading)."""
    for candidate in candidates:
        heading = story.headings[candidate.position]
        if heading is None or story.reference is None or not is_dated(candidate):
            continue
        if clean_span(candidate.date.expr.text or "") not in DAY_WORDS or heading.expr.date_start == story.reference:
            continue
        day = heading.expr.date_start + (candidate.date.expr.date_start - story.reference)
        candidate.date = ResolvedDate(candidate.date.expr.model_copy(update={"date_start": day, "date_end": day}),
                                      candidate.date.flags)
        candidate.flags.append("date_from_heading")
    return candidates


# --- "Two days later, she met Y", "The day before, he had visited Z": a day counted from the story

_COUNT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_STORY_OFFSET = re.compile(
    rf"\b(?:(?P<n>\d+|{_COUNT})\s+(?P<unit>day|week|month)s?\s+(?P<dir>later|earlier|after|before)"
    r"|the\s+(?P<rel>next|following|previous)\s+day|the\s+day\s+(?P<dir2>before|after))\b", re.I)
# how far back the dated sentence a "two days later" counts from may be
OFFSET_SENTENCES = 3


def date_relative_to_story(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """An event told 'two days later', 'the day before', 'a day after the strike' is dated by
    counting from the day of the story's latest dated sentence before it (flag
    date_relative_to_story). 'The attack came a day after forces detained 27': an event inside
    the 'after' phrase precedes the day told, one outside follows it."""
    for candidate in candidates:
        if is_dated(candidate) or (m := _STORY_OFFSET.search(candidate.sentence.text)) is None:
            continue
        before = story.dates[max(0, candidate.position - OFFSET_SENTENCES):candidate.position]
        anchor = next((d for d in reversed(before) if d is not None and d.expr.precision == "day"), None)
        if m["unit"] and m["unit"].lower() == "month":
            told = _months_from(m, _month_anchor(candidate, candidates, anchor), candidate)
        elif anchor is not None:
            day = anchor.expr.date_start + dt.timedelta(days=_offset_days(m, candidate))
            told = ResolvedDate(TimeExpr(text=m.group(0), date_start=day, date_end=day, precision="day", basis="relative"))
        else:
            continue
        if told is not None and fits_what_it_says(told, candidate, story.reference):
            took_date(candidate, told, "date_relative_to_story")
    return candidates


def _month_anchor(candidate: Candidate, candidates: list[Candidate], day: ResolvedDate | None) -> ResolvedDate | None:
    """What 'two months earlier' counts from: the latest event told with a day or month of its own
    in the sentences just before ('visited Seoul in October 2024. ... two months earlier'), else
    the latest dated sentence."""
    told = [c.date for c in candidates if own_date(c) and c.date.expr.precision in ("day", "month")
            and 0 < candidate.position - c.position <= OFFSET_SENTENCES]
    return told[-1] if told else day


def _months_from(m: re.Match, anchor: ResolvedDate | None, candidate: Candidate) -> ResolvedDate | None:
    """The month that many months from the anchor's: a month, as the count says no day."""
    if anchor is None:
        return None
    start = anchor.expr.date_start
    year, month = shift_month(start.year, start.month, _offset_days(m, candidate))
    return month_of(m.group(0), year, month, "relative")


def _offset_days(m: re.Match, candidate: Candidate) -> int:
    if m["rel"] or m["dir2"]:
        return -1 if (m["rel"] == "previous" or m["dir2"] == "before") else 1
    n = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"].lower()]
    n *= 7 if m["unit"].lower() == "week" else 1  # (months count months: _months_from)
    direction = m["dir"].lower()
    if direction in ("after", "before"):  # the trigger inside "after <clause>" is the earlier event
        start = candidate.sentence.start_char
        word = next((t for t in candidate.sentence if t.idx - start == m.start("dir")), None)
        clause = word.head if word is not None and word.dep_ == "mark" else word  # "after police detained 27"
        inside = clause is not None and candidate.trigger in clause.subtree
        return n * (-1 if (direction == "after") == inside else 1)
    return n if direction == "later" else -n


# --- "X has just arrived in Y", "just finished hosting a meeting": the day of the telling

def date_just_now(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """An undated event told as just done ('has just arrived', 'just finished hosting a meeting')
    happened on the day it is told: the reference date (basis document, flag date_just_now)."""
    reference = story.reference
    for candidate in candidates:
        if reference is None or is_dated(candidate) or candidate.status != "occurred":
            continue
        verbs = [a for a in [candidate.trigger, *candidate.trigger.ancestors] if a.pos_ in ("VERB", "AUX")][:2]
        if any(c.lower_ == "just" and c.dep_ == "advmod" for v in verbs for c in v.children):
            took_date(candidate, document_day(reference), "date_just_now")
    return candidates


# --- "Zhang arrives on Monday ... He will then travel to Y for talks on Wednesday": an itinerary

def date_after_earlier_leg(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """A plan told as the next leg of a trip ('then', 'later', 'next') on a bare weekday is the
    first such weekday after the earlier leg's day, not one before it: on a Wednesday, 'arrive
    on Monday ... then talks on Wednesday' is next week's Wednesday."""
    sequence = word_set("triggers", "sequence_words")
    planned = [c for c in candidates if c.status == "planned" and day_told(c)]
    for candidate in planned:
        if not any(t.lower_ in sequence for t in candidate.sentence) or not _bare_weekday(candidate):
            continue
        earlier = [c.date.expr.date_end for c in planned if c.position < candidate.position
                   and candidate.position - c.position <= CONTEXT_SENTENCES]
        day = candidate.date.expr.date_start
        if earlier and max(earlier) > day:
            moved = day + dt.timedelta(days=7 * ((max(earlier) - day).days // 7 + 1))
            candidate.date = ResolvedDate(candidate.date.expr.model_copy(update={"date_start": moved, "date_end": moved}),
                                          candidate.date.flags)
            candidate.flags.append("weekday_after_earlier_leg")
    return candidates


def _bare_weekday(candidate: Candidate) -> bool:
    m = WEEKDAY.match(clean_span(candidate.date.expr.text or ""))
    return m is not None and m["rel"] is None


# --- a date that cannot be the event's

def no_done_event_after_its_telling(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """An event told as done (occurred, reported) is not dated after the day it is told: such a
    date belongs to another clause ('two have been delivered; the others are due in 2026'). The
    date is dropped and flagged (date_after_publication): a wrong date is worse than none."""
    reference = story.reference
    for candidate in candidates:
        if (reference is not None and is_dated(candidate) and candidate.status != "planned"
                and candidate.date.expr.date_start > reference):
            candidate.date = unresolved(candidate.date.expr.text, *candidate.date.flags, "date_after_publication")
            candidate.flags.append("date_after_publication")
    return candidates
