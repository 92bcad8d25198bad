"""Story passes of casualty figures: a flow is dated by its incident, a stock as of its statement."""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from extract.dates import ResolvedDate, document_day, resolve_date
from extract.datespans import NUMBER_WORDS
from extract.docindex import entities_in
from extract.events.base import Candidate
from extract.lexicon import word_set
from extract.story import Story, is_dated, is_entry, own_date
from extract.syntax.dating import dates_a_report, is_date_mention

# A lead incident this close to publication is breaking news: the article's other figures
# count its victims unless they say they count something longer (cumulative_words).
INCIDENT_WINDOW_DAYS = 7


def _is_figure(candidate: Candidate) -> bool:
    return candidate.event_type == "casualty_figure"


def _cumulative(sent: Span) -> bool:
    """Words that make a figure a running total rather than one incident's toll."""
    return any(t.lower_ in word_set("casualty", "cumulative_words") for t in sent)


def may_borrow_date(candidate: Candidate) -> bool:
    """A figure told in the simple past ('killed 12') belongs to the incident being told;
    present perfect ('have been killed') is a running total, and past perfect ('had been killed')
    looks back from the story's time, so it is not dated by the sentence before. A figure with a
    period of its own ('in the past week') keeps it, even if it is no point in time."""
    return (candidate.signals.verb_tag == "VBD" and not _cumulative(candidate.sentence)
            and not any(is_date_mention(e) for e in entities_in(candidate.sentence))
            and not is_stock(candidate, None)
            and not is_entry(candidate.sentence))  # a live blog's day is when the count was told


def _incident_told(story: Story) -> ResolvedDate | None:
    """With no dated toll, the day of the incident the story tells ('A magnitude 6.4 earthquake
    struck western Nepal at 23:47', under a live blog's 'Sunday, 10 April'): an incident noun
    as the subject of a verb in the past, in a sentence dated by itself or its day line."""
    incidents = word_set("casualty", "incident_nouns")
    for position, sent in enumerate(story.sentences):
        if sent is None or not any(t.lower_ in incidents and t.dep_ == "nsubj" and t.head.tag_ == "VBD" for t in sent):
            continue
        day = story.dates[position] or (story.headings[position] if is_entry(sent) else None)
        if day is not None and day.expr.precision == "day":
            return day
    return None


def may_take_anaphor_date(figure: Candidate) -> bool:
    """A figure that may count one incident's victims: no running total, no displacement."""
    return figure.fields.get("category") != "displaced" and not _cumulative(figure.sentence)


def date_from_incident(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """Undated casualty figures in a report of a fresh incident ('An airstrike on Monday killed
    31 ... Three children were among the dead') take the incident's date, flagged. Stocks
    ('Up to 20 people may still be missing') are counts as of their statement, not the incident's."""
    figures = [c for c in candidates if _is_figure(c)]
    lead = next((c.date for c in figures if is_dated(c) and c.status == "occurred"
                 and not is_stock(c, story.reference)), None) or _incident_told(story)
    reference = story.reference
    if lead is None or reference is None:
        return candidates
    end = lead.expr.date_end or lead.expr.date_start
    if not (0 <= (reference - end).days <= INCIDENT_WINDOW_DAYS):
        return candidates
    for figure in figures:
        sent = figure.sentence
        if is_dated(figure) or is_stock(figure, reference):
            continue
        sibling = next((c for c in figures if c.sentence == sent and is_dated(c)), None)
        if sibling is not None:  # "killed 31 on Monday and wounded 70": one clause's date
            figure.date = sibling.date
        elif any(is_date_mention(e) for e in entities_in(sent)) or _cumulative(sent):
            continue
        else:
            figure.date = lead
        figure.status = "occurred"
        figure.flags.append("date_from_incident")
    return candidates


# "in the past 24 hours", "over the last three days": a period counted back from the as-of date
_COUNTED_BACK = re.compile(r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:(?P<n>\d+|\w+)\s+)?"
                           r"(?P<unit>hours?|days?|weeks?|months?)\b", re.I)
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30}
_PERIOD_START = {"since"}  # "from X" opens a range the date resolver reads ("from May 2 to 5")


