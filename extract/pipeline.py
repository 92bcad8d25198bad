"""The one public call of extraction: documents in, validated events and rejects out."""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from typing import Iterable

from pydantic import ValidationError
from spacy.tokens import Doc, Span

from extract import timing
from extract.actors import PersonIndex
from extract.clauses import SentenceContext, is_date_mention, person_of, sentence_date, subjects
from extract.dates import ResolvedDate
from extract.events import EXTRACTORS
from extract.events.base import Candidate
from extract.nlp import load_nlp, parse
from extract.prefilter import Masked, mask
from schemas import EVENT_ADAPTER, Document, Event, Evidence, Reject, TimeExpr

log = logging.getLogger(__name__)


@dataclass
class ExtractionResult:
    events: list[Event] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    # what it cost: seconds per stage (nlp, time, rules, prefilter), words read, characters parsed
    stage_seconds: dict[str, float] = field(default_factory=dict)
    words: int = 0
    chars: int = 0
    kept_chars: int = 0


def extract_documents(documents: list[Document], batch_size: int = 16, prefilter: bool = True) -> ExtractionResult:
    """Parse documents with spaCy (nlp.pipe) and run every extractor over every sentence.
    With `prefilter`, sentences without a trigger word, number or date are not parsed."""
    result = ExtractionResult()
    longest = max((len(d.text) for d in documents), default=0)
    load_nlp().max_length = max(load_nlp().max_length, longest + 1)  # the limit is ingest's (--max-chars)
    before = timing.snapshot()
    with timing.stage("prefilter"):
        masked = [mask(d.text) if prefilter else Masked(d.text, (), len(d.text)) for d in documents]
    docs = parse((m.text for m in masked), batch_size=batch_size)
    for document, m in zip(documents, masked):
        with timing.stage("nlp"):
            doc = next(docs)
        try:
            with timing.stage("rules"):
                events, rejects = extract_document(document, doc, m.skipped)
        except Exception as err:  # one odd document must not cost the batch: it becomes a reject
            log.warning("extraction failed for %s: %s: %s", document.source_file, type(err).__name__, err)
            log.debug("extraction failure", exc_info=True)
            events, rejects = [], [Reject(stage="extract", source_file=document.source_file, doc_id=document.doc_id,
                                          reason=f"extractor error: {type(err).__name__}: {err}"[:500])]
        result.events.extend(events)
        result.rejects.extend(rejects)
    result.stage_seconds = timing.since(before)
    result.words = sum(len(d.text.split()) for d in documents)
    result.kept_chars = sum(m.kept_chars for m in masked)
    result.chars = sum(len(d.text) for d in documents)
    return result


def extract_document(document: Document, doc: Doc, skipped: tuple[tuple[int, int], ...] = ()
                     ) -> tuple[list[Event], list[Reject]]:
    """Events of one parsed document; `skipped` are the character ranges the pre-filter blanked."""
    people = PersonIndex.from_doc(doc)
    candidates: list[tuple[Candidate, Span]] = []
    last_person: str | None = None
    recent_dates: list[ResolvedDate | None] = []
    too_long = 0
    skips_seen = 0
    for sent in doc.sents:
        while skips_seen < len(skipped) and skipped[skips_seen][0] < sent.start_char:
            recent_dates.append(None)  # a blanked sentence still separates a date from what follows
            skips_seen += 1
        if len(sent) > MAX_SENTENCE_TOKENS:
            too_long += 1
            continue
        ctx = SentenceContext(sent=sent, people=people, reference=document.reference_date,
                              last_person=last_person)
        for extractor in EXTRACTORS.values():
            for candidate in extractor(ctx):
                _date_from_context(candidate, recent_dates[-CONTEXT_SENTENCES:], document.reference_date)
                candidates.append((candidate, sent))
        last_person = _sentence_subject(ctx) or last_person
        if sent.text.strip():
            recent_dates.append(sentence_date(sent, document.reference_date))
    _date_from_incident([c for c, _ in candidates], document.reference_date)
    events, rejects = _validate(document, _deduplicate(_without_restated_headline(candidates)))
    if too_long:
        rejects.append(Reject(stage="extract", source_file=document.source_file, doc_id=document.doc_id,
                              reason=f"{too_long} sentence(s) over {MAX_SENTENCE_TOKENS} tokens not read for events "
                                     "(run-on text, lists or tables)"))
    return events, rejects


