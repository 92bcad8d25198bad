"""Inflections of trigger words, for the pre-filter's word lists (general English)."""
from __future__ import annotations

import re

# Irregular forms of the trigger verbs (regular forms are generated).
_IRREGULAR = {
    "meet": ["met"], "hold": ["held"], "sit": ["sat"], "fly": ["flew", "flown", "flies"],
    "go": ["went", "gone", "goes"], "come": ["came"], "sell": ["sold"], "send": ["sent"],
    "tell": ["told"], "put": ["put"], "slay": ["slain", "slew"], "die": ["died", "dying"],
    "flee": ["fled"], "seize": ["seized"], "lead": ["led"], "buy": ["bought"],
    "hurt": ["hurt"], "shoot": ["shot"], "take": ["took", "taken"], "leave": ["left"],
}


def inflections(word: str) -> set[str]:
    """'plan' -> plan, plans, planned, planning, ...; irregular forms from _IRREGULAR."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", *(_IRREGULAR.get(word, ()))}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", word):  # plan -> planned, ship -> shipping
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def phrase_inflections(phrases) -> set[str]:
    """Inflections of each word list entry (lower-cased), for phrases as for words."""
    return {form for phrase in phrases for form in inflections(phrase.lower())}


def plurals(nouns) -> set[str]:
    return {form for noun in nouns for form in (noun, noun + "s", noun + "es")}
