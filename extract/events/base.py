"""The candidate record every extractor returns before validation."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from extract.dates import ResolvedDate


@dataclass
class Candidate:
    """An event found in one sentence, not yet validated."""

    event_type: str
    trigger: Token
    fields: dict[str, Any]
    status: str = "occurred"
    date: ResolvedDate | None = None
    flags: list[str] = field(default_factory=list)
    confidence: float = 0.5

    def key(self) -> tuple:
        """What makes two candidates in one document the same claim."""
        f = self.fields
        when = self.date.expr.date_start if self.date else None
        if self.event_type == "meeting":
            return ("meeting", frozenset(f["participants"]), when)
        if self.event_type == "visit":
            return ("visit", f.get("actor"), (f.get("location") or "").lower(), when)
        if self.event_type == "arms_authorization":
            if f.get("_retold"):  # the same package approved again by another authority
                return ("arms", "retold", f.get("value_usd"), f.get("quantity"), f.get("item"), f.get("actor"))
            # a value identifies a package across its headline and body tellings, then a quantity
            if f.get("value_usd"):
                return ("arms", "value", f["value_usd"])
            if f.get("quantity"):
                return ("arms", "quantity", f["quantity"])
            return ("arms", (f.get("item") or "").lower())
        # the same figure repeated in one article (headline, lead, body) is one claim
        return ("casualty", f.get("count"), f.get("category"), "malformed_number" in self.flags)
