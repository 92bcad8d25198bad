"""Comparison keys for names, places and reporters: the one normaliser of event identity, in a
document, across documents and against gold (pure and light: no spaCy)."""
from __future__ import annotations

import re

from extract.lexicon import word_set

_REPORTER_NOISE = {"the", "of", "ministry", "ministries", "authorities", "authority", "department",
                   "office", "officials", "official", "spokesman", "spokesperson", "said", "'s"}


def name_key(name: str) -> str:
    """People compare by surname: 'Mr. Doe', 'Jane Doe' and 'Jane A. Doe' are one person."""
    words = re.sub(r"['’]s$", "", name.strip()).split()
    return words[-1].lower() if words else ""


def place_key(place: str) -> str:
    """'the Republic of Kenya' and 'Kenya', 'southern Israel' and 'Israel', 'Bac Ninh province'
    and 'Bac Ninh' are one place: its name without article, state form, region or unit."""
    words = place.lower().strip().split()
    if words[:1] == ["the"]:
        words = words[1:]
    if "of" in words[1:4] and set(words[:words.index("of")]) & word_set("places", "state_forms"):
        words = words[words.index("of") + 1:]  # "federal democratic republic of ethiopia"
    if len(words) > 1 and words[0] in word_set("places", "region_adjectives"):
        words = words[1:]
    if len(words) > 1 and words[-1] in word_set("places", "unit_nouns"):
        words = words[:-1]
    return " ".join(words)


def reporter_key(reporter: str) -> str:
    """'Rebel-run Northland Health Ministry', 'Northland Ministry of Health' and 'Northland health
    authorities' are one reporter: 'northland health'. '-run'/'-led' qualifiers are dropped."""
    words = re.findall(r"[\w'-]+", reporter.lower())
    kept = [w for w in words if w not in _REPORTER_NOISE and not re.search(r"-(?:run|led|controlled|backed)$", w)]
    return " ".join(kept)
