"""Casualty figures: a count of killed, wounded, hostages, displaced, missing or detained people,
kept as a claim with its qualifier and who reported it."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from extract.actors import is_pronoun, person_at
from extract.dates import ResolvedDate, resolve_date
from extract.docindex import entities_in
from extract.events.base import Candidate
from extract.events.casualty.story import (  # noqa: F401  (part of the rules' interface)
    STORY_PASSES, may_borrow_date, may_take_anaphor_date,
)
from extract.lexicon import lexicon, word_set
from extract.numbers import Quantity
from extract.sentence import SentenceContext
from extract.story import without_entry_time
from extract.syntax.dating import date_for, is_date_mention, is_reporting
from extract.syntax.mentions import place_for, sentence_quantities
from extract.syntax.tree import governing_verb, noun_phrase, own_subtree


@dataclass
class CasualtySignals:
    """verb_tag: the tense of the figure's verb ('VBD' for 'killed', 'had' for 'had died');
    verb: the verb of the figure's clause; dated_by_verb: the figure's date is told on its own
    verb ('were still missing on Tuesday'), not by the incident it names ('Sunday's quake')."""

    verb_tag: str
    verb: Token | None = None
    dated_by_verb: bool = False

_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "npadvmod", "ROOT"}


def _category_of_word(word: str, kind: str) -> str | None:
    for category, words in lexicon("casualty")[kind].items():
        if word.lower() in words:
            return category
    return None


def _nominal(last: Token) -> tuple[Token, Token | None]:
    """(the nominal the number stands for, the counted noun if any)."""
    if last.dep_ in ("nummod", "quantmod", "compound", "amod") and last.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        return last.head, last.head
    return last, None


_SUBSET = ("including", "among")
_INCIDENT_MARKS = ("when", "after", "as")  # the clause that tells the incident a toll came from


def _category(nominal: Token, noun: Token | None, depth: int = 0) -> str | None:
    if noun is not None and (cat := _category_of_word(noun.lower_, "category_nouns")):
        return cat
    if nominal.dep_ == "pobj" and nominal.head.lower_ == "of" and depth == 0:
        owner = nominal.head.head  # "the bodies of eight people", "the deaths of 12 civilians"
        if cat := _category_of_word(owner.lower_, "category_nouns"):
            return cat
    if nominal.dep_ == "pobj" and nominal.head.lower_ in _SUBSET:
        if depth > 0:
            return None
        # "killed 15 civilians, including four children"; "the release of 129 hostages, including 8 ..."
        parent = nominal.head.head
        nested = [g for c in parent.children if c.dep_ == "prep" and c.lower_ not in _SUBSET
                  for g in c.children if g.dep_ == "pobj"]
        for candidate in (parent, *nested):
            noun_of = candidate if candidate.pos_ in ("NOUN", "PROPN") else None
            if cat := _category(candidate, noun_of, depth + 1):
                return cat
        return None
    for child in nominal.children:  # "1,000 who were killed", "200 people injured"
        if child.dep_ in ("relcl", "acl") and (cat := _category_of_word(child.lemma_, "category_verbs")):
            return cat
    head = nominal.head
    if nominal.dep_ in ("dobj", "nsubjpass", "nsubj", "conj", "attr") or nominal.dep_ == "pobj" and head.lower_ == "by":
        verb = head if nominal.dep_ != "conj" else _verb_above(nominal)
        if verb is not None and (cat := _category_of_word(verb.lemma_, "category_verbs")
                                 or _category_of_word(verb.lower_, "category_nouns")):
            return cat  # "were killed"; "may still be missing" (parsed with 'missing' as the verb)
        if verb is not None and (cat := _phrase_category(verb, nominal) or _complement_category(verb)):
            return cat
    return _toll_category(nominal)


def _complement_category(verb: Token) -> str | None:
    """'eleven soldiers remained missing', 'three were dead', 'may still be missing',
    'Among the dead were 12 children'."""
    for child in verb.children:
        if child.dep_ in ("acomp", "attr", "oprd") and (cat := _category_of_word(child.lower_, "category_nouns")):
            return cat
        if child.dep_ == "prep" and child.lower_ == "among" and verb.lemma_ == "be":
            group = next((g for g in child.children if g.dep_ == "pobj"), None)
            if group is not None and (cat := _category_of_word(group.lower_, "category_nouns")):
                return cat
    return None


