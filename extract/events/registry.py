"""The registered event kinds, in the order their rules run. The one place that names them.

Everything else (pipeline, story passes, warehouse, scorer, report) loops over `kinds()`.
A fifth kind is one new package under extract/events/ and one line here.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from extract.events import arms, casualty, meeting, visit
from extract.events.kind import EventKind

_KINDS: dict[str, EventKind] = {k.name: k for k in (visit.KIND, meeting.KIND, arms.KIND, casualty.KIND)}


def kinds() -> tuple[EventKind, ...]:
    return tuple(_KINDS.values())


def event_types() -> tuple[str, ...]:
    return tuple(_KINDS)


def kind(name: str) -> EventKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise KeyError(f"no event kind {name!r} is registered (known: {', '.join(_KINDS)})") from None


def kind_of(candidate) -> EventKind:
    return kind(candidate.event_type)


@contextmanager
def registered(new: EventKind) -> Iterator[EventKind]:
    """A kind added for the duration of a block (plugins and tests); it runs after the others."""
    if new.name in _KINDS:
        raise ValueError(f"event kind {new.name!r} is already registered")
    _KINDS[new.name] = new
    try:
        yield new
    finally:
        del _KINDS[new.name]
