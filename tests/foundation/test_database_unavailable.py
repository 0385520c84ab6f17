from django.db import OperationalError
from django.test import RequestFactory

from loket.core.middleware import DatabaseUnavailableMiddleware


def test_an_unreachable_database_gives_a_clear_503_that_needs_no_database():
    def view(request):
        raise OperationalError("server closed the connection unexpectedly")

    middleware = DatabaseUnavailableMiddleware(view)
    request = RequestFactory().get("/gezin/")
    response = middleware.process_exception(request, OperationalError("down"))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Niets wat u eerder bewaarde, is verloren" in response.content.decode()


def test_other_errors_are_left_to_the_normal_handling():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("bug")) is None


def test_a_database_failure_outside_the_view_also_gives_the_503(client, db, monkeypatch):
    """During a restart the middleware may be first to reach the database (loading the session to know who signs
    in): the family still gets the clear page, not a bare server error."""
    from django.contrib.sessions.backends.db import SessionStore

    def session_load_fails(self):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(SessionStore, "load", session_load_fails)
    client.cookies["sessionid"] = "a-session-of-a-signed-in-parent"
    client.raise_request_exception = False
    response = client.get("/gezin/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Niets wat u eerder bewaarde, is verloren" in response.content.decode()
