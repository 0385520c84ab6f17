"""The providers' support desk (VoorZet): questions with their conversation, the knowledge base, the starters' track
and training, networking and intake events. One module per part; every model is importable from here."""

from .events import (
    ENDED,
    HOLDS_A_PLACE,
    Event,
    EventKind,
    EventMessage,
    EventSeries,
    Registration,
    RegistrationStatus,
)
from .knowledge import Article, ArticleVersion, DeflectionCount
from .questions import (
    Attachment,
    CannedAnswer,
    Channel,
    ClosingDay,
    Message,
    Outcome,
    Question,
    QuestionView,
    ResponseTarget,
    RoutingRule,
    Status,
    Tag,
    Theme,
    Visibility,
    new_reference,  # noqa: F401 - migrations name it here
)
from .starters import CarePlan, LegalPlan, Starter, StarterStatus, StarterStep, StepDone, StepKind, TariffPlan

__all__ = [
    "ENDED",
    "HOLDS_A_PLACE",
    "Article",
    "ArticleVersion",
    "Attachment",
    "CannedAnswer",
    "CarePlan",
    "Channel",
    "ClosingDay",
    "DeflectionCount",
    "Event",
    "EventKind",
    "EventMessage",
    "EventSeries",
    "LegalPlan",
    "Message",
    "Outcome",
    "Question",
    "QuestionView",
    "Registration",
    "RegistrationStatus",
    "ResponseTarget",
    "RoutingRule",
    "Starter",
    "StarterStatus",
    "StarterStep",
    "Status",
    "StepDone",
    "StepKind",
    "Tag",
    "TariffPlan",
    "Theme",
    "Visibility",
]
