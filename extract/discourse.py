"""Rules across sentences: what one sentence's events take from the story around them.

A sentence often leaves its date to the story ("He also met Z." after "On Tuesday, X met Y."),
restates an event told just before ("It is her first visit to Y."), or is dated by a later
anaphor ("... This Nov. 3 standoff ..."). Each rule flags the events it changes, so that
analysts can tell a stated date from an inferred one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from extract.clauses import dates_a_report, entity_text, is_date_mention, own_subtree
from extract.dates import ResolvedDate, is_same_day, resolve_date
from extract.events.base import Candidate
from extract.lexicon import word_set
from schemas import TimeExpr
from extract.docindex import entities_in, sentence_of

# How far back an undated visit or meeting may take the date of the story it continues.
CONTEXT_SENTENCES = 2
# How far ahead an anaphor ("this Nov. 3 standoff", "our talks today") may date an event: it
# dates only the nearest earlier event of its kind, so a wider reach costs little precision.
ANAPHOR_SENTENCES = 6
CONTEXT_TYPES = {"visit", "meeting"}

# Words that make a figure a running total rather than one incident's toll.
CUMULATIVE_WORDS = {"since", "total", "overall", "altogether", "war", "conflict", "year", "years",
                    "months", "ever", "cumulative"}

# Dates taken from the sentence before or from the report of an approval: guesses that a
# later anaphor naming the event corrects.
_BORROWED_DATES = ("date_from_context", "date_from_report")


# A lead incident this close to publication is breaking news: the article's other figures
# count its victims unless they say they count something longer (CUMULATIVE_WORDS).
INCIDENT_WINDOW_DAYS = 7


@dataclass
class Story:
    """The document's sentences in order, each with the date its main clause is about
    (None for blanked sentences and undated ones), and the events found so far."""

    reference: dt.date | None
    sentences: list[Span | None] = field(default_factory=list)
    dates: list[ResolvedDate | None] = field(default_factory=list)
    told: list[tuple[Candidate, int]] = field(default_factory=list)  # event, sentence position

    def add_sentence(self, sent: Span | None, date: ResolvedDate | None) -> None:
        self.sentences.append(sent)
        self.dates.append(date)


def is_dated(candidate: Candidate) -> bool:
    return bool(candidate.date and candidate.date.expr.date_start)


# Words of a count updated or still standing: its date is when it was counted, not the incident's.
_AS_OF_WORDS = {"rise", "climb", "reach", "increase", "jump", "remain", "stand", "bury", "still"}


def _as_of(sent: Span) -> bool:
    return any(t.lemma_.lower() in _AS_OF_WORDS or t.lower_ == "still" for t in sent)


def _incident_figure(candidate: Candidate) -> bool:
    """A casualty figure told in the simple past ('killed 12') belongs to the incident being told;
    present perfect ('have been killed') is a running total, and past perfect ('had been killed')
    looks back from the story's time, so it is not dated by the sentence before."""
    if candidate.event_type != "casualty_figure":
        return False
    cumulative = any(t.lower_ in CUMULATIVE_WORDS for t in sentence_of(candidate.trigger))
    return candidate.fields.get("verb_tag") == "VBD" and not cumulative


