"""What an extractor sees: one sentence plus what the document told before it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

from extract.actors import PersonIndex


@dataclass
class SentenceContext:
    """What an extractor sees: one sentence plus document-level knowledge."""

    sent: Span
    people: PersonIndex
    reference: dt.date | None
    last_person: str | None = None
    # what events of earlier sentences carry forward, by kind ('the two leaders' after 'A and B met')
    carried: dict[str, Any] = field(default_factory=dict)
