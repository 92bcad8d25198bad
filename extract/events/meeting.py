"""Meetings: two or more named people meet, talk or sit with each other."""
from __future__ import annotations

from spacy.tokens import Token

from extract.clauses import (
    SentenceContext, date_for, is_negated, own_subtree, people_in, person_of, place_for,
    status_of, subjects, tense_of,
)
from extract.events.base import Candidate
from extract.lexicon import word_set

_GOVERNING_PREPS = {"during", "at", "in", "after", "before", "following", "ahead"}


def _is_trigger_verb(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in word_set("triggers", "meeting", "verbs"):
        return False
    if lemma in word_set("triggers", "meeting", "verbs_needing_with"):
        return any(c.lower_ == "with" or any(g.lower_ == "with" for g in c.children) for c in tok.children)
    if lemma in word_set("triggers", "meeting", "verbs_needing_talks_object"):
        return False  # "held talks with" is read from the noun
    return True


def _is_trigger_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lower_ in word_set("triggers", "meeting", "nouns")


def _subject_people(verb: Token, ctx: SentenceContext) -> list[str]:
    return [n for s in subjects(verb) if (n := person_of(s, ctx))]


def _from_verb(verb: Token, ctx: SentenceContext) -> Candidate | None:
    if is_negated(verb):
        return None
    names = _subject_people(verb, ctx)
    for name in people_in(own_subtree(verb), ctx):
        if name not in names:
            names.append(name)
    return _candidate(verb, names, ctx, 0.7)


def _from_noun(noun: Token, ctx: SentenceContext) -> Candidate | None:
    """'a meeting between X and Y', 'X's talks with Y', 'during a meeting ..., X told Y'."""
    names = people_in(own_subtree(noun), ctx)
    governor = _governing_verb(noun)
    if governor is not None and len(names) < 2:
        for name in _subject_people(governor, ctx) + _object_people(governor, ctx):
            if name not in names:
                names.append(name)
    anchor = governor if governor is not None and noun.head.lemma_ in ("hold", "have") else noun
    return _candidate(noun, names, ctx, 0.6, status_anchor=anchor)


def _governing_verb(noun: Token) -> Token | None:
    """The verb of 'held talks' or of 'during a meeting, X told Y'."""
    if noun.dep_ == "dobj" and noun.head.lemma_ in ("hold", "have"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in _GOVERNING_PREPS and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return None


def _object_people(verb: Token, ctx: SentenceContext) -> list[str]:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    return [n for o in objects for t in (o, *o.conjuncts) if (n := person_of(t, ctx))]


def _candidate(trigger: Token, names: list[str], ctx: SentenceContext, confidence: float,
               status_anchor: Token | None = None) -> Candidate | None:
    if len(names) < 2:
        return None
    anchor = status_anchor or trigger
    return Candidate(
        event_type="meeting",
        trigger=trigger,
        fields={"participants": names, "location": place_for(trigger, preps=("in", "at")),
                "roles": {n: ctx.people.roles[n] for n in names if n in ctx.people.roles}},
        status=status_of(anchor),
        date=date_for(trigger, ctx, tense_of(anchor)),
        confidence=confidence + (0.1 if len(names) == 2 else 0.0),
    )


def extract(ctx: SentenceContext) -> list[Candidate]:
    found = []
    for tok in ctx.sent:
        if _is_trigger_verb(tok):
            candidate = _from_verb(tok, ctx)
        elif _is_trigger_noun(tok):
            candidate = _from_noun(tok, ctx)
        else:
            continue
        if candidate is not None:
            found.append(candidate)
    return found
