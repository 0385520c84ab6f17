"""Thin views: read the filter, ask the selectors, render or export. Everything that leaves the desk is
suppressed (tables.Table.suppressed) and every export is audited as "report.exported"."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from loket.accounts.policies import allowed_to
from loket.areas.models import Desk
from loket.audit.services import audit_record

from . import charts, exports, selectors
from .figures import chart_for
from .forms import ReportFilterForm, YearForm
from .policies import report_access

CHARTED = ("trend", "areas_neighbourhood", "wait_distribution", "fair_access")


def _filter_form(request, access):
    return ReportFilterForm(request.GET or None, desk_ids=access.desk_ids)


def _present(table, *, suppress: bool, exportable: bool = False) -> dict:
    shown = table.suppressed() if suppress else table
    chart = chart_for(shown) if table.key in CHARTED else None
    section = {"table": shown, "svg": mark_safe(charts.to_svg(chart)) if chart else ""}  # noqa: S308 - to_svg escapes
    if exportable:
        section["csv_url"] = reverse("reports:export", args=[table.key, "csv"])
        section["xlsx_url"] = reverse("reports:export", args=[table.key, "xlsx"])
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
    """What the policy viewer's home page (core:policy_home) shows: the desks in reach and the key figures of
    the last twelve months, suppressed when they leave the desk (the regional agency)."""
    access = report_access(scope)
    report_filter = ReportFilterForm(desk_ids=access.desk_ids).to_filter()
    desks = Desk.objects.all() if access.desk_ids is None else Desk.objects.filter(pk__in=access.desk_ids)
    return {
        "desks": desks,
        "regional": access.desk_ids is None,
        "access": access,
        "filter": report_filter,
        "section": _present(selectors.key_figures_table(report_filter), suppress=access.suppress_on_screen),
    }


@require_GET
@allowed_to("reports.view")
def dashboard(request):
    access = report_access(request.scope)
    form = _filter_form(request, access)
    report_filter = form.to_filter()
    sections = [
        _present(build(report_filter), suppress=access.suppress_on_screen, exportable=True)
        for build in selectors.DASHBOARD_TABLES.values()
    ]
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "filter": report_filter,
            "sections": sections,
            "access": access,
            "query": request.GET.urlencode(),
            "year": YearForm.default_year(),
        },
    )


@require_GET
@allowed_to("reports.export")
def export(request, key: str, fmt: str):
    access = report_access(request.scope)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    report_filter = _filter_form(request, access).to_filter()
    if key == "dashboard" and fmt == "xlsx":
        tables = [build(report_filter) for build in selectors.DASHBOARD_TABLES.values()]
        content = exports.tables_xlsx(tables)
    elif key in selectors.DASHBOARD_TABLES:
        table = selectors.DASHBOARD_TABLES[key](report_filter)
        content = exports.table_csv(table) if fmt == "csv" else exports.tables_xlsx([table])
    else:
        raise Http404
    _audit_export(request, key=key, fmt=fmt, desk_ids=report_filter.desk_ids)
    return _file(content, key=key, fmt=fmt)


def _year(request) -> int:
    form = YearForm(request.GET or None)
    return form.cleaned_data["year"] if form.is_bound and form.is_valid() else YearForm.default_year()


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
        desks = Desk.objects.all() if access.desk_ids is None else Desk.objects.filter(pk__in=access.desk_ids)
        return render(
            request,
            "reports/yearly.html",
            {"form": YearForm(initial={"year": YearForm.default_year()}), "desks": desks},
        )
    year = _year(request)
    desk_ids = _desk_ids(request, access)
    from datetime import date

    report_filter = selectors.ReportFilter(
        desk_ids=desk_ids, date_from=date(year, 1, 1), date_to=date(year, 12, 31)
    )
    desks = Desk.objects.all() if desk_ids is None else Desk.objects.filter(pk__in=desk_ids)
    subtitle = ", ".join(desks.values_list("name", flat=True)) if desk_ids is not None else _("All desks")
    tables = selectors.DASHBOARD_TABLES
    content = exports.yearly_pdf(
        title=_("Childcare supply and demand %(year)s") % {"year": year},
        subtitle=subtitle,
        year=year,
        key_figures=tables["key_figures"](report_filter),
        sections=[
            tables["trend"](report_filter),
            tables["areas_neighbourhood"](report_filter),
            tables["durations"](report_filter),
            tables["wait_distribution"](report_filter),
            tables["fair_access"](report_filter),
            tables["reserve"](report_filter),
            selectors.agency_table(year=year, desk_ids=desk_ids),
        ],
    )
    _audit_export(request, key=f"yearly-{year}", fmt="pdf", desk_ids=desk_ids)
    return _file(content, key=f"yearly_report_{year}", fmt="pdf")


@require_GET
@allowed_to("reports.view")
def agency(request):
    access = report_access(request.scope)
    year = _year(request)
    desk_ids = _desk_ids(request, access)
    tables = [
        selectors.agency_table(year=year, desk_ids=desk_ids),
        selectors.duplicates_table(year=year, desk_ids=desk_ids),
    ]
    return render(
        request,
        "reports/agency.html",
        {
            "sections": [_present(t, suppress=access.suppress_on_screen) for t in tables],
            "year": year,
            "form": YearForm(initial={"year": year}),
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@allowed_to("reports.export")
def agency_export(request, fmt: str):
    access = report_access(request.scope)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    year = _year(request)
    desk_ids = _desk_ids(request, access)
    table = selectors.agency_table(year=year, desk_ids=desk_ids)
    if fmt == "csv":
        content = exports.table_csv(table)
    else:
        content = exports.tables_xlsx([table, selectors.duplicates_table(year=year, desk_ids=desk_ids)])
    _audit_export(request, key=f"agency-{year}", fmt=fmt, desk_ids=desk_ids)
    return _file(content, key=f"agency_{year}", fmt=fmt)


def _regional_only(request):
    access = report_access(request.scope)
    if not access.regional:
        raise Http404
    return access


@require_GET
@allowed_to("reports.regional")
def regional(request):
    access = report_access(request.scope)
    if not access.regional:
        # A policy viewer of one desk has no regional view: their desk's dashboard answers the same question.
        return redirect("reports:dashboard")
    form = _filter_form(request, access)
    report_filter = form.to_filter()
    tables = [selectors.desk_comparison_table(report_filter), selectors.key_figures_table(report_filter)]
    return render(
        request,
        "reports/regional.html",
        {
            "form": form,
            "sections": [_present(t, suppress=True) for t in tables],
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@allowed_to("reports.regional")
def regional_export(request, fmt: str):
    access = _regional_only(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    report_filter = _filter_form(request, access).to_filter()
    table = selectors.desk_comparison_table(report_filter)
    content = exports.table_csv(table) if fmt == "csv" else exports.tables_xlsx([table])
    _audit_export(request, key="desks", fmt=fmt, desk_ids=None)
    return _file(content, key="desks", fmt=fmt)
