"""What an event kind gives the pipeline, the warehouse and the scorer (like a spaCy component).

A kind is one package under `extract/events/`: `__init__.py` declares its `EventKind` (light:
no spaCy, so the warehouse can read it), `rules.py` finds it in a sentence, `story.py` holds its
story passes and `lexicon.json` its words. Kind names appear nowhere else but `registry.py`.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, Mapping, Protocol

from schemas.events import EventBase


@dataclass(frozen=True)
class Column:
    """A detail column: its name, DuckDB type, and how it is read from a record (default: the
    record's attribute of that name)."""

    name: str
    sql_type: str
    value: Callable[[Any], Any] | None = None
    not_null: bool = False
    exported: bool = True  # a column of v_events (derived helper columns are not)

    def of(self, event) -> Any:
        return self.value(event) if self.value else getattr(event, self.name)


@dataclass(frozen=True)
class DetailTable:
    """The table that holds a kind's own columns, one row per event (keyed by event_id)."""

    name: str
    columns: tuple[Column, ...]


def same_event(kind: "EventKind", a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two tellings (records, gold rows, warehouse rows) share an identity key."""
    return bool(set(kind.identity(a)) & set(kind.identity(b)))


@dataclass(frozen=True)
class EventKind:
    name: str                      # the records' event_type
    model: type[EventBase]         # the validated record (schemas.events)
    rules: str                     # its rules module (see Rules)
    # The keys a telling is recognised by, strongest first (empty: it cannot be recognised).
    # Across documents and against gold, two tellings are one event when they share a key; in
    # one document a claim is keyed by its strongest key (see story.passes.claim_key).
    identity: Callable[[Mapping[str, Any]], tuple[tuple, ...]]
    detail: DetailTable
    # A SQL expression over event_clusters' columns: the kind's one-line summary in v_timeline.
    timeline_summary: str
    timeline_location: bool = False  # v_timeline names the place after the summary
    views: str | None = None  # a .sql file in the kind's package with views of its own
    # a table of its events in `events report`: its title and v_events columns (none: no table)
    report_title: str = ""
    report_columns: tuple[str, ...] = ()
    colour: str = "#7f7f7f"
    # Told as part of a story (visits, meetings): takes the date of the sentences it continues,
    # a dated telling absorbs its undated retellings (the day is part of its identity), "this
    # Nov. 3 standoff" may point at it, and a sentence that calls off a plan drops its plans.
    borrows_story_date: bool = False
    status_when_dated: str | None = None       # casualty figures: 'reported' until dated
    anaphor_precisions: tuple[str, ...] = ("day",)  # what an anaphor's date must be precise to
    # how many days apart two documents' publications may be and still tell the same event,
    # for kinds clustered by publication (a count as of its statement) rather than by date
    publication_window_days: int | None = None
    # attributes two tellings must not disagree on to be clustered (None on either side is fine)
    cluster_agreement: Callable[[Mapping[str, Any], Mapping[str, Any]], bool] | None = None

    @cached_property
    def component(self) -> "Rules":
        """The kind's rules module (spaCy-heavy: imported on first use)."""
        return importlib.import_module(self.rules)  # type: ignore[return-value]

    def words(self, name: str) -> frozenset[str]:
        """A word list the rules module offers to the story passes (empty if it has none)."""
        return getattr(self.component, name, frozenset)()

    def may(self, name: str, candidate, default: bool = True) -> bool:
        """A yes/no rule of the kind about one candidate; kinds without it answer `default`."""
        rule = getattr(self.component, name, None)
        return default if rule is None else rule(candidate)


class Rules(Protocol):
    """What a kind's rules module provides. Only `extract` and `STORY_PASSES` are required.

    - `extract(ctx) -> list[Candidate]`: the kind's events in one sentence;
    - `STORY_PASSES`: its story passes, in order, each `(candidates, story) -> candidates`;
    - `may_borrow_date(c)`, `may_take_anaphor_date(c)`: whether a story date may date it;
    - `event_nouns()`, `anaphor_nouns()`, `retold_nouns()`: nouns that name it, that an anaphor
      uses for it ('the trip on Monday'), that tell it again with a date ('the Jan. 9 raid');
    - `carry(candidates)`: what later sentences need to know ('the two leaders');
    - `claim_detail(c)`: what tells two claims of one identity apart within a story;
    - `prefilter_words()`: the words a sentence needs for these rules to find anything in it
      (numbers and day words are the pre-filter's own; a kind that needs only those has none).
    """

    STORY_PASSES: tuple

    def extract(self, ctx) -> list: ...
