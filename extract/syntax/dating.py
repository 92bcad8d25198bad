"""Time attachment: which date mention a trigger or a sentence is about, resolved."""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from extract.dates import ResolvedDate, is_calendar_day, is_range, resolve_date, through_weekday
from extract.docindex import entities_in, sentence_of, text_of
from extract.lexicon import day_words, weekdays, word_set
from extract.sentence import SentenceContext
from extract.syntax.modality import tense_of
from extract.syntax.tree import governing_verb, path_score

_NOT_EVENT_DATE = {"since", "after", "before", "until", "till", "following", "from", "ahead", "prior"}


# A TIME entity that names a day: a weekday or a one-word day word ('Monday night', 'yesterday evening').
_DAY_TIME = re.compile(r"\b(?:%s)\b" % "|".join([*weekdays(), *day_words()]), re.I)


# labels the small model gives some plain dates ("made on 9 September" tagged EVENT)
_MISLABELLED = {"EVENT", "CARDINAL", "ORDINAL"}


def is_date_mention(ent: Span) -> bool:
    """DATE entities, and TIME entities that name a day ('Monday night', 'yesterday evening'),
    outside a dateline ('SEOUL, July 17 (Wire) -' dates the report, not its events)."""
    return (ent.label_ == "DATE" or (ent.label_ == "TIME" and bool(_DAY_TIME.search(ent.text)))
            or (ent.label_ in _MISLABELLED and is_calendar_day(ent.text))) and not in_dateline(ent[0])


# "SEOUL, July 17 (Wire) - ", "LIMA (Wire) - ", "PORT MORESBY — ": a city in capitals and/or an
# agency in brackets, then a dash, at the start of a sentence
# ("JOS, Nigeria, June 16 (Wire) - " names the country between the city and the day)
_DATELINE = re.compile(r"\s*(?:(?P<city>[A-Z][A-Z.'’ -]*[A-Z.])(?:,\s+[A-Z][A-Za-z.'’ -]{1,30}?(?=,))?"
                       r"(?:,\s+(?P<day>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+(?:19|20)\d\d)?))?\s*)?"
                       r"(?P<agency>\([^)\n]{1,40}\)\s*)?[-—–]{1,2}\s")


_DATELINE_CHARS = 80  # a dateline is short; asked for every date mention, so read no further


def in_dateline(tok: Token) -> bool:
    start = sentence_of(tok).start_char
    if tok.idx - start >= _DATELINE_CHARS:
        return False
    m = _DATELINE.match(text_of(tok.doc), start, start + _DATELINE_CHARS)
    return m is not None and bool(m["city"] or m["agency"]) and tok.idx < m.end()


_RANGE_WORDS = {"to", "through", "thru", "until", "till", "-", "–", "—", "and"}


def mention_text(ent: Span) -> str:
    """A date mention's words, with the last day of a range the model tagged apart: 'August 13'
    + 'through 16' is 'August 13 through 16'."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ in _RANGE_WORDS and doc[ent.end + 1].like_num \
            and doc[ent.end + 1].text.isdigit() and int(doc[ent.end + 1].text) <= 31 and ent[-1].like_num:
        return doc[ent.start:ent.end + 2].text
    return ent.text


def dateline_date(sent: Span, reference: dt.date | None) -> ResolvedDate | None:
    """'WASHINGTON, December 17, 2025 - ...', 'SEOUL, July 17 (Wire) - ...': the day the report is
    dated, resolved (a dateline without a year takes the reference date's side of the calendar).
    Read from the dateline's own words: the model's DATE span often runs on into the text."""
    text = text_of(sent.doc)
    m = _DATELINE.match(text, sent.start_char, sent.start_char + _DATELINE_CHARS)
    if m is None or not m["day"] or not (m["city"] or m["agency"]):
        return None
    resolved = resolve_date(m["day"], reference, "past")
    return resolved if resolved is not None and resolved.expr.date_start and resolved.expr.precision == "day" else None


def dates_a_report(ent: Span, anchor: Token | None = None) -> bool:
    """'..., the agency said on Tuesday': the date of the telling, not of what is told."""
    head = ent.root.head
    verb = head.head if head.dep_ == "prep" else head  # "said on Tuesday", "said Tuesday"
    return verb != anchor and verb.pos_ in ("VERB", "AUX") and is_reporting(verb)


def is_reporting(verb: Token) -> bool:
    """'said', 'claimed', 'reported': a telling; but 'raids had claimed 23 lives' tells deaths."""
    return verb.lemma_.lower() in word_set("triggers", "reporting_verbs") and not any(
        c.dep_ == "dobj" and c.lemma_.lower() in word_set("triggers", "lives_nouns") for c in verb.children)


def marks_other_time(ent: Span, anchor: Token | None = None) -> bool:
    """'since October 7', 'after the October 7 attacks': a reference point, not the event's date.
    A 'before' that governs the trigger itself ('before heading to X next week') does not count."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before == "from" and is_range(mention_text(ent)):
        return False  # "from November 6-8": the event's own days
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
            if (resolved := resolve_date(mention_text(ent), ctx.reference, tense)) is not None:
                return _with_conjoined_day(ent, resolved)
        if not is_date_mention(ent) or marks_other_time(ent, anchor) or dates_a_report(ent, anchor):
            continue
        if ent.root.i not in own and tense == "future" and _after_or_before(anchor):
            continue  # "will visit X on Tuesday before travelling on to Y": Y's day is not told
            # (told in the past, "toured X on Thursday before travelling to Y" is one day's account)
        score = path_score(anchor, ent.root)
        resolved = resolve_date(mention_text(ent), ctx.reference, tense)
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
    for ent in sorted(mentions, key=lambda e: (dates_a_report(e), path_score(root, e.root))):
        reach = 8 if dates_a_report(ent) else 10
        if path_score(root, ent.root) <= reach:
            # the tense of the clause the date is in: "told reporters on Wednesday that talks would ..." is past
            resolved = resolve_date(mention_text(ent), reference, tense_of(governing_verb(ent.root) or root))
            if resolved is not None and resolved.expr.precision in ("day", "week"):
                return resolved
    return None
