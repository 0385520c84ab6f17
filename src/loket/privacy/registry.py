"""Each app that holds a family's data says how to export and how to anonymise it, in a module `privacy.py` of its
own with up to three functions: `export(family) -> {section title: rows}`, `anonymise(family)` and `preview(family)`
(plain sentences saying what the anonymiser will clear, shown before an erasure). Privacy sits above every
app whose data it collects, so no app imports privacy: `discover()` finds those modules at start-up
(`PrivacyConfig.ready`). The privacy services call every registered function, so a new app cannot be forgotten by the
download or the erasure (and the data inventory test catches new fields)."""

from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

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


def discover() -> None:
    """Register the `privacy.py` module of every installed app that has one, in the order of INSTALLED_APPS."""
    for config in apps.get_app_configs():
        if config.name != __package__ and module_has_submodule(config.module, "privacy"):
            module = import_module(f"{config.name}.privacy")
            register(
                config.label,
                export=getattr(module, "export", None),
                anonymise=getattr(module, "anonymise", None),
                preview=getattr(module, "preview", None),
            )
