"""Django's database sessions, except that an unreachable database stays an unreachable database.

Django turns any database error while saving a session at the end of a request into `UpdateError`, which its middleware
answers with "400 Bad Request". When PostgreSQL restarts just after a registration committed, the family would be told
its request was bad although it was saved; re-raised, the error reaches the 503 page (`core.errors.server_error`) that
tells the client to try again, and the retry with the same idempotency key shows the registration (see the fault drill).
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from .errors import DATABASE_ERRORS


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        try:
            return super().save(must_create=must_create)
        except UpdateError as error:
            if isinstance(error.__context__, DATABASE_ERRORS):
                raise error.__context__ from None
            raise
