"""Visits: a person travels to a place (visit, trip to, arrive in, fly to)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span, Token

from extract.actors import is_pronoun
from extract.dates import ResolvedDate, resolve_date
from extract.docindex import entities_in, sentence_of
from extract.events.base import Candidate
from extract.events.visit.length import ends_visit, length_in_days, with_length
from extract.events.visit.story import STORY_PASSES  # noqa: F401  (part of the rules' interface)
from extract.inflect import phrase_inflections
from extract.lexicon import ordinals, word_set
from extract.numbers import parse_number_words
from extract.sentence import SentenceContext
from extract.syntax.dating import date_for
from extract.syntax.mentions import person_of, place_for
from extract.syntax.modality import is_called_off, is_expectation, is_negated, is_timetabled, status_of, tense_of
from extract.syntax.tree import entity_start, entity_text, governing_verb, own_subtree, subjects


@dataclass
class VisitSignals:
    """place_anaphor: the place is a noun ('arrived in the kingdom') the story resolves."""

    place_anaphor: bool = False

_PLACES = {"GPE", "LOC", "FAC"}


def _ordinal(word: str) -> int | None:
    word = word.lower()
    if word in ordinals():
        return ordinals()[word]
    digits = word.rstrip("stndrh")
    return int(digits) if digits.isdigit() and word[-2:] in ("st", "nd", "rd", "th") else None


def _ordinal_near(anchor: Token) -> int | None:
    """'fifth visit', 'for the fourth time'."""
    for tok in own_subtree(anchor):
        if tok.ent_type_ == "ORDINAL" or tok.lower_ in ordinals():
            if tok.head == anchor or tok.head.lower_ in ("time", "visit", "trip"):
                if (n := _ordinal(tok.text)) is not None:
                    return n
    return None


def _destination_of_verb(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    lex = word_set("triggers", "travel_verbs", "with_object")
    if lemma in lex:
        return place_for(verb, preps=("in", "to"))
    if lemma in word_set("triggers", "travel_verbs", "with_to"):
        return place_for(verb, preps=("to",))
    if lemma in word_set("triggers", "travel_verbs", "with_in"):
        return place_for(verb, preps=("in", "at"))
    if lemma in word_set("triggers", "travel_verbs", "with_for"):
        return place_for(verb, preps=("for",))  # "left for Warsaw"
    return None


def _place_anaphor(verb: Token) -> str | None:
    """'arrived in the kingdom', 'flew to the island nation': a definite country noun instead of a
    name. Returned as written; the story resolves it to a place named elsewhere (visit.story)."""
    if _destination_of_verb(verb) is not None or verb.lemma_.lower() not in (
            word_set("triggers", "travel_verbs", "with_in") | word_set("triggers", "travel_verbs", "with_to")):
        return None
    nouns = word_set("visit", "place_anaphor_nouns")
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "to", "into")):
        noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if (noun is not None and noun.lower_ in nouns and not noun.ent_type_
                and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
                and not any(c.dep_ == "prep" for c in noun.children)):  # "the state of X" names it
            return noun.doc[noun.left_edge.i: noun.i + 1].text
    return None


def _gapped_destinations(verb: Token, destinations: list[str]) -> list[tuple[str, Span]]:
    """'visited Warsaw in May 2023 and Berlin last September': places each followed by its own
    date, the later ones after 'and', are one visit each on that date (the parser rarely joins
    them right). Empty unless the first destination and at least one more are dated so."""
    if not destinations:
        return []
    ents = [e for e in entities_in(sentence_of(verb)) if e.start > verb.i]
    dated = [(entity_text(place[0]), after) for place, after in zip(ents, ents[1:])
             if place.label_ in _PLACES and after.label_ == "DATE"
             and all(t.lower_ in ("in", "on") for t in verb.doc[place.end: after.start])]
    if not dated or dated[0][0] != destinations[0]:
        return []
    later = [(place, date) for place, date in dated[1:] if verb.doc[_start_of(place, ents) - 1].lower_ == "and"]
    return [dated[0], *later] if later else []


def _start_of(place: str, ents: list[Span]) -> int:
    return next(e.start for e in ents if entity_text(e[0]) == place)


def _with_conjuncts(destination: str | None, verb: Token) -> list[str]:
    """'will travel to Paris and Rome': one visit per listed place."""
    if destination is None:
        return []
    places = [destination]
    for ent in entities_in(sentence_of(verb)):
        if ent.label_ in _PLACES and entity_text(ent[0]) == destination:
            places += [entity_text(entity_start(c)) for c in ent.root.conjuncts if c.ent_type_ in _PLACES]
            break
    return list(dict.fromkeys(places))


def _travellers(verb: Token, ctx: SentenceContext) -> list[str]:
    """Every person subject: 'A and B travelled to X' is a visit by each."""
    return list(dict.fromkeys(n for s in subjects(verb) if (n := person_of(s, ctx))))


def _listed_places(trigger: Token) -> list[str]:
    """'a tour of stops: A, B and C' - the places listed after a colon that follows the noun."""
    after = trigger.doc[trigger.i + 1: sentence_of(trigger).end]
    if not len(after) or after[0].text != ":":
        return []
    return [entity_text(t) for t in after if t.ent_iob_ == "B" and t.ent_type_ in _PLACES]


def _from_expectation(word: Token, ctx: SentenceContext) -> list[Candidate]:
    """'X is due in Y on Thursday', 'X is expected in Y next week': a planned arrival."""
    destination = place_for(word, preps=("in",))
    clause = word.head if word.dep_ == "acomp" else word
    actors = _travellers(clause, ctx) if destination else []
    return [_candidate(word, actor, destination, None, clause, ctx, 0.6) for actor in actors]


def _from_presence(verb: Token, ctx: SentenceContext) -> list[Candidate]:
    """'X and officials will be in Rome on Monday': a planned stay; 'to welcome X to Washington':
    the guest's visit. A past or present 'was in Y' is not told as travel, so it gives none."""
    lemma = verb.lemma_.lower()
    if lemma == "be" and any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "’ll") for c in verb.children):
        destination = place_for(verb, preps=("in",))
        return [_candidate(verb, actor, destination, None, verb, ctx, 0.6)
                for actor in (_travellers(verb, ctx) if destination else [])]
    if lemma == "welcome":
        destination = place_for(verb, preps=("to",))
        guests = [n for o in verb.children if o.dep_ == "dobj" for n in [person_of(o, ctx)] if n]
        return [_candidate(verb, guest, destination, None, verb, ctx, 0.6) for guest in (guests if destination else [])]
    return []


