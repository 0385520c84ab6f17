"""The support desk's writes, for other apps, commands and tests: one name for each service of the four parts
(questions, knowledge base, starters, events). The functions live in the part's own `services` module."""

from django.db import transaction

from loket.audit.events import Event as AuditEvent
from loket.audit.services import audit_record

from .errors import SupportError
from .events.services import (
    attendance_set,
    event_message_send,
    event_save,
    process_waitlists,
    registration_cancel,
    registration_check_in,
    registration_claim,
    registration_create,
    registration_decide,
    registration_from_token,
    registration_move,
    registration_promote,
    registration_token,
    send_reminders,
    series_create,
)
from .knowledge.services import article_save, article_vote, deflection_asked_anyway, deflection_opened
from .questions.services import (
    ChangedMeanwhile,
    canned_fill,
    canned_save,
    closing_day_add,
    closing_day_remove,
    deadline_warnings_send,
    follow_token,
    question_answer,
    question_ask,
    question_asker_reply,
    question_assign,
    question_close,
    question_from_token,
    question_merge,
    question_plan_coaching,
    question_refer,
    question_set_tags,
    question_signal,
    question_solved_by_article,
    questions_forget,
    suggest_partner,
    target_hours,
)
from .starters.services import (
    intake_book,
    sign_in_token,
    starter_announce_opening,
    starter_confirm,
    starter_from_token,
    starter_make_provider,
    starter_plan,
    starter_sign_up,
    step_toggle,
)

__all__ = [
    "ChangedMeanwhile",
    "SupportError",
    "article_save",
    "article_vote",
    "attendance_set",
    "canned_fill",
    "canned_save",
    "closing_day_add",
    "closing_day_remove",
    "deadline_warnings_send",
    "deflection_asked_anyway",
    "deflection_opened",
    "event_message_send",
    "event_save",
    "follow_token",
    "intake_book",
    "process_waitlists",
    "question_answer",
    "question_ask",
    "question_asker_reply",
    "question_assign",
    "question_close",
    "question_from_token",
    "question_merge",
    "question_plan_coaching",
    "question_refer",
    "question_set_tags",
    "question_signal",
    "question_solved_by_article",
    "questions_forget",
    "registration_cancel",
    "registration_check_in",
    "registration_claim",
    "registration_create",
    "registration_decide",
    "registration_from_token",
    "registration_move",
    "registration_promote",
    "registration_token",
    "send_reminders",
    "series_create",
    "sign_in_token",
    "starter_announce_opening",
    "starter_confirm",
    "starter_from_token",
    "starter_make_provider",
    "starter_plan",
    "starter_sign_up",
    "step_toggle",
    "suggest_partner",
    "target_hours",
]


# --- the support desk's settings (management screens) ----------------------------------------------------------------


@transaction.atomic
def setting_save(*, setting, actor, relations: dict | None = None):
    """Save a canned answer, routing rule, response-time target or starter step, with its many-to-many `relations`."""
    created = setting.pk is None
    setting.full_clean()
    setting.save()
    for name, values in (relations or {}).items():
        getattr(setting, name).set(values)
    audit_record(actor=actor, event=AuditEvent.SUPPORT_SETTING_SAVED, obj=setting, created=created)
    return setting


@transaction.atomic
def setting_delete(*, setting, actor) -> None:
    audit_record(actor=actor, event=AuditEvent.SUPPORT_SETTING_DELETED, obj=setting)
    setting.delete()
