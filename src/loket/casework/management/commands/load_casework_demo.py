"""Demo content for desk follow-up in the demo area: the social map filled in, checked requests, notes, contact
moments, tasks, referrals in every state and a meeting of the local consultation. Idempotent: loading it twice
changes nothing."""

import random
from datetime import timedelta

from django.core.management import BaseCommand
from django.db import transaction
from django.utils import timezone

from loket.accounts.selectors import person_by_email
from loket.areas.selectors import desk_get, municipalities_of_desks
from loket.casework import services
from loket.casework.models import ConsultationMeeting, RequestCheck
from loket.demand.lifecycle import Status
from loket.demand.priority import vulnerable_condition
from loket.demand.selectors import requests_of_desks
from loket.demand.services import request_set_urgency
from loket.network.choices import Need, PartnerKind
from loket.network.selectors import partners_of_desk
from loket.network.services import partner_save_entry

DESK_SLUG = "deinze-zulte"
MEETING_TITLE = "Lokaal Overleg Kinderopvang – najaarsvergadering"

# name (as in the demo area) -> directory details
DIRECTORY = {
    "Sociaal Huis Deinze (OCMW)": {
        "needs": [Need.FINANCIAL, Need.HOUSING],
        "contact_person": "Onthaal sociale dienst",
        "address": "Brielstraat 1, 9800 Deinze",
        "area_note": "",
    },
    "VDAB Werkwinkel Deinze": {
        "needs": [Need.WORK],
        "contact_person": "Werkwinkel, loket werkzoekenden",
        "address": "Markt 3, 9800 Deinze",
        "area_note": "Ook Nevele en Lievegem",
    },
    "Huis van het Kind Deinze-Zulte": {
        "needs": [Need.PARENTING, Need.HEALTH],
        "contact_person": "Coördinator Huis van het Kind",
        "address": "Kaaistraat 20, 9800 Deinze",
        "area_note": "",
    },
    "Kind en Gezin – regioteam Leie": {
        "needs": [Need.HEALTH, Need.PARENTING],
        "contact_person": "Regioverpleegkundige",
        "address": "",
        "area_note": "Regio Leie",
    },
    "Agentschap Integratie en Inburgering – Deinze": {
        "needs": [Need.LANGUAGE, Need.INTEGRATION],
        "contact_person": "Trajectbegeleiding inburgering",
        "address": "Tolpoortstraat 5, 9800 Deinze",
        "area_note": "Heel Oost-Vlaanderen (tolken)",
    },
    "Centrum Inclusieve Kinderopvang Leie-Schelde": {
        "needs": [Need.INCLUSIVE_CARE, Need.DIAGNOSIS],
        "contact_person": "Inclusiecoach",
        "address": "",
        "area_note": "Regio Leie-Schelde",
    },
}
EXTRA_ENTRIES = [
    {
        "name": "Buurtwerk De Brug Zulte",
        "kind": PartnerKind.NEIGHBOURHOOD,
        "description": "Buurthuis met taalcafé, huiswerkklas en ontmoeting voor ouders met jonge kinderen.",
        "languages": "Nederlands, Arabisch, Turks",
        "opening_hours": "di en do 13–17 u",
        "phone": "09 388 00 00",
        "needs": [Need.LANGUAGE, Need.PARENTING],
        "contact_person": "Buurtwerker",
        "address": "Stationsstraat 12, 9870 Zulte",
        "area_note": "",
    },
    {
        "name": "CAW Oost-Vlaanderen – onthaal Deinze",
        "kind": PartnerKind.SOCIAL_SERVICES,
        "description": "Gratis hulp bij schulden, relatieproblemen, huisvesting en geweld in het gezin.",
        "languages": "Nederlands, Frans, Engels",
        "opening_hours": "ma–vr 9–12 u",
        "phone": "078 15 05 55",
        "needs": [Need.FINANCIAL, Need.HOUSING, Need.PARENTING],
        "contact_person": "Onthaal",
        "address": "Tolpoortstraat 30, 9800 Deinze",
        "area_note": "",
    },
]

NOTES = [
    "Moeder werkt in ploegen; opvang vroeg in de ochtend nodig.",
    "Vader volgt inburgeringscursus tot juni; daarna werk gezocht.",
    "Gezin woont tijdelijk bij familie, adres verandert binnenkort.",
    "Kind heeft een specifieke zorgbehoefte; CIK kan ondersteunen.",
]
CONTACTS = [
    ("phone", "Gebeld over de keuzes; gezin wil ook Zulte erbij.", False, ""),
    ("visit", "Aan de balie: inkomensattest getoond, voorrang bevestigd.", False, ""),
    ("phone", "Gesprek met tolk Arabisch: uitleg over het aanbod en de antwoordtermijn.", True, "Arabisch"),
    ("mail", "Mail gestuurd met de gegevens van het Huis van het Kind.", False, ""),
]


