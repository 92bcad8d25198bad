"""The candidate record every kind's rules return before validation."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from extract.dates import ResolvedDate


@dataclass
class Candidate:
    """An event found in one sentence, not yet validated.

    `fields` are the record's own fields (checked by the kind's model at validation);
    `signals` is the kind's typed dataclass of what its story passes need and the record does
    not keep ('this arrival names its place by a noun'). The pipeline sets `sentence` and
    `position` (the sentence's place in the story)."""

    event_type: str
    trigger: Token
    fields: dict[str, Any]
    status: str = "occurred"
    date: ResolvedDate | None = None
    flags: list[str] = field(default_factory=list)
    confidence: float = 0.5
    signals: Any = None
    figure_text: str | None = None  # a number as written, for the reject of a malformed one
    sentence: Span | None = None
    position: int = 0

    def attrs(self) -> dict[str, Any]:
        """What identity reads: the fields, the flags and the sentence, as a record has them."""
        return {**self.fields, "quality_flags": self.flags,
                "sentence": self.sentence.text.strip() if self.sentence is not None else None}

    @property
    def is_dated(self) -> bool:
        return bool(self.date and self.date.expr.date_start)
