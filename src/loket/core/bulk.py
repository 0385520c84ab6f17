"""Bulk writes shared by the apps' services for histories recorded at once (the demo loader's year of rounds)."""

from collections import defaultdict

BATCH = 1000


def update_in_groups(model, changes: dict[int, tuple], fields: tuple[str, ...]) -> int:
    """Give each row (pk -> new values of `fields`) its values with one UPDATE per distinct set of values: the moves
    of a week share a handful of (status, moment) pairs, so this sends a few short statements where `bulk_update`
    would build (and the database evaluate) one CASE branch per row and field."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for pk, values in changes.items():
        groups[values].append(pk)
    for values, pks in groups.items():
        pks.sort()
        for start in range(0, len(pks), BATCH):
            model.objects.filter(pk__in=pks[start : start + BATCH]).update(
                **dict(zip(fields, values, strict=True))
            )
    return len(changes)
