"""A child's age band at the desired start of a request: the reports count requests by it, and an erasure keeps it
when it generalises the date of birth (see `privacy.py`)."""

from django.utils.translation import gettext_lazy as _

# The child's age at the desired start, in days from the birth date (or the due date when not yet born).
AGE_BANDS = {
    "under_1": (_("Under 1 year"), 0, 365),
    "1_to_2": (_("1 to 2 years"), 365, 730),
    "2_plus": (_("2 years and older"), 730, None),
}


def age_bands(born, starts) -> list[str]:
    """The age band of a child born (or due) on `born` at each of these start dates, in their order."""
    bands = []
    for start in starts:
        age = (start - born).days
        bands += [
            key for key, (_l, low, high) in AGE_BANDS.items() if age >= low and (high is None or age < high)
        ]
    return bands
