"""Thin views: read the filter, ask the selectors for a report, publish it when it leaves the desk, render or
export. Every export is published (disclosure.publish) and audited as "report.exported"."""

from datetime import date

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from loket.accounts.policies import allowed_to
from loket.areas.selectors import desks_in_reach
from loket.audit.services import audit_record
from loket.core import charts

from . import exports, selectors
from .disclosure import EXPLANATION, Report
from .figures import chart_for
from .forms import ReportFilterForm, YearForm
from .policies import report_access

CHARTED = ("trend", "areas_neighbourhood", "wait_distribution", "fair_access")
# Tables that grow with the area and the period show their first rows on the dashboard; each table's own page
# shows them all, a page at a time.
GROWING = ("trend", "areas_municipality", "areas_neighbourhood", "fair_access_locations", "reserve", "desks")
DASHBOARD_ROWS = 12
PAGE_ROWS = 50


def _filter_form(request, access):
    return ReportFilterForm(request.GET or None, desk_ids=access.desk_ids)


def _present(table, *, exportable: bool = False, rows: int | None = None, page=None) -> dict:
    """A table as a page section: its chart, its rows (the first `rows`, or one `page`), its downloads."""
    chart = chart_for(table) if table.key in CHARTED else None
    shown = table
    if page is not None:
        shown = table.page(page.number, PAGE_ROWS)
    elif rows is not None and len(table.rows) > rows:
        shown = table.page(1, rows)
    section = {
        "table": shown,
        "svg": mark_safe(charts.to_svg(chart)) if chart else "",  # noqa: S308 - to_svg escapes
        "all_rows": len(table.rows),
        "truncated": len(shown.rows) < len(table.rows) and page is None,
        "page": page,
    }
    if exportable:
        section["csv_url"] = reverse("reports:export", args=[table.key, "csv"])
        section["xlsx_url"] = reverse("reports:export", args=[table.key, "xlsx"])
        section["table_url"] = reverse("reports:table", args=[table.key])
    return section


def _audit_export(request, *, key: str, fmt: str, desk_ids) -> None:
    audit_record(
        actor=request.user,
        event="report.exported",
        desk_id=desk_ids[0] if desk_ids and len(desk_ids) == 1 else None,
        table=key,
        format=fmt,
        desks=list(desk_ids) if desk_ids is not None else "all",
    )


def _file(content: bytes, *, key: str, fmt: str) -> HttpResponse:
    content_type = {"csv": "text/csv; charset=utf-8", "xlsx": exports.XLSX_TYPE, "pdf": "application/pdf"}[
        fmt
    ]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.export_filename(key, fmt)}"'
    return response


def home_context(scope) -> dict:
    """What the policy viewer's home page shows: the desks in reach and the key figures of the last twelve
    months, published when they leave the desk (the regional agency) exactly as the dashboard publishes them."""
    access = report_access(scope)
    report_filter = ReportFilterForm(desk_ids=access.desk_ids).to_filter()
    report = selectors.dashboard_report(report_filter).shown(publish=access.suppress_on_screen)
    return {
        "desks": desks_in_reach(access.desk_ids),
        "regional": access.desk_ids is None,
        "access": access,
        "filter": report_filter,
        "explanation": EXPLANATION,
        "section": _present(report["key_figures"]),
    }


def _dashboard(request):
    access = report_access(request.scope)
    form = _filter_form(request, access)
    report_filter = form.to_filter()
    report = selectors.dashboard_report(report_filter).shown(publish=access.suppress_on_screen)
    return access, form, report_filter, report


def _context(request, access, form, report_filter, **extra) -> dict:
    return {
        "form": form,
        "filter": report_filter,
        "access": access,
        "explanation": EXPLANATION,
        "query": request.GET.urlencode(),
        **extra,
    }


@require_GET
@allowed_to("reports.view")
def dashboard(request):
    access, form, report_filter, report = _dashboard(request)
    sections = [
        _present(table, exportable=True, rows=DASHBOARD_ROWS if table.key in GROWING else None)
        for table in report
    ]
    return render(
        request,
        "reports/dashboard.html",
        _context(request, access, form, report_filter, sections=sections, year=YearForm.default_year()),
    )


@require_GET
@allowed_to("reports.view")
def table(request, key: str):
    """One table of the dashboard on its own page, every row, a page at a time."""
    if key not in selectors.DASHBOARD_KEYS:
        raise Http404
    access, form, report_filter, report = _dashboard(request)
    rows = report[key].rows
    page = Paginator(range(len(rows)), PAGE_ROWS).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/table.html",
        _context(
            request,
            access,
            form,
            report_filter,
            section=_present(report[key], exportable=True, page=page),
            page_query=query.urlencode(),
        ),
    )


def _published_dashboard(request, access) -> tuple[Report, object]:
    report_filter = _filter_form(request, access).to_filter()
    return selectors.dashboard_report(report_filter).published(), report_filter


