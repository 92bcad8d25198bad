"""Modality of a trigger: planned, pending, negated, supposed, called off or timetabled."""
from __future__ import annotations

from spacy.tokens import Span, Token

from extract.actors import travel_verbs
from extract.docindex import sentence_of
from extract.lexicon import word_set
from extract.syntax.tree import governing_verb, is_headline, past_reporting, up_through

def is_future(verb: Token) -> bool:
    """'will meet', 'is slated to sit', 'plans to visit', 'before travelling to X' after 'will meet'.
    Walks up through xcomp/conj/pcomp links, a bounded number of hops (long chains exist)."""
    future_heads = word_set("triggers", "future_heads")
    for _ in range(8):
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "’ll") for c in verb.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in word_set("triggers", "obligation_modals") for c in verb.children) \
                and not any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children):
            return True  # "must be returned by Jan. 14", "should arrive on Friday"; not "must have left"
        if verb.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children):
            return True
        if is_expectation(verb):
            return True
        if verb.lower_ in future_heads and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children):
            return True  # "a meeting ... is scheduled for next Tuesday", "talks are planned"
        if verb.lemma_.lower() in ("plan", "schedule", "prepare") and verb.tag_ in ("VBG", "VBZ", "VBP"):
            return True  # "is planning a trip to X", "plans talks with Y"
        head = verb.head
        if verb.dep_ == "xcomp" and (head.lemma_.lower() in future_heads or head.lower_ in future_heads):
            return True
        if verb.dep_ == "xcomp" and head.lemma_.lower() in word_set("triggers", "intention_verbs"):
            return True  # "decided to admit them in early March": what was agreed lies ahead of the deciding
        if verb.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and (
                head.lemma_.lower() in future_heads or head.lower_ in future_heads):
            return True  # "expected 46 tanks to be delivered by the end of the year"
        if verb.dep_ == "xcomp" and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return True  # "the first two aircraft are to be delivered in 2027"
        if verb.lower_ in future_heads and any(c.dep_ == "xcomp" for c in verb.children):
            return True  # reached 'is slated (to meet Y)' from a phrase hung on it: 'before travelling to Z'
        if verb.dep_ in ("xcomp", "conj") and head != verb:
            verb = head
        elif verb.dep_ == "advcl" and head != verb and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            verb = head  # "will fly to Y on Wednesday to meet Z": the purpose shares the trip's future
        elif verb.dep_ == "pcomp" and head.dep_ == "prep":
            start, verb = verb, head.head
            verb = past_reporting(verb, start)
        else:
            return False
    return False


def is_expectation(token: Token) -> bool:
    """'X is due in Y', 'X is expected in Y', and the 'is' of such a clause."""
    if token.lower_ == "expected" and any(c.dep_ == "auxpass" for c in token.children):
        return True
    if token.lower_ == "due" and token.dep_ == "acomp":
        return True
    return token.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ == "due" for c in token.children)


def is_pending(verb: Token) -> bool:
    """'has yet to approve', 'has not yet approved', 'is awaiting approval', 'is still under review'."""
    if verb.lemma_.lower() == "await" or any(c.dep_ == "prep" and c.lower_ == "under" and any(
            g.lower_ in ("review", "consideration") for g in c.children) for c in verb.children):
        return True
    markers = word_set("triggers", "pending_markers")
    # "is still to decide on an application to sell ...": the decision above the trigger is pending
    return any(any(marker in tok.doc[max(sentence_of(tok).start, tok.i - 4): tok.i].text.lower() for marker in markers)
               for tok in up_through(verb, ("acl", "xcomp", "pobj", "prep")))


def is_called_off(noun: Token) -> bool:
    """'cancelled a planned trip', 'the talks were postponed', 'called off the meeting'."""
    if noun.dep_ not in ("dobj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = noun.head
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    phrase = f"{verb.lemma_.lower()} {particle}" if particle else verb.lemma_.lower()
    return phrase in word_set("triggers", "cancel_verbs")


def calls_off_a_plan(sent: Span, nouns: frozenset[str]) -> bool:
    """'... had been due to meet Y, but that trip was postponed': a sentence that calls off a
    trip or talks (one of `nouns`) calls off what it planned."""
    return any(t.lemma_.lower() in nouns and is_called_off(t) for t in sent)


def is_negated(verb: Token) -> bool:
    """Not an event: negated ('did not meet'), denied, or only supposed."""
    return (any(c.dep_ == "neg" for c in verb.children) and not is_pending(verb)) or _denied(verb) \
        or _hypothetical(verb)


def _hypothetical(verb: Token) -> bool:
    """'asked whether he would travel to Y', 'if she visits Y', 'would be willing to visit Y',
    'would happily go to Y if the timing is right': supposed, not told."""
    if any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children) and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children) for c in verb.children):
        return True
    return any(any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in tok.children)
               or (tok.dep_ == "xcomp" and tok.head.lower_ in word_set("triggers", "willing_words"))
               for tok in up_through(verb, ("xcomp", "conj")))


def _denied(verb: Token) -> bool:
    """'The ministry denied reports that X would stop in Y': what is denied did not happen."""
    above = list(up_through(verb, ("ccomp", "acl", "dobj", "xcomp"), hops=5))[1:]
    return any(tok.lemma_.lower() in ("deny", "dismiss", "refute") for tok in above)


def is_scheduled_present(verb: Token) -> bool:
    """'as X arrives in Y', 'X flies to Y on Monday': in a story's body the simple present of an
    event verb is a timetable, not a report (headlines use it for the past: 'X meets Y')."""
    return (verb.pos_ in ("VERB", "AUX") and verb.tag_ in ("VBZ", "VBP") and verb.lemma_ != "be"
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) and not is_headline(sentence_of(verb)))


def is_timetabled(anchor: Token) -> bool:
    """'as X arrives in Y amid a week of stops: A, B': a travel verb in the simple present."""
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else governing_verb(anchor)
    return verb is not None and verb.lemma_.lower() in travel_verbs() and is_scheduled_present(verb)


def status_of(verb: Token) -> str:
    if is_pending(verb):
        return "pending"
    if is_future(verb):
        return "planned"
    return "occurred"


def tense_of(verb: Token) -> str:
    """'future', 'present' (a simple present: 'visits Kenya this Saturday', which the date
    resolver reads by the calendar week), else 'past'."""
    if is_future(verb) or is_timetabled(verb):
        return "future"
    present = (verb.pos_ in ("VERB", "AUX") and verb.tag_ in ("VBZ", "VBP")
               and not any(c.dep_ in ("aux", "auxpass") for c in verb.children))
    return "present" if present else "past"
