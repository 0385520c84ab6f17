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
