"""One module per event type; each exposes `extract(ctx) -> list[Candidate]`."""
from extract.events import arms, casualty, meeting, visit

EXTRACTORS = {
    "visit": visit.extract,
    "meeting": meeting.extract,
    "arms_authorization": arms.extract,
    "casualty_figure": casualty.extract,
}

__all__ = ["EXTRACTORS"]
