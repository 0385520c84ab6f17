from trust_world import world  # noqa: F401 - fixtures for this directory
