"""Syntax helpers shared by the extractors: subjects, tense, status, and what attaches to a trigger."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from extract.actors import PersonIndex, is_pronoun, is_title_word, person_at, travel_verbs
from extract.dates import ResolvedDate, through_weekday, resolve_date
from extract.lexicon import word_set
from extract.numbers import Quantity, find_quantities
from extract.docindex import entities_in, sentence_of, text_of

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_CLAUSE_DEPS = {"relcl", "ccomp", "advcl", "acl", "parataxis", "csubj"}
_NOT_EVENT_DATE = {"since", "after", "before", "until", "till", "following", "from", "ahead", "prior"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass
class SentenceContext:
    """What an extractor sees: one sentence plus document-level knowledge."""

    sent: Span
    people: PersonIndex
    reference: dt.date | None
    last_person: str | None = None
    last_pair: tuple[str, str] | None = None  # the last two people told meeting ('the two leaders')


def is_future(verb: Token) -> bool:
    """'will meet', 'is slated to sit', 'plans to visit', 'before travelling to X' after 'will meet'.
    Walks up through xcomp/conj/pcomp links, a bounded number of hops (long chains exist)."""
    future_heads = word_set("triggers", "future_heads")
    for _ in range(8):
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "’ll") for c in verb.children):
            return True
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
            verb = _past_reporting(verb, start)
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
    markers = word_set("triggers", "arms", "pending_markers")
    # "is still to decide on an application to sell ...": the decision above the trigger is pending
    return any(any(marker in tok.doc[max(sentence_of(tok).start, tok.i - 4): tok.i].text.lower() for marker in markers)
               for tok in _up_through(verb, ("acl", "xcomp", "pobj", "prep")))


def _up_through(tok: Token, deps: tuple[str, ...], hops: int = 4):
    """The token, then the heads above it while the link to each is one of `deps`."""
    for _ in range(hops):
        yield tok
        if tok.dep_ not in deps or tok.head == tok:
            return
        tok = tok.head


def is_called_off(noun: Token) -> bool:
    """'cancelled a planned trip', 'the talks were postponed', 'called off the meeting'."""
    if noun.dep_ not in ("dobj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = noun.head
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    phrase = f"{verb.lemma_.lower()} {particle}" if particle else verb.lemma_.lower()
    return phrase in word_set("triggers", "cancel_verbs")


def calls_off_a_plan(sent: Span) -> bool:
    """'... had been due to meet Y, but that trip was postponed': a sentence that calls off a
    trip or talks calls off what it planned."""
    nouns = word_set("triggers", "visit", "nouns") | word_set("triggers", "meeting", "nouns")
    return any(t.lemma_.lower() in nouns and is_called_off(t) for t in sent)


def is_negated(verb: Token) -> bool:
    """Not an event: negated ('did not meet'), denied, or only supposed."""
    return (any(c.dep_ == "neg" for c in verb.children) and not is_pending(verb)) or _denied(verb) \
        or _hypothetical(verb)


_WILLING = {"willing", "ready", "prepared", "happy", "open"}


def _hypothetical(verb: Token) -> bool:
    """'asked whether he would travel to Y', 'if she visits Y', 'would be willing to visit Y',
    'would happily go to Y if the timing is right': supposed, not told."""
    if any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children) and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children) for c in verb.children):
        return True
    return any(any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in tok.children)
               or (tok.dep_ == "xcomp" and tok.head.lower_ in _WILLING)
               for tok in _up_through(verb, ("xcomp", "conj")))


def _denied(verb: Token) -> bool:
    """'The ministry denied reports that X would stop in Y': what is denied did not happen."""
    above = list(_up_through(verb, ("ccomp", "acl", "dobj", "xcomp"), hops=5))[1:]
    return any(tok.lemma_.lower() in ("deny", "dismiss", "refute") for tok in above)


def is_headline(sent: Span) -> bool:
    """The document's first line when it has no closing punctuation."""
    text = sent.text.strip()
    return sent.start == 0 and "\n" in sent.text_with_ws and not text.endswith((".", "!", "?", '"', "”"))


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
    return "future" if is_future(verb) or is_timetabled(verb) else "past"


