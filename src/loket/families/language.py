"""The language a parent chose is theirs, not the browser's: it is kept on the person (account and family) when they
pick one in the header, and switched on again when they sign in (also in a new browser), with the language cookie."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.views.i18n import set_language

from loket.demand.selectors import family_id_of_user

from .services import family_language_set

KEEP_ATTRIBUTE = "_loket_keep_language"


def _is_parent(user) -> bool:
    return bool(user and user.is_authenticated) and family_id_of_user(user) is not None


def set_language_and_keep(request):
    """Django's language switch; for a signed-in parent the choice is also stored on the account and the family."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and language in dict(settings.LANGUAGES)
        and translation.check_for_language(language)
        and _is_parent(request.user)
    ):
        family_language_set(user=request.user, language=language)
    return response


@receiver(user_logged_in, dispatch_uid="loket.families.language_on_sign_in")
def activate_language_on_sign_in(sender, request, user, **kwargs):
    language = getattr(user, "preferred_language", "")
    if request is None or language not in dict(settings.LANGUAGES) or not _is_parent(user):
        return
    translation.activate(language)
    request.LANGUAGE_CODE = language
    setattr(request, KEEP_ATTRIBUTE, language)


class KeepLanguageMiddleware:
    """Sets the language cookie on the response to a parent's sign-in (the receiver above marks the request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = getattr(request, KEEP_ATTRIBUTE, None)
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
