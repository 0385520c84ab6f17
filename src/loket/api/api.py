"""The API object: routers, error handlers, the call wrapper, and the OpenAPI 3.1 document."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from . import agency, open_data, provider
from .http import IDEMPOTENCY_HEADER, MAX_KEY_LENGTH, api_call
from .problems import PROBLEM_CONTENT_TYPE, Problem, install_handlers

DESCRIPTION = """\
The public API of Loket, the childcare desk. Three kinds of callers:

* **Open data** (no token): every active childcare location with its practical data and whether it has free places.
* **Providers** (a provider token for one organiser): free places, enrolled counts, the requests that chose the
  organiser's locations, proposals to confirm and placements to record.
* **The regional agency** (an agency token, read-only): yearly figures per municipality, small numbers suppressed.

Send a token as `Authorization: Bearer <token>`. Errors are RFC 9457 problem details (`application/problem+json`).
Lists are paged (`page`, `page_size`) and carry an `ETag`: send it back as `If-None-Match` to get `304 Not Modified`.
Writes accept an `Idempotency-Key` (required to declare free places): a retry with the same key and body gets the same
answer and changes nothing; the same key with another body is refused (422). See docs/api.md.
"""

PROBLEM_RESPONSES = {
    "400": "The request could not be read.",
    "401": "No valid token (missing, unknown or revoked).",
    "403": "The token may not do this (for example an agency token on a provider endpoint).",
    "404": "Not found, or not this token's organiser's.",
    "409": "The first request with this Idempotency-Key is still running.",
    "422": "A field is not valid or a rule is broken: see `errors`.",
    "429": "Too many calls for this token this minute: see Retry-After.",
    "503": "The database is briefly unavailable: see Retry-After.",
}
PUBLIC_PROBLEMS = ("400", "404", "422", "503")
TOKEN_PROBLEMS = ("400", "401", "403", "404", "422", "429", "503")
WRITE_PROBLEMS = ("409",)


class LoketApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        return document_problems(schema)


def document_problems(schema: dict) -> dict:
    """Ninja writes the success responses; add the shared parts it does not know about: the problem responses with
    their media type, ETag/If-None-Match on reads, Idempotency-Key on writes."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem_schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}", by_alias=True)
    for name, definition in problem_schema.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components["Problem"] = problem_schema
    problem_ref = {"$ref": "#/components/schemas/Problem"}
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            secured = bool(operation.get("security"))
            codes = TOKEN_PROBLEMS if secured else PUBLIC_PROBLEMS
            if method != "get":
                codes = codes + WRITE_PROBLEMS
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": PROBLEM_RESPONSES[code],
                        "content": {PROBLEM_CONTENT_TYPE: {"schema": problem_ref}},
                    },
                )
            parameters = operation.setdefault("parameters", [])
            if method == "get":
                for status in ("200",):
                    if status in responses:
                        responses[status].setdefault("headers", {})["ETag"] = {
                            "description": "The version of this answer; send it back as If-None-Match.",
                            "schema": {"type": "string"},
                        }
                responses.setdefault(
                    "304", {"description": "Not modified: the If-None-Match ETag still holds."}
                )
                parameters.append(
                    {
                        "name": "If-None-Match",
                        "in": "header",
                        "required": False,
                        "description": "An ETag from an earlier answer: 304 when nothing changed.",
                        "schema": {"type": "string"},
                    }
                )
            else:
                if any(p.get("name") == IDEMPOTENCY_HEADER for p in parameters):
                    continue  # the operation requires it itself
                parameters.append(
                    {
                        "name": IDEMPOTENCY_HEADER,
                        "in": "header",
                        "required": False,
                        "description": "A key you choose for this write; a retry with the same key and body gets "
                        "the same answer and changes nothing.",
                        "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
                    }
                )
    return schema


api = LoketApi(
    title="Loket API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,
)
api.add_decorator(api_call, mode="view")
install_handlers(api)
api.add_router("/open", open_data.router)
api.add_router("/provider", provider.router)
api.add_router("/agency", agency.router)


def _ensure_translatable():  # the title of the docs page
    return _("Loket API documentation")
