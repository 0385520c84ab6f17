"""Each app that holds a family's data says how to export and how to anonymise it, here, from its `apps.ready()`.
The privacy services call every registered function, so a new app cannot be forgotten by the download or the erasure
(and the data inventory test catches new fields)."""

from collections.abc import Callable

Exporter = Callable[["object"], dict]  # family -> {section title: rows}
Anonymiser = Callable[["object"], None]  # family -> None
Preview = Callable[["object"], list]  # family -> [plain sentence saying what the anonymiser will clear]

EXPORTERS: dict[str, Exporter] = {}
ANONYMISERS: dict[str, Anonymiser] = {}
PREVIEWS: dict[str, Preview] = {}


def register(
    name: str,
    *,
    export: Exporter | None = None,
    anonymise: Anonymiser | None = None,
    preview: Preview | None = None,
) -> None:
    if export is not None:
        EXPORTERS[name] = export
    if anonymise is not None:
        ANONYMISERS[name] = anonymise
    if preview is not None:
        PREVIEWS[name] = preview


def counted(count: int, sentence) -> list:
    """One preview line when there is something to clear: `sentence` is an ngettext-style pair's result for count."""
    return [sentence % {"count": count}] if count else []
