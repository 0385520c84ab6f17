"""Every URL of Loket and the action it performs, read from the URL configuration. The access matrix test calls each one
as each role; an endpoint that declares no action (with `@allowed_to`) and is not listed as public fails the suite."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Endpoints anyone may open, on purpose.
PUBLIC = {
    "portal:home",
    "core:health_live",
    "core:health_ready",
    "portal:landing",  # redirects by role, or to sign in
    # a public website's duties and a desk's public identity (no personal data)
    "areas:desk_public",
    "areas:desk_logo",
    "areas:desk_stylesheet",
    "areas:accessibility",
    "core:robots_txt",
    "core:security_txt",
    "core:favicon",
    "privacy_statement",
    "guide:how_it_works",  # information for families: no personal data, nothing stored
    "guide:cost",
    "guide:finder",
    "guide:location",
    "set_language",
    "javascript-catalog",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:invitation",  # the one-time link of an invitation: the token is the key
    "accounts:second_factor",  # requires a signed-in person itself
    "accounts:second_factor_setup",
    "families:register",  # registering needs no account beforehand; the draft is tied to a cookie
    "families:register_restart",
    "families:register_done",
    "families:register_step",
    "families:sign_in",  # asking for a one-time sign-in link
    "families:sign_in_link",
    "families:code_sign_in",
    "families:privacy_text",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "oidc_logout",
    # the providers' support desk: people ask without an account; signed links follow a question or registration;
    # starters sign up with an e-mail link (their own pages check, in the view, that the person is a starter)
    "support:ask",
    "support:suggestions",
    "support:suggested_article",
    "support:follow",
    "support:follow_attachment",
    "support:articles",
    "support:article",
    "support:events",
    "support:event",
    "support:event_ics",
    "support:registration",
    "support:registration_ics",
    "support:start",
    "support:starter_link",
    "support:my_track",
    "support:my_step",
    "support:my_plan",
    "support:my_intake",
    "support:my_opening",
}
# Whole URL namespaces with their own access rules and their own tests.
OWN_RULES_NAMESPACES = {"admin", "api"}  # api: tokens, not sign-in (tests/api)


@dataclass(frozen=True)
class Endpoint:
    name: str
    route: str
    action: str | None
    has_parameters: bool


def endpoints() -> list[Endpoint]:
    found: list[Endpoint] = []

    def walk(patterns, prefix: str, namespace: str | None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if ns in OWN_RULES_NAMESPACES:
                    continue
                walk(
                    pattern.url_patterns,
                    prefix + str(pattern.pattern),
                    ns if pattern.namespace else namespace,
                )
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")
                route = prefix + str(pattern.pattern)
                callback = pattern.callback
                action = getattr(callback, "loket_action", None)
                if action is None and hasattr(callback, "view_class"):
                    action = getattr(callback.view_class, "loket_action", None)
                found.append(Endpoint(name, route, action, "<" in route or "(?P" in route))

    walk(get_resolver().url_patterns, "/", None)
    return found
