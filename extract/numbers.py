"""Numbers, money and qualifiers as news writes them; malformed figures are flagged, never repaired."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.lexicon import articles, number_words, qualifiers, scales

_UNITS = dict(number_words())
_SCALES = dict(scales())
_SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
_ARTICLES = tuple(sorted(articles()))  # ("a", "an")
_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_SCALE = "|".join(_SCALES)

# Qualifier phrases (extract/lexicons/numbers.json), longest first so that "more than" wins over "more".
QUALIFIERS: dict[str, str] = dict(qualifiers())
_QUALIFIER_RE = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))

_DIGITS = r"\d[\d,.]*\d|\d"
_WORDS = rf"\b(?:(?:{'|'.join(_ARTICLES)}|{_WORD}|{_SCALE})(?:[\s-]+(?:and\s+)?(?:{_WORD}|{_SCALE}))*)\b"
QUANTITY_RE = re.compile(
    rf"(?<![\w.,:])(?:(?P<qual>{_QUALIFIER_RE})\s+)?"
    rf"(?P<money>(?:US\s?\$|USD|\$)\s?)?"
    rf"(?P<num>{_DIGITS}|{_WORDS})"
    rf"(?:\s*(?P<scale>{_SCALE}|bn|mn|m|k)\b)?",
    re.IGNORECASE,
)
_WELL_FORMED = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@dataclass(frozen=True)
class Quantity:
    """A number found in a text span; `value` is None when malformed."""

    start: int
    end: int
    raw: str
    value: float | None
    qualifier: str
    is_money: bool
    malformed: bool

    @property
    def integer(self) -> int | None:
        return None if self.value is None else int(round(self.value))


def parse_digits(token: str) -> float | None:
    """'41,000' -> 41000; '12.5' -> 12.5; '41,0000' or '1.2.3' -> None (malformed)."""
    token = token.strip()
    if not _WELL_FORMED.match(token):
        return None
    return float(token.replace(",", ""))


def parse_number_words(words: str) -> int | None:
    """'nine thousand' -> 9000, 'a million' -> 1000000, 'two hundred and five' -> 205."""
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", words.lower().strip()):
        if word == "and":
            continue
        if word in _ARTICLES:
            current, seen = max(current, 1), True
        elif word in _UNITS:
            current, seen = current + _UNITS[word], True
        elif word in _SCALES:
            scale = _SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _scaled(value: float | None, scale: str | None) -> float | None:
    if value is None or not scale:
        return value
    scale = scale.lower()
    return value * (_SCALES.get(scale) or _SUFFIX_SCALES.get(scale, 1))


def _is_bare_article(num: str, scale: str | None) -> bool:
    return num.lower() in _ARTICLES and not scale


def find_quantities(text: str) -> list[Quantity]:
    """Every number in `text` with its qualifier; offsets are relative to `text`."""
    found = []
    for m in QUANTITY_RE.finditer(text):
        num, scale = m["num"], m["scale"]
        if _is_bare_article(num, scale) or (num.lower() in _SCALES and not m["money"]):
            continue
        if num[0].isdigit():
            if not scale and m.end() < len(text) and text[m.end()].isalpha():
                continue  # "155mm", "20km", "5kg": a measure, not a count
            if m.start() >= 2 and text[m.start() - 1] == "-" and text[m.start() - 2].isalpha():
                continue  # "F-16", "MiG-29": a model's name, not a count
            if re.match(r":\d", text[m.end():m.end() + 2]):
                continue  # "10:15", "23:47": a time of day
            value = parse_digits(num)
            malformed = value is None
        else:
            value, malformed = parse_number_words(num), False
            if value is None:
                continue
        value = _scaled(value, scale)
        qualifier = QUALIFIERS[m["qual"].lower()] if m["qual"] else "exact"
        found.append(Quantity(m.start(), m.end(), m.group(0), value, qualifier, bool(m["money"]), malformed))
    return found
