"""Arms authorizations: weapons authorized, approved, sold, shipped or delivered."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from extract.actors import person_at
from extract.dates import document_day, resolve_date
from extract.docindex import entities_in, text_of
from extract.events.arms.figures import estimated, is_aggregate, is_weapon, item_and_unit, package_item, package_noun, quantity_for
from extract.events.arms.story import STORY_PASSES  # noqa: F401  (part of the rules' interface)
from extract.events.base import Candidate
from extract.inflect import phrase_inflections, plurals
from extract.lexicon import word_set
from extract.sentence import SentenceContext
from extract.syntax.dating import dateline_date, date_for, dates_a_report, in_dateline, is_date_mention
from extract.syntax.mentions import sentence_quantities
from extract.syntax.modality import is_negated, is_scheduled_present, status_of, tense_of
from extract.syntax.tree import agent, entity_start, entity_text, governing_verb, noun_phrase, own_subtree, subjects


@dataclass
class ArmsSignals:
    """retold: an approval of 'the purchase' told before; its figures come from that telling.
    part: one counted part of a package ('The package includes 12 howitzers, ...')."""

    retold: bool = False
    part: bool = False

_RECIPIENT_LABELS = {"GPE", "NORP", "ORG"}


def _mechanism(ctx: SentenceContext) -> str | None:
    """Mechanism phrases as written ('emergency provision; bypass a congressional review')."""
    text = ctx.sent.text
    found: list[tuple[int, int]] = []
    for phrase in sorted(word_set("arms", "mechanism_phrases"), key=len, reverse=True):
        for m in re.finditer(re.escape(phrase), text, re.IGNORECASE):
            if not any(s <= m.start() < e for s, e in found):
                found.append((m.start(), m.end()))
    return "; ".join(text[s:e] for s, e in sorted(found)) or None


def _recipient(tokens: list[Token]) -> str | None:
    """'to/for X' first, then a possessor ('X's orders'); never the possessor of the
    subject ('Norway's government approved ... to Chile')."""
    places = [t for t in tokens if t.ent_type_ in _RECIPIENT_LABELS and t.ent_iob_ == "B"]
    to_for = [t for t in places if _object_of(t, ("to", "for"))]
    owners = [t for t in places if (t.dep_ == "poss" or t.head.dep_ == "poss") and not _owns_subject(t)]
    return entity_text((to_for or owners)[0]) if to_for or owners else None


def _object_of(tok: Token, preps: tuple[str, ...]) -> bool:
    return (tok.dep_ == "pobj" and tok.head.lower_ in preps) or (
        tok.head.dep_ == "pobj" and tok.head.head.lower_ in preps)


def _owns_subject(tok: Token) -> bool:
    owner = tok if tok.dep_ == "poss" else tok.head
    return owner.head.dep_ in ("nsubj", "nsubjpass")


def _authorizer(verb: Token, ctx: SentenceContext) -> str | None:
    """The active subject or the passive agent; a passive subject is the item, not who authorized."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    active = [] if passive else [s for s in subjects(verb) if s.dep_ == "nsubj"]
    by = agent(verb)
    if verb.lemma_.lower() == "await":  # "the sale is awaiting approval by X": X authorizes, not the sale
        active, by = [], next((g for o in verb.children if o.dep_ == "dobj" for p in o.children
                               if p.dep_ == "prep" and p.lower_ in ("by", "from") for g in p.children if g.dep_ == "pobj"), None)
    if by is not None and not (by.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or by.pos_ == "PROPN"
                               or by.lower_ in word_set("arms", "institution_nouns")):
        by = None  # "delivered by the end of the year": a time, not who authorized
    for tok in [*active, by]:
        if tok is None or tok.lower_ in ("it", "they", "which", "that", "we", "i") or is_weapon(tok) or in_dateline(tok):
            continue
        if any(t.lower_ == "dear" for t in tok.subtree):
            continue  # "Dear Madam Chair: ... we are forwarding": the letter's addressee
        if name := person_at(tok, ctx.people):
            return name
        if tok.ent_type_ in ("ORG", "GPE", "NORP"):
            return entity_text(entity_start(tok))
        return noun_phrase(tok)
    return None


def _clause_tokens(trigger: Token) -> list[Token]:
    """The trigger's own subtree plus 'worth $X' phrases the parser hangs off as clauses,
    what a procurement clause buys ('approved plans to buy 12 helicopters'), and the subject
    of a passive ('a request for two aircraft has yet to be approved')."""
    tokens = own_subtree(trigger)
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":  # "signed a contract on Monday for ten tanks"
        tokens.extend(t for p in trigger.head.children if p.dep_ == "prep" and p.lower_ == "for"
                      for t in own_subtree(p) if t not in tokens)
    for child in trigger.children:
        if child.lower_ in word_set("arms", "value_words") and child not in tokens:
            tokens.extend(child.subtree)
    procurement = word_set("arms", "procurement_verbs")
    for tok in list(tokens):
        for child in tok.children:
            if child.dep_ in ("acl", "xcomp") and child.lemma_.lower() in procurement and child not in tokens:
                tokens.extend(own_subtree(child))
    if any(c.dep_ == "auxpass" for c in trigger.children):
        for subject in subjects(trigger):
            tokens.extend(t for t in own_subtree(subject) if t not in tokens)
    return sorted(tokens, key=lambda t: t.i)


def _candidate(trigger: Token, tokens: list[Token], ctx: SentenceContext, quantities) -> Candidate | None:
    if is_aggregate(trigger, tokens):
        return None
    weapons = [t for t in tokens if is_weapon(t)]
    money = [q for q, last in quantities if q.is_money and last in tokens]
    package = package_noun(tokens) if not weapons and money else None
    if not (weapons or package) or is_negated(trigger):
        return None
    head, item, unit = item_and_unit(weapons) if weapons else (package, package_item(package), None)
    quantity = quantity_for(head, quantities) if weapons else None
    in_sentence = [q for q, _ in quantities if q.is_money]
    value = money[0] if money else (in_sentence[0] if len(in_sentence) == 1 else None)
    if not any(is_weapon(t, strong_only=True) for t in tokens) and quantity is None and value is None:
        return None  # "vehicles", "systems" are arms only when counted or priced
    if quantity is None and value is None and head.lower_ in word_set("arms", "generic_nouns"):
        return None  # "arms shipments" with no figure is not a datable authorization
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger, 3)
    if quantity is None and value is None and verb is not None and (is_scheduled_present(verb) or (
            verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl", "xcomp"))):
        return None  # "we sell howitzers", "became an exporter, selling tanks to ...": a habit
    flags = ["malformed_number"] if (quantity and quantity.malformed) or (value and value.malformed) else []
    status = status_of(verb) if verb is not None else "occurred"
    pledge = _pledge_of(verb) if verb is not None else None
    if pledge is not None:
        verb, status = pledge, "occurred"  # "announced that Canada will provide ...": the pledge is the event
    date = date_for(trigger, ctx, tense_of(verb) if verb is not None else "past")
    if date is None and pledge is not None:
        date = date_for(pledge, ctx, "past")  # "Today, X announced that ..."
    if date is None:
        date = _copula_subject_date(trigger, ctx, tense_of(verb) if verb is not None else "past")
    if date is None and verb is not None and _present_perfect(verb) and status_of(verb) == "occurred":
        date = _announcement_date(ctx)  # "has approved X, the agency said on Thursday"
        if date is not None:
            flags.append("date_from_report")
    return Candidate(
        event_type="arms_authorization",
        trigger=trigger,
        fields={
            "actor": _authorizer(verb, ctx) if verb is not None else None,
            "recipient": _recipient(tokens), "item": item,
            "quantity": quantity.integer if quantity else None, "unit": unit if quantity else None,
            "value_usd": value.value if value else None,
            "value_qualifier": estimated(value, trigger).qualifier if value else None,
            "mechanism": _mechanism(ctx),
        },
        status=status,
        date=date,
        flags=flags,
        confidence=0.6 + (0.15 if value else 0.0) + (0.1 if quantity else 0.0),
        signals=ArmsSignals(),
    )


def _pledge_of(verb: Token) -> Token | None:
    """'announced today that Canada will provide X': a future told by a done announcement or pledge."""
    head = verb.head
    if verb.dep_ != "ccomp" or status_of(verb) != "planned" or head.lemma_.lower() not in word_set("arms", "commitment_verbs"):
        return None
    return head if status_of(head) == "occurred" else None


def _copula_subject_date(trigger: Token, ctx: SentenceContext, tense: str):
    """'The largest approval, granted on 14 May, was an export licence allowing X to sell ...':
    the date of the approval noun that the copula identifies with this event."""
    root = ctx.sent.root
    if root.lemma_ != "be" or trigger not in root.subtree:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"
                    and c.lower_ in word_set("arms", "anaphor_nouns")), None)
    if subject is None or trigger in subject.subtree:
        return None
    inside = {t.i for t in subject.subtree}
    for ent in entities_in(ctx.sent):
        if is_date_mention(ent) and ent.root.i in inside and (resolved := resolve_date(ent.text, ctx.reference, tense)):
            return resolved
    return None


def _present_perfect(verb: Token) -> bool:
    """'has approved', and 'has made a determination approving ...': the perfect above a participle."""
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children):
            return True
        if verb.dep_ not in ("acl", "xcomp", "advcl"):
            return False
        above = verb.head if verb.head.pos_ in ("VERB", "AUX") else governing_verb(verb.head, 2)
        if above is None:
            return False
        verb = above
    return False


def _announcement_date(ctx: SentenceContext):
    """The date of the sentence's reporting verb, or of the dateline it opens with: a
    just-completed approval is dated by its announcement (flagged date_from_report)."""
    for ent in entities_in(ctx.sent):
        if is_date_mention(ent) and dates_a_report(ent):
            return resolve_date(ent.text, ctx.reference, "past")
    if (dated := dateline_date(ctx.sent, ctx.reference)) is not None:
        return dated  # "WASHINGTON, Dec. 17, 2025 - X has approved ..."
    if ctx.reference is None:
        return None
    return document_day(ctx.reference)  # told as just done, with no day: as of the report that tells it


def _described(noun: Token) -> bool:
    """'The contract, worth $920m, would be the largest ...': a deal as a copula's subject is
    described, not told."""
    return noun.dep_ == "nsubj" and noun.head.lemma_ == "be"


def _retelling(verb: Token, ctx: SentenceContext) -> Candidate | None:
    """'The purchase was approved by parliament in December', 'Y had already authorized the export':
    a deal told before, approved again by someone. Its figures come from that telling
    (arms.story.arms_from_antecedent); without one it gives no event."""
    if verb.lemma_.lower() not in word_set("arms", "approval_verbs") or is_negated(verb):
        return None
    deps = ("nsubjpass",) if any(c.dep_ == "auxpass" for c in verb.children) else ("dobj",)
    deal = next((c for c in verb.children if c.dep_ in deps and c.lower_ in word_set("arms", "anaphor_nouns")
                 and any(d.dep_ in ("det", "poss") and d.lower_ in ("the", "this", "that", "its", "their")
                         for d in c.children)
                 and not any(d.dep_ == "prep" for d in c.children)), None)  # "the export of 12 trainers" is new
    if deal is None:
        return None
    return Candidate(
        event_type="arms_authorization", trigger=verb,
        fields={"actor": _authorizer(verb, ctx), "recipient": None, "item": None, "quantity": None, "unit": None,
                "value_usd": None, "value_qualifier": None, "mechanism": _mechanism(ctx)},
        status=status_of(verb), date=date_for(verb, ctx, tense_of(verb)), confidence=0.5,
        signals=ArmsSignals(retold=True))


def _components(verb: Token, ctx: SentenceContext, quantities) -> list[Candidate]:
    """'The package includes 12 howitzers, 40,000 rounds of 105mm ammunition and 30 armoured
    vehicles': each part with its own count is an event of its own, flagged part_of_package;
    the story pass parts_of_package gives it its package's authority, recipient and date."""
    if verb.lemma_.lower() not in word_set("arms", "component_verbs") or is_negated(verb):
        return []
    containers = word_set("arms", "package_nouns") | word_set("arms", "nouns")
    if not any(c.dep_ == "nsubj" and c.lemma_.lower() in containers for c in verb.children):
        return []
    queue = [c for c in verb.children if c.dep_ == "dobj"] + [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    parts: list[Token] = []
    while queue:  # the list of parts, however the parser chained it (conjuncts, appositions)
        part = queue.pop(0)
        parts.append(part)
        queue.extend(c for t in part.subtree if t == part or t.dep_ in ("prep", "pobj", "acl", "dobj", "relcl")
                     for c in t.children if c.dep_ in ("conj", "appos") and c.pos_ in ("NOUN", "PROPN")
                     and c not in parts and c not in queue)  # the list runs on past "vehicles to tow artillery, ..."
    found = []
    for part in parts:
        quantity = quantity_for(part, quantities) if is_weapon(part) else None
        if quantity is None:
            continue  # "and other equipment": a part without its own count is no event
        _, item, unit = item_and_unit([part])
        found.append(Candidate(
            event_type="arms_authorization", trigger=part,
            fields={"actor": None, "recipient": None, "item": item, "quantity": quantity.integer, "unit": unit,
                    "value_usd": None, "value_qualifier": None, "mechanism": None},
            status=status_of(verb), flags=["part_of_package"], confidence=0.6, signals=ArmsSignals(part=True)))
    return found


_OF_OFFER = re.compile(r"\s*(?:\(\s*s\s*\)|s\))?\s*of\s+offer\b", re.I)  # "Letter (s) of Offer and Acceptance"


def _notice(tok: Token) -> bool:
    """'the Army's proposed Letter(s) of Offer and Acceptance to the Government of X', 'a
    notification of a proposed sale': the formal notice of a sale."""
    word = tok.lower_.split("(")[0]
    if word not in word_set("arms", "notice_nouns"):
        return False
    rest = text_of(tok.doc)[tok.idx + len(tok.text):tok.idx + len(tok.text) + 60]
    return bool(_OF_OFFER.match(rest)) or "proposed" in rest[:30].lower() or any(
        c.lower_ == "proposed" for c in tok.children)


def prefilter_words() -> frozenset[str]:
    """An arms event needs a weapon noun ('defense articles' among them), a package of military
    aid, a notice of a sale, or an approval verb ('The purchase was approved by ...')."""
    return frozenset(phrase_inflections(word_set("arms", "approval_verbs")) | plurals(word_set("arms", "weapon_nouns"))
                     | plurals(word_set("arms", "package_nouns")) | word_set("arms", "modified_only_nouns")
                     | word_set("arms", "notice_nouns"))


def claim_detail(candidate: Candidate) -> tuple:
    """The same package approved again by another authority, in one story, is another approval;
    two parts of a package with the same count are two parts."""
    if candidate.signals.part:
        return ("part", candidate.fields.get("item"))
    return ("approved by", candidate.fields.get("actor")) if "figures_from_antecedent" in candidate.flags else ()


def retold_nouns() -> frozenset[str]:
    """'The export licence was authorized last month': the deal told again, with a date."""
    return word_set("arms", "anaphor_nouns")


def retelling_verbs() -> frozenset[str]:
    """'Congress was notified on August 25': the notice of a sale just told, with its day."""
    return word_set("arms", "retelling_verbs")


def extract(ctx: SentenceContext) -> list[Candidate]:
    verbs = word_set("arms", "verbs")
    nouns = word_set("arms", "nouns")
    quantities = sentence_quantities(ctx.sent)
    found, used = [], set()
    for tok in ctx.sent:
        if tok.pos_ == "VERB" and (parts := _components(tok, ctx, quantities)):
            found += parts
            used.update(t.i for p in parts for t in p.trigger.subtree)
    for tok in ctx.sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in verbs and tok.i not in used:
            tokens = _clause_tokens(tok)
            candidate = _candidate(tok, tokens, ctx, quantities) or _retelling(tok, ctx)
            if candidate is not None:
                used.update(t.i for t in tokens)
                found.append(candidate)
    for tok in ctx.sent:
        if tok.pos_ in ("NOUN", "PROPN") and _notice(tok) and tok.i not in used:  # a sale notified to a legislature
            candidate = _candidate(tok, _clause_tokens(tok), ctx, quantities)
            if candidate is not None:
                used.update(t.i for t in tok.subtree)
                found.append(candidate)
    for tok in ctx.sent:
        if tok.pos_ == "NOUN" and tok.lower_ in nouns and tok.i not in used and not _described(tok):
            tokens = _clause_tokens(tok)
            candidate = _candidate(tok, tokens, ctx, quantities)
            if candidate is not None:
                used.update(t.i for t in tokens)
                found.append(candidate)
    return found
