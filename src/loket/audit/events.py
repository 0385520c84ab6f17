"""Every audit event Loket writes, in one place, each with a plain label.

The label completes "who … did what" on the family's "who viewed my file" page and in the desk's trail, so it is a short
verb phrase in the words a family uses. `audit_record` refuses a name that is not listed here, and a test checks that
every `audit_record(event=…)` in the code names one of these.

Call sites may pass the member (`Event.REQUEST_VIEWED`) or its string (`"request.viewed"`): members are strings.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    # accounts and staff
    ACCOUNT_SECOND_FACTOR_ADDED = "account.second_factor_added", _("set up a second sign-in step")
    ACCOUNT_SECOND_FACTOR_VERIFIED = "account.second_factor_verified", _("signed in with the second step")
    ACCOUNT_INVITED = "account.invited", _("invited a staff member")
    ACCOUNT_INVITATION_ACCEPTED = (
        "account.invitation_accepted",
        _("accepted the invitation and chose a password"),
    )
    ACCOUNT_ROLE_GRANTED = "account.role_granted", _("gave a staff member a role")
    ACCOUNT_ROLE_REVOKED = "account.role_revoked", _("took a role away from a staff member")
    ACCOUNT_DEACTIVATED = "account.deactivated", _("deactivated a staff account")
    ACCOUNT_REACTIVATED = "account.reactivated", _("reactivated a staff account")
    ACCOUNT_CHANGED = "account.changed", _("changed an account")
    ACCOUNT_CREATED = "account.created", _("created an account")
    # the public API
    API_CALLED = "api.called", _("used the providers' API")
    API_TOKEN_CREATED = "api_token.created", _("created an API token")
    API_TOKEN_REVOKED = "api_token.revoked", _("revoked an API token")
    # desk follow-up
    CASE_VIEWED = "case.viewed", _("viewed the file")
    CASE_SEARCHED = "case.searched", _("searched the desk's files")
    CASE_NOTE_ADDED = "case.note_added", _("added a note to the file")
    CASE_CONTACT_LOGGED = "case.contact_logged", _("noted a contact with the family")
    CASE_TASK_ADDED = "case.task_added", _("planned a follow-up task")
    CASE_TASK_DONE = "case.task_done", _("finished a follow-up task")
    CONSULTATION_RECORDED = "consultation.recorded", _("recorded a local consultation")
    CONSULTATION_UPDATED = "consultation.updated", _("changed a local consultation")
    CONSULTATION_ACTION_ADDED = "consultation.action_added", _("added an action to a local consultation")
    CONSULTATION_ACTION_DONE = "consultation.action_done", _("finished an action of a local consultation")
    REFERRAL_CREATED = "referral.created", _("referred the family to a partner organisation")
    REFERRAL_VIEWED = "referral.viewed", _("viewed the referral")
    REFERRAL_ACCEPTED = "referral.accepted", _("accepted the referral")
    REFERRAL_ACCOMPANIED = "referral.accompanied", _("noted that the family was accompanied to the partner")
    REFERRAL_NOT_ACCOMPANIED = (
        "referral.not_accompanied",
        _("noted that the family went to the partner alone"),
    )
    REFERRAL_CANCELLED = "referral.cancelled", _("cancelled the referral")
    REFERRAL_CLOSED = "referral.closed", _("closed the referral")
    # the desk and its settings
    DESK_CREATED = "desk.created", _("created a desk")
    DESK_SETTINGS_CHANGED = "desk.settings_changed", _("changed the desk's settings")
    DESK_POLICY_SAVED = "desk_policy.saved", _("saved the desk's priority rules")
    SUPPLY_SETTINGS_CHANGED = "supply_settings.changed", _("changed how providers answer requests")
    PARTNER_CREATED = "partner.created", _("added a partner organisation")
    PARTNER_UPDATED = "partner.updated", _("changed a partner organisation's details")
    # families and requests
    FAMILY_VIEWED = "family.viewed", _("viewed the family's details")
    FAMILY_ACCESS_CODE_SET = "family.access_code_set", _("gave the family an access code")
    FAMILY_EXPORTED = "family.exported", _("downloaded the data")
    FAMILY_ERASURE_REQUESTED = "family.erasure_requested", _("asked to erase the data")
    FAMILY_ANONYMISED = "family.anonymised", _("anonymised the file")
    REQUEST_REGISTERED = "request.registered", _("registered the request")
    REQUEST_VIEWED = "request.viewed", _("viewed the request")
    REQUEST_VIEWED_BY_PROVIDER = (
        "request.viewed_by_provider",
        _("viewed the request in the providers' portal"),
    )
    REQUEST_VIEWED_BY_PROVIDER_API = (
        "request.viewed_by_provider_api",
        _("viewed the request through the providers' API"),
    )
    REQUEST_STATUS_CHANGED = "request.status_changed", _("changed the status")
    REQUEST_CHOICES_CHANGED = "request.choices_changed", _("changed the choices")
    REQUEST_WISHES_CHANGED = "request.wishes_changed", _("changed the days or the start date")
    REQUEST_URGENCY_SET = "request.urgency_set", _("marked the request urgent")
    REQUEST_URGENCY_LIFTED = "request.urgency_lifted", _("lifted the urgency")
    REQUEST_FACTS_CONFIRMED = "request.facts_confirmed", _("checked the facts that give priority")
    REQUEST_CHECKED = "request.checked", _("checked the request")
    REQUEST_MERGED = "request.merged", _("merged two registrations of the same child")
    REQUEST_RECONFIRM_ASKED = "request.reconfirm_asked", _("asked whether the family is still looking")
    REQUEST_STILL_LOOKING = "request.still_looking", _("said the family is still looking")
    REQUEST_RECONFIRMED = "request.reconfirmed", _("noted that the family is still looking")
    REQUEST_KEEP_WAITING = "request.keep_waiting", _("kept waiting for a place of a higher choice")
    REQUEST_PROVIDER_ANSWERED = "request.provider_answered", _("answered whether a place is possible")
    # supply
    ORGANISER_CREATED = "organiser.created", _("added an organiser")
    ORGANISER_CHANGED = "organiser.changed", _("changed an organiser's details")
    LOCATION_CREATED = "location.created", _("added a childcare location")
    LOCATION_UPDATED = "location.updated", _("changed a location's practical data")
    LOCATION_LICENCE_CHANGED = "location.licence_changed", _("changed a location's licence data")
    LOCATION_ENROLLED_SET = "location.enrolled_set", _("updated the number of children in care")
    LOCATION_REQUESTS_VIEWED = "location.requests_viewed", _("viewed the requests for a location")
    ORGANISER_IMPORTED = "organiser.imported", _("imported an organiser from the agency's file")
    LOCATION_IMPORTED = "location.imported", _("imported a location from the agency's file")
    LOCATIONS_IMPORTED = "locations.imported", _("imported the agency's file of locations")
    OPENING_DECLARED = "opening.declared", _("declared free places")
    OPENING_CHANGED = "opening.changed", _("changed free places")
    OPENING_CONFIRMED = "opening.confirmed", _("confirmed free places")
    OPENING_WITHDRAWN = "opening.withdrawn", _("withdrew free places")
    OPENING_REMINDER_SENT = "opening.reminder_sent", _("asked the provider to confirm free places")
    # allocation
    ROUND_PREPARED = "round.prepared", _("prepared an allocation round")
    ROUND_CHECKED = "round.checked", _("checked an allocation round")
    ROUND_RUN = "round.run", _("ran an allocation round")
    ROUND_PUBLISHED = "round.published", _("published an allocation round")
    ROUND_VIEWED = "round.viewed", _("viewed an allocation round")
    ROUND_DOWNLOADED = "round.downloaded", _("downloaded an allocation round")
    ROUND_JOB_QUEUED = "round.job_queued", _("started a job on an allocation round")
    ROUND_JOB_FAILED = "round.job_failed", _("started a job on an allocation round that failed")
    WAITING_LIST_VIEWED = "waiting_list.viewed", _("viewed a waiting list")
    PROPOSAL_CONFIRMED = "proposal.confirmed", _("confirmed the proposed place")
    PROPOSAL_REFUSED = "proposal.refused", _("refused the proposed place")
    OFFER_MADE = "offer.made", _("offered a place")
    OFFER_REMINDED = "offer.reminded", _("sent a reminder about the offer")
    OFFER_ACCEPTED = "offer.accepted", _("accepted the offer")
    OFFER_DECLINED = "offer.declined", _("declined the offer")
    OFFER_EXPIRED = "offer.expired", _("closed the offer after its deadline")
    PLACEMENT_RECORDED = "placement.recorded", _("recorded that care started")
    REVIEW_REQUESTED = "review.requested", _("asked for a review of the decision")
    REVIEW_VIEWED = "review.viewed", _("viewed the request for a review")
    REVIEW_ANSWERED = "review.answered", _("answered the request for a review")
    # figures
    REPORT_EXPORTED = "report.exported", _("exported figures")
    # the providers' support desk
    SUPPORT_QUESTION_ASKED = "support_question.asked", _("asked the support desk a question")
    SUPPORT_QUESTION_ANSWERED = "support_question.answered", _("answered a support question")
    SUPPORT_QUESTION_ASKER_REPLIED = "support_question.asker_replied", _("replied about a support question")
    SUPPORT_QUESTION_REFERRED = "support_question.referred", _("referred a support question to a partner")
    SUPPORT_QUESTION_CLOSED = "support_question.closed", _("closed a support question")
    SUPPORT_SETTING_SAVED = "support_setting.saved", _("changed the support desk's settings")
    SUPPORT_SETTING_DELETED = "support_setting.deleted", _("removed a setting of the support desk")
    SUPPORT_CANNED_CHANGED = "support_canned.changed", _("changed a standard answer")
    SUPPORT_EVENT_CHANGED = "support_event.changed", _("changed an activity")
    SUPPORT_QUESTION_ASSIGNED = "support_question.assigned", _("assigned a support question")
    SUPPORT_QUESTION_MERGED = "support_question.merged", _("merged two support questions")
    SUPPORT_QUESTION_TAGGED = "support_question.tagged", _("tagged a support question")
    SUPPORT_ARTICLE_SAVED = "support_article.saved", _("saved a knowledge base article")
    SUPPORT_CANNED_CREATED = "support_canned.created", _("added a standard answer")
    SUPPORT_CLOSING_DAY_ADDED = "support_closing_day.added", _("added a closing day of the support desk")
    SUPPORT_CLOSING_DAY_REMOVED = (
        "support_closing_day.removed",
        _("removed a closing day of the support desk"),
    )
    SUPPORT_EVENT_CREATED = "support_event.created", _("planned an activity")
    SUPPORT_EVENT_MESSAGE_SENT = (
        "support_event.message_sent",
        _("wrote to everyone registered for an activity"),
    )
    SUPPORT_REGISTRATION_CANCELLED = (
        "support_registration.cancelled",
        _("cancelled a registration for an activity"),
    )
    SUPPORT_REGISTRATION_DECIDED = (
        "support_registration.decided",
        _("decided on a registration for an activity"),
    )
    SUPPORT_REGISTRATION_MOVED = "support_registration.moved", _("moved a registration to another activity")
    SUPPORT_REGISTRATION_PROMOTED = "support_registration.promoted", _("gave a place from the waiting list")
    SUPPORT_STARTER_SIGNED_UP = "support_starter.signed_up", _("signed up as a starter")
    SUPPORT_STARTER_CONFIRMED = "support_starter.confirmed", _("confirmed a starter's e-mail address")
    SUPPORT_STARTER_PLAN_SAVED = "support_starter.plan_saved", _("saved a starter's plan")
    SUPPORT_STARTER_OPENING_ANNOUNCED = (
        "support_starter.opening_announced",
        _("announced that a starter's location opens"),
    )
    SUPPORT_STARTER_BECAME_PROVIDER = "support_starter.became_provider", _("made a starter a provider")


class UnknownEvent(ValueError):
    """An audit event that is not declared in `Event`."""


# `Event.values` builds its list (with every lazy label) on each call: 80 µs of CPU per audit event written.
_CODES = frozenset(event.value for event in Event)


def event_check(code: str) -> str:
    if code not in _CODES:
        raise UnknownEvent(f"Unknown audit event {code!r}: declare it in loket.audit.events.Event first.")
    return str(code)


def event_label(code: str) -> str:
    """The plain label of an event in the active language (an event written before it was renamed shows its code)."""
    try:
        return str(Event(code).label)
    except ValueError:
        return code
