"""The periodic jobs, declared once. `loket-manage setup_schedules` writes them into the task queue (idempotent);
a job whose management command does not exist in this installation is left out."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    minutes: int
    purpose: str


JOBS = (
    Job("mail-retry", "retry_mail", 10, "send mails whose first delivery failed"),
    Job("offers", "process_offers", 60, "offer reminders and expiry of unanswered offers"),
    Job(
        "reconfirmations",
        "send_reconfirmations",
        24 * 60,
        "ask families whether they are still looking; expire silent ones",
    ),
    Job("free-places", "remind_free_places", 24 * 60, "ask providers to re-confirm free places going stale"),
    Job("event-waitlists", "process_event_waitlists", 30, "pass unclaimed freed event places on"),
    Job("event-reminders", "send_event_reminders", 24 * 60, "remind registered attendees of events"),
    Job(
        "support-deadlines",
        "send_support_deadline_warnings",
        15,
        "warn whoever has a support question whose answer is due within two hours",
    ),
    Job(
        "retention",
        "apply_retention",
        24 * 60,
        "anonymise closed requests after the desk's retention period; purge old records",
    ),
)