def is_stock(figure: Candidate, reference: dt.date | None) -> bool:
    """A count as of its statement, not one incident's toll:
    - people still missing or held ('remain missing', 'are still holding 25'), and displacement
      not told as one incident's simple past ('has displaced a million');
    - a count updated or standing ('the toll has risen to 118', 'are now confirmed dead',
      'as of September 30');
    - a count reported in the past perfect ('the group said nine had been killed': what stood
      when it was said);
    - a present-perfect toll of an incident more than a week old ('the April 25 earthquake and
      its aftershocks have killed 8,200', a month on).
    A toll of a fresh incident in the simple or present perfect ('strikes on Monday killed 12',
    'floods that hit on Friday have killed 38') is a flow, dated by its incident."""
    signals = figure.signals
    category = figure.fields.get("category")
    if category in word_set("casualty", "state_categories"):
        return True  # "are missing", "were missing after the assault", "remain unaccounted for"
    action = (signals.verb_tag in ("VBD", "VBG", "VBN", "had") and signals.verb is not None
              and signals.verb.lemma_.lower() not in word_set("casualty", "state_lemmas"))
    if category in word_set("casualty", "stock_categories") and (not action or _still(figure.sentence)):
        return True  # "remain in captivity", "have fled"; but "abducted 15 women" is the raid's toll
    if _as_of_mention(figure.sentence) is not None or _updated(figure) or _COUNTED_BACK.search(figure.sentence.text):
        return True  # "as of Tuesday", "has risen to", "in the past 24 hours": counted up to a day
    if signals.verb_tag == "had" and _reported(figure) and not signals.dated_by_verb:
        return True  # "said nine had been killed"; but "had been arrested overnight on Monday" is dated
    if not is_dated(figure) or reference is None:
        return False
    present = signals.verb_tag.startswith(("VBZ", "VBP"))
    return present and (reference - figure.date.expr.date_end).days > INCIDENT_WINDOW_DAYS


def _counts_on_its_day(figure: Candidate) -> bool:
    """The figure's own day is when the count stood: a state ('were missing') or an update ('rose
    to 19'), not an action ('130 taken captive in the Oct. 7 attack remain in Gaza': the day of
    the taking)."""
    verb = figure.signals.verb
    return (figure.fields.get("category") in word_set("casualty", "state_categories")
            or (verb is not None and verb.lemma_.lower() in word_set("casualty", "state_lemmas"))
            or _updated(figure))


def _still(sent: Span) -> bool:
    """'130 people taken captive in the attack remain in Gaza': held or displaced to this day."""
    return any(t.lemma_.lower() in ("remain", "still") for t in sent)


def _updated(figure: Candidate) -> bool:
    """'the toll has risen to 118', 'remain', '23 are now confirmed dead': an as-of word on the
    figure's own clause (its verb, the verb's modifiers, the words between it and the figure)."""
    verb = figure.signals.verb
    if verb is None:
        return False
    modifiers = (c for c in verb.children if c.dep_ in ("aux", "auxpass", "advmod", "prt", "acomp", "xcomp", "prep"))
    words = {verb, *modifiers, *(a for a in figure.trigger.ancestors if a.i != verb.i and verb in a.ancestors)}
    lemmas = word_set("casualty", "as_of_lemmas")
    return any(t.lemma_.lower() in lemmas or t.lower_ in lemmas for t in words)


def _reported(figure: Candidate) -> bool:
    """Told under a reporting verb ('X said nine had been killed'), or with a reporter."""
    verbs = word_set("triggers", "reporting_verbs")
    return bool(figure.fields.get("reported_by")) or any(
        a.lemma_.lower() in verbs for a in figure.trigger.ancestors)


def _as_of_mention(sent: Span) -> Span | None:
    """'as of September 30', 'as of Tuesday', 'had been buried by Tuesday morning'."""
    for ent in (e for e in entities_in(sent) if is_date_mention(e)):
        before = [t.lower_ for t in sent.doc[max(sent.start, ent.start - 2):ent.start]]
        if before[-2:] == ["as", "of"] or ent[:2].text.lower() == "as of" or before[-1:] == ["by"]:
            return ent
    return None


