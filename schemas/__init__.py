"""Pydantic records shared by extraction, warehouse and export (no I/O here)."""
from schemas.document import Document, Reject, RunSummary
from schemas.events import (
    EVENT_ADAPTER,
    EVENT_TYPES,
    ArmsAuthorization,
    CasualtyFigure,
    Event,
    Evidence,
    Meeting,
    TimeExpr,
    Visit,
)

__all__ = [
    "ArmsAuthorization", "CasualtyFigure", "Document", "EVENT_ADAPTER", "EVENT_TYPES",
    "Event", "Evidence", "Meeting", "Reject", "RunSummary", "TimeExpr", "Visit",
]
