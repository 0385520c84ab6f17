"""One registry of actions and one enumeration of audit events: the table in docs/access.md is generated from them,
every event the code records is declared with a label in every language, and nothing else can be recorded."""

import ast
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from loket.accounts.actions import ACTIONS
from loket.accounts.policies import PERMISSIONS, Scope, allowed_to
from loket.audit.events import Event, UnknownEvent, event_label
from loket.audit.models import AuditEvent
from loket.audit.services import audit_record

ROOT = Path(__file__).resolve().parents[2]


def test_docs_access_md_is_generated_from_the_registry():
    out = StringIO()
    call_command("access_table", stdout=out)
    document = ROOT / "docs" / "access.md"
    assert document.read_text() == out.getvalue(), (
        "run: loket-manage access_table > docs/access.md (and review it)"
    )


def test_the_policy_table_is_the_registry():
    assert dict(PERMISSIONS) == {name: action.roles for name, action in ACTIONS.items()}
    with pytest.raises(TypeError):
        PERMISSIONS["new.action"] = frozenset()  # type: ignore[index]


def test_an_undeclared_action_fails_where_it_is_named():
    with pytest.raises(KeyError, match="declare it"):
        allowed_to("nobody.declared_this")
    with pytest.raises(KeyError):
        Scope(roles=frozenset({"desk_worker"})).may("nobody.declared_this")


def _recorded_events() -> dict[str, list[str]]:
    """Every event named by a string in an `audit_record(event=…)` call anywhere in the code. (An `Event.X` member is
    declared by construction; any other expression is checked by `audit_record` itself when it runs.)"""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "src" / "loket").rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            name = getattr(getattr(node, "func", None), "id", None) or getattr(
                getattr(node, "func", None), "attr", None
            )
            if not isinstance(node, ast.Call) or name != "audit_record":
                continue
            for keyword in (k for k in node.keywords if k.arg == "event"):
                for constant in (n for n in ast.walk(keyword.value) if isinstance(n, ast.Constant)):
                    found.setdefault(constant.value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_recorded_event_is_declared():
    recorded = _recorded_events()
    assert len(recorded) > 60  # the scan finds the calls (most still name their event by its string)
    assert sorted(set(recorded) - set(Event.values)) == []


@pytest.mark.parametrize("language", ["nl", "fr", "ar"])
def test_every_event_has_a_plain_label_in_each_language(language):
    with translation.override("en"):
        english = {event.value: str(event.label) for event in Event}
    with translation.override(language):
        untranslated = [event.value for event in Event if str(event.label) == english[event.value]]
    assert untranslated == []


def test_labels_are_plain_words_not_codes():
    with translation.override("en"):
        assert event_label("referral.created") == "referred the family to a partner organisation"
    for event in Event:
        assert "." not in str(event.label) and "_" not in str(event.label)


@pytest.mark.django_db
def test_an_unknown_event_is_refused():
    with pytest.raises(UnknownEvent):
        audit_record(actor=None, event="request.teleported")
    assert not AuditEvent.objects.exists()
    assert audit_record(actor=None, event=Event.REQUEST_VIEWED).event == "request.viewed"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", "verwees het gezin door naar een partnerorganisatie"),
        ("fr", "a orienté la famille vers une organisation partenaire"),
        ("ar", "أحال العائلة إلى منظمة شريكة"),
    ],
)
def test_the_family_reads_who_viewed_its_file_in_plain_words(client, language, words):
    from loket.accounts.choices import Role
    from loket.casework.services import referral_create
    from loket.testing.factories import make_desk, make_family, make_partner, make_user

    desk = make_desk()
    parent = make_user()
    family = make_family(desk, user=parent)
    worker = make_user(Role.DESK_WORKER, desk=desk)
    referral_create(
        family=family, partner=make_partner(desk), need="financial", consent_how="verbal", actor=worker
    )
    client.force_login(parent)
    client.cookies["django_language"] = language
    page = client.get("/gezin/mijn-gegevens/").content.decode()
    assert words in page
    assert "referral.created" not in page