def _from_verb(verb: Token, ctx: SentenceContext) -> list[Candidate]:
    if is_expectation(verb) and verb.lemma_ != "be":
        return _from_expectation(verb, ctx)
    if present := _from_presence(verb, ctx):
        return present
    if verb.pos_ not in ("VERB", "AUX") or is_negated(verb):
        return []
    destinations = _with_conjuncts(_destination_of_verb(verb), verb)
    anaphor = None if destinations else _place_anaphor(verb)
    destinations = destinations or ([anaphor] if anaphor else [])
    actors = _travellers(verb, ctx) if destinations else []
    ordinal = _ordinal_near(verb)
    found = [_candidate(verb, actor, destination, ordinal, verb, ctx, 0.7)
             for actor in actors for destination in destinations]
    for candidate in found if anaphor else []:
        candidate.signals.place_anaphor = True
    gapped = _gapped_destinations(verb, destinations)
    if gapped:  # each place with the date written after it
        found = [c for c in found if c.fields["location"] not in {place for place, _ in gapped}]
    for place, date_ent in gapped:
        for actor in actors:
            candidate = _candidate(verb, actor, place, ordinal, verb, ctx, 0.6)
            candidate.date = resolve_date(date_ent.text, ctx.reference, tense_of(verb))
            found.append(candidate)
    return found


def _from_noun(noun: Token, ctx: SentenceContext) -> list[Candidate]:
    """'his fifth trip to X', 'X's second visit to Y', 'In X for his fifth visit, ... met'."""
    if is_called_off(noun):
        return []
    destinations = _listed_places(noun) or _with_conjuncts(place_for(noun, preps=("to", "in")), noun) or [
        _compound_place(noun) or _sibling_place(noun) or _verb_place(noun)]
    actors = _noun_actors(noun, ctx)
    # "made a visit", "It will be her first trip": the verb or copula carries tense and status
    takes_status = (noun.dep_ == "dobj" and noun.head.pos_ == "VERB") or (noun.dep_ == "attr" and noun.head.lemma_ == "be")
    status_anchor = noun.head if takes_status else _journey_verb(noun) or noun
    ordinal = _ordinal_near(noun)
    found = [_candidate(noun, actor, d, ordinal, status_anchor, ctx, 0.6)
             for actor in actors for d in destinations if d]
    if _another_time(noun):
        for candidate in found:
            candidate.date = _shifted(candidate.date, noun.head)
    return found


def _shifted(date: ResolvedDate | None, prep: Token) -> ResolvedDate | None:
    """'a day after a visit to Y' on Sunday: Saturday; without a stated gap, no date."""
    gap = prep.head if prep.head.lower_ in ("day", "days") else next(  # "a day after" / "two days after"
        (c for c in prep.children if c.dep_ == "npadvmod" and c.lower_ in ("day", "days")), None)
    if gap is None or date is None or date.expr.precision != "day" or prep.lower_ not in ("after", "before"):
        return None
    count = next((parse_number_words(c.text) or (int(c.text) if c.text.isdigit() else None)
                  for c in gap.children if c.dep_ == "nummod"), 1)
    if not count:
        return None
    days = dt.timedelta(days=count if prep.lower_ == "after" else -count)
    day = date.expr.date_start - days
    return ResolvedDate(date.expr.model_copy(update={"date_start": day, "date_end": day}), date.flags)


def _compound_place(noun: Token) -> str | None:
    for child in noun.children:
        if child.dep_ in ("compound", "nmod") and child.ent_type_ in _PLACES:
            start = child
            while start.i > 0 and start.doc[start.i - 1].ent_iob_ == "I" and start.ent_iob_ == "I":
                start = start.doc[start.i - 1]
            return entity_text(start if start.ent_iob_ == "B" else child)
    return None


