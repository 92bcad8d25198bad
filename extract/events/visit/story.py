"""Story passes of visits: arrivals in 'the kingdom', restated visits, and stays that go on."""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from extract.dates import ResolvedDate, document_day
from extract.docindex import entities_in
from extract.events.base import Candidate
from extract.story import Story, is_dated, own_date
from extract.syntax.tree import entity_text

# How many days an arrival or a planned meeting may lie from a stay and still belong to it.
STAY_DAYS = 3
# How far back a restatement ('It is her first visit') may find the visit it restates.
RESTATEMENT_SENTENCES = 2


def _visit_of(candidate: Candidate, actor: str | None, place: str | None = None) -> bool:
    return (candidate.event_type == "visit" and candidate.fields.get("actor") == actor
            and not candidate.signals.place_anaphor and place in (None, candidate.fields.get("location")))


def resolve_place_anaphors(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """'... before he arrived in the kingdom in the evening': the arrival is in the one place the
    same traveller visits elsewhere in the story (not one named beside the anaphor). An arrival
    shortly before that stay begins it; one that names no such place is dropped."""
    kept = []
    for candidate in candidates:
        if candidate.event_type != "visit" or not candidate.signals.place_anaphor:
            kept.append(candidate)
            continue
        place = _place_referred_to(candidate, candidates)
        if place is None:
            continue
        if not own_date(candidate) and story.dates[candidate.position] is not None:
            candidate.date = story.dates[candidate.position]  # "told reporters on Monday, before he arrived in ..."
        stay = next((c for c in candidates if _visit_of(c, candidate.fields["actor"], place) and is_dated(c)), None)
        if stay is not None and _begins(candidate, stay):
            expr = stay.date.expr
            stay.date = ResolvedDate(expr.model_copy(update={"date_start": candidate.date.expr.date_start}), stay.date.flags)
            stay.flags.append("start_from_arrival")
            continue
        candidate.fields["location"] = place
        candidate.flags.append("place_from_anaphor")
        kept.append(candidate)
    return kept


def _place_referred_to(arrival: Candidate, candidates: list[Candidate]) -> str | None:
    named_beside = {entity_text(e[0]) for e in entities_in(arrival.sentence) if e.root.dep_ == "pobj"
                    and e.root.head.lower_ in ("in", "at", "to", "from")}  # "told reporters in X before ..."
    places = {c.fields["location"] for c in candidates if _visit_of(c, arrival.fields.get("actor"))
              and c.fields["location"] not in named_beside and (c.status == "planned") == (arrival.status == "planned")}
    return places.pop() if len(places) == 1 else None


def _begins(arrival: Candidate, stay: Candidate) -> bool:
    if not is_dated(arrival) or arrival.date.expr.precision != "day":
        return False
    gap = (stay.date.expr.date_start - arrival.date.expr.date_start).days
    return 0 <= gap <= STAY_DAYS


# --- "It is her first visit to Y": a restatement, or the visit going on as the story is told

_RESTATING_SUBJECTS = {"it", "this", "that"}


def _copular_restatement(candidate: Candidate) -> Token | None:
    """The copula of 'It is / This will be X's Nth visit to Y', if the visit is told that way."""
    noun = candidate.trigger
    copula = noun.head
    if candidate.event_type != "visit" or noun.dep_ != "attr" or copula.lemma_ != "be":
        return None
    subject = next((c for c in copula.children if c.dep_ in ("nsubj", "expl")), None)
    return copula if subject is not None and subject.lower_ in _RESTATING_SUBJECTS else None


def fold_restatements(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """'X is visiting Canberra. It is her first visit to Australia.' is one visit: the ordinal
    goes to the visit just told and the restatement is dropped. With no such visit before it,
    a present-tense 'This is X's second visit to Y' is a visit going on at publication."""
    kept: list[Candidate] = []
    for candidate in candidates:
        copula = _copular_restatement(candidate)
        if copula is None:
            kept.append(candidate)
            continue
        told_before = _visit_told_just_before(candidate, candidates)
        if told_before is not None:
            told_before.fields["ordinal"] = told_before.fields.get("ordinal") or candidate.fields.get("ordinal")
            continue
        if copula.tag_ in ("VBZ", "VBP") and _may_be_today(candidate, story.reference):
            candidate.date = document_day(story.reference)
            candidate.flags.append("date_from_publication")
        kept.append(candidate)
    return kept


def _may_be_today(candidate: Candidate, reference: dt.date | None) -> bool:
    """Undated, or dated only by a period that holds the publication day ('third visit this year')."""
    if reference is None:
        return False
    if not is_dated(candidate):
        return True
    expr = candidate.date.expr
    return expr.precision != "day" and expr.date_start <= reference <= expr.date_end


def _visit_told_just_before(candidate: Candidate, candidates: list[Candidate]) -> Candidate | None:
    """The traveller's visit of the sentences just before, or one to the same place told anywhere
    earlier ('X is paying a visit to Y from the 13th ... This is his third visit to Y')."""
    actor, place = candidate.fields.get("actor"), candidate.fields.get("location")
    earlier = [c for c in reversed(candidates) if c.event_type == "visit" and c is not candidate
               and c.position < candidate.position and c.fields.get("actor") == actor]
    return next((c for c in earlier if candidate.position - c.position <= RESTATEMENT_SENTENCES), None) or next(
        (c for c in earlier if place and c.fields.get("location") == place), None)


# --- "In Y for his fifth visit, X met ...": a stay, from its arrival to its last planned talks

def extend_stays(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """A stay going on as the story is told ('In Y for his fifth visit, X met ...', its date only
    borrowed) lasts until the traveller's talks planned there, or with no place given, in the
    next few days, unless a trip elsewhere comes first."""
    for stay in candidates:
        if not _ongoing_stay(stay, story.reference):
            continue
        actor, place = stay.fields.get("actor"), stay.fields.get("location")
        end = stay.date.expr.date_end
        plans = [c.date.expr.date_end for c in candidates if _planned_talks_of(c, actor, place)
                 and 0 < (c.date.expr.date_end - end).days <= STAY_DAYS]
        last = max(plans, default=None)
        if last is None or any(_visit_of(c, actor) and c.fields.get("location") != place and is_dated(c)
                               and end < c.date.expr.date_start <= last for c in candidates):
            continue
        stay.date = ResolvedDate(stay.date.expr.model_copy(update={"date_end": last}), stay.date.flags)
        stay.flags.append("end_from_plans")
    return candidates


def _planned_talks_of(candidate: Candidate, actor: str | None, place: str | None) -> bool:
    """Planned talks with the traveller among their participants, there (or nowhere said),
    dated to the day."""
    return (candidate.event_type == "meeting" and candidate.status == "planned"
            and actor in candidate.fields.get("participants", ()) and candidate.fields.get("location") in (None, place)
            and is_dated(candidate) and candidate.date.expr.precision == "day")


def _ongoing_stay(stay: Candidate, reference: dt.date | None) -> bool:
    """A visit told by its noun, with no date of its own, that reaches the publication day."""
    if stay.event_type != "visit" or stay.status != "occurred" or stay.trigger.pos_ != "NOUN" or not is_dated(stay):
        return False
    borrowed = not own_date(stay) or "date_from_publication" in stay.flags
    return borrowed and stay.date.expr.date_end == reference


STORY_PASSES = (resolve_place_anaphors, fold_restatements, extend_stays)
