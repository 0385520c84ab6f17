"""Lines of a preview ("what will be cleared"), for the apps' `privacy.py` modules, which may not import privacy."""


def counted(count: int, sentence) -> list:
    """One preview line when there is something to clear: `sentence` is an ngettext-style pair's result for count."""
    return [sentence % {"count": count}] if count else []
