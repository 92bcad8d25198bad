"""Mentions a trigger governs: people (with pronouns and speakers), places and numbers."""
from __future__ import annotations

from spacy.tokens import Span, Token

from extract.actors import is_pronoun, is_title_word, person_at
from extract.docindex import sentence_of
from extract.lexicon import word_set
from extract.numbers import Quantity, find_quantities
from extract.sentence import SentenceContext
from extract.syntax.tree import entity_text, own_subtree, path_score

_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def person_of(token: Token, ctx: SentenceContext) -> str | None:
    """The canonical person for a subject/object token, resolving he/she/his (see resolve_pronoun)."""
    if is_pronoun(token):
        return resolve_pronoun(token, ctx)
    if token.lower_ in ("i", "me", "my"):
        return _speaker(token, ctx)
    if name := person_at(token, ctx.people):
        return name
    for child in token.children:  # "Prime Minister X" may head on a title word
        if child.dep_ in ("compound", "appos") and (name := person_at(child, ctx.people)):
            return name
    return _name_after_title(token, ctx)


def _speaker(token: Token, ctx: SentenceContext) -> str | None:
    """'"I went to Y in November," Minister X said': the first person of a quote is its speaker."""
    speaking = word_set("triggers", "reporting_verbs") | {"tell", "add"}
    for verb in token.ancestors:
        if verb.lemma_.lower() in speaking:
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and token not in c.subtree), None)
            return person_of(subject, ctx) if subject is not None and subject.lower_ not in ("i", "me", "my") else None
    return None


def _name_after_title(token: Token, ctx: SentenceContext) -> str | None:
    """'met X's emir, Sheikh Y Z.': the name set off by a comma after a title, however the
    parser attached it."""
    doc = token.doc
    if not is_title_word(token.text) or token.i + 2 >= sentence_of(token).end or doc[token.i + 1].text != ",":
        return None
    name = doc[token.i + 2]
    if name.ent_type_ != "PERSON" or name.ent_iob_ != "B":
        return None
    end = name
    while end.i + 1 < sentence_of(token).end and doc[end.i + 1].ent_iob_ == "I":
        end = doc[end.i + 1]
    return person_at(end, ctx.people)


def resolve_pronoun(pronoun: Token, ctx: SentenceContext) -> str | None:
    """'the office of X after he met Y': the nearest person earlier in the sentence, outside the
    pronoun's own clause; otherwise the subject of the previous sentences."""
    clause = {t.i for t in pronoun.head.subtree}
    for tok in reversed(ctx.sent[: pronoun.i - ctx.sent.start]):
        if tok.i not in clause and not is_pronoun(tok) and (name := person_at(tok, ctx.people)):
            return name
    return ctx.last_person


def people_in(tokens: list[Token], ctx: SentenceContext) -> list[str]:
    """Distinct canonical people among tokens, in text order."""
    names: list[str] = []
    for tok in tokens:
        name = person_of(tok, ctx) if tok.pos_ in ("PROPN", "NOUN") and not is_pronoun(tok) else None
        if name and name not in names:
            names.append(name)
    return names


def place_for(anchor: Token, tokens: list[Token] | None = None, preps=("in", "at", "to", "into")) -> str | None:
    """The place entity introduced by a preposition (or object) in the anchor's own subtree:
    the one closest to the trigger in the tree, then in the text ('In X, he met in Y' -> Y)."""
    found = [tok for tok in (tokens if tokens is not None else own_subtree(anchor))
             if tok.ent_iob_ == "B" and _is_place(tok) and _introduced_by(tok, preps)]
    if not found:
        return None
    best = min(found, key=lambda t: (path_score(anchor, t), abs(t.i - anchor.i)))
    return entity_text(best)


def _is_place(tok: Token) -> bool:
    if tok.ent_type_ in _PLACE_LABELS:
        return True
    # a one-word 'PERSON' after a place preposition is a mislabelled place (see actors.looks_like_place)
    single = tok.ent_type_ == "PERSON" and (tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I")
    return single and ((tok.dep_ == "pobj" and tok.head.lower_ in ("in", "to", "into"))
                       or (tok.dep_ == "dobj" and tok.head.lemma_ in word_set("triggers", "travel_verbs", "with_object")))


def _introduced_by(tok: Token, preps) -> bool:
    if tok.dep_ in ("compound", "amod", "nmod") and not tok.head.ent_type_:
        return False  # "the US capital", "the Kenyan border": a modifier, not the place
    head = tok
    while head.dep_ in ("compound", "amod", "det", "nmod") and head.head != head:
        head = head.head
    while head.dep_ == "conj":
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in word_set(
            "triggers", "place_nouns"):
        head = head.head.head  # "to the hard-hit city of Iloilo": the place is the city's name
        while head.dep_ == "conj":
            head = head.head
    if head.dep_ == "pobj":
        return head.head.lower_ in preps
    return head.dep_ in ("dobj", "npadvmod") and head.head.lemma_ in word_set("triggers", "travel_verbs", "with_object")


def sentence_quantities(sent: Span) -> list[tuple[Quantity, Token]]:
    """Numbers in a sentence with the last token of each, skipping dates, times and ordinals."""
    out = []
    for q in find_quantities(sent.text):
        span = sent.doc.char_span(sent.start_char + q.start, sent.start_char + q.end, alignment_mode="expand")
        if span is None or span[-1].ent_type_ in ("DATE", "TIME", "ORDINAL", "PERCENT"):
            continue
        out.append((q, span[-1]))
    return out
