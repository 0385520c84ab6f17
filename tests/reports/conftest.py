from reports_world import regional_viewer, viewer_a, world  # noqa: F401 - fixtures for this directory
