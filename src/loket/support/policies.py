"""Who may do what at the support desk. Agents (regional) see every question; a partner's advisers see the questions
referred to their organisation; provider staff see their own organiser's questions; the families' desk may signal a
provider that needs support. Asking a question, the knowledge base and the events are public."""

from loket.accounts.models import Role
from loket.accounts.policies import PERMISSIONS

PERMISSIONS.update(
    {
        "support.agent": frozenset({Role.SUPPORT_AGENT}),
        "support.partner": frozenset({Role.PARTNER_ADVISER}),
        "support.edit_articles": frozenset({Role.SUPPORT_AGENT, Role.PARTNER_ADVISER}),
        "support.follow_starters": frozenset({Role.SUPPORT_AGENT, Role.PARTNER_ADVISER}),
        "support.my_questions": frozenset({Role.PROVIDER_STAFF}),
        "support.signal": frozenset({Role.DESK_WORKER, Role.DESK_ADMIN}),
    }
)
