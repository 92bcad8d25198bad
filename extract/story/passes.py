"""Story passes every kind shares: dates from the story around a sentence, and one event per claim.

A sentence often leaves its date to the story ("He also met Z." after "On Tuesday, X met Y.")
or is dated by a later anaphor ("... This Nov. 3 standoff ..."). Each pass flags the events it
changes, so that analysts can tell a stated date from an inferred one. What a pass may do to
one kind is asked of that kind (`EventKind`, its rules module).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from extract.dates import ResolvedDate, is_same_day, resolve_date
from extract.docindex import entities_in, text_of
from extract.events.base import Candidate
from extract.events.registry import kind_of, kinds
from extract.story import BORROWED_DATES, DOCUMENT_DATES, Story, is_dated, is_entry, is_list_item, own_date
from extract.syntax.dating import is_date_mention
from extract.syntax.tree import is_headline, own_subtree

# How far back an undated visit or meeting may take the date of the story it continues.
CONTEXT_SENTENCES = 2
# ... and an event that says it goes on with the occasion ('will also meet Z'), from further back
ALSO_SENTENCES = 3
# How far ahead an anaphor ("this Nov. 3 standoff", "our talks today") may date an event: it
# dates only the nearest earlier event of its kind, so a wider reach costs little precision.
ANAPHOR_SENTENCES = 6


def _present_tense(trigger: Token) -> bool:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else next(
        (a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.tag_ in ("VBZ", "VBP") and verb.lemma_ != "be" and not any(
        c.dep_ == "aux" for c in verb.children)


def _fragment(sent: Span | None) -> bool:
    return sent is not None and not any(t.pos_ in ("VERB", "AUX") for t in sent)


def _live_present(candidate: Candidate, story: Story) -> bool:
    """A live blog's entry in the simple present under a day line of the story's past or present."""
    heading = story.headings[candidate.position]
    return (heading is not None and story.reference is not None and heading.expr.date_start <= story.reference
            and is_entry(candidate.sentence) and _present_tense(candidate.trigger))


def _in_entry(story: Story, position: int, reach: int) -> ResolvedDate | None:
    """The latest date of the sentences before `position` on the same line (a live blog's entry)."""
    sent = story.sentences[position]
    text = text_of(sent.doc)
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    for i in range(position - 1, max(-1, position - 1 - reach), -1):
        other = story.sentences[i]
        if other is None or other.start_char < line_start:
            return None
        if story.dates[i] is not None:
            return story.dates[i]
    return None


def _continues(trigger: Token) -> bool:
    """'Sullivan will also meet Y': the event goes on with the occasion told before."""
    verbs = [a for a in [trigger, *trigger.ancestors] if a.pos_ in ("VERB", "AUX")][:2]  # "will also travel ... to meet"
    return any(c.lower_ == "also" and c.dep_ == "advmod" for v in verbs for c in v.children)


def _says_same_day(sent: Span) -> bool:
    """'later in the day', 'that day', 'the same day': the day the story is about."""
    return any(e.label_ in ("DATE", "TIME") and is_same_day(e.text) for e in entities_in(sent))


def took_date(candidate: Candidate, date: ResolvedDate, flag: str) -> None:
    """A story date dates the candidate; a kind whose status follows its date takes it."""
    candidate.date = date
    candidate.flags.append(flag)
    if status := kind_of(candidate).status_when_dated:
        candidate.status = status


def date_from_context(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """An undated visit or meeting right after a dated sentence happened on that date
    ('On Tuesday, X met Y. He also met Z.'); 'later in the day' reaches back to the story's
    last dated sentence however far it is."""
    for candidate in candidates:
        kind = kind_of(candidate)
        if not is_dated(candidate) and kind.borrows_story_date and _live_present(candidate, story):
            candidate.status = "occurred"  # "19:00 - X arrives in Y": told as it happens, on the entry's day
            took_date(candidate, story.headings[candidate.position], "date_from_heading")
            continue
        if is_dated(candidate) or not kind.may("may_borrow_date", candidate, default=kind.borrows_story_date):
            continue
        # a list's lines are parts of the sentence above it: "The package includes: - ...; - ..."
        # (and a fragment the parser cut off, 'Block', is no sentence of its own)
        before = [d for d, sent in zip(story.dates[:candidate.position], story.sentences)
                  if d is not None or not (is_list_item(sent) or _fragment(sent))]
        reach = ALSO_SENTENCES if _continues(candidate.trigger) else CONTEXT_SENTENCES
        recent = before if _says_same_day(candidate.sentence) else before[-reach:]
        context = next((d for d in reversed(recent) if d is not None), None)
        if is_entry(candidate.sentence) and story.headings[candidate.position] is not None:
            # "12:00 - X met Y" under "Wednesday, March 11": the day of the entry, unless the
            # entry itself dated it a sentence before ("... is due tomorrow. He will meet Z.")
            context = _in_entry(story, candidate.position, reach) or story.headings[candidate.position]
        reference = story.reference
        if context is None or reference is None or _present_tense(candidate.trigger):
            continue  # "as X flies to Y" is about now, whatever the sentence before was about
        start = context.expr.date_start
        if (candidate.status in ("occurred", "reported") and start <= reference) or (
                candidate.status == "planned" and start >= reference):
            took_date(candidate, context, "date_from_context")
    return candidates


# --- "During a meeting in November, X told Y ... This Nov. 3 standoff ...": a later anaphor

_ANAPHOR_DETERMINERS = {"this", "that", "the", "our", "their", "his", "her"}


def _anaphors(sent: Span) -> list[tuple[Span, set[str]]]:
    """Dates in noun phrases that point back at an event, with the event types they can point at:
    'this Nov. 3 standoff' (a demonstrative, a date, any noun: an event told in a story),
    'our talks today' / 'the trip on Monday' (an event noun of one type), and an event told
    again: 'the Jan. 9 raid', 'The attack took place on Jan. 9'."""
    nouns = {k.name: k.words("anaphor_nouns") for k in kinds()}
    story_kinds = {k.name for k in kinds() if k.borrows_story_date}
    found = []
    for ent in (e for e in entities_in(sent) if is_date_mention(e)):
        before = sent.doc[ent.start - 1] if ent.start > sent.start else None
        after = sent.doc[ent.end] if ent.end < sent.end else None
        if before is not None and after is not None and after.pos_ == "NOUN" and before.lower_ in ("this", "that", "the"):
            types = {kind for kind, words in nouns.items() if after.lower_ in words}
            if before.lower_ != "the":
                types |= story_kinds  # "this Nov. 3 standoff": any visit or meeting
            found += [(ent, types)] if types else []
            continue
        noun = before
        if noun is not None and noun.lower_ == "on":  # "the meeting on Sunday", however it is parsed
            noun = sent.doc[noun.i - 1] if noun.i > sent.start else None
        if noun is not None and _definite(noun):
            types = {kind for kind, words in nouns.items() if noun.lower_ in words}
            found += [(ent, types)] if types else []
    return found + [told for k in kinds() if (retold := k.words("retold_nouns"))
                    for told in _told_again(sent, retold, k.name)] + [
        told for k in kinds() if (verbs := k.words("retelling_verbs")) for told in _retold_by_verb(sent, verbs, k.name)]


def _definite(noun: Token) -> bool:
    return any(c.lower_ in _ANAPHOR_DETERMINERS for c in noun.children if c.dep_ in ("det", "poss"))


def _told_again(sent: Span, nouns: frozenset[str], event_type: str) -> list[tuple[Span, set[str]]]:
    """'The attack on the post took place on January 9', 'The export licence was authorized last
    month', 'cleared the licence on Tuesday': a definite event noun as the subject or object of a
    clause that names a date."""
    found = []
    for noun in (t for t in sent if t.lower_ in nouns and _definite(t) and (t.dep_ in ("nsubj", "nsubjpass") or (
            t.dep_ == "dobj" and not any(c.dep_ == "prep" for c in t.children)))):  # "the transfer of 35 ..." is new
        clause = {t.i for t in own_subtree(noun.head)}  # not a date inside a nested clause
        found += [(e, {event_type}) for e in entities_in(sent) if is_date_mention(e) and e.root.i in clause
                  and e.root.i not in {t.i for t in noun.subtree}]
    return found


def _retold_by_verb(sent: Span, verbs: frozenset[str], event_type: str) -> list[tuple[Span, set[str]]]:
    """'Congress was notified on August 25': a step only an event of one kind has, told with a date."""
    found = []
    for verb in (t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in verbs):
        clause = {t.i for t in own_subtree(verb)}
        found += [(e, {event_type}) for e in entities_in(sent) if is_date_mention(e) and e.root.i in clause]
    return found


def date_from_anaphor(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """The most recent event of the anaphor's kind, when it is undated or dated only by a coarse
    or borrowed date, takes the anaphor's date if that date fits what the event itself says."""
    for position, sent in enumerate(story.sentences):
        if sent is None:
            continue
        for ent, types in _anaphors(sent):
            for candidate in _latest_told(candidates, position, types):
                if day_told(candidate):
                    break  # the anaphor points at an event whose day is already told
                if not kind_of(candidate).may("may_take_anaphor_date", candidate):
                    continue
                tense = "future" if candidate.status == "planned" else "past"
                resolved = resolve_date(ent.text, story.reference, tense)
                if resolved is not None and _precise_enough(resolved, candidate) and fits_what_it_says(resolved, candidate, story.reference):
                    candidate.flags[:] = [f for f in candidate.flags if f not in BORROWED_DATES]
                    took_date(candidate, resolved, "date_from_anaphor")
    return candidates


def day_told(candidate: Candidate) -> bool:
    """Dated to the day by its own sentence."""
    return own_date(candidate) and candidate.date.expr.precision == "day"


def _precise_enough(resolved: ResolvedDate, candidate: Candidate) -> bool:
    """A day for visits, meetings and incidents; an approval retold 'last month' is worth its month."""
    return bool(resolved.expr.date_start) and resolved.expr.precision in kind_of(candidate).anaphor_precisions


def _latest_told(candidates: list[Candidate], position: int, types: set[str]) -> list[Candidate]:
    """The events of the types told in the nearest earlier sentence that has any, within reach."""
    earlier = [c for c in candidates if c.event_type in types and 0 < position - c.position <= ANAPHOR_SENTENCES]
    if not earlier:
        return []
    nearest = max(c.position for c in earlier)
    return [c for c in earlier if c.position == nearest]


def fits_what_it_says(resolved: ResolvedDate, candidate: Candidate, reference) -> bool:
    day = resolved.expr.date_start
    if own_date(candidate) and not (candidate.date.expr.date_start <= day <= candidate.date.expr.date_end):
        return False
    if reference is None:
        return True
    return day <= reference if candidate.status in ("occurred", "reported") else day >= reference


# --- one event per claim

def deduplicate(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """The same claim told twice in one document is one event, read from its first telling;
    an undated retelling of an event told in a story folds into the dated one."""
    best: dict[tuple, Candidate] = {}
    for candidate in candidates:
        key = claim_key(candidate)
        first = best.get(key)
        if first is None or _tells_more(candidate, first):
            best[key] = candidate
    dated = {_undated_key(c) for c in best.values() if is_dated(c)}
    kept = [c for c in best.values() if is_dated(c) or _undated_key(c) not in dated]
    kept = [c for c in kept if not any(_within(other, c) for other in kept if other is not c)]
    return sorted(kept, key=lambda c: c.trigger.i)


def _within(finer: Candidate, coarser: Candidate) -> bool:
    """'From August 13 through 16, X will travel to Y' and 'In August, X will travel to Y': one
    trip, told once with its days; the month's telling folds into it."""
    if not (is_dated(finer) and is_dated(coarser)) or _undated_key(finer) != _undated_key(coarser):
        return False
    a, b = finer.date.expr, coarser.date.expr
    return b.date_start <= a.date_start and a.date_end <= b.date_end and (a.date_start, a.date_end) != (
        b.date_start, b.date_end)


def claim_key(candidate: Candidate) -> tuple:
    """What makes two candidates of one document the same claim: the kind's strongest identity
    key (fewer-figured retellings are the kind's passes' to fold), the day
    of an event told in a story (a meeting on Monday and one on Friday are two), and what else
    the kind's rules tell apart within one story (`claim_detail`)."""
    kind = kind_of(candidate)
    keys = kind.identity(candidate.attrs())
    identity = keys[0] if keys else ("unidentified", id(candidate))
    detail = kind.component.claim_detail(candidate) if hasattr(kind.component, "claim_detail") else ()
    if not kind.borrows_story_date:
        return (candidate.event_type, identity, *detail)
    return (candidate.event_type, identity, *detail, candidate.date.expr.date_start if candidate.date else None)


def _tells_more(candidate: Candidate, first: Candidate) -> bool:
    """A retelling dated by its own words beats one dated only as of publication, which beats an
    undated one; the body's telling beats the headline's
    ('kill 100' vs 'killed more than 100 ..., a local group said': qualifier and source)."""
    if _date_strength(candidate) != _date_strength(first):
        return _date_strength(candidate) > _date_strength(first)
    return is_headline(first.sentence) and not is_headline(candidate.sentence)


def _date_strength(candidate: Candidate) -> int:
    """2: dated by its own words or the story; 1: only as of publication; 0: undated."""
    if not is_dated(candidate):
        return 0
    return 1 if any(f in DOCUMENT_DATES for f in candidate.flags) else 2


def _undated_key(candidate: Candidate) -> tuple:
    if not kind_of(candidate).borrows_story_date:
        return ("keep", id(candidate))
    return claim_key(candidate)[:-1]
