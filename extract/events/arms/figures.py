"""What an arms event counts and names: weapon nouns, their counts and items, packages of
military aid told by their value, and sums that are no authorization."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from extract.docindex import sentence_of
from extract.lexicon import word_set
from extract.numbers import Quantity
from extract.syntax.tree import governing_verb, noun_phrase


def is_weapon(tok: Token, strong_only: bool = False) -> bool:
    """A weapon noun. Strong ones (missiles, rifles) are arms on their own; general ones
    (vehicles, aircraft, radars) only with a military modifier ('armoured vehicles')."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if _in_list(tok, "strong_weapon_nouns"):
        return True
    if _in_list(tok, "modified_only_nouns"):  # "defense articles and services", never "services" alone
        return _military_modified(tok) or (tok.dep_ == "conj" and _military_modified(tok.head))
    return _in_list(tok, "weapon_nouns") and (not strong_only or _military_modified(tok))


def _in_list(tok: Token, name: str) -> bool:
    words = word_set("arms", name)
    return tok.lower_ in words or tok.lemma_.lower() in words


def _military_modified(tok: Token) -> bool:
    modifiers = word_set("arms", "military_modifiers")
    return any(t.lower_ in modifiers for t in tok.subtree if t.i < tok.i and t.dep_ in ("amod", "compound", "nmod"))


def quantity_for(noun: Token, quantities) -> Quantity | None:
    for q, last in quantities:
        hyphenated = last.i + 1 < len(last.doc) and last.doc[last.i + 1].text == "-"
        if hyphenated:
            continue  # "155-millimeter shells", "2,000-pound bombs": a measure, not a count
        # "96 AH-64E Apache helicopters": the number may hang on a model name before the noun
        if not q.is_money and (last.head == noun or last.head.head == noun and last.head.dep_ in ("compound", "nummod")):
            return _part_of(q, last, quantities)
        if not q.is_money and any(c.lower_ == "of" and noun in c.children for c in last.children):
            return q  # "an order for 14 of the vehicles"
    return None


def _part_of(whole: Quantity, last: Token, quantities) -> Quantity:
    """'the first four of 52 howitzers were delivered': the count is the part, four."""
    doc, offset = last.doc, sentence_of(last).start_char
    first = doc.char_span(offset + whole.start, offset + whole.end, alignment_mode="expand")[0].i
    if first >= 2 and doc[first - 1].lower_ == "of":
        return next((q for q, end in quantities if end.i == first - 2 and not q.is_money), whole)
    return whole


def item_and_unit(weapons: list[Token]) -> tuple[Token, str, str | None]:
    """('13,000 rounds of tank ammunition') -> item 'tank ammunition', unit 'rounds';
    a head noun wins over a modifier ('artillery shells' -> 'shells')."""
    head = next((w for w in weapons if w.dep_ != "compound"), weapons[0])
    of_object = next((g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    if head.lower_ in word_set("arms", "count_units") and of_object is not None:
        return head, noun_phrase(of_object), head.text
    return head, noun_phrase(head), head.text


def package_noun(tokens: list[Token]) -> Token | None:
    """'a drawdown of up to $250 million', '$300 million in security assistance', 'a new $150
    million package of military aid': military aid told by its value, with no weapon named.
    'Aid' or 'a package' alone may be humanitarian: a military word must say it is not."""
    nouns = [t for t in tokens if t.pos_ == "NOUN" and t.lemma_.lower() in word_set("arms", "package_nouns")]
    markers = word_set("arms", "package_markers")
    for noun in nouns:
        near = {noun.lower_, *(t.lower_ for t in tokens if abs(t.i - noun.i) <= 4)}
        if near & markers:
            return noun
    return None


def package_item(package: Token) -> str:
    """'package of military aid' -> 'military aid'; 'security assistance'; 'drawdown'."""
    of_object = next((g for c in package.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    if of_object is not None and not any(t.like_num or t.ent_type_ == "MONEY" for t in of_object.subtree):
        return " ".join(t.text for t in of_object.subtree if t.dep_ in ("amod", "compound") or t == of_object)
    words = [t for t in package.lefts if t.dep_ in ("compound", "amod") and t.like_num is False and t.lower_ != "new"
             and not any(q.like_num or q.text in "$€£" for q in t.subtree)]
    return " ".join([*(t.text for t in words), package.text])


def is_aggregate(trigger: Token, tokens: list[Token]) -> bool:
    """'In total, the U.S. has provided more than $39.7 billion ... since the invasion', 'arms
    exports rose by 2.8 percent to $175 billion': a sum of many authorizations, or a statistic."""
    text = " ".join(t.lower_ for t in tokens)
    if any(f" {w} " in f" {text} " for w in word_set("arms", "aggregate_words")):
        return True
    verb = trigger if trigger.pos_ == "VERB" else governing_verb(trigger, 3)
    return verb is not None and any(c.dep_ == "prep" and c.lower_ == "since" for c in verb.children)


def estimated(value: Quantity, trigger: Token) -> Quantity:
    """'defense articles and services estimated to cost $3.5 billion': an estimate, not an exact price."""
    if value.qualifier != "exact":
        return value
    sent = sentence_of(trigger)
    start = sent.start_char + value.start
    before = [t.lower_ for t in sent if start - 40 <= t.idx < start]
    return replace(value, qualifier="approximate") if "estimated" in before else value
