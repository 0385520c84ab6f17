"""Page-number pagination: `?page=2&page_size=50`, with absolute links to the neighbouring pages."""

from django.utils.http import urlencode
from ninja import Field, Schema

MAX_PAGE_SIZE = 100


class PageParams(Schema):
    page: int = Field(1, ge=1, le=100_000, description="The page to return, from 1.")
    page_size: int = Field(
        25, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, at most {MAX_PAGE_SIZE}."
    )


def _link(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(request.path) + "?" + urlencode(sorted(query.items()))


def paginate(request, items, params: PageParams, serialize) -> dict:
    """`items` is a queryset (ordered) or a list; `serialize` turns one item into the item's document."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    start = (params.page - 1) * params.page_size
    chunk = list(items[start : start + params.page_size]) if start < count else []
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "next": _link(request, params.page + 1) if start + params.page_size < count else None,
        "previous": _link(request, params.page - 1) if params.page > 1 and count else None,
        "results": [serialize(item) for item in chunk],
    }