def _past_reporting(hop: Token, start: Token) -> Token:
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
        hop = _past_reporting(hop.head, verb)  # "is due to travel", "before travelling on to X"
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


def own_subtree(anchor: Token, also_stop: tuple[str, ...] = ()) -> list[Token]:
    """The anchor's subtree without embedded clauses of other verbs (relative clauses etc.)."""
    stop = _CLAUSE_DEPS | set(also_stop)
    out, stack = [], [anchor]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in stop)
    return sorted(out, key=lambda t: t.i)


def people_in(tokens: list[Token], ctx: SentenceContext) -> list[str]:
    """Distinct canonical people among tokens, in text order."""
    names: list[str] = []
    for tok in tokens:
        name = person_of(tok, ctx) if tok.pos_ in ("PROPN", "NOUN") and not is_pronoun(tok) else None
        if name and name not in names:
            names.append(name)
    return names


def _path_score(anchor: Token, target: Token) -> int:
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


_DAY_TIME = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|tomorrow)\b", re.I)


def is_date_mention(ent: Span) -> bool:
    """DATE entities, and TIME entities that name a day ('Monday night', 'yesterday evening'),
    outside a dateline ('SEOUL, July 17 (Wire) -' dates the report, not its events)."""
    return (ent.label_ == "DATE" or (ent.label_ == "TIME" and bool(_DAY_TIME.search(ent.text)))) and not in_dateline(ent[0])


# "SEOUL, July 17 (Wire) - ", "LIMA (Wire) - ", "PORT MORESBY — ": a city in capitals and/or an
# agency in brackets, then a dash, at the start of a sentence
_DATELINE = re.compile(r"\s*(?:(?P<city>[A-Z][A-Z.'’ -]*[A-Z.])(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?"
                       r"(?P<agency>\([^)\n]{1,40}\)\s*)?[-—–]{1,2}\s")


_DATELINE_CHARS = 80  # a dateline is short; asked for every date mention, so read no further


def in_dateline(tok: Token) -> bool:
    start = sentence_of(tok).start_char
    if tok.idx - start >= _DATELINE_CHARS:
        return False
    m = _DATELINE.match(text_of(tok.doc), start, start + _DATELINE_CHARS)
    return m is not None and bool(m["city"] or m["agency"]) and tok.idx < m.end()


def dates_a_report(ent: Span, anchor: Token | None = None) -> bool:
    """'..., the agency said on Tuesday': the date of the telling, not of what is told."""
    head = ent.root.head
    verb = head.head if head.dep_ == "prep" else head  # "said on Tuesday", "said Tuesday"
    return (verb != anchor and verb.pos_ in ("VERB", "AUX")
            and verb.lemma_.lower() in word_set("triggers", "reporting_verbs"))


