"""Who may do what with rounds, proposals, offers and waiting lists (added to the policy table at start-up)."""

from loket.accounts.models import Role
from loket.accounts.policies import PARENT, PERMISSIONS

DESK = frozenset({Role.DESK_WORKER, Role.DESK_ADMIN})

PERMISSIONS.update(
    {
        "allocation.rounds": DESK,
        "allocation.urgent": DESK,
        "allocation.reviews": DESK,
        "allocation.proposals": frozenset({Role.PROVIDER_STAFF}),
        "allocation.waiting_list": DESK | {Role.PROVIDER_STAFF},
        "allocation.family_review": frozenset({PARENT}),
    }
)
