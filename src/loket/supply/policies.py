"""Who may do what in the providers' portal. Provider staff manage their organiser's locations (or only the
locations they are assigned to); desk staff see which free places of their area are stale and which requests
providers leave unanswered."""

from loket.accounts.models import Role
from loket.accounts.policies import PERMISSIONS

PERMISSIONS.update(
    {
        "supply.manage": frozenset({Role.PROVIDER_STAFF}),
        "supply.requests": frozenset({Role.PROVIDER_STAFF}),
        "supply.desk_follow_up": frozenset({Role.DESK_WORKER, Role.DESK_ADMIN}),
    }
)