# News sentences are far shorter; longer ones are run-on text or tables, and the syntax rules
# cost time that grows with the square of the sentence's length.
MAX_SENTENCE_TOKENS = 250


def _is_headline(sent: Span) -> bool:
    """The document's first line when it has no closing punctuation."""
    text = sent.text.strip()
    return sent.start == 0 and "\n" in sent.text_with_ws and not text.endswith((".", "!", "?", '"', "”"))


def _without_restated_headline(candidates: list[tuple[Candidate, Span]]) -> list[tuple[Candidate, Span]]:
    """A headline restates the story: a figure-less arms event in it ('X clears missile sale')
    is a retelling of the body's arms events (kept only when the body has none). Figures and
    people are deduplicated by their keys instead."""
    body_types = {c.event_type for c, s in candidates if not _is_headline(s)}
    return [(c, s) for c, s in candidates
            if not (_is_headline(s) and c.event_type == "arms_authorization" and c.event_type in body_types
                    and c.fields.get("quantity") is None and c.fields.get("value_usd") is None)]


# How far back an undated visit or meeting may take the date of the story it continues.
CONTEXT_SENTENCES = 2
_CONTEXT_TYPES = {"visit", "meeting"}


# Words that make a figure a running total rather than one incident's toll.
_CUMULATIVE_WORDS = {"since", "total", "overall", "altogether", "war", "conflict", "year", "years",
                     "months", "ever", "cumulative"}


def _incident_figure(candidate: Candidate) -> bool:
    """A casualty figure told in the simple past or past perfect ('killed 12', 'had died') belongs
    to the incident being told; present perfect ('have been killed') is a running total."""
    if candidate.event_type != "casualty_figure":
        return False
    cumulative = any(t.lower_ in _CUMULATIVE_WORDS for t in candidate.trigger.sent)
    return candidate.fields.get("verb_tag") == "VBD" and not cumulative


