"""Documents as ingested, rejected inputs, and per-run summaries."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt

ReferenceBasis = Literal["manifest", "inferred", "none"]
RejectStage = Literal["ingest", "nlp", "time", "extract", "validate", "load"]


class Document(BaseModel):
    """One article: normalised text plus what the manifest says about it."""

    model_config = ConfigDict(frozen=True)

    doc_id: str = Field(min_length=8, description="hash of the normalised text")
    source_file: str
    source_key: str | None = Field(default=None, description="where it came from: 'url:...' or 'file:/folder/name'; "
                                   "a later text from the same source replaces this one")
    text: str = Field(min_length=1)
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    reference_date: dt.date | None = None
    reference_basis: ReferenceBasis = "none"
    encoding: str = "utf-8"


class Reject(BaseModel):
    """An input or record that failed a stage; kept, never silently dropped."""

    stage: RejectStage
    reason: str = Field(min_length=1)
    source_file: str | None = None
    doc_id: str | None = None
    payload: str | None = None


class RunSummary(BaseModel):
    """What one pipeline run did; printed by the CLI and stored in `runs`."""

    run_id: str
    flow_run_id: str | None = None
    source: str
    db: str
    extractor_version: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    documents_seen: NonNegativeInt = 0
    documents_loaded: NonNegativeInt = 0
    documents_skipped: NonNegativeInt = 0
    documents_replaced: NonNegativeInt = 0  # loaded documents that replaced an older text of their source
    events_loaded: NonNegativeInt = 0
    events_by_type: dict[str, int] = Field(default_factory=dict)
    rejects: NonNegativeInt = 0
    rejects_by_stage: dict[str, int] = Field(default_factory=dict)
    stage_seconds: dict[str, float] = Field(default_factory=dict)
    workers: NonNegativeInt = 0        # extraction processes used (0: nothing to extract)
    words: NonNegativeInt = 0          # words in the extracted documents
    chars_read: NonNegativeInt = 0     # characters of the extracted documents
    chars_parsed: NonNegativeInt = 0   # of those, what the pre-filter left for spaCy

    @property
    def elapsed_seconds(self) -> float:
        if self.finished_at is None:
            return 0.0
        return (self.finished_at - self.started_at).total_seconds()
