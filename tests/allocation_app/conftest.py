"""Fixtures of the allocation app tests."""

from allocation_world import world  # noqa: F401
