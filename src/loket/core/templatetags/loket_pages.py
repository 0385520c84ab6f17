"""The address of another page of a paged list: the current query string with one page number changed, so the
list's filters and the other lists' pages on the same screen stay as they are."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, param, number):
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()
