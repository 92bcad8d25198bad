"""The dependency tree: subjects, clauses, paths between tokens, entities and noun phrases."""
from __future__ import annotations

from spacy.tokens import Span, Token

from extract.lexicon import word_set

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


_CLAUSE_DEPS = {"relcl", "ccomp", "advcl", "acl", "parataxis", "csubj"}


def is_headline(sent: Span) -> bool:
    """The document's first line when it has no closing punctuation."""
    text = sent.text.strip()
    return sent.start == 0 and "\n" in sent.text_with_ws and not text.endswith((".", "!", "?", '"', "”"))


def up_through(tok: Token, deps: tuple[str, ...], hops: int = 4):
    """The token, then the heads above it while the link to each is one of `deps`."""
    for _ in range(hops):
        yield tok
        if tok.dep_ not in deps or tok.head == tok:
            return
        tok = tok.head


def past_reporting(hop: Token, start: Token) -> Token:
    """'X is slated to meet Y, officials said, before travelling to Z': the parser hangs the
    trailing phrase on 'said'; the clause it belongs to is what was said."""
    if hop != start and hop.lemma_.lower() in word_set("triggers", "reporting_verbs"):
        reported = next((c for c in hop.children if c.dep_ == "ccomp"), None)
        if reported is not None:
            return reported
    return hop


def subjects(verb: Token) -> list[Token]:
    """Subject tokens of a verb, following conjunctions and climbing out of xcomp/conj."""
    found = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    hop = verb
    while not found and hop.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep", "acomp") and hop.head != hop:
        hop = past_reporting(hop.head, verb)  # "is due to travel", "before travelling on to X"
        found = [c for c in hop.children if c.dep_ in _SUBJECT_DEPS]
    # "X, who arrived in Y on Tuesday, ...": the relative pronoun stands for the noun it hangs on
    found = [verb.head if s.lower_ in ("who", "that") and verb.dep_ == "relcl" else s for s in found]
    return [t for s in found for t in (s, *s.conjuncts)]


def agent(verb: Token) -> Token | None:
    """'by X' in a passive clause."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def own_subtree(anchor: Token, also_stop: tuple[str, ...] = ()) -> list[Token]:
    """The anchor's subtree without embedded clauses of other verbs (relative clauses etc.)."""
    stop = _CLAUSE_DEPS | set(also_stop)
    out, stack = [], [anchor]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in stop)
    return sorted(out, key=lambda t: t.i)


def path_score(anchor: Token, target: Token) -> int:
    """Dependency distance from a trigger to a mention, plus a penalty for each verb on the
    mention's side of the path: a date inside another clause belongs to that clause."""
    up_a = [anchor, *anchor.ancestors]
    up_b = [target, *target.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return 99
    anchor_side = up_a[: up_a.index(common)]
    target_side = up_b[: up_b.index(common)]
    verbs = sum(1 for t in target_side if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"))
    return len(anchor_side) // 2 + len(target_side) + 5 * verbs


def governing_verb(token: Token, max_hops: int = 5) -> Token | None:
    """The nearest verb above a noun ('his fifth trip' -> 'concluded')."""
    for ancestor in list(token.ancestors)[:max_hops]:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def entity_start(tok: Token) -> Token:
    """The first token of the entity `tok` is in."""
    while tok.ent_iob_ == "I" and tok.i > 0:
        tok = tok.doc[tok.i - 1]
    return tok


def entity_text(tok: Token) -> str:
    """Text of the entity starting at tok, without a leading 'the' and possessive."""
    end = tok.i + 1
    while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
        end += 1
    words = [t for t in tok.doc[tok.i:end] if t.lower_ != "the" and t.tag_ != "POS"]
    while words and words[-1].pos_ in ("ADP", "CCONJ", "DET", "PUNCT"):
        words.pop()  # "the ministry in (March)" tagged as one organisation
    return " ".join("".join(t.text_with_ws for t in words).split())


def noun_phrase(head: Token, stop_deps=("relcl", "acl", "prep", "punct", "cc", "conj", "appos", "advcl")) -> str:
    """A head noun with its left modifiers, as one contiguous span of the text:
    'the 155-millimeter artillery shells' -> '155-millimeter artillery shells',
    'about 20,000 air-to-surface munitions' -> 'air-to-surface munitions'."""
    left = [t for t in head.subtree if t.i <= head.i and not _under(t, head, stop_deps)]
    start = head
    for tok in sorted(left, key=lambda t: t.i):
        counts_head = tok.head == head or tok.head.head == head and tok.head.dep_ == "nummod"
        if tok.dep_ in ("det", "predet") or (tok.dep_ in ("nummod", "quantmod") and counts_head) \
                or (tok.dep_ == "poss" and tok.pos_ == "PRON"):
            continue
        if (tok.like_num and counts_head and tok.dep_ != "compound") or tok.lower_ in word_set("numbers", "count_qualifiers"):
            continue
        start = tok
        break
    dash = next((t for t in reversed(start.doc[start.i: head.i]) if t.text in ("-", "--", "\u2013", "\u2014")
                 and t.whitespace_ and t.doc[t.i - 1].whitespace_), None)  # spaced: not "air-to-surface"
    if dash is not None:
        start = dash.doc[dash.i + 1]  # "LIMA (Wire) - Peru's defence ministry": the dateline is not the name
    while start.i < head.i and (start.is_punct or start.tag_ == "POS"):
        start = start.doc[start.i + 1]
    return " ".join(start.doc[start.i: head.i + 1].text.split()).strip(" ,")  # one line, however wrapped


def _under(tok: Token, head: Token, stop_deps) -> bool:
    while tok != head:
        if tok.dep_ in stop_deps or tok.dep_ in ("nummod", "quantmod") and tok.head == head:
            return True
        tok = tok.head
    return False
