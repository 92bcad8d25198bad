"""A cheap pass before spaCy: sentences that cannot hold an event are blanked out.

Most sentences of a news article (quotes, background, analysis) carry no trigger word,
number or date, and parsing them is most of the cost. They are replaced by spaces of the
same length, so every character offset of the kept text is unchanged (evidence offsets
stay exact) and spaCy skips them almost for free. Line breaks are kept, so headlines and
paragraphs still end sentences. The blanked sentences are returned too: the pipeline
counts them as dateless sentences, so that "the sentence before" means what it meant.

The words come from the same lexicons the extractors use, plus their inflections; a
sentence is kept when in doubt (an odd abbreviation only makes a sentence longer).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.events.registry import event_types, kinds
from extract.text import line_runs_on
from extract.lexicon import day_words, month_abbreviations, number_words, scales, weekdays, word_set

# Numbers in words (casualty figures and quantities need a number; digits are caught apart)
# and the dates precise enough to date the next sentences' events (month names come with digits),
# from extract/lexicons/numbers.json and calendar.json: no zero (no figure starts from it) and
# no trillions (a budget, never a count); day words of one word ('today', not 'this morning').
_NUMBER_AND_DAY_WORDS = (
    [w for w, n in number_words().items() if n > 0]
    + [w + plural for w, n in scales().items() if n < 10**12 for plural in ("", "s")]
    + ["dozen"] + list(weekdays()) + [w for w in day_words() if " " not in w] + ["week", "weekend"]
)
# Honorifics that end in a full stop without ending a sentence, plus common abbreviations.
_ABBREVIATIONS = {"no", "vs", "st", "inc", "co", "corp", "ltd", "jr", "sr", "u.s", "u.k", "u.n", "e.g", "i.e",
                  *(m.rstrip(".") for m in month_abbreviations())}
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“'‘(\[]?[A-Z0-9])|\n")
_LAST_WORD = re.compile(r"([A-Za-z.]+)[.!?][\"'”’)\]]*$")


@dataclass(frozen=True)
class Masked:
    text: str                             # same length as the input; skipped sentences are spaces
    skipped: tuple[tuple[int, int], ...]  # character ranges of the skipped sentences
    kept_chars: int


def _signal_words() -> frozenset[str]:
    """Every word a rule can start from: each registered kind's (its rules' prefilter_words:
    trigger words and their inflections, weapon nouns, ...), numbers in words and day-precise
    dates (digits are tested apart). A casualty figure needs only a number."""
    return _signal_words_of(event_types())


@lru_cache(maxsize=4)
def _signal_words_of(types: tuple[str, ...]) -> frozenset[str]:
    words: set[str] = set(_NUMBER_AND_DAY_WORDS)
    for kind in kinds():
        words |= kind.words("prefilter_words")
    return frozenset(w for w in words if len(w) > 1)


# Words as \b sees them, or a digit: a set lookup per word is several times cheaper than one
# regex alternation of every signal word (this runs on every sentence of every article).
_WORD_OR_DIGIT = re.compile(r"[^\W\d_]+|\d")


def _has_signal(text: str, start: int, end: int) -> bool:
    words = _signal_words()
    return any(w.isdigit() or w.lower() in words for w in _WORD_OR_DIGIT.findall(text, start, end))


@lru_cache(maxsize=1)
def _introduction() -> re.Pattern:
    """A person introduced with title and full name ('Foreign Minister Ana Ruiz', 'President
    Joe Dlamini'): later mentions ('Ms. Ruiz', 'she') are resolved against it."""
    titles = "|".join(sorted((re.escape(w.capitalize()) for w in word_set("titles", "title_words")),
                             key=len, reverse=True))
    lower = "|".join(sorted((re.escape(w.lower()) for w in word_set("titles", "title_words")), key=len, reverse=True))
    # "its external affairs minister, Rajiv Menon-Kapoor": a title, a comma, a full name
    return re.compile(rf"\b(?:{titles})\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+"
                      rf"|\b(?:{titles}|{lower}),\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(_ABBREVIATIONS | word_set("titles", "honorifics"))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence ranges: a full stop before a capital, or a line break. Abbreviations
    ('Gen.', 'Jan.', 'U.S.') do not end a sentence; when in doubt two sentences stay one."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group() == "\n" and line_runs_on(text, m.start()):
            continue  # wrapped text: the sentence goes on on the next line
        last = _LAST_WORD.search(text, max(start, m.start() - 12), end)
        if m.group() != "\n" and last and (last.group(1).lower() in _abbreviations() or len(last.group(1)) == 1):
            continue
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_NOT_NEWLINE = re.compile(r"[^\n]")
_PRONOUN = re.compile(r"\b(?:he|she|his|her)\b", re.IGNORECASE)


def _kept(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    introduction = _introduction()
    first_line_end = text.find("\n") if "\n" in text else len(text)
    keep = [start < first_line_end or not text[start:end].strip() or _has_signal(text, start, end)
            or bool(introduction.search(text, start, end)) for start, end in spans]
    # "He met X": a pronoun is resolved to the previous sentence's subject, so that sentence stays
    for i in range(len(spans) - 1, 0, -1):
        if keep[i] and _PRONOUN.search(text, *spans[i]):
            keep[i - 1] = True
    return keep


def mask(text: str) -> Masked:
    """Blank out the sentences without a signal word; the first line (headline) is always kept."""
    spans = sentence_spans(text)
    pieces, skipped = [], []
    for (start, end), keep in zip(spans, _kept(text, spans)):
        if keep:
            pieces.append(text[start:end])
        else:
            pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
            skipped.append((start, end))
    kept = len(text) - sum(e - s for s, e in skipped)
    return Masked(text="".join(pieces), skipped=tuple(skipped), kept_chars=kept)
