"""Small-number suppression: the one rule for every figure that leaves the desk.

A cell that counts fewer than `SUPPRESSION_THRESHOLD` children (but more than none) is shown as "<5", so no
family can be recognised from a table, an export, the PDF or the regional view. Zero is shown: it reveals no one.
A share or ratio derived from a suppressed count is hidden too, because it would let a reader compute the count
back. Every export path calls `suppress_count` (through `Table.suppressed`); nothing else decides this.
"""

SUPPRESSION_THRESHOLD = 5
SUPPRESSED = f"<{SUPPRESSION_THRESHOLD}"
HIDDEN = "·"  # a share or ratio whose underlying count is suppressed


def is_suppressed(count) -> bool:
    return isinstance(count, int) and 0 < count < SUPPRESSION_THRESHOLD


def suppress_count(count):
    """The value to publish for a count of children: the count itself, or "<5" when it is 1 to 4."""
    return SUPPRESSED if is_suppressed(count) else count
