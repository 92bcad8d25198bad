"""Loads the general word lists in extract/lexicons/ (rules as data, no names of anyone)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def lexicon(name: str) -> dict[str, Any]:
    """The lexicon `extract/lexicons/<name>.json`, parsed once per process."""
    text = resources.files("extract").joinpath("lexicons", f"{name}.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def word_set(name: str, *path: str) -> frozenset[str]:
    """A list inside a lexicon as a lower-case set: word_set('arms', 'weapon_nouns')."""
    node: Any = lexicon(name)
    for key in path:
        node = node[key]
    return frozenset(w.lower() for w in node)
