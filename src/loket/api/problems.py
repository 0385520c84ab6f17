"""One shape for every error: RFC 9457 problem details (`application/problem+json`), with field-level messages.

`type` is a stable URI per kind of problem (documented in docs/api.md), `title` a short human summary, `detail`
what went wrong this time, and `errors` one entry per field: where it is (`in`: body, query, path or header),
its name, a JSON pointer into the body, and a message for a person. Human texts follow the request's
Accept-Language (English or Dutch).
"""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from loket.core.logs import route_of

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://loket.example/problems/"  # documentation anchors, not fetched by clients

log = logging.getLogger("loket.api")


class FieldError(Schema):
    """One field's problem. `in` says where the field is: body, query, path or header."""

    in_: str = Field(alias="in", description="body, query, path or header")
    name: str = Field(description="The field's name; nested body fields are joined with dots.")
    pointer: str | None = Field(None, description="JSON pointer into the request body (body fields only).")
    detail: str = Field(description="What is wrong, for a person.")


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = Field(description="A URI that names the kind of problem (see docs/api.md).")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = Field(None, description="The path that was called.")
    errors: list[FieldError] | None = None


class ApiProblem(Exception):
    """Raise from an endpoint to answer with a problem."""

    def __init__(self, status: int, kind: str, title: str, detail: str = "", errors=None, headers=None):
        super().__init__(detail or title)
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


def problem_response(
    request, status: int, kind: str, title: str, detail: str = "", errors=None, headers=None
):
    body = {"type": TYPE_BASE + kind, "title": str(title), "status": status}
    if detail:
        body["detail"] = str(detail)
    if request is not None:
        body["instance"] = request.path
    if errors:
        body["errors"] = errors
    response = JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def field_error(location: str, name: str, detail: str) -> dict:
    entry = {"in": location, "name": name, "detail": str(detail)}
    if location == "body":
        entry["pointer"] = "/" + name.replace("~", "~0").replace(".", "/") if name else ""
    return entry


def _message_for(error: dict) -> str:
    """A translated message for pydantic's most common error types; pydantic's own English text otherwise."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    messages = {
        "missing": _("This field is required."),
        "int_parsing": _("Enter a whole number."),
        "int_type": _("Enter a whole number."),
        "int_from_float": _("Enter a whole number."),
        "bool_parsing": _("Enter true or false."),
        "bool_type": _("Enter true or false."),
        "date_parsing": _("Enter a date as YYYY-MM-DD."),
        "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
        "date_type": _("Enter a date as YYYY-MM-DD."),
        "string_type": _("Enter text."),
        "list_type": _("Enter a list."),
        "json_invalid": _("The body is not valid JSON."),
        "model_attributes_type": _("The body must be a JSON object."),
        "dict_type": _("The body must be a JSON object."),
        "string_pattern_mismatch": _("This value does not have the expected form."),
    }
    if kind in messages:
        return str(messages[kind])
    if kind in ("greater_than_equal", "greater_than"):
        return _("Enter %(limit)s or more.") % {"limit": ctx.get("ge", ctx.get("gt", ""))}
    if kind in ("less_than_equal", "less_than"):
        return _("Enter %(limit)s or less.") % {"limit": ctx.get("le", ctx.get("lt", ""))}
    if kind in ("string_too_long", "too_long"):
        return _("This is too long: at most %(max)s.") % {"max": ctx.get("max_length", "")}
    if kind in ("string_too_short", "too_short"):
        return _("This is too short: at least %(min)s.") % {"min": ctx.get("min_length", "")}
    if kind == "literal_error":
        return _("Choose one of: %(expected)s.") % {"expected": ctx.get("expected", "")}
    return str(error.get("msg") or _("This value is not valid."))


def _ninja_field_errors(exc: NinjaValidationError) -> list[dict]:
    out = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        where = loc[0] if loc else "body"
        parts = loc[1:]
        if where == "body" and parts and parts[0] in ("payload", "data"):
            parts = parts[1:]  # the name of the endpoint's argument, not part of the document
        name = ".".join(parts)
        entry = field_error(where, name, _message_for(error))
        out.append(entry)
    return out


def _django_field_errors(exc: DjangoValidationError) -> tuple[str, list[dict]]:
    if hasattr(exc, "error_dict"):
        errors = []
        general = []
        for name, messages in exc.message_dict.items():
            for message in messages:
                if name == "__all__":
                    general.append(message)
                else:
                    errors.append(field_error("body", name, message))
        return " ".join(general), errors
    return " ".join(str(m) for m in exc.messages), []


def install_handlers(api) -> None:
    @api.exception_handler(ApiProblem)
    def _problem(request, exc: ApiProblem):
        return problem_response(request, exc.status, exc.kind, exc.title, exc.detail, exc.errors, exc.headers)

    @api.exception_handler(NinjaValidationError)
    def _invalid(request, exc):
        return problem_response(
            request,
            422,
            "validation",
            _("The request is not valid."),
            _("Correct the fields listed in “errors” and send it again."),
            _ninja_field_errors(exc),
        )

    @api.exception_handler(DjangoValidationError)
    def _rule(request, exc):
        detail, errors = _django_field_errors(exc)
        return problem_response(
            request, 422, "validation", _("The request breaks a rule."), detail or _("See “errors”."), errors
        )

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return problem_response(
            request,
            401,
            "unauthenticated",
            _("A valid API token is needed."),
            _("Send the token as “Authorization: Bearer <token>”. It may have been revoked."),
            headers={"WWW-Authenticate": 'Bearer realm="loket"'},
        )

    @api.exception_handler(AuthorizationError)
    def _forbidden(request, exc):
        return problem_response(
            request, 403, "forbidden", _("This token may not do this."), str(exc.message or "")
        )

    @api.exception_handler(PermissionDenied)
    def _denied(request, exc):
        return problem_response(request, 403, "forbidden", _("This token may not do this."))

    @api.exception_handler(Throttled)
    def _throttled(request, exc):
        headers = {"Retry-After": str(exc.wait)} if getattr(exc, "wait", None) else {}
        return problem_response(
            request,
            429,
            "rate-limited",
            _("Too many calls."),
            _("This token made too many calls this minute. Wait and try again."),
            headers=headers,
        )

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return problem_response(
            request, 404, "not-found", _("Not found."), _("There is nothing here for this token.")
        )

    @api.exception_handler(HttpError)
    def _http(request, exc):
        return problem_response(request, exc.status_code, "http-error", str(exc.message))

    @api.exception_handler(Exception)
    def _crash(request, exc):
        from django.db import InterfaceError, OperationalError

        if isinstance(exc, OperationalError | InterfaceError):
            log.warning("database.unavailable route=%s", route_of(request))
            return problem_response(
                request,
                503,
                "unavailable",
                _("Briefly unavailable."),
                _("The database is restarting. Nothing was changed. Try again in a few seconds."),
                headers={"Retry-After": "10"},
            )
        log.exception("api.error route=%s", route_of(request))
        return problem_response(
            request,
            500,
            "server-error",
            _("Something went wrong on our side."),
            _("Nothing was changed. Try again later; if it keeps happening, contact the desk."),
        )
