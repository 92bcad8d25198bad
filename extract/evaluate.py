"""Scoring extracted events against hand-made gold: precision, recall and F1 per event type.

Lenient matching asks the kind's identity, the same one that deduplicates a document
and clusters documents (visit: traveller and destination; meeting: who met; arms: value
or quantity, else the sentence; casualty: count and category); strict
matching also requires the same date. Gold marked `doubtful` is neither required
(no miss) nor held against the extractor (a prediction matching it is no false
positive).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.events.kind import same_event
from extract.events.registry import event_types, kind
from extract.ingest import read_folder
from extract.pipeline import extract_documents
from schemas import Event


@dataclass
class Item:
    """A gold or predicted event reduced to what scoring compares."""

    doc: str
    event_type: str
    attrs: dict[str, Any]
    sentence: str
    doubtful: bool = False


@dataclass
class TypeScore:
    gold: int = 0
    predicted: int = 0
    lenient_tp: int = 0
    strict_tp: int = 0
    date_right: int = 0
    status_right: int = 0
    dates: "DateScore" = field(default_factory=lambda: DateScore())
    misses: list[Item] = field(default_factory=list)
    false_positives: list[Item] = field(default_factory=list)
    wrong_dates: list[tuple[Item, Item]] = field(default_factory=list)
    wrong_status: list[tuple[Item, Item]] = field(default_factory=list)

    def prf(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)
        r = tp / self.gold if self.gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def lenient(self) -> tuple[float, float, float]:
        return self.prf(self.lenient_tp)

    @property
    def strict(self) -> tuple[float, float, float]:
        return self.prf(self.strict_tp)


@dataclass
class DateScore:
    """Dates of the found events whose gold has a date: right, coarser (a period that holds the
    gold date: 'in August' for August 13-16), wrong (another date) or unresolved. A wrong date
    misleads an analyst; a coarse or missing one only leaves a gap, so they are kept apart."""

    dated_gold: int = 0
    right: int = 0
    coarser: int = 0
    wrong: int = 0
    invented: int = 0  # a date where the gold says the text gives none

    @property
    def unresolved(self) -> int:
        return self.dated_gold - self.right - self.coarser - self.wrong

    def add(self, gold: Item, pred: Item) -> None:
        if not gold.attrs.get("date_start"):
            self.invented += bool(pred.attrs.get("date_start"))
            return
        self.dated_gold += 1
        if same_date(gold, pred):
            self.right += 1
        elif _holds(pred, gold):
            self.coarser += 1
        elif pred.attrs.get("date_start"):
            self.wrong += 1

    def merged(self, other: "DateScore") -> "DateScore":
        return DateScore(self.dated_gold + other.dated_gold, self.right + other.right, self.coarser + other.coarser,
                         self.wrong + other.wrong, self.invented + other.invented)

    def shares(self) -> dict[str, float]:
        n = self.dated_gold or 1
        return {"dated_gold": self.dated_gold, "date_right_share": self.right / n,
                "date_coarser_share": self.coarser / n, "date_wrong_share": self.wrong / n,
                "date_unresolved_share": self.unresolved / n,
                "date_invented": self.invented}


def _holds(outer: Item, inner: Item) -> bool:
    """outer's dates are a longer period that holds inner's."""
    a, b = outer.attrs.get("date_start"), outer.attrs.get("date_end")
    c, d = inner.attrs.get("date_start"), inner.attrs.get("date_end")
    return bool(a and b and c and d) and a <= c and d <= b and (a, b) != (c, d)


class GoldError(ValueError):
    """A gold file that cannot be read as gold events (the message names the line)."""


def load_gold(path: Path) -> tuple[list[Item], Path]:
    """Gold items and the folder of their documents (a gold folder holds gold.jsonl + texts)."""
    gold_file, docs = (path / "gold.jsonl", path) if path.is_dir() else (path, None)
    try:
        lines = gold_file.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"cannot read gold file {gold_file}: {err}") from err
    items = [_gold_item(gold_file, number, line) for number, line in enumerate(lines, 1) if line.strip()]
    return items, docs


def _gold_item(gold_file: Path, number: int, line: str) -> Item:
    try:
        row = json.loads(line)
        kind(row["event_type"])  # a type no kind extracts is an error in the gold, not a miss
        return Item(row["doc"], row["event_type"], row, row.get("sentence", ""), bool(row.get("doubtful")))
    except (ValueError, KeyError, TypeError) as err:
        raise GoldError(f"{gold_file} line {number} is not a gold event (one JSON object with 'doc' and "
                        f"'event_type' per line): {type(err).__name__}: {err}") from err


def predict(docs: Path) -> list[Item]:
    ingested = read_folder(docs)
    names = {d.doc_id: d.source_file for d in ingested.documents}
    result = extract_documents(ingested.documents)
    return [_item(names[e.doc_id], e) for e in result.events]


def _item(doc: str, event: Event) -> Item:
    attrs = event.model_dump(mode="json", exclude={"date", "evidence"})
    attrs.update(date_start=_iso(event.date.date_start), date_end=_iso(event.date.date_end),
                 sentence=event.evidence.sentence)
    return Item(doc, event.event_type, attrs, event.evidence.sentence)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def lenient_match(gold: Item, pred: Item) -> bool:
    if gold.doc != pred.doc or gold.event_type != pred.event_type:
        return False
    return same_event(kind(gold.event_type), gold.attrs, pred.attrs)


def same_date(gold: Item, pred: Item) -> bool:
    return (gold.attrs.get("date_start"), gold.attrs.get("date_end")) == (
        pred.attrs.get("date_start"), pred.attrs.get("date_end"))


def score(gold: list[Item], predicted: list[Item]) -> dict[str, TypeScore]:
    scores = {t: TypeScore() for t in event_types()}
    unmatched = list(predicted)
    ordered = sorted(gold, key=lambda i: i.doubtful)  # certain gold claims predictions first
    # a prediction with the gold's own date goes to that gold, before any other gold of the same
    # identity takes it (two meetings of one pair, in March and in September)
    pairs: dict[int, Item] = {}
    for i, g in enumerate(ordered):
        exact = next((p for p in unmatched if lenient_match(g, p) and same_date(g, p)), None)
        if exact is not None:
            pairs[i] = exact
            unmatched.remove(exact)
    for i, g in enumerate(ordered):
        best = pairs.get(i)
        if best is None:
            candidates = [p for p in unmatched if lenient_match(g, p)]
            best = max(candidates, key=lambda p: p.sentence == g.sentence, default=None)
            if best is not None:
                unmatched.remove(best)
        s = scores[g.event_type]
        if g.doubtful:
            continue
        s.gold += 1
        if best is None:
            s.misses.append(g)
            continue
        s.predicted += 1
        s.lenient_tp += 1
        s.strict_tp += same_date(g, best)
        s.date_right += same_date(g, best)
        s.dates.add(g, best)
        if not same_date(g, best):
            s.wrong_dates.append((g, best))
        s.status_right += g.attrs.get("status") == best.attrs.get("status")
        if g.attrs.get("status") != best.attrs.get("status"):
            s.wrong_status.append((g, best))
    for p in unmatched:
        scores[p.event_type].predicted += 1
        scores[p.event_type].false_positives.append(p)
    return scores


def evaluate(gold_path: Path, docs: Path | None = None) -> dict[str, TypeScore]:
    gold, gold_docs = load_gold(gold_path)
    folder = docs or gold_docs
    if folder is None:
        raise ValueError(f"{gold_path} is a file: say where its documents are with --docs")
    return score(gold, predict(folder))


def as_dict(scores: dict[str, TypeScore]) -> dict[str, dict[str, float]]:
    out = {}
    for t, s in scores.items():
        lp, lr, lf = s.lenient
        sp, sr, sf = s.strict
        matched = s.lenient_tp or 1
        out[t] = {"gold": s.gold, "predicted": s.predicted, "lenient_p": lp, "lenient_r": lr, "lenient_f1": lf,
                  "strict_p": sp, "strict_r": sr, "strict_f1": sf, "date_accuracy": s.date_right / matched,
                  "status_accuracy": s.status_right / matched, **s.dates.shares()}
    return out


def date_totals(scores: dict[str, TypeScore]) -> DateScore:
    total = DateScore()
    for s in scores.values():
        total = total.merged(s.dates)
    return total


def _date_lines(scores: dict[str, TypeScore]) -> list[str]:
    lines = [f"\n{'dates of found events with a gold date':<40}{'n':>5}{'right':>8}{'coarser':>9}{'wrong':>8}"
             f"{'unres.':>8}{'invented':>10}"]
    rows = [(t, s.dates) for t, s in scores.items()] + [("all", date_totals(scores))]
    for t, d in rows:
        share = d.shares()
        lines.append(f"{t:<40}{d.dated_gold:>5}{share['date_right_share']:>8.0%}{share['date_coarser_share']:>9.0%}"
                     f"{share['date_wrong_share']:>8.0%}"
                     f"{share['date_unresolved_share']:>8.0%}{d.invented:>10}")
    return lines


def report(scores: dict[str, TypeScore], show_errors: bool = True) -> str:
    lines = [f"{'type':<20}{'gold':>5}{'pred':>6}   {'lenient P/R/F1':<20}{'strict P/R/F1':<20}{'date':>6}{'status':>8}"]
    for t, row in as_dict(scores).items():
        lines.append(f"{t:<20}{row['gold']:>5}{row['predicted']:>6}   "
                     f"{row['lenient_p']:.2f}/{row['lenient_r']:.2f}/{row['lenient_f1']:.2f}      "
                     f"{row['strict_p']:.2f}/{row['strict_r']:.2f}/{row['strict_f1']:.2f}      "
                     f"{row['date_accuracy']:>5.2f}{row['status_accuracy']:>8.2f}")
    lines += _date_lines(scores)
    if show_errors:
        for t, s in scores.items():
            lines += [f"\nmissed {t} ({len(s.misses)}):"] + [_line(i) for i in s.misses]
            lines += [f"false positive {t} ({len(s.false_positives)}):"] + [_line(i) for i in s.false_positives]
            lines += [f"date not the gold's {t} ({len(s.wrong_dates)}):"] + [
                f"{_line(p)}\n      {_date_verdict(g, p)}: {p.attrs.get('date_start')}..{p.attrs.get('date_end')}, "
                f"gold {g.attrs.get('date_start')}..{g.attrs.get('date_end')}" for g, p in s.wrong_dates]
            lines += [f"wrong status {t} ({len(s.wrong_status)}):"] + [
                f"{_line(p)}\n      gold: {g.attrs.get('status')}" for g, p in s.wrong_status]
    return "\n".join(lines)


def _date_verdict(gold: Item, pred: Item) -> str:
    if not pred.attrs.get("date_start"):
        return "unresolved"
    if not gold.attrs.get("date_start"):
        return "invented"
    return "coarser" if _holds(pred, gold) else "WRONG"


_SHOWN = ("participants", "actor", "location", "count", "category", "value_usd", "quantity", "date_start", "status")


def _line(item: Item) -> str:
    attrs = {k: item.attrs.get(k) for k in _SHOWN if item.attrs.get(k) not in (None, [], "")}
    return f"  {item.doc[:28]:<28} {attrs}\n      \"{item.sentence[:150]}\""
