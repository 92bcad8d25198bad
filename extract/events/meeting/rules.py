"""Meetings: two or more named people meet, talk or sit with each other.

Joint subjects make one meeting ("A and B met"); a list of objects makes one
bilateral meeting per object ("X met with A, B and C": X-A, X-B, X-C).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from extract.actors import is_pronoun
from extract.docindex import sentence_of
from extract.events.base import Candidate
from extract.inflect import phrase_inflections
from extract.lexicon import word_set
from extract.sentence import SentenceContext
from extract.syntax.dating import date_for
from extract.syntax.mentions import people_in, person_of, place_for
from extract.syntax.modality import is_called_off, is_negated, status_of, tense_of
from extract.syntax.tree import own_subtree, subjects

STORY_PASSES = ()  # meetings need only the shared passes


@dataclass
class MeetingSignals:
    """named_together: 'A and B met', a pair a later 'the two leaders' refers to."""

    named_together: bool = False

_GOVERNING_PREPS = {"during", "at", "in", "after", "before", "following", "ahead", "on", "for"}


def _is_trigger_verb(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in word_set("meeting", "verbs"):
        return False
    if lemma in word_set("meeting", "verbs_needing_with"):
        return any(c.lower_ == "with" or any(g.lower_ == "with" for g in c.children) for c in tok.children)
    if lemma in word_set("meeting", "verbs_needing_talks_object"):
        return False  # "held talks with" is read from the noun
    return True


def _is_trigger_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lower_ in event_nouns()


def _subject_people(verb: Token, ctx: SentenceContext) -> list[str]:
    """People among the subjects, including those inside a subject phrase ('A and Minister B')."""
    names: list[str] = []
    for subject in subjects(verb):
        found = [person_of(subject, ctx)] if subject.pos_ == "PRON" else people_in(list(subject.subtree), ctx)
        names += [n for n in found if n and n not in names]
    return names


def _groups(subject_names: list[str], other_names: list[str]) -> list[list[str]]:
    """One meeting, or one per listed object when a single person meets a list."""
    others = [n for n in other_names if n not in subject_names]
    if len(subject_names) == 1 and len(others) >= 2:
        return [[subject_names[0], other] for other in others]
    return [subject_names + others]


def _the_pair(verb: Token, ctx: SentenceContext) -> list[str]:
    """'The two leaders met ...', 'Both men spoke ...': the last two people told meeting."""
    for subject in subjects(verb):
        pair = any(c.lower_ in ("two", "both") for c in subject.children) or subject.lower_ == "both"
        last_pair = ctx.carried.get("meeting")
        if pair and subject.lower_ in word_set("meeting", "pair_nouns") | {"both"} and last_pair:
            return list(last_pair)
    return []


def _from_verb(verb: Token, ctx: SentenceContext) -> list[Candidate]:
    if is_negated(verb):
        return []
    names = _subject_people(verb, ctx) or _the_pair(verb, ctx)
    if not names and subjects(verb):
        return []  # "senior officials met with A and B": the unnamed side is not a participant list
    # "meet A in X, before travelling to Y for talks with B": B belongs to the later clause
    scope = [t for t in own_subtree(verb, also_stop=("pcomp",)) if not _in_joined_clause(t, verb)]
    others = people_in(scope + _leaders(scope), ctx)
    return _mark_pair(_candidates(verb, _groups(names, others), ctx, 0.7), names)


def _leaders(scope: list[Token]) -> list[Token]:
    """'met the army delegation, led by General X': a delegation meets through its named leader."""
    return [t for noun in scope if noun.pos_ == "NOUN" for acl in noun.children
            if acl.dep_ == "acl" and acl.lemma_.lower() in ("lead", "head") for agent in acl.children
            if agent.dep_ == "agent" for t in agent.subtree]


def _in_joined_clause(tok: Token, verb: Token) -> bool:
    """'X met A on Wednesday and was received by B on Thursday': B belongs to the second verb."""
    while tok != verb and tok.head != tok:
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"):
            return True
        tok = tok.head
    return False


def _mark_pair(found: list[Candidate], subject_names: list[str]) -> list[Candidate]:
    """'A and B met': a pair a later 'the two leaders' refers to."""
    for candidate in found:
        candidate.signals = MeetingSignals(len(subject_names) == 2 == len(candidate.fields["participants"]))
    return found


def _from_noun(noun: Token, ctx: SentenceContext) -> list[Candidate]:
    """'a meeting between X and Y', 'his talks with Y', 'before his meeting with Y, X said'."""
    if is_called_off(noun):
        return []
    names = people_in(own_subtree(noun), ctx)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    governor = _governing_verb(noun)
    subject_names: list[str] = []
    if governor is not None:
        subject_names = _subject_people(governor, ctx)
        names += [n for n in _object_people(governor, ctx) if n not in names]
    elif owner is not None and is_pronoun(owner) and (name := person_of(owner, ctx)):
        subject_names = [name]
    if _joint(noun):  # "three-way talks with A and B": one meeting of all
        return _mark_pair(_candidates(noun, [list(dict.fromkeys(subject_names + names))], ctx, 0.6,
                                      status_anchor=governor or noun), subject_names)
    anchor = governor if governor is not None else noun  # "will travel to X for talks with Y" is planned
    if governor is None and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        anchor = noun.head  # "A meeting between X and Y is scheduled for Tuesday"
    return _mark_pair(_candidates(noun, _groups(subject_names, names), ctx, 0.6, status_anchor=anchor), subject_names)


def _joint(noun: Token) -> bool:
    left = noun.doc[max(noun.i - 4, sentence_of(noun).start): noun.i].text.lower()
    return any(word in left for word in word_set("meeting", "joint_words"))


def _governing_verb(noun: Token) -> Token | None:
    """The verb of 'held talks' or of 'during a meeting, X told Y'."""
    if noun.dep_ == "dobj" and noun.head.lemma_ in ("hold", "have"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in _GOVERNING_PREPS and noun.head.head.pos_ in ("VERB", "AUX"):
        return noun.head.head
    return None


def _object_people(verb: Token, ctx: SentenceContext) -> list[str]:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    return [n for o in objects for t in (o, *o.conjuncts) if (n := person_of(t, ctx))]


def _candidates(trigger: Token, groups: list[list[str]], ctx: SentenceContext, confidence: float,
                status_anchor: Token | None = None) -> list[Candidate]:
    anchor = status_anchor or trigger
    location = place_for(trigger, preps=("in", "at"))
    status, date = status_of(anchor), date_for(trigger, ctx, tense_of(anchor))
    return [
        Candidate(
            event_type="meeting",
            trigger=trigger,
            fields={"participants": names, "location": location,
                    "roles": {n: ctx.people.roles[n] for n in names if n in ctx.people.roles}},
            status=status, date=date,
            confidence=confidence + (0.1 if len(names) == 2 else 0.0),
        )
        for names in groups if len(names) >= 2
    ]


def event_nouns() -> frozenset[str]:
    return word_set("meeting", "nouns")


def anaphor_nouns() -> frozenset[str]:
    return word_set("meeting", "anaphor_nouns")


def prefilter_words() -> frozenset[str]:
    """A meeting starts from its verbs or nouns, in any inflection."""
    keys = ("verbs", "verbs_needing_with", "verbs_needing_talks_object", "nouns")
    return frozenset(phrase_inflections([w for key in keys for w in word_set("meeting", key)]))


def carry(candidates: list[Candidate]) -> tuple[str, str] | None:
    """The last two people told meeting together, for 'the two leaders' in later sentences."""
    pairs = [tuple(c.fields["participants"]) for c in candidates if c.signals.named_together]
    return pairs[-1] if pairs else None


def extract(ctx: SentenceContext) -> list[Candidate]:
    found: list[Candidate] = []
    for tok in ctx.sent:
        if _is_trigger_verb(tok):
            found += _from_verb(tok, ctx)
        elif _is_trigger_noun(tok):
            found += _from_noun(tok, ctx)
    return found