def _verb_above(tok: Token) -> Token | None:
    for ancestor in tok.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def _phrase_category(verb: Token, figure: Token) -> str | None:
    """A phrase in the verb's own clause ('31 were missing and 400,000 had fled their homes':
    the second clause's phrase is not the first figure's), read around the figure's own words
    ('has forced 22,000 people from their homes' is 'forced from their homes')."""
    own = {t.i for t in figure.subtree}
    text = " ".join(t.lower_ for t in own_subtree(verb, also_stop=("conj",)) if t.i not in own)
    for category, phrases in lexicon("casualty")["category_phrases"].items():
        if any(p in text for p in phrases):
            return category
    return None


def _lives_taken(noun: Token | None) -> bool:
    """'raids had claimed 23 lives', 'cost 40 lives': the lives of the dead."""
    return noun is not None and noun.dep_ == "dobj" and noun.lemma_.lower() in word_set(
        "triggers", "lives_nouns") and noun.head.lemma_.lower() in word_set("casualty", "lives_taken_verbs")


def _toll_category(nominal: Token) -> str | None:
    """'the death toll rose to 500', 'a toll of 500'."""
    for ancestor in list(nominal.ancestors)[:3]:
        if ancestor.lower_ == "toll" or any(c.lower_ == "toll" for c in ancestor.children):
            return "killed"  # "the death toll rose to 40", "police put the toll at three"
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.dep_ == "conj":
            return None  # "gave a toll of 14 and said troops freed 11": another clause's toll
    return None


def _is_people(noun: Token | None) -> bool:
    if noun is None:
        return True
    word = noun.lower_
    if word in word_set("casualty", "relief_context"):
        return False
    return (word in word_set("casualty", "human_nouns") or noun.ent_type_ == "NORP"
            or _category_of_word(word, "category_nouns") is not None
            or noun.lemma_.lower() in word_set("casualty", "human_nouns"))


