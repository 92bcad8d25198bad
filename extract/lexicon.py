"""Loads the general word lists in extract/lexicons/ (rules as data, no names of anyone).

Every lexicon is checked against extract/lexicon.schema.json when it is loaded: a broken one
fails at once with its file and key. The accessors at the end read the calendar and number
lexicons, which dates, numbers, the pre-filter and the clause rules share.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from jsonschema import exceptions, validators
from jsonschema.protocols import Validator


class LexiconError(ValueError):
    """A lexicon file that cannot be read or does not fit the lexicon schema."""


@lru_cache(maxsize=1)
def _validator() -> Validator:
    schema = json.loads(resources.files("extract").joinpath("lexicon.schema.json").read_text("utf-8"))
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate(data: Any, source: str) -> None:
    """Raise LexiconError naming `source` and the key path of the first fault, if any."""
    error = exceptions.best_match(_validator().iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise LexiconError(f"lexicon {source}: key {where}: {error.message}")


def read_lexicon(file: Traversable | Path, source: str | None = None) -> dict[str, Any]:
    """Parse and validate one lexicon file (any path: extract/lexicons/*.json or a kind's own)."""
    source = source or str(file)
    try:
        data = json.loads(file.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise LexiconError(f"lexicon {source}: cannot be read: {exc}") from exc
    validate(data, source)
    return data


@lru_cache(maxsize=None)
def lexicon(name: str) -> dict[str, Any]:
    """The shared lexicon `extract/lexicons/<name>.json`, else the one of the event kind package
    `name` (`extract/events/<name>/lexicon.json`), parsed and validated once per process."""
    root = resources.files("extract")
    shared = root.joinpath("lexicons", f"{name}.json")
    if shared.is_file():
        return read_lexicon(shared, f"extract/lexicons/{name}.json")
    return read_lexicon(root.joinpath("events", name, "lexicon.json"), f"extract/events/{name}/lexicon.json")


def _node(name: str, path: tuple[str, ...]) -> Any:
    node: Any = lexicon(name)
    for key in path:
        node = node[key]
    return node


@lru_cache(maxsize=None)
def word_set(name: str, *path: str) -> frozenset[str]:
    """A list inside a lexicon as a lower-case set: word_set('arms', 'weapon_nouns')."""
    return frozenset(w.lower() for w in _node(name, path))


@lru_cache(maxsize=None)
def word_map(name: str, *path: str) -> Mapping[str, int]:
    """A map of words to integers inside a lexicon, read-only, in the file's order."""
    return MappingProxyType(dict(_node(name, path)))


# --- the shared calendar and number words (extract/lexicons/calendar.json, numbers.json) ---

def weekdays() -> Mapping[str, int]:
    """'monday' -> 0 ... 'sunday' -> 6, as datetime.date.weekday() counts."""
    return word_map("calendar", "weekdays")


def months() -> Mapping[str, int]:
    """'january' -> 1 ... 'december' -> 12."""
    return word_map("calendar", "months")


def month_abbreviations() -> Mapping[str, int]:
    """'jan' -> 1, 'jan.' -> 1, 'sept.' -> 9: each form the date rules read (May, June and July
    have no dotted form)."""
    return word_map("calendar", "month_abbreviations")


def day_words() -> Mapping[str, int]:
    """Days named from the reference date -> days from it: 'today' 0, 'yesterday' -1, 'this morning' 0."""
    return word_map("calendar", "day_words")


def number_words() -> Mapping[str, int]:
    """'zero' -> 0 ... 'ninety' -> 90: the words that compose a figure below a hundred."""
    return word_map("numbers", "number_words")


def scales() -> Mapping[str, int]:
    """'hundred' -> 100 ... 'trillion' -> 10**12."""
    return word_map("numbers", "scales")


def articles() -> frozenset[str]:
    """'a', 'an': they count one before a scale or a unit ('a million', 'a week ago')."""
    return word_set("numbers", "articles")


def ordinals() -> Mapping[str, int]:
    """'first' -> 1 ... 'twelfth' -> 12."""
    return word_map("numbers", "ordinals")


@lru_cache(maxsize=1)
def qualifiers() -> Mapping[str, str]:
    """Phrase -> what it says of the figure after it ('more than' -> 'at_least'), in the file's order."""
    return MappingProxyType({phrase: kind for kind, phrases in lexicon("numbers")["qualifiers"].items()
                             for phrase in phrases})
