"""A duplicate registration merged into another request is not a request of its own: it drops out of every count
(the desk's home, the status counts, the figures per municipality, the queues, the reports' summary)."""

import pytest

from loket.casework import services
from loket.casework.selectors import queue_counts
from loket.demand.selectors import status_counts
from loket.portal.selectors import desk_overview
from loket.reports.models import RequestSummary
from loket.testing.factories import make_request

pytestmark = pytest.mark.django_db


def test_a_merged_duplicate_counts_nowhere(client, world):
    duplicate = make_request(world.family_a, locations=[world.location_a], first_name="Amira")
    before = desk_overview(desk_ids=[world.desk_a.pk])[0]["total"]
    assert before == 2
    services.requests_merge(kept=world.request_a, duplicate=duplicate, actor=world.worker_a)
    overview = desk_overview(desk_ids=[world.desk_a.pk])[0]
    assert overview["total"] == 1
    assert dict((s, n) for _label, n, s in overview["statuses"])["withdrawn"] == 0
    assert sum(status_counts(desk_ids=[world.desk_a.pk]).values()) == 1
    assert sum(q["count"] for q in queue_counts(desk=world.desk_a) if q["queue"].slug == "new") == 1
    assert RequestSummary.objects.filter(request=duplicate, merged=True).exists()
    client.force_login(world.worker_a)
    home = client.get("/loket/").content.decode()
    assert "1 aanvraag geregistreerd bij dit loket" in home
