"""Which figures a person may read. The actions themselves ("reports.view", "reports.export",
"reports.regional") are declared in the action registry, `loket.accounts.actions`.

The dashboard is for the desk's own people and the desk's policy viewers; the regional agency (a policy viewer
without a desk) sees every desk, but only suppressed figures, because they leave the desk.
"""

from dataclasses import dataclass

from loket.accounts.policies import Scope


@dataclass(frozen=True)
class ReportAccess:
    desk_ids: tuple[int, ...] | None  # None: every desk
    suppress_on_screen: bool  # figures leave the desk even on screen (the regional view)
    regional: bool


def report_access(scope: Scope) -> ReportAccess:
    if scope.is_superuser:
        return ReportAccess(None, False, True)
    if scope.regional:
        return ReportAccess(None, True, True)
    return ReportAccess(tuple(sorted(scope.report_desk_ids)), False, False)
