from django.utils.translation import get_language

from .selectors import desk_for_public_page, desk_texts


def desk_identity(request):
    """The desk a page speaks for (name, logo, colour, contact in the footer): the one the visitor chose, or the only
    desk of the installation. Staff pages of one desk pass their own `desk` and are not affected."""
    desk = desk_for_public_page(request)
    if desk is None:
        return {"site_desk": None}
    return {"site_desk": desk, "site_desk_texts": desk_texts(desk=desk, language=get_language())}