def _present_tense(trigger) -> bool:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else next(
        (a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.tag_ in ("VBZ", "VBP") and verb.lemma_ != "be" and not any(
        c.dep_ == "aux" for c in verb.children)


def _date_from_context(candidate: Candidate, recent: list[ResolvedDate | None], reference) -> None:
    """An undated visit or meeting right after a dated sentence happened on that date
    ('On Tuesday, X met Y. He also met Z.'); flagged so that analysts can tell."""
    if _is_dated(candidate) or not (candidate.event_type in _CONTEXT_TYPES or _incident_figure(candidate)):
        return
    context = next((d for d in reversed(recent) if d is not None), None)
    if context is None or reference is None or _present_tense(candidate.trigger):
        return  # "as X flies to Y" is about now, whatever the sentence before was about
    if candidate.event_type == "casualty_figure" and any(is_date_mention(e) for e in candidate.trigger.sent.ents):
        return  # the figure has its own period ("in the past week"), even if it is no point in time
    start = context.expr.date_start
    if (candidate.status in ("occurred", "reported") and start <= reference) or (
            candidate.status == "planned" and start >= reference):
        candidate.date = context
        candidate.flags.append("date_from_context")
        if candidate.event_type == "casualty_figure":
            candidate.status = "occurred"


# A lead incident this close to publication is breaking news: the article's other figures
# count its victims unless they say they count something longer (_CUMULATIVE_WORDS).
INCIDENT_WINDOW_DAYS = 7


def _date_from_incident(candidates: list[Candidate], reference) -> None:
    """Undated casualty figures in a report of a fresh incident ('An airstrike on Monday killed
    31 ... Up to 20 people may still be missing') take the incident's date, flagged."""
    figures = [c for c in candidates if c.event_type == "casualty_figure"]
    lead = next((c for c in figures if _is_dated(c) and c.status == "occurred"), None)
    if lead is None or reference is None:
        return
    end = lead.date.expr.date_end or lead.date.expr.date_start
    if not (0 <= (reference - end).days <= INCIDENT_WINDOW_DAYS):
        return
    for figure in figures:
        sent = figure.trigger.sent
        if _is_dated(figure) or figure.fields.get("category") == "displaced":
            continue  # displacement is a stock that grows over weeks, not one incident's toll
        sibling = next((c for c in figures if c.trigger.sent == sent and _is_dated(c)), None)
        if sibling is not None:  # "killed 31 on Monday and wounded 70": one clause's date
            figure.date = sibling.date
        elif any(is_date_mention(e) for e in sent.ents) or any(t.lower_ in _CUMULATIVE_WORDS for t in sent):
            continue
        else:
            figure.date = lead.date
        figure.flags.append("date_from_incident")


def _sentence_subject(ctx: SentenceContext) -> str | None:
    """The person a following 'he'/'she' most likely refers to: the main clause's subject."""
    root = ctx.sent.root
    for subject in subjects(root):
        if not subject.lower_ in ("he", "she") and (name := person_of(subject, ctx)):
            return name
    for tok in ctx.sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ not in ("he", "she") and (name := person_of(tok, ctx)):
            return name
    # no person subject: the first person the sentence names ("It is X's first visit")
    return next((n for t in ctx.sent if t.pos_ == "PROPN" and (n := person_of(t, ctx))), None)


def _deduplicate(candidates: list[tuple[Candidate, Span]]) -> list[tuple[Candidate, Span]]:
    """The same claim told twice in one document is one event, read from its first telling;
    an undated retelling of a visit or meeting folds into the dated one."""
    best: dict[tuple, tuple[Candidate, Span]] = {}
    for candidate, sent in candidates:
        first = best.get(candidate.key())
        if first is None or (_is_dated(candidate) and not _is_dated(first[0])):
            best[candidate.key()] = (candidate, sent)  # a dated retelling beats an undated headline
    dated = {_undated_key(c) for c, _ in best.values() if c.date and c.date.expr.date_start}
    kept = [(c, s) for c, s in best.values()
            if c.date and c.date.expr.date_start or _undated_key(c) not in dated]
    return sorted(kept, key=lambda pair: pair[0].trigger.i)


def _is_dated(candidate: Candidate) -> bool:
    return bool(candidate.date and candidate.date.expr.date_start)


def _undated_key(candidate: Candidate) -> tuple:
    if candidate.event_type not in _CONTEXT_TYPES:
        return ("keep", id(candidate))
    return candidate.key()[:-1]


def evidence_for(sent: Span) -> Evidence:
    """The sentence without surrounding whitespace, with offsets into the normalised text."""
    raw = sent.text
    start = sent.start_char + (len(raw) - len(raw.lstrip()))
    text = raw.strip()
    return Evidence(sentence=text, char_start=start, char_end=start + len(text))


def event_id_for(doc_id: str, event_type: str, evidence: Evidence, key: tuple) -> str:
    """Deterministic: the same document and extractor give the same id on every run."""
    raw = json.dumps([doc_id, event_type, evidence.char_start, evidence.char_end, repr(key)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def _validate(document: Document, candidates: Iterable[tuple[Candidate, Span]]) -> tuple[list[Event], list[Reject]]:
    events: list[Event] = []
    rejects: list[Reject] = []
    for candidate, sent in candidates:
        record = _record(document, candidate, sent)
        try:
            events.append(EVENT_ADAPTER.validate_python(record))
        except ValidationError as err:
            rejects.append(_reject(document, "validate", _short(err), record))
            continue
        if "malformed_number" in candidate.flags:
            raw = candidate.fields.get("count_text") or record["evidence"]["sentence"]
            rejects.append(_reject(document, "extract", f"malformed number '{raw}': count left empty", record))
    return events, rejects


def _record(document: Document, c: Candidate, sent: Span) -> dict:
    evidence = evidence_for(sent)
    date = c.date.expr if c.date else TimeExpr()
    flags = list(dict.fromkeys([*c.flags, *(c.date.flags if c.date else ())]))
    fields = {k: v for k, v in c.fields.items() if k not in ("count_text", "verb_tag")}
    return {
        "event_type": c.event_type,
        "event_id": event_id_for(document.doc_id, c.event_type, evidence, c.key()),
        "doc_id": document.doc_id,
        "status": c.status,
        "date": date.model_dump(),
        "evidence": evidence.model_dump(),
        "quality_flags": flags,
        "confidence": round(min(c.confidence, 1.0), 2),
        **fields,
    }


def _reject(document: Document, stage: str, reason: str, record: dict) -> Reject:
    return Reject(stage=stage, reason=reason, source_file=document.source_file, doc_id=document.doc_id,
                  payload=json.dumps(record, default=str))


def _short(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"invalid {where}: {first['msg']}"