def _as_of_date(figure: Candidate, story: Story) -> ResolvedDate | None:
    """The day the count stood: 'as of X', the statement's date ('the ministry said on Tuesday'),
    else a live blog entry's day line, else the publication date. None when the document has no
    reference date."""
    sent = figure.sentence
    said = _as_of_mention(sent) or next(
        (e for e in entities_in(sent) if is_date_mention(e) and dates_a_report(e)), None)
    if said is not None:
        resolved = resolve_date(said.text, story.reference, "past")
        if resolved is not None and resolved.expr.date_start and resolved.expr.precision == "day":
            return resolved
    own = figure.date
    if own is not None and own.expr.date_start and own.expr.precision == "day" and figure.signals.dated_by_verb \
            and _counts_on_its_day(figure):
        return own  # "four people were still missing on Tuesday", "the toll rose to 19 on Wednesday"
    heading = story.headings[figure.position]
    if is_entry(sent) and heading is not None:
        return heading  # a live blog's entry is told on its day line's day
    if story.reference is None:
        return None
    return document_day(story.reference)


def _period_start(figure: Candidate, as_of: dt.date, reference: dt.date | None) -> dt.date | None:
    """The start of the period a count covers when the text names it: 'since Oct. 7', 'since
    fighting erupted in April last year', 'the war, which began in April, has displaced', 'in
    the past 24 hours', or the period it is dated by ('displaced this month'). None when it names
    none, or an undated one ('since the war began')."""
    sent = figure.sentence
    for ent in (e for e in entities_in(sent) if is_date_mention(e)):
        if _opens_period(ent) and _governs(ent, figure):
            resolved = resolve_date(ent.text, reference or as_of, "past")
            if resolved is not None and resolved.expr.date_start and resolved.expr.date_start <= as_of:
                return resolved.expr.date_start
    if m := _COUNTED_BACK.search(sent.text):
        n = m["n"] or "1"
        count = int(n) if n.isdigit() else NUMBER_WORDS.get(n.lower())
        if count:
            return as_of - dt.timedelta(days=int(count * _UNIT_DAYS[m["unit"].lower().rstrip("s")]))
    own = figure.date.expr if figure.date is not None else None
    if own is not None and own.date_start and own.precision != "day" and own.date_start <= as_of <= own.date_end:
        return own.date_start  # "had been displaced ... this month": the month so far
    if own is not None and own.date_start and own.date_start <= as_of and figure.fields.get(
            "category") in word_set("casualty", "stock_categories"):
        return own.date_start  # "4 abducted in January are still held": held since they were taken
    return None


def _adds_to_update(figure: Candidate, figures: list[Candidate]) -> bool:
    """'The council has raised the death toll to 58. Another 312 have been injured': the next
    count of the same update, as of the same statement."""
    words = {t.lower_ for t in figure.trigger.head.subtree} if figure.trigger.head is not None else set()
    return "another" in words and any(
        c.position == figure.position - 1 and _updated(c) for c in figures)


def _rival_count(figure: Candidate, figures: list[Candidate]) -> Candidate | None:
    """An undated count of the same category beside a dated toll in one sentence is another
    source's count of that incident ('police said 32 were killed, while community leaders put
    the toll at more than 50')."""
    if _gives_a_toll(figure):  # "The army gave a lower toll of 14 dead": the incident just told
        return next((c for c in reversed(figures) if c is not figure and 0 <= figure.position - c.position <= 2 and own_date(c)
                     and c.status == "occurred" and c.fields.get("category") == figure.fields.get("category")), None)
    if is_dated(figure) or figure.signals.verb_tag != "VBD":
        return None  # "has killed 8,500 ... in addition to another 1,000 killed on Oct. 7" counts apart
    return next((c for c in figures if c is not figure and c.sentence == figure.sentence and is_dated(c)
                 and c.status == "occurred" and c.fields.get("category") == figure.fields.get("category")), None)