def marks_other_time(ent: Span, anchor: Token | None = None) -> bool:
    """'since October 7', 'after the October 7 attacks': a reference point, not the event's date.
    A 'before' that governs the trigger itself ('before heading to X next week') does not count."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in _NOT_EVENT_DATE or ent[0].lower_ in _NOT_EVENT_DATE or before in ("another", "every", "each"):
        return True
    own = {anchor.i, *(a.i for a in anchor.ancestors)} if anchor is not None else set()
    hops = [h for h in (ent.root.head, ent.root.head.head, ent.root.head.head.head) if h.i not in own]
    if any(h.lower_ in _NOT_EVENT_DATE and h.dep_ in ("prep", "mark") for h in hops):
        return True
    # "since he took office last year": the clause's verb carries the 'since'
    verb = next((h for h in hops if h.pos_ in ("VERB", "AUX")), None)
    return verb is not None and any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children)


def _describes_date(anchor: Token, ent: Span) -> bool:
    """The trigger sits in a clause about the date itself ('on October 7, when ... killing 1,200')
    or about a dated noun ('the October 7 attacks, which saw ... killing 1,200')."""
    for clause in (a for a in [anchor, *anchor.ancestors] if a.dep_ == "relcl"):
        head = clause.head
        if ent.start <= head.i < ent.end:
            return True
        if any(ent.start <= t.i < ent.end for t in head.lefts for t in t.subtree):
            return True
    return False


def date_for(anchor: Token, ctx: SentenceContext, tense: str) -> ResolvedDate | None:
    """The date mention that attaches to the trigger within its own clause, resolved.
    A mention inside the trigger's own subtree wins over one reached through its head."""
    best: tuple[tuple[int, int], ResolvedDate] | None = None
    own = {t.i for t in anchor.subtree}
    for ent in entities_in(ctx.sent):
        if is_date_mention(ent) and _describes_date(anchor, ent):
            if (resolved := resolve_date(ent.text, ctx.reference, tense)) is not None:
                return _with_conjoined_day(ent, resolved)
        if not is_date_mention(ent) or marks_other_time(ent, anchor) or dates_a_report(ent, anchor):
            continue
        if ent.root.i not in own and tense == "future" and _after_or_before(anchor):
            continue  # "will visit X on Tuesday before travelling on to Y": Y's day is not told
            # (told in the past, "toured X on Thursday before travelling to Y" is one day's account)
        score = _path_score(anchor, ent.root)
        resolved = resolve_date(ent.text, ctx.reference, tense)
        # "A year later, in June 2023, X came ...": a story-relative phrase yields to a real date
        rank = ("relative_to_story" in resolved.flags if resolved else 0, 0 if ent.root.i in own else 1, score)
        if score > 8 or (best is not None and rank >= best[0]):
            continue  # a path through another verb (score >= 5 per verb) is another clause's date
        if resolved is not None:
            best = (rank, _with_conjoined_day(ent, resolved))
    return best[1] if best else None


def _with_conjoined_day(ent: Span, resolved: ResolvedDate) -> ResolvedDate:
    """'next Tuesday and Wednesday', which the model tags as two dates joined by 'and'."""
    day = next((c for c in ent.root.children if c.dep_ == "conj" and c.ent_type_ == "DATE"), None)
    return through_weekday(resolved, day.text) if day is not None else resolved


def _after_or_before(anchor: Token) -> bool:
    """A trigger in a 'before/after ...ing' phrase: 'before travelling on to Y'."""
    return anchor.dep_ == "pcomp" and anchor.head.lower_ in ("before", "after")


def sentence_date(sent: Span, reference: dt.date | None) -> ResolvedDate | None:
    """The date a sentence's main clause is about, if it names one at day or week precision."""
    root = sent.root
    if root.lemma_.lower() in word_set("triggers", "reporting_verbs"):  # "X happened, officials said"
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
    # a wire lead's "said on Tuesday" counts here, after the date of what was said (whose
    # clause may hang further from the root when the lead's dateline confuses the parse)
    # ... and the main clause's own date before one in a side clause ("X, who arrived on
    # Tuesday, met Y on Wednesday" is about Wednesday)
    mentions = [e for e in entities_in(sent) if is_date_mention(e) and not marks_other_time(e)]
    for ent in sorted(mentions, key=lambda e: (dates_a_report(e), _path_score(root, e.root))):
        reach = 8 if dates_a_report(ent) else 10
        if _path_score(root, ent.root) <= reach:
            # the tense of the clause the date is in: "told reporters on Wednesday that talks would ..." is past
            resolved = resolve_date(ent.text, reference, tense_of(governing_verb(ent.root) or root))
            if resolved is not None and resolved.expr.precision in ("day", "week"):
                return resolved
    return None


