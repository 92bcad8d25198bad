"""Comparison keys for names, places and reporters (pure; used by refine and the series view)."""
from __future__ import annotations

import re

_REPORTER_NOISE = {"the", "of", "ministry", "ministries", "authorities", "authority", "department",
                   "office", "officials", "official", "spokesman", "spokesperson", "said", "'s"}


def name_key(name: str) -> str:
    """People compare by surname: 'Mr. Doe', 'Jane Doe' and 'Jane A. Doe' are one person."""
    words = re.sub(r"['’]s$", "", name.strip()).split()
    return words[-1].lower() if words else ""


def place_key(place: str) -> str:
    place = place.lower().strip()
    return place[4:] if place.startswith("the ") else place


def reporter_key(reporter: str) -> str:
    """'Rebel-run Northland Health Ministry', 'Northland Ministry of Health' and 'Northland health
    authorities' are one reporter: 'northland health'. '-run'/'-led' qualifiers are dropped."""
    words = re.findall(r"[\w'-]+", reporter.lower())
    kept = [w for w in words if w not in _REPORTER_NOISE and not re.search(r"-(?:run|led|controlled|backed)$", w)]
    return " ".join(kept)
