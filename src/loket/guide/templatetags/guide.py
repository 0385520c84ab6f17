from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from loket.core import weekdays

register = template.Library()


@register.filter
def weekday_names(mask: int) -> str:
    """Weekday names of a bit mask: "Monday to Friday" for a run of three days or more, else "Monday, Wednesday"."""
    days = weekdays.from_mask(mask or 0)
    if len(days) >= 3 and days == tuple(range(days[0], days[-1] + 1)):
        return _("%(first)s to %(last)s") % {
            "first": weekdays.WEEKDAY_NAMES[days[0]],
            "last": weekdays.WEEKDAY_NAMES[days[-1]],
        }
    return ", ".join(str(weekdays.WEEKDAY_NAMES[day]) for day in days)


@register.filter
def euro(value) -> str:
    """An amount in euro with two decimals in the active language's format (€ 12,50 in Dutch)."""
    if value is None or value == "":
        return ""
    amount = number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    return format_html('<span class="loket-ltr">€\u00a0{}</span>', amount)


@register.filter
def km(value) -> str:
    if value is None:
        return ""
    distance = number_format(round(float(value), 1), 1, use_l10n=True)
    return format_html('<span class="loket-ltr">{}\u00a0km</span>', distance)


@register.filter
def percent(value) -> str:
    return format_html(
        '<span class="loket-ltr">{}\u00a0%</span>', number_format(Decimal(value) * 100, 0, use_l10n=True)
    )
