"""The support desk's reads, for other apps (the role home pages) and tests. The functions live in each part's own
`selectors` module."""

from .events.selectors import attendance_by_organiser, intake_slots, upcoming_events
from .knowledge.selectors import search_articles, suggestions
from .questions.selectors import (
    QueueFilter,
    agent_counts,
    figures,
    question_for,
    questions_from,
    questions_visible_to,
    queue,
    queue_page,
    still_open,
    thread,
)
from .starters.selectors import starter_of, starters_visible_to, track_progress

__all__ = [
    "QueueFilter",
    "agent_counts",
    "attendance_by_organiser",
    "figures",
    "intake_slots",
    "question_for",
    "questions_from",
    "questions_visible_to",
    "queue",
    "queue_page",
    "search_articles",
    "starter_of",
    "starters_visible_to",
    "still_open",
    "suggestions",
    "thread",
    "track_progress",
    "upcoming_events",
]