class Command(BaseCommand):
    help = "Add desk follow-up demo content (directory, notes, contacts, referrals, a consultation meeting)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, seed, **options):
        desk = desk_get(slug=DESK_SLUG)
        if desk is None:
            self.stdout.write("No demo area: run load_demo first.")
            return
        if ConsultationMeeting.objects.filter(desk=desk, title=MEETING_TITLE).exists():
            self.stdout.write("The casework demo content is already loaded; nothing to do.")
            return
        with transaction.atomic():
            self._load(desk, random.Random(seed))
        self.stdout.write(self.style.SUCCESS("Loaded the casework demo content."))

    def _load(self, desk, rng):
        worker = person_by_email("balie@loket.demo")
        adviser = person_by_email("partner@loket.demo")
        municipalities = list(municipalities_of_desks([desk.pk]))
        for partner in partners_of_desk(desk.pk):
            details = DIRECTORY.get(partner.name, {})
            partner_save_entry(
                partner=partner, data={**details, "municipalities": municipalities}, actor=worker
            )
        for entry in EXTRA_ENTRIES:
            partner_save_entry(
                partner=None, data={**entry, "municipalities": municipalities}, actor=worker, desk=desk
            )
        now = timezone.now()

        # Older requests were already checked by the desk; the newest stay in the "to check" queue.
        requests = requests_of_desks([desk.pk]).order_by("registered_at", "pk")
        RequestCheck.objects.bulk_create(
            RequestCheck(request=r, at=r.registered_at + timedelta(days=2), by=worker)
            for r in requests.filter(registered_at__lt=now - timedelta(days=21))
        )

        waiting = list(requests.filter(status=Status.REGISTERED).filter(vulnerable_condition())[:12])
        partners = {p.name: p for p in partners_of_desk(desk.pk)}
        for i, request in enumerate(waiting[:8]):
            family = request.child.family
            at = now - timedelta(days=rng.randint(2, 40))
            kind, summary, interpreter, language = CONTACTS[i % len(CONTACTS)]
            services.contact_log(
                family=family,
                request=request,
                kind=kind,
                summary=summary,
                interpreter_used=interpreter,
                interpreter_language=language,
                actor=worker,
                at=at,
            )
            services.note_add(family=family, request=request, text=NOTES[i % len(NOTES)], actor=worker, at=at)
            if i % 2 == 0 and worker is not None:
                services.task_add(
                    family=family,
                    request=request,
                    title="Gezin terugbellen over vrije plaatsen",
                    due_on=timezone.localdate() + timedelta(days=rng.randint(1, 14)),
                    owner=worker,
                    actor=worker,
                )
        if waiting and worker is not None:
            request_set_urgency(
                request=waiting[0],
                urgent=True,
                reason="Moeder start binnen drie weken met een opleiding via VDAB",
                actor=worker,
            )

        plan = [
            ("Sociaal Huis Deinze (OCMW)", Need.FINANCIAL, "Hulp bij budget; bel na 16 uur.", "sent", False),
            ("Sociaal Huis Deinze (OCMW)", Need.HOUSING, "Zoekt een betaalbare woning.", "accepted", True),
            (
                "Sociaal Huis Deinze (OCMW)",
                Need.FINANCIAL,
                "Vraag naar tussenkomst in de opvangkosten.",
                "closed",
                False,
            ),
            (
                "Agentschap Integratie en Inburgering – Deinze",
                Need.LANGUAGE,
                "Moeder wil Nederlands leren.",
                "sent",
                False,
            ),
            (
                "Centrum Inclusieve Kinderopvang Leie-Schelde",
                Need.INCLUSIVE_CARE,
                "Kind met epilepsie.",
                "accepted",
                True,
            ),
        ]
        for (name, need, message, state, accompanied), request in zip(plan, waiting[4:], strict=False):
            partner = partners.get(name)
            if partner is None:
                continue
            referral = services.referral_create(
                family=request.child.family,
                partner=partner,
                need=need,
                message=message,
                consent_how="Mondeling aan de balie",
                accompanied=accompanied,
                actor=worker,
            )
            if state in ("accepted", "closed"):
                services.referral_accept(referral=referral, actor=adviser)
            if state == "closed":
                services.referral_close(
                    referral=referral,
                    outcome="helped",
                    note="Tussenkomst toegekend voor zes maanden.",
                    actor=adviser,
                )

        meeting = services.meeting_record(
            desk=desk,
            held_on=timezone.localdate() - timedelta(days=10),
            title=MEETING_TITLE,
            participants="Loket Kinderopvang\nStad Deinze – Kinderopvang\nGemeente Zulte\nHuis van het Kind\n"
            "Sociaal Huis Deinze (OCMW)\nVertegenwoordiging onthaalouders",
            decisions="Vrije plaatsen worden elke maand bevestigd.\n"
            "Het loket bundelt de vragen naar opvang op onregelmatige uren.\n"
            "Een gezamenlijke infosessie voor aanstaande ouders in het voorjaar.",
            actor=worker,
        )
        for description, owner, days in (
            ("Bevraging van de onthaalouders over opvang op onregelmatige uren", "Loket Kinderopvang", 30),
            ("Infosessie voor aanstaande ouders organiseren", "Huis van het Kind", 90),
            ("Cijfers over wachtende kwetsbare gezinnen voorstellen", "Loket Kinderopvang", 60),
        ):
            services.action_add(
                meeting=meeting,
                description=description,
                owner=owner,
                due_on=timezone.localdate() + timedelta(days=days),
                actor=worker,
            )
