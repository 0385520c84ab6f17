"""A session saved while the database is unreachable fails as unreachable (503, retry), not as a bad request (400)."""

from unittest import mock

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.db import OperationalError

from loket.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_an_unreachable_database_while_saving_a_session_stays_a_database_error():
    session = SessionStore()
    session["registered"] = {"reference": "ABCD-EFGH"}
    session.create()
    with (
        mock.patch(
            "django.db.models.Model.save", side_effect=OperationalError("server closed the connection")
        ),
        pytest.raises(OperationalError),
    ):
        session.save()


def test_a_session_deleted_meanwhile_is_still_django_s_update_error():
    session = SessionStore()
    session.create()
    deleted = mock.patch("django.contrib.sessions.backends.db.SessionStore.save", side_effect=UpdateError)
    with deleted, pytest.raises(UpdateError):
        session.save()
