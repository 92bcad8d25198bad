"""The story passes in the order the pipeline runs them, each `(candidates, story) -> candidates`.

0. `date_words_from_heading`: 'today' under a day line ('02-11-2021') is that day.
1. `date_relative_to_story`: 'two days later', 'the day before' count from the story's last dated sentence.
   `date_just_now`: 'has just arrived' is the day of the telling.
   `date_from_context`: an undated event takes the date of the sentences just before it.
2. `date_from_anaphor`: a later 'this Nov. 3 standoff' dates the event it points back at.
   `date_after_earlier_leg`: the next leg of a planned trip on a bare weekday falls after the leg before.
   `no_done_event_after_its_telling`: an event told as done loses a date after publication.
3. each kind's own passes, kind by kind in registry order (`extract/events/<kind>/story.py`):
   they revise only their own kind's candidates, so the kinds' order does not matter, but a
   kind's passes run in the order its STORY_PASSES gives.
4. `deduplicate`: one event per claim, read from its best telling (it needs the final dates).

Sentence-level rules (a sentence that calls off a plan drops its plans; what a sentence's
events carry to the next ones) run in the pipeline's sentence loop, before these.
"""
from __future__ import annotations

from extract.events.registry import kinds
from extract.story import StoryPass
from extract.story.passes import date_from_anaphor, date_from_context, deduplicate
from extract.story.sequence import (
    date_after_earlier_leg, date_just_now, date_relative_to_story, date_words_from_heading,
    no_done_event_after_its_telling,
)


def story_passes() -> tuple[StoryPass, ...]:
    kind_passes = tuple(p for kind in kinds() for p in kind.component.STORY_PASSES)
    return (date_words_from_heading, date_relative_to_story, date_just_now, date_from_context, date_from_anaphor, date_after_earlier_leg, no_done_event_after_its_telling,
            *kind_passes, deduplicate)