def place_for(anchor: Token, tokens: list[Token] | None = None, preps=("in", "at", "to", "into")) -> str | None:
    """The place entity introduced by a preposition (or object) in the anchor's own subtree:
    the one closest to the trigger in the tree, then in the text ('In X, he met in Y' -> Y)."""
    found = [tok for tok in (tokens if tokens is not None else own_subtree(anchor))
             if tok.ent_iob_ == "B" and _is_place(tok) and _introduced_by(tok, preps)]
    if not found:
        return None
    best = min(found, key=lambda t: (_path_score(anchor, t), abs(t.i - anchor.i)))
    return entity_text(best)


def _is_place(tok: Token) -> bool:
    if tok.ent_type_ in _PLACE_LABELS:
        return True
    # a one-word 'PERSON' after a place preposition is a mislabelled place (see actors.looks_like_place)
    single = tok.ent_type_ == "PERSON" and (tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I")
    return single and ((tok.dep_ == "pobj" and tok.head.lower_ in ("in", "to", "into"))
                       or (tok.dep_ == "dobj" and tok.head.lemma_ in ("visit", "tour")))


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
    return head.dep_ in ("dobj", "npadvmod") and head.head.lemma_ in ("visit", "tour")


def entity_text(tok: Token) -> str:
    """Text of the entity starting at tok, without a leading 'the' and possessive."""
    end = tok.i + 1
    while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
        end += 1
    words = [t for t in tok.doc[tok.i:end] if t.lower_ != "the" and t.tag_ != "POS"]
    while words and words[-1].pos_ in ("ADP", "CCONJ", "DET", "PUNCT"):
        words.pop()  # "the ministry in (March)" tagged as one organisation
    return "".join(t.text_with_ws for t in words).strip()


# Words that qualify a count, not the thing counted ('a further 65 people', 'an estimated 1.7 million').
_COUNT_QUALIFIERS = {"further", "another", "additional", "estimated", "some", "about", "around", "nearly",
                     "almost", "roughly", "approximately", "over", "at", "least", "most", "more", "than", "up",
                     "to", "as", "many", "fewer", "less", "just", "only", "an", "a"}


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
        if (tok.like_num and counts_head and tok.dep_ != "compound") or tok.lower_ in _COUNT_QUALIFIERS:
            continue
        start = tok
        break
    dash = next((t for t in reversed(start.doc[start.i: head.i]) if t.text in ("-", "--", "\u2013", "\u2014")
                 and t.whitespace_ and t.doc[t.i - 1].whitespace_), None)  # spaced: not "air-to-surface"
    if dash is not None:
        start = dash.doc[dash.i + 1]  # "LIMA (Wire) - Peru's defence ministry": the dateline is not the name
    while start.i < head.i and (start.is_punct or start.tag_ == "POS"):
        start = start.doc[start.i + 1]
    return start.doc[start.i: head.i + 1].text.strip(" ,")


def _under(tok: Token, head: Token, stop_deps) -> bool:
    while tok != head:
        if tok.dep_ in stop_deps or tok.dep_ in ("nummod", "quantmod") and tok.head == head:
            return True
        tok = tok.head
    return False


def sentence_quantities(sent: Span) -> list[tuple[Quantity, Token]]:
    """Numbers in a sentence with the last token of each, skipping dates, times and ordinals."""
    out = []
    for q in find_quantities(sent.text):
        span = sent.doc.char_span(sent.start_char + q.start, sent.start_char + q.end, alignment_mode="expand")
        if span is None or span[-1].ent_type_ in ("DATE", "TIME", "ORDINAL", "PERCENT"):
            continue
        out.append((q, span[-1]))
    return out


def governing_verb(token: Token, max_hops: int = 5) -> Token | None:
    """The nearest verb above a noun ('his fifth trip' -> 'concluded')."""
    for ancestor in list(token.ancestors)[:max_hops]:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None