def _reporter(tok: Token, ctx: SentenceContext) -> str | None:
    """'according to X', 'X said/estimates/reported that ...', '... who X says are held'."""
    for t in ctx.sent:
        if t.lower_ == "according":
            obj = next((g for c in t.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return _source_text(obj, ctx)
    # the figure inside what was reported ("X said that 12 were killed") ...
    candidates = [a for a in tok.ancestors if is_reporting(a)]
    # ... or a relative clause on the figure's noun ("129 hostages, who X says are held")
    relative = [t for t in tok.head.children if t.dep_ == "relcl"] + [t for t in tok.children if t.dep_ == "relcl"]
    candidates += [g for clause in relative for g in clause.subtree if is_reporting(g)]
    told = set(tok.ancestors)  # "Strikes killed 40, the ministry said" parsed with two subjects of
    for verb in candidates:     # 'said': the one heading the figure's own clause is no reporter
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c not in told]
        subject = min(subjects, key=lambda c: abs(c.i - verb.i), default=None)
        if subject is not None and subject.lower_ not in ("it", "which", "that", "who"):
            return _source_text(subject, ctx)
    return None


def _source_text(tok: Token, ctx: SentenceContext) -> str | None:
    if is_pronoun(tok):
        return ctx.last_person
    if name := person_at(tok, ctx.people):
        return name
    words = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl") and not _under_clause(t, tok)]
    text = without_entry_time("".join(t.text_with_ws for t in words).strip().strip(","))  # "18:00 - Officials"
    return text[4:] if text.lower().startswith("the ") else text


def _under_clause(t: Token, top: Token) -> bool:
    while t != top:
        if t.dep_ in ("relcl", "acl", "prep") and t.head == top and t.lower_ not in ("-",):
            return t.dep_ != "prep" or t.lower_ not in ("of",)
        t = t.head
    return False


def _verb_tag(verb: Token) -> str:
    """'VBD' (killed), 'had' (had died), or the tag of a present/perfect form. A verb joined to
    another shares its auxiliaries ('have resulted in 8,200 deaths and injured 17,900')."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    while not auxes and verb.dep_ == "conj" and verb.tag_ != "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ == "had" for c in auxes):
        return "had"
    if auxes and auxes[0].tag_ == "VBD" and auxes[0].lower_ in ("was", "were"):
        return "VBD"  # "were killed", "was wounded"
    return verb.tag_ if not auxes else auxes[0].tag_ + "+aux"


def _candidate(q: Quantity, last: Token, ctx: SentenceContext) -> Candidate | None:
    nominal, noun = _nominal(last)
    following = last.doc[last.i + 1].lower_ if last.i + 1 < len(last.doc) else ""
    taken = _lives_taken(noun)
    if not (taken or _is_people(noun)) or following in ("times", "percent", "%", "per"):
        return None
    category = "killed" if taken else _category(nominal, noun)
    if category is None:
        return None
    verb = nominal.head if nominal.head.pos_ in ("VERB", "AUX") else nominal
    flags = ["malformed_number"] if q.malformed else []
    victims = noun_phrase(noun) if noun is not None and not taken else None  # "23 lives" names no victims
    # "one of 140 people evacuated from homes": the participle on the victims is the figure's verb
    told_by = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"), None) if noun is not None else None
    clause = verb if verb is not nominal else told_by or governing_verb(nominal) or nominal
    date = date_for(verb, ctx, "past")
    dated_by_verb = bool(date and date.expr.date_start) and _adverbial_date(clause, date, ctx)
    if not (date and date.expr.date_start):
        date = _date_of_cause(verb, ctx) or date
    return Candidate(
        event_type="casualty_figure",
        trigger=last,
        fields={"count": q.integer, "count_qualifier": q.qualifier, "category": category,
                "victims": victims, "reported_by": _reporter(last, ctx),
                "location": place_for(verb, own_subtree(verb), preps=("in",))},
        status="occurred" if date and date.expr.date_start else "reported",
        date=date,
        flags=flags,
        confidence=0.75 if noun is not None else 0.6,
        signals=CasualtySignals(_verb_tag(clause), clause, dated_by_verb),
        figure_text=q.raw,
    )


def _adverbial_date(verb: Token, date: ResolvedDate, ctx: SentenceContext) -> bool:
    """The date is told on the verb itself ('were still missing on Tuesday', 'killed 12 Monday'),
    not inside its subject or another clause ('the April 25 earthquake ... has killed')."""
    for ent in (e for e in entities_in(ctx.sent) if e.text == date.expr.text):
        token = ent.root  # up through prepositions and their objects only: "in its first assessment on Dec. 31"
        while token.head.i != token.i and token.head != verb and token.head.dep_ in ("prep", "pobj", "npadvmod"):
            token = token.head
        if token.head == verb and token.dep_ in ("prep", "pobj", "npadvmod", "advmod"):
            return True
    return False


def _date_of_cause(verb: Token, ctx: SentenceContext) -> ResolvedDate | None:
    """'Floods that swept through X on Friday have killed 38', 'the toll from Sunday's earthquake
    has risen to 118': the incident's own clause or name dates the toll it caused."""
    harm = word_set("casualty", "category_verbs", "killed") | word_set("casualty", "category_verbs", "wounded")
    subjects_ = [s for s in verb.children if s.dep_ == "nsubj"] if verb.lemma_.lower() in harm else []
    incidents = word_set("casualty", "incident_nouns")
    # "the quake that struck on April 16 ..., killing 400": the incident told before the participle
    told = [t for t in ctx.sent if t.i < verb.i and t.lower_ in incidents] if _participle_of_harm(verb) else []
    scopes = [list(clause.subtree) for noun in [*subjects_, *told] for clause in noun.children
              if clause.dep_ in ("relcl", "acl")]
    # "... were killed when the bus left the road on Saturday", "died after the boat capsized on Friday"
    joined = [verb, *(c for c in verb.children if c.dep_ == "conj")] + ([verb.head] if verb.dep_ == "conj" else [])
    scopes += [list(clause.subtree) for v in joined for clause in v.children if clause.dep_ == "advcl"
               and any(m.dep_ in ("mark", "advmod") and m.lower_ in _INCIDENT_MARKS for m in clause.children)]
    for ent in (e for e in entities_in(ctx.sent) if is_date_mention(e)):
        # "... of Sunday night's earthquake", "after Monday's clashes": a date naming the incident
        names_incident = ent.root.dep_ in ("poss", "compound", "nmod") and ent.root.head.lower_ in incidents
        if names_incident or any(ent.root in scope for scope in scopes):
            resolved = resolve_date(ent.text, ctx.reference, "past")
            if resolved is not None and resolved.expr.date_start:
                return resolved
    return None


def _participle_of_harm(verb: Token) -> bool:
    """'..., killing 400 and injuring 2,600': a participle that tells what an earlier clause caused."""
    while verb.dep_ == "conj" and verb.head.tag_ == "VBG":
        verb = verb.head
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp")


def anaphor_nouns() -> frozenset[str]:
    """'the Jan. 9 raid', 'The attack took place on Jan. 9': the incident told again."""
    return word_set("casualty", "incident_nouns")


retold_nouns = anaphor_nouns


def extract(ctx: SentenceContext) -> list[Candidate]:
    found = []
    for q, last in sentence_quantities(ctx.sent):
        if q.is_money:
            continue
        candidate = _candidate(q, last, ctx)
        if candidate is not None:
            found.append(candidate)
    return found
