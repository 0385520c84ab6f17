"""A CSV of 30 licensed locations in Wetteren (9230) and Laarne (9270), two Flemish municipalities outside the demo,
in the agency file format of docs/location-import.md; `bad=True` spoils three rows the way real files go wrong."""

HEADER = (
    "file_number;organiser;enterprise_number;legal_form;name;care_type;street;postcode;latitude;longitude;capacity;"
    "age_from_months;age_to_months;days;opens_at;closes_at;tariff_regime;income_places;subsidy_step;phone;email"
)
BAD_LINES = (5, 12, 20)  # lines of the file (the header is line 1)


def kbo(first_eight: int) -> str:
    digits = f"{first_eight:08d}"
    return f"{digits}{97 - first_eight % 97:02d}"


def rows(*, bad: bool = False, capacity_change: bool = False) -> list[str]:
    lines = []
    for i in range(30):
        in_wetteren = i % 3 != 0
        postcode, lat, lon = (
            ("9230", 51.00 + i * 0.001, 3.88 + i * 0.001)
            if in_wetteren
            else (
                "9270",
                51.03 + i * 0.001,
                3.85 + i * 0.001,
            )
        )
        family = i % 4 == 3
        organiser = f"Onthaalouder {i:02d}" if family else f"vzw Kinderopvang Schelde {i % 5}"
        enterprise = kbo(8_200_000 + i if family else 8_100_000 + i % 5)
        regime, income = (
            ("mix", "10") if i % 5 == 1 and not family else (("free", "") if family else ("income", ""))
        )
        capacity = 5 if family else 20 + i
        if capacity_change and i == 8:
            capacity += 4
        values = [
            f"OPG-{1000 + i}",
            organiser,
            f"{enterprise[:4]}.{enterprise[4:7]}.{enterprise[7:]}",
            "sole_trader" if family else "vzw",
            f"{'Gezinsopvang' if family else 'Kinderdagverblijf'} Schelde {i:02d}",
            "family" if family else "group",
            f"Scheldestraat {i + 1}",
            postcode,
            f"{lat:.5f}",
            f"{lon:.5f}",
            str(capacity),
            "0",
            "36",
            "ma-vr",
            "07:00",
            "18:30",
            regime,
            income,
            "2B" if regime != "free" else "1",
            f"09 369 {i:02d} {i:02d}",
            f"locatie{i}@example.org",
        ]
        line_number = len(lines) + 2
        if bad and line_number == BAD_LINES[0]:
            values[2] = "0810.000.398"  # wrong check digits
        if bad and line_number == BAD_LINES[1]:
            values[7] = "9000"  # Gent: not one of the desk's municipalities
        if bad and line_number == BAD_LINES[2]:
            values[8], values[9] = values[9], values[8]  # latitude and longitude swapped
        lines.append(";".join(values))
    return lines


def csv_text(**kwargs) -> str:
    return "\n".join([HEADER, *rows(**kwargs)]) + "\n"