def _verb_place(noun: Token) -> str | None:
    """'made a stop in Y', 'paid a visit to Y': the parser may hang the place on the verb."""
    if noun.dep_ != "dobj":
        return None
    tokens = [t for c in noun.head.children if c.dep_ == "prep" and c.lower_ in ("in", "to") for t in c.subtree]
    return place_for(noun.head, tokens, preps=("in", "to"))


def _sibling_place(noun: Token) -> str | None:
    """'In Y for his fifth visit': the place hangs off the verb the visit phrase hangs off."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return None
    verb = noun.head.head
    if verb.dep_ == "prep":  # "In X for his fifth visit": 'for' may hang off 'In'
        verb = next((c for c in verb.children if c.dep_ == "pobj"), verb)
    if verb.ent_type_ in _PLACES and verb.ent_iob_ in ("B", "I"):
        return entity_text(entity_start(verb))
    siblings = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "to")]
    for prep in siblings:
        for tok in prep.subtree:
            if tok.ent_type_ in _PLACES and tok.ent_iob_ == "B":
                return entity_text(tok)
    return None


def _journey_verb(noun: Token) -> Token | None:
    """'will depart X on Wednesday for visits to Y', 'arrived on a state visit': the journey's verb
    tells whether the visit is done or ahead."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("for", "on") or prep.dep_ != "prep":
        return None
    verb = prep.head
    travel = word_set("triggers", "travel_verbs", "with_for") | word_set("triggers", "travel_verbs", "with_in")
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in travel else None


def _noun_actors(noun: Token, ctx: SentenceContext) -> list[str]:
    """The possessor ('X's visit'), else the governing verb's subjects ('In Y for his fifth visit,
    X met ...' names X after the pronoun; 'X and Z meet officers during a visit to Y')."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None and not is_pronoun(owner):
        return [n] if (n := person_of(owner, ctx)) else []
    governing = governing_verb(noun)
    if governing is not None and noun in subjects(governing):
        governing = None  # "The UN mission in X condemned ...": the mission acts, nobody travels
    if governing is not None and (names := _travellers(governing, ctx)):
        return names
    return [n] if owner is not None and (n := person_of(owner, ctx)) else []


def _candidate(trigger, actor, destination, ordinal, status_anchor, ctx, confidence) -> Candidate:
    status = status_of(status_anchor)
    timetabled = status == "occurred" and is_timetabled(status_anchor)
    date = date_for(trigger, ctx, tense_of(status_anchor))
    if timetabled and not (date and date.expr.date_start and ctx.reference and date.expr.date_end < ctx.reference):
        status = "planned"  # a caption's "X arrives in Y, Jan. 9" in the past stays a report
    return Candidate(
        event_type="visit",
        trigger=trigger,
        fields={"actor": actor, "location": destination, "ordinal": ordinal},
        status=status,
        date=with_length(date, length_in_days(trigger), ends_visit(trigger)),
        confidence=confidence + (0.1 if ordinal else 0.0),
        signals=VisitSignals(),
    )


def _fold_nouns_into_verbs(found: list[Candidate]) -> list[Candidate]:
    """'arrived in X on his third visit to Y' is one visit (to X) with ordinal 3."""
    verbs = [c for c in found if c.trigger.pos_ in ("VERB", "AUX")]
    kept = []
    for c in found:
        host = next((v for v in verbs if c.trigger.pos_ == "NOUN" and v.fields["actor"] == c.fields["actor"]
                     and v.trigger in list(c.trigger.ancestors)[:3] and not _another_time(c.trigger)), None)
        if host is None:
            kept.append(c)
        elif host.fields["ordinal"] is None:
            host.fields["ordinal"] = c.fields["ordinal"]
    return kept


def _another_time(noun: Token) -> bool:
    """'landed in X on Sunday, a day after a visit to Y': a visit before or after, not this one."""
    return noun.dep_ == "pobj" and noun.head.lower_ in ("after", "before", "since", "following")


def event_nouns() -> frozenset[str]:
    return word_set("visit", "nouns")


anaphor_nouns = event_nouns  # "the trip on Monday"


def prefilter_words() -> frozenset[str]:
    """A visit starts from its noun or a travel verb, in any inflection."""
    verbs = [w for key in ("with_object", "with_to", "with_in", "with_for") for w in word_set("triggers", "travel_verbs", key)]
    return frozenset(phrase_inflections([*word_set("visit", "nouns"), *verbs]))


def may_borrow_date(candidate: Candidate) -> bool:
    """A visit takes the story's date, but an itinerary's next stop ('She will also visit Z')
    is not on the day just told."""
    return candidate.status != "planned"


def extract(ctx: SentenceContext) -> list[Candidate]:
    found = []
    nouns = event_nouns()
    for tok in ctx.sent:
        if tok.pos_ == "NOUN" and (tok.lower_ in nouns or tok.lemma_.lower() in nouns):
            found += _from_noun(tok, ctx)
        else:
            found += _from_verb(tok, ctx)
    return _fold_nouns_into_verbs(found)
