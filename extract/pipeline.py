"""The one public call of extraction: documents in, validated events and rejects out."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Iterable

from pydantic import ValidationError
from spacy.tokens import Doc, Span

from extract import timing
from extract.actors import PersonIndex
from extract.events.base import Candidate
from extract.events.kind import EventKind
from extract.events.registry import kind_of, kinds
from extract.nlp import load_nlp, parse
from extract.prefilter import Masked, mask
from extract.sentence import SentenceContext
from extract.story import Story
from extract.story.order import story_passes
from extract.story.passes import claim_key
from extract.syntax.dating import sentence_date
from extract.syntax.mentions import person_of
from extract.syntax.modality import calls_off_a_plan
from extract.syntax.tree import subjects
from schemas import Document, Event, Evidence, Reject, TimeExpr

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
        except RulesOverBudget as err:
            log.warning("extraction stopped for %s: %s", document.source_file, err)
            events, rejects = [], [Reject(stage="extract", source_file=document.source_file, doc_id=document.doc_id,
                                          reason=str(err))]
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


class RulesOverBudget(RuntimeError):
    """One document's rules ran past their time budget: it becomes a reject, so that no single
    article can hold a run (and the warehouse's writer lock) for minutes."""


def extract_document(document: Document, doc: Doc, skipped: tuple[tuple[int, int], ...] = (),
                     budget_seconds: float | None = None) -> tuple[list[Event], list[Reject]]:
    """Events of one parsed document; `skipped` are the character ranges the pre-filter blanked.
    `budget_seconds` (default RULES_BUDGET_SECONDS) bounds the time its rules may take."""
    budget = RULES_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    deadline = time.perf_counter() + budget
    people = PersonIndex.from_doc(doc)
    story = Story(reference=document.reference_date)
    candidates: list[Candidate] = []
    last_person: str | None = None
    carried: dict[str, object] = {}
    plan_nouns = frozenset().union(*(k.words("event_nouns") for k in kinds() if k.borrows_story_date))
    too_long = 0
    skips_seen = 0
    for sent in doc.sents:
        while skips_seen < len(skipped) and skipped[skips_seen][0] < sent.start_char:
            story.add_sentence(None, None)  # a blanked sentence still separates a date from what follows
            skips_seen += 1
        if len(sent) > MAX_SENTENCE_TOKENS:
            too_long += 1
            continue
        if time.perf_counter() > deadline:
            raise RulesOverBudget(f"the rules took over {budget:g} s (stopped at sentence {len(story.sentences) + 1}); "
                                  "the document is not read for events")
        ctx = SentenceContext(sent=sent, people=people, reference=document.reference_date,
                              last_person=last_person, carried=dict(carried))
        for kind in kinds():
            found = _without_called_off(kind.component.extract(ctx), kind, sent, plan_nouns)
            for candidate in found:
                candidate.sentence, candidate.position = sent, len(story.sentences)
            candidates += found
            if hasattr(kind.component, "carry") and (value := kind.component.carry(found)) is not None:
                carried[kind.name] = value
        last_person = _sentence_subject(ctx) or last_person
        if sent.text.strip():
            story.add_sentence(sent, sentence_date(sent, document.reference_date))
    for story_pass in story_passes():
        candidates = story_pass(candidates, story)
    events, rejects = _validate(document, candidates)
    if too_long:
        rejects.append(Reject(stage="extract", source_file=document.source_file, doc_id=document.doc_id,
                              reason=f"{too_long} sentence(s) over {MAX_SENTENCE_TOKENS} tokens not read for events "
                                     "(run-on text, lists or tables)"))
    return events, rejects


def _without_called_off(found: list[Candidate], kind: EventKind, sent: Span,
                        plan_nouns: frozenset[str]) -> list[Candidate]:
    """'... had been due to meet Y, but that trip was postponed': a sentence that calls off a
    trip or talks (one of `plan_nouns`) calls off what it planned."""
    if not kind.borrows_story_date or not any(c.status == "planned" for c in found):
        return found
    if not calls_off_a_plan(sent, plan_nouns):
        return found
    return [c for c in found if c.status != "planned"]


# News sentences are far shorter; longer ones are run-on text or tables, and the syntax rules
# cost time that grows with the square of the sentence's length.
MAX_SENTENCE_TOKENS = 250
# The rules cost about 1 ms a sentence (linear: docindex), so a 1,000,000-character article
# (--max-chars) needs seconds; a minute means something went wrong with that document.
RULES_BUDGET_SECONDS = 60.0


def _sentence_subject(ctx: SentenceContext) -> str | None:
    """The person a following 'he'/'she' most likely refers to: the main clause's subject."""
    root = ctx.sent.root
    for subject in subjects(root):
        if subject.lower_ in ("he", "she"):
            return None  # "In Y she will meet X.": still the same person as before
        if name := person_of(subject, ctx):
            return name
    for tok in ctx.sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ not in ("he", "she") and (name := person_of(tok, ctx)):
            return name
    # no person subject: the first person the sentence names ("It is X's first visit")
    return next((n for t in ctx.sent if t.pos_ == "PROPN" and (n := person_of(t, ctx))), None)


def evidence_for(sent: Span) -> Evidence:
    """The sentence without surrounding whitespace, with offsets into the normalised text."""
    raw = sent.text
    start = sent.start_char + (len(raw) - len(raw.lstrip()))
    text = raw.strip()
    return Evidence(sentence=text, char_start=start, char_end=start + len(text))


def event_id_for(doc_id: str, event_type: str, evidence: Evidence, key: tuple) -> str:
    """Deterministic: the same document and extractor give the same id in every process.

    Hashed from canonical JSON, never from repr(): a set's order follows PYTHONHASHSEED."""
    raw = json.dumps([doc_id, event_type, evidence.char_start, evidence.char_end, canonical(key)],
                     sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def canonical(value):
    """`value` as plain JSON data that is the same in every process: sets sorted, dates ISO."""
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _validate(document: Document, candidates: Iterable[Candidate]) -> tuple[list[Event], list[Reject]]:
    events: list[Event] = []
    rejects: list[Reject] = []
    for candidate in candidates:
        record = _record(document, candidate)
        try:
            events.append(kind_of(candidate).model.model_validate(record))
        except ValidationError as err:
            rejects.append(_reject(document, "validate", _short(err), record))
            continue
        if "malformed_number" in candidate.flags:
            raw = candidate.figure_text or record["evidence"]["sentence"]
            rejects.append(_reject(document, "extract", f"malformed number '{raw}': count left empty", record))
    return events, rejects


def _record(document: Document, c: Candidate) -> dict:
    evidence = evidence_for(c.sentence)
    date = c.date.expr if c.date else TimeExpr()
    flags = list(dict.fromkeys([*c.flags, *(c.date.flags if c.date else ())]))
    return {
        "event_type": c.event_type,
        "event_id": event_id_for(document.doc_id, c.event_type, evidence, claim_key(c)),
        "doc_id": document.doc_id,
        "status": c.status,
        "date": date.model_dump(),
        "evidence": evidence.model_dump(),
        "quality_flags": flags,
        "confidence": round(min(c.confidence, 1.0), 2),
        **c.fields,
    }


def _reject(document: Document, stage: str, reason: str, record: dict) -> Reject:
    return Reject(stage=stage, reason=reason, source_file=document.source_file, doc_id=document.doc_id,
                  payload=json.dumps(record, default=str))


def _short(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"invalid {where}: {first['msg']}"
