"""Ceasefire rules: a truce noun whose clause names a place; hours from 'a 72-hour truce'."""
from __future__ import annotations

import re
from pathlib import Path

from extract.events.base import Candidate
from extract.lexicon import read_lexicon
from extract.syntax.dating import date_for
from extract.syntax.mentions import place_for
from extract.syntax.modality import status_of, tense_of
from extract.syntax.tree import governing_verb

WORDS = read_lexicon(Path(__file__).with_name("lexicon.json"))
STORY_PASSES = ()
_HOURS = re.compile(r"\b(\d+)-hour\b")


def event_nouns() -> frozenset[str]:
    return frozenset(WORDS["nouns"])


anaphor_nouns = event_nouns


def extract(ctx) -> list[Candidate]:
    found = []
    for tok in ctx.sent:
        if tok.pos_ != "NOUN" or tok.lower_ not in event_nouns():
            continue
        verb = governing_verb(tok) or tok
        hours = _HOURS.search(ctx.sent.text)
        found.append(Candidate(
            event_type="ceasefire", trigger=tok,
            fields={"location": place_for(verb, preps=("in",)), "duration_hours": int(hours[1]) if hours else None},
            status=status_of(verb), date=date_for(verb, ctx, tense_of(verb)), confidence=0.6))
    return found