def _present_tense(trigger: Token) -> bool:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else next(
        (a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.tag_ in ("VBZ", "VBP") and verb.lemma_ != "be" and not any(
        c.dep_ == "aux" for c in verb.children)


def _says_same_day(sent: Span) -> bool:
    """'later in the day', 'that day', 'the same day': the day the story is about."""
    return any(e.label_ in ("DATE", "TIME") and is_same_day(e.text) for e in entities_in(sent))


def date_from_context(candidate: Candidate, story: Story) -> None:
    """An undated visit or meeting right after a dated sentence happened on that date
    ('On Tuesday, X met Y. He also met Z.'); 'later in the day' reaches back to the story's
    last dated sentence however far it is."""
    if is_dated(candidate) or not (candidate.event_type in CONTEXT_TYPES or _incident_figure(candidate)):
        return
    sent = sentence_of(candidate.trigger)
    recent = story.dates if _says_same_day(sent) else story.dates[-CONTEXT_SENTENCES:]
    context = next((d for d in reversed(recent) if d is not None), None)
    reference = story.reference
    if context is None or reference is None or _present_tense(candidate.trigger):
        return  # "as X flies to Y" is about now, whatever the sentence before was about
    if candidate.event_type == "casualty_figure" and any(is_date_mention(e) for e in entities_in(sent)):
        return  # the figure has its own period ("in the past week"), even if it is no point in time
    if candidate.event_type == "visit" and candidate.status == "planned":
        return  # an itinerary's next stop ("She will also visit Z") is not on the day just told
    start = context.expr.date_start
    if (candidate.status in ("occurred", "reported") and start <= reference) or (
            candidate.status == "planned" and start >= reference):
        candidate.date = context
        candidate.flags.append("date_from_context")
        if candidate.event_type == "casualty_figure":
            candidate.status = "occurred"


def date_from_incident(candidates: list[Candidate], reference: dt.date | None) -> None:
    """Undated casualty figures in a report of a fresh incident ('An airstrike on Monday killed
    31 ... Up to 20 people may still be missing') take the incident's date, flagged."""
    figures = [c for c in candidates if c.event_type == "casualty_figure"]
    lead = next((c for c in figures if is_dated(c) and c.status == "occurred"), None)
    if lead is None or reference is None:
        return
    end = lead.date.expr.date_end or lead.date.expr.date_start
    if not (0 <= (reference - end).days <= INCIDENT_WINDOW_DAYS):
        return
    for figure in figures:
        sent = sentence_of(figure.trigger)
        if figure is not lead and is_dated(figure) and figure.date.expr.date_start > end and _as_of(sent):
            figure.date = lead.date  # "the toll rose to 41 by Sunday evening": the flood's victims
            figure.status = "occurred"
            figure.flags.append("date_from_incident")
            continue
        if is_dated(figure) or figure.fields.get("category") == "displaced":
            continue  # displacement is a stock that grows over weeks, not one incident's toll
        sibling = next((c for c in figures if sentence_of(c.trigger) == sent and is_dated(c)), None)
        if sibling is not None:  # "killed 31 on Monday and wounded 70": one clause's date
            figure.date = sibling.date
        elif any(is_date_mention(e) for e in entities_in(sent)) or any(t.lower_ in CUMULATIVE_WORDS for t in sent):
            continue
        else:
            figure.date = lead.date
        figure.status = "occurred"
        figure.flags.append("date_from_incident")


# --- "In Y for his fifth visit, X met ...": a stay, from its arrival to its last planned talks

# How many days an arrival or a planned meeting may lie from a stay and still belong to it.
STAY_DAYS = 3


def resolve_place_anaphors(story: Story) -> None:
    """'... before he arrived in the kingdom in the evening': the arrival is in the one place the
    same traveller visits elsewhere in the story (not one named beside the anaphor). An arrival
    shortly before that stay begins it; one that names no such place is dropped."""
    kept = []
    for candidate, position in story.told:
        if not candidate.fields.get("_place_anaphor"):
            kept.append((candidate, position))
            continue
        place = _place_referred_to(candidate, story)
        if place is None:
            continue
        if not _own_date(candidate) and story.dates[position] is not None:
            candidate.date = story.dates[position]  # "told reporters on Monday, before he arrived in ..."
        stay = next((c for c, _ in story.told if _visit_of(c, candidate.fields["actor"], place) and is_dated(c)), None)
        if stay is not None and _begins(candidate, stay):
            expr = stay.date.expr
            stay.date = ResolvedDate(expr.model_copy(update={"date_start": candidate.date.expr.date_start}), stay.date.flags)
            stay.flags.append("start_from_arrival")
            continue
        candidate.fields["location"] = place
        candidate.flags.append("place_from_anaphor")
        kept.append((candidate, position))
    story.told[:] = kept


def _visit_of(candidate: Candidate, actor: str | None, place: str | None = None) -> bool:
    return (candidate.event_type == "visit" and candidate.fields.get("actor") == actor
            and not candidate.fields.get("_place_anaphor") and place in (None, candidate.fields.get("location")))


def _place_referred_to(arrival: Candidate, story: Story) -> str | None:
    named_beside = {entity_text(e[0]) for e in entities_in(sentence_of(arrival.trigger)) if e.root.dep_ == "pobj"
                    and e.root.head.lower_ in ("in", "at", "to", "from")}  # "told reporters in X before ..."
    places = {c.fields["location"] for c, _ in story.told if _visit_of(c, arrival.fields.get("actor"))
              and c.fields["location"] not in named_beside and (c.status == "planned") == (arrival.status == "planned")}
    return places.pop() if len(places) == 1 else None


def _begins(arrival: Candidate, stay: Candidate) -> bool:
    if not is_dated(arrival) or arrival.date.expr.precision != "day":
        return False
    gap = (stay.date.expr.date_start - arrival.date.expr.date_start).days
    return 0 <= gap <= STAY_DAYS


def extend_stays(candidates: list[Candidate], reference: dt.date | None) -> None:
    """A stay going on as the story is told ('In Y for his fifth visit, X met ...', its date only
    borrowed) lasts until the traveller's talks planned there, or with no place given, in the
    next few days, unless a trip elsewhere comes first."""
    for stay in candidates:
        if not _ongoing_stay(stay, reference):
            continue
        actor, place = stay.fields.get("actor"), stay.fields.get("location")
        end = stay.date.expr.date_end
        plans = [c.date.expr.date_end for c in candidates if c.event_type == "meeting" and c.status == "planned"
                 and actor in c.fields.get("participants", ()) and c.fields.get("location") in (None, place)
                 and is_dated(c) and c.date.expr.precision == "day" and 0 < (c.date.expr.date_end - end).days <= STAY_DAYS]
        last = max(plans, default=None)
        if last is None or any(_visit_of(c, actor) and c.fields.get("location") != place and is_dated(c)
                               and end < c.date.expr.date_start <= last for c in candidates):
            continue
        stay.date = ResolvedDate(stay.date.expr.model_copy(update={"date_end": last}), stay.date.flags)
        stay.flags.append("end_from_plans")


def _ongoing_stay(stay: Candidate, reference: dt.date | None) -> bool:
    """A visit told by its noun, with no date of its own, that reaches the publication day."""
    if stay.event_type != "visit" or stay.status != "occurred" or stay.trigger.pos_ != "NOUN" or not is_dated(stay):
        return False
    borrowed = not _own_date(stay) or "date_from_publication" in stay.flags
    return borrowed and stay.date.expr.date_end == reference


# --- "The purchase was approved by parliament in December": a deal told before, approved again

_RETOLD_FIGURES = ("item", "quantity", "unit", "value_usd", "value_qualifier", "recipient")


def arms_from_antecedent(story: Story) -> None:
    """An approval of 'the purchase' or 'the export' takes its figures from the nearest arms
    package told before it. The same authority approving it again is the same event (it only
    lends its date to an undated telling); with no package before it, it gives no event."""
    kept = []
    for candidate, position in story.told:
        if not candidate.fields.get("_retold"):
            kept.append((candidate, position))
            continue
        package = next((c for c, p in reversed(story.told[:len(kept)]) if c.event_type == "arms_authorization"
                        and not c.fields.get("_retold") and p <= position), None)
        if package is None:
            continue
        if candidate.fields.get("actor") in (None, package.fields.get("actor")):
            if not is_dated(package) and is_dated(candidate):
                package.date = candidate.date
            continue
        for name in _RETOLD_FIGURES:
            candidate.fields[name] = candidate.fields.get(name) or package.fields.get(name)
        candidate.flags.append("figures_from_antecedent")
        kept.append((candidate, position))
    story.told[:] = kept


# --- "At least 212 people have been injured, the agency said on Wednesday": a count as of its statement

def date_from_statement(candidates: list[Candidate], reference: dt.date | None) -> None:
    """A casualty figure left undated by its incident is dated by the statement that gives it
    (status stays `reported`, flag date_from_report): the count stood at that on that day.
    Running totals and displacement stay undated."""
    for figure in candidates:
        if figure.event_type != "casualty_figure" or is_dated(figure) or not _one_incident(figure):
            continue  # a running total "since April last year" has no day of its own
        said = next((e for e in entities_in(sentence_of(figure.trigger)) if is_date_mention(e) and dates_a_report(e)), None)
        resolved = resolve_date(said.text, reference, "past") if said is not None else None
        if resolved is not None and resolved.expr.date_start and resolved.expr.precision == "day":
            figure.date = resolved
            figure.flags.append("date_from_report")


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


def fold_restatements(story: Story) -> list[Candidate]:
    """'X is visiting Canberra. It is her first visit to Australia.' is one visit: the ordinal
    goes to the visit just told and the restatement is dropped. With no such visit before it,
    a present-tense 'This is X's second visit to Y' is a visit going on at publication."""
    kept: list[Candidate] = []
    for candidate, position in story.told:
        copula = _copular_restatement(candidate)
        if copula is None:
            kept.append(candidate)
            continue
        told_before = _visit_told_just_before(candidate, position, story)
        if told_before is not None:
            told_before.fields["ordinal"] = told_before.fields.get("ordinal") or candidate.fields.get("ordinal")
            continue
        if copula.tag_ in ("VBZ", "VBP") and _may_be_today(candidate, story.reference):
            candidate.date = ResolvedDate(TimeExpr(text=None, date_start=story.reference, date_end=story.reference,
                                                   precision="day", basis="document"))
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


def _visit_told_just_before(candidate: Candidate, position: int, story: Story) -> Candidate | None:
    actor = candidate.fields.get("actor")
    return next((c for c, p in reversed(story.told) if c.event_type == "visit" and c is not candidate
                 and 1 <= position - p <= CONTEXT_SENTENCES and c.fields.get("actor") == actor), None)


# --- "During a meeting in November, X told Y ... This Nov. 3 standoff ...": a later anaphor

_ANAPHOR_DETERMINERS = {"this", "that", "the", "our", "their", "his", "her"}


def _anaphors(sent: Span) -> list[tuple[Span, set[str]]]:
    """Dates in noun phrases that point back at an event, with the event types they can point at:
    'this Nov. 3 standoff' (a demonstrative, a date, any noun: a visit or a meeting),
    'our talks today' / 'the trip on Monday' (an event noun of one type), and for casualty
    figures the incident told again: 'the Jan. 9 raid', 'The attack took place on Jan. 9'."""
    nouns = {"meeting": word_set("triggers", "meeting", "anaphor_nouns"), "visit": word_set("triggers", "visit", "nouns"),
             "casualty_figure": word_set("casualties", "incident_nouns")}
    found = []
    for ent in (e for e in entities_in(sent) if is_date_mention(e)):
        before = sent.doc[ent.start - 1] if ent.start > sent.start else None
        after = sent.doc[ent.end] if ent.end < sent.end else None
        if before is not None and after is not None and after.pos_ == "NOUN" and before.lower_ in ("this", "that", "the"):
            types = {kind for kind, words in nouns.items() if after.lower_ in words}
            if before.lower_ != "the":
                types |= CONTEXT_TYPES  # "this Nov. 3 standoff": any visit or meeting
            found += [(ent, types)] if types else []
            continue
        noun = before
        if noun is not None and noun.lower_ == "on":  # "the meeting on Sunday", however it is parsed
            noun = sent.doc[noun.i - 1] if noun.i > sent.start else None
        if noun is not None and _definite(noun):
            types = {kind for kind, words in nouns.items() if noun.lower_ in words}
            found += [(ent, types)] if types else []
    return (found + _told_again(sent, nouns["casualty_figure"], "casualty_figure")
            + _told_again(sent, word_set("triggers", "arms", "anaphor_nouns"), "arms_authorization"))


def _definite(noun: Token) -> bool:
    return any(c.lower_ in _ANAPHOR_DETERMINERS for c in noun.children if c.dep_ in ("det", "poss"))


def _told_again(sent: Span, nouns: frozenset[str], event_type: str) -> list[tuple[Span, set[str]]]:
    """'The attack on the post took place on January 9', 'The export licence was authorized last
    month': a definite event noun as the subject of a clause that names a date."""
    found = []
    for noun in (t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in nouns and _definite(t)):
        clause = {t.i for t in own_subtree(noun.head)}  # not a date inside a nested clause
        found += [(e, {event_type}) for e in entities_in(sent) if is_date_mention(e) and e.root.i in clause
                  and e.root.i not in {t.i for t in noun.subtree}]
    return found


def date_from_anaphor(story: Story) -> None:
    """The most recent event of the anaphor's kind, when it is undated or dated only by a coarse
    or borrowed date, takes the anaphor's date if that date fits what the event itself says."""
    for position, sent in enumerate(story.sentences):
        if sent is None:
            continue
        for ent, types in _anaphors(sent):
            antecedents = _latest_told(story, position, types)
            for candidate in antecedents:
                if _day_told(candidate):
                    break  # the anaphor points at an event whose day is already told
                if candidate.event_type == "casualty_figure" and not _one_incident(candidate):
                    continue
                tense = "future" if candidate.status == "planned" else "past"
                resolved = resolve_date(ent.text, story.reference, tense)
                if resolved is not None and _precise_enough(resolved, candidate) and _fits(resolved, candidate, story.reference):
                    candidate.date = resolved
                    candidate.flags[:] = [f for f in candidate.flags if f not in _BORROWED_DATES]
                    candidate.flags.append("date_from_anaphor")
                    if candidate.event_type == "casualty_figure":
                        candidate.status = "occurred"


def _own_date(candidate: Candidate) -> bool:
    return is_dated(candidate) and not any(f in _BORROWED_DATES for f in candidate.flags)


def _day_told(candidate: Candidate) -> bool:
    """Dated to the day by its own sentence."""
    return _own_date(candidate) and candidate.date.expr.precision == "day"


def _precise_enough(resolved: ResolvedDate, candidate: Candidate) -> bool:
    """A day for visits, meetings and incidents; an approval retold 'last month' is worth its month."""
    if not resolved.expr.date_start:
        return False
    return resolved.expr.precision == "day" or candidate.event_type == "arms_authorization"


def _one_incident(figure: Candidate) -> bool:
    """A figure that may count one incident's victims: no running total, no displacement."""
    return figure.fields.get("category") != "displaced" and not any(
        t.lower_ in CUMULATIVE_WORDS for t in sentence_of(figure.trigger))


def _latest_told(story: Story, position: int, types: set[str]) -> list[Candidate]:
    """The events of the types told in the nearest earlier sentence that has any, within reach."""
    earlier = [(c, p) for c, p in story.told if c.event_type in types and 0 < position - p <= ANAPHOR_SENTENCES]
    if not earlier:
        return []
    nearest = max(p for _, p in earlier)
    return [c for c, p in earlier if p == nearest]


def _fits(resolved: ResolvedDate, candidate: Candidate, reference: dt.date | None) -> bool:
    day = resolved.expr.date_start
    if _own_date(candidate) and not (candidate.date.expr.date_start <= day <= candidate.date.expr.date_end):
        return False
    if reference is None:
        return True
    return day <= reference if candidate.status in ("occurred", "reported") else day >= reference