@require_GET
@allowed_to("reports.export")
def export(request, key: str, fmt: str):
    access = report_access(request.scope)
    if fmt not in ("csv", "xlsx") or (key != "dashboard" and key not in selectors.DASHBOARD_KEYS):
        raise Http404
    if key == "dashboard" and fmt == "csv":
        raise Http404
    report, report_filter = _published_dashboard(request, access)
    if key == "dashboard":
        content = exports.tables_xlsx(list(report))
    else:
        content = exports.table_csv(report[key]) if fmt == "csv" else exports.tables_xlsx([report[key]])
    _audit_export(request, key=key, fmt=fmt, desk_ids=report_filter.desk_ids)
    return _file(content, key=key, fmt=fmt)


def _year(request) -> tuple[int, YearForm]:
    form = YearForm(request.GET or None, initial={"year": YearForm.default_year()})
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else YearForm.default_year()
    return year, form


def _desk_ids(request, access):
    """The desk chosen in ?desk= (within reach), else every desk in reach."""
    desk_id = request.GET.get("desk", "")
    if desk_id.isdigit():
        if access.desk_ids is not None and int(desk_id) not in access.desk_ids:
            raise Http404
        return (int(desk_id),)
    return access.desk_ids


@require_GET
@allowed_to("reports.export")
def yearly_report(request):
    access = report_access(request.scope)
    if "year" not in request.GET:
        return render(
            request,
            "reports/yearly.html",
            {
                "form": YearForm(initial={"year": YearForm.default_year()}),
                "desks": desks_in_reach(access.desk_ids),
            },
        )
    year, form = _year(request)
    if form.errors:
        return render(
            request, "reports/yearly.html", {"form": form, "desks": desks_in_reach(access.desk_ids)}
        )
    desk_ids = _desk_ids(request, access)
    report_filter = selectors.ReportFilter(
        desk_ids=desk_ids, date_from=date(year, 1, 1), date_to=date(year, 12, 31)
    )
    dashboard = selectors.dashboard_report(report_filter)
    agency = selectors.agency_report(year=year, desk_ids=desk_ids)
    # One report: the council's PDF is controlled as a whole, the agency's table with the rest.
    report = Report({**dashboard.tables, **agency.tables}, dashboard.links).published()
    desks = desks_in_reach(desk_ids)
    subtitle = ", ".join(desks.values_list("name", flat=True)) if desk_ids is not None else _("All desks")
    content = exports.yearly_pdf(
        title=_("Childcare supply and demand %(year)s") % {"year": year},
        subtitle=subtitle,
        year=year,
        key_figures=report["key_figures"],
        sections=[
            report[key]
            for key in (
                "trend",
                "areas_neighbourhood",
                "durations",
                "wait_distribution",
                "fair_access",
                "reserve",
                "agency",
            )
        ],
    )
    _audit_export(request, key=f"yearly-{year}", fmt="pdf", desk_ids=desk_ids)
    return _file(content, key=f"yearly_report_{year}", fmt="pdf")


@require_GET
@allowed_to("reports.view")
def agency(request):
    access = report_access(request.scope)
    year, form = _year(request)
    desk_ids = _desk_ids(request, access)
    report = selectors.agency_report(year=year, desk_ids=desk_ids).shown(publish=access.suppress_on_screen)
    return render(
        request,
        "reports/agency.html",
        {
            "sections": [_present(t) for t in report],
            "year": year,
            "form": form,
            "access": access,
            "explanation": EXPLANATION,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@allowed_to("reports.export")
def agency_export(request, fmt: str):
    access = report_access(request.scope)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    year, _form = _year(request)
    desk_ids = _desk_ids(request, access)
    report = selectors.agency_report(year=year, desk_ids=desk_ids).published()
    content = exports.table_csv(report["agency"]) if fmt == "csv" else exports.tables_xlsx(list(report))
    _audit_export(request, key=f"agency-{year}", fmt=fmt, desk_ids=desk_ids)
    return _file(content, key=f"agency_{year}", fmt=fmt)


@require_GET
@allowed_to("reports.regional")
def regional(request):
    access = report_access(request.scope)
    if not access.regional:
        # A policy viewer of one desk has no regional view: their desk's dashboard answers the same question.
        return redirect("reports:dashboard")
    form = _filter_form(request, access)
    report_filter = form.to_filter()
    report = selectors.regional_report(report_filter).published()
    page = Paginator(range(len(report["desks"].rows)), PAGE_ROWS).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    sections = [_present(report["desks"], page=page), _present(report["key_figures"])]
    return render(
        request,
        "reports/regional.html",
        _context(request, access, form, report_filter, sections=sections, page_query=query.urlencode()),
    )


@require_GET
@allowed_to("reports.regional")
def regional_export(request, fmt: str):
    access = report_access(request.scope)
    if not access.regional or fmt not in ("csv", "xlsx"):
        raise Http404
    report_filter = _filter_form(request, access).to_filter()
    report = selectors.regional_report(report_filter).published()
    content = exports.table_csv(report["desks"]) if fmt == "csv" else exports.tables_xlsx(list(report))
    _audit_export(request, key="desks", fmt=fmt, desk_ids=None)
    return _file(content, key="desks", fmt=fmt)
