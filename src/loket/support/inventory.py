"""The support desk's fields in the data inventory (see loket/privacy/inventory.py). Questions, messages and their
files may say something about a person's situation (SPECIAL); names, addresses and accounts identify (IDENTIFYING);
the rest runs the desk (OPERATIONAL). The deflection counts hold no one: a day, an article and two numbers."""

from loket.privacy.inventory import IDENTIFYING, INVENTORY, OPERATIONAL, SPECIAL

_O, _I, _S = OPERATIONAL, IDENTIFYING, SPECIAL


def _all(kind, *names):
    return dict.fromkeys(names, kind)


INVENTORY.update(
    {
        "support.responsetarget": _all(_O, "theme", "business_hours"),
        "support.closingday": _all(_O, "day", "reason"),
        "support.tag": _all(_O, "name"),
        "support.question": {
            **_all(
                _O,
                "reference",
                "theme",
                "channel",
                "status",
                "is_starter",
                "starter",
                "language",
                "organiser",
                "location",
                "partner",
                "assignee",
                "tags",
                "merged_into",
                "referred_at",
                "created_at",
                "created_by",
                "updated_at",
                "due_at",
                "sla_warned_at",
                "waiting_since",
                "first_answered_at",
                "closed_at",
                "outcome",
                "article",
                "coaching_on",
            ),
            **_all(_S, "subject", "body", "search_tokens"),
            **_all(_I, "asker", "asker_name", "asker_email"),
        },
        "support.message": {
            **_all(_O, "question", "author_kind", "visibility", "created_at"),
            "author": _I,
            "body": _S,
        },
        "support.attachment": {
            **_all(_O, "question", "message", "content_type", "size", "uploaded_at"),
            **_all(_S, "file", "name"),
            "uploaded_by": _I,
        },
        "support.questionview": _all(_O, "question", "user", "seen_at"),
        "support.cannedanswer": _all(
            _O, "title", "body", "theme", "retired", "updated_at", "updated_by", "search_tokens"
        ),
        "support.article": _all(
            _O,
            "slug",
            "theme",
            "tags",
            "title_nl",
            "summary_nl",
            "body_nl",
            "title_en",
            "summary_en",
            "body_en",
            "related",
            "published",
            "version",
            "helpful_count",
            "not_helpful_count",
            "reviewed_on",
            "search_tokens",
            "updated_at",
            "updated_by",
        ),
        "support.articleversion": _all(
            _O,
            "article",
            "version",
            "theme",
            "tags",
            "title_nl",
            "summary_nl",
            "body_nl",
            "title_en",
            "summary_en",
            "body_en",
            "edited_at",
            "edited_by",
        ),
        "support.deflectioncount": _all(_O, "day", "article", "opened", "asked_anyway"),
        "support.routingrule": _all(_O, "theme", "keywords", "partner", "order"),
        "support.starterstep": _all(
            _O, "order", "title", "description", "kind", "theme", "articles", "partner"
        ),
        "support.starter": {
            **_all(
                _O,
                "language",
                "status",
                "municipality_name",
                "care_plan",
                "planned_places",
                "planned_opening",
                "tariff_plan",
                "income_places",
                "legal_plan",
                "organiser_name",
                "location_name",
                "postcode",
                "licensed_capacity",
                "licence_reference",
                "opens_on",
                "organiser",
                "created_at",
                "confirmed_at",
                "opening_announced_at",
                "provider_since",
            ),
            **_all(_I, "user", "name", "email", "street"),
        },
        "support.stepdone": _all(_O, "starter", "step", "done_at", "done_by"),
        "support.eventseries": _all(_O, "title", "every_weeks"),
        "support.event": _all(
            _O,
            "title",
            "description",
            "kind",
            "theme",
            "series",
            "starts_at",
            "ends_at",
            "online",
            "join_url",
            "venue",
            "province",
            "capacity",
            "max_per_organisation",
            "needs_approval",
            "offer_hours",
            "reminder_sent_at",
            "followup_sent_at",
        ),
        "support.registration": {
            **_all(
                _O,
                "event",
                "starter",
                "organiser",
                "organisation_name",
                "status",
                "created_at",
                "offered_until",
                "attended",
                "checked_in_at",
            ),
            **_all(_I, "user", "name", "email"),
        },
        "support.eventmessage": _all(
            _O, "event", "audience", "subject", "body", "recipients", "sent_at", "sent_by"
        ),
    }
)
