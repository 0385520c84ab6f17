class SupportError(Exception):
    """A request the support desk refuses, with a message for the person (translated)."""