def _gives_a_toll(figure: Candidate) -> bool:
    """A toll given in the simple past ('gave a lower toll of 14', 'put the toll at 50'), undated
    or dated only by the sentences before it."""
    verb = figure.signals.verb
    borrowed = not is_dated(figure) or "date_from_context" in figure.flags
    return (borrowed and verb is not None and verb.tag_ == "VBD" and not _cumulative(figure.sentence)
            and any(t.lemma_.lower() == "toll" for t in verb.subtree))


def _overnight(figure: Candidate) -> bool:
    """'in overnight attacks', 'were arrested overnight': the night that ended on the statement's day."""
    verb = figure.signals.verb
    return verb is not None and any(t.lower_ == "overnight" for t in verb.subtree)


def _opens_period(ent: Span) -> bool:
    """'since Oct. 7', 'since the attacks on Oct. 7', 'since fighting erupted in April', 'which began in April'."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in _PERIOD_START or ent[0].lower_ in _PERIOD_START:
        return True
    chain = list(ent.root.ancestors)[:4]
    verb = next((t for t in chain if t.pos_ in ("VERB", "AUX")), None)
    above = chain[:chain.index(verb)] if verb is not None else chain
    if any(t.lower_ == "since" and t.dep_ == "prep" for t in above):
        return True  # "since the 2021 coup": the date of what opened the period
    if verb is None or any(t.pos_ != "ADP" for t in above):
        return False  # "since protests erupted over last month's election": the election's date
    return (verb.lemma_.lower() in word_set("casualty", "period_start_lemmas")
            or any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children))


def _governs(ent: Span, figure: Candidate) -> bool:
    """The date's clause is the figure's, or one above it that is not a separate conjunct
    ('... killed since Saturday, and that 2,000 had fled': the 'since' is not the flight's)."""
    verb = figure.signals.verb
    if verb is None:
        return True
    its = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if its is None:
        return True
    return _reaches(verb, {its, its.head} if its.dep_ in ("advcl", "relcl", "acl") else {its}) or _reaches(its, {verb})


def _reaches(token: Token, targets: set[Token]) -> bool:
    """token is one of targets or below one, not through a separate conjunct."""
    while token not in targets and not (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")) and token.head.i != token.i:
        token = token.head
    return token in targets


def date_as_of_statement(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """A stock ('23,000 have been killed since the war began', '132 remain captive') and a figure
    whose incident the text leaves undated are claims as of the statement that gives them
    (status `reported`): date_end is the statement's own date when its sentence has one
    (flag as_of_statement), else the publication date (as_of_publication); date_start is the
    start of the period the text names ('since Oct. 7', 'in the past 24 hours'), else the same day."""
    figures = [c for c in candidates if _is_figure(c)]
    for figure in figures:
        flow = is_dated(figure) and not is_stock(figure, story.reference) and not _adds_to_update(figure, figures)
        if flow and not _gives_a_toll(figure):
            continue  # a flow: dated by its incident
        if (rival := _rival_count(figure, figures)) is not None:
            figure.date, figure.status = rival.date, "occurred"  # "killed 32 ..., while leaders put the toll at 50"
            figure.flags[:] = [f for f in figure.flags if f != "date_from_context"]
            figure.flags.append("date_of_rival_count")
            continue
        if flow:
            continue
        as_of = _as_of_date(figure, story)
        if as_of is None:
            continue  # no reference date: the claim has no day
        end = as_of.expr.date_start
        if not is_dated(figure) and _overnight(figure) and not is_stock(figure, story.reference):  # "killed 32 in overnight attacks, police said on Monday"
            figure.date = ResolvedDate(as_of.expr.model_copy(update={"date_start": end - dt.timedelta(days=1)}))
            figure.status = "occurred"
            figure.flags.append("overnight_before_statement")
            continue
        start = _period_start(figure, end, story.reference) or end
        figure.date = ResolvedDate(as_of.expr.model_copy(update={"date_start": start, "date_end": end}))
        figure.status = "reported"
        figure.flags[:] = [f for f in figure.flags if f != "date_from_incident"]
        figure.flags.append("as_of_publication" if as_of.expr.basis == "document" else "as_of_statement")
    return candidates


STORY_PASSES = (date_from_incident, date_as_of_statement)
