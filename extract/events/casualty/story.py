"""Story passes of casualty figures: a fresh incident's toll, and counts as of their statement."""
from __future__ import annotations

from spacy.tokens import Span

from extract.dates import resolve_date
from extract.docindex import entities_in
from extract.events.base import Candidate
from extract.lexicon import word_set
from extract.story import Story, is_dated
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
            and not any(is_date_mention(e) for e in entities_in(candidate.sentence)))


def may_take_anaphor_date(figure: Candidate) -> bool:
    """A figure that may count one incident's victims: no running total, no displacement."""
    return figure.fields.get("category") != "displaced" and not _cumulative(figure.sentence)


def _as_of(sent: Span) -> bool:
    """Words of a count updated or still standing: its date is when it was counted, not the incident's."""
    return any(t.lemma_.lower() in word_set("casualty", "as_of_lemmas") or t.lower_ == "still" for t in sent)


def date_from_incident(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """Undated casualty figures in a report of a fresh incident ('An airstrike on Monday killed
    31 ... Up to 20 people may still be missing') take the incident's date, flagged."""
    figures = [c for c in candidates if _is_figure(c)]
    lead = next((c for c in figures if is_dated(c) and c.status == "occurred"), None)
    reference = story.reference
    if lead is None or reference is None:
        return candidates
    end = lead.date.expr.date_end or lead.date.expr.date_start
    if not (0 <= (reference - end).days <= INCIDENT_WINDOW_DAYS):
        return candidates
    for figure in figures:
        sent = figure.sentence
        if figure is not lead and is_dated(figure) and figure.date.expr.date_start > end and _as_of(sent):
            figure.date = lead.date  # "the toll rose to 41 by Sunday evening": the flood's victims
            figure.status = "occurred"
            figure.flags.append("date_from_incident")
            continue
        if is_dated(figure) or figure.fields.get("category") == "displaced":
            continue  # displacement is a stock that grows over weeks, not one incident's toll
        sibling = next((c for c in figures if c.sentence == sent and is_dated(c)), None)
        if sibling is not None:  # "killed 31 on Monday and wounded 70": one clause's date
            figure.date = sibling.date
        elif any(is_date_mention(e) for e in entities_in(sent)) or _cumulative(sent):
            continue
        else:
            figure.date = lead.date
        figure.status = "occurred"
        figure.flags.append("date_from_incident")
    return candidates


def date_from_statement(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """'At least 212 people have been injured, the agency said on Wednesday': a figure left
    undated by its incident is dated by the statement that gives it (status stays `reported`,
    flag date_from_report): the count stood at that on that day. Running totals and
    displacement stay undated."""
    for figure in candidates:
        if not _is_figure(figure) or is_dated(figure) or not may_take_anaphor_date(figure):
            continue  # a running total "since April last year" has no day of its own
        said = next((e for e in entities_in(figure.sentence) if is_date_mention(e) and dates_a_report(e)), None)
        resolved = resolve_date(said.text, story.reference, "past") if said is not None else None
        if resolved is not None and resolved.expr.date_start and resolved.expr.precision == "day":
            figure.date = resolved
            figure.flags.append("date_from_report")
    return candidates


STORY_PASSES = (date_from_incident, date_from_statement)
