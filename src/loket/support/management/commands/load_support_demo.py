"""Demo content for the support desk (VoorZet): provider-support partners and routing rules, knowledge base articles,
canned answers, the starters' checklist, questions in every status and events with a waiting list. Idempotent."""

from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from loket.accounts.choices import Role
from loket.accounts.policies import Scope
from loket.accounts.selectors import person_by_email
from loket.accounts.services import role_grant
from loket.core.mail import outbox_hold_since, outbox_newest_id
from loket.network.choices import PartnerKind
from loket.network.selectors import partners_of_kinds
from loket.network.services import partner_save_entry
from loket.supply.selectors import organisers_visible_to
from loket.support import services
from loket.support.business_time import ZONE
from loket.support.knowledge.content import ARTICLES, RELATED
from loket.support.models import (
    Article,
    Channel,
    Event,
    EventKind,
    Outcome,
    ResponseTarget,
    RoutingRule,
    StarterStep,
    StepKind,
    Theme,
)

PARTNERS = [
    (
        "UNIZO Startersservice Oost-Vlaanderen",
        "Begeleiding van starters en ondernemers: ondernemingsplan, financieel plan, statuut, personeel, overname.",
        "starters@unizo.example",
        Theme.ENTREPRENEURSHIP,
        "overname, zelfstandige, werkgever, personeel, financieel",
    ),
    (
        "'t OpZet – organisatie en kwaliteit",
        "Coaching over team, vormingsnoden, huisreglement en netwerken.",
        "info@opzet.example",
        Theme.ORGANISATION,
        "",
    ),
    (
        "Pedagogische en Taalondersteuning (PTO)",
        "Ondersteuning bij pedagogische kwaliteit en taalstimulering.",
        "pto@taal.example",
        Theme.PEDAGOGY,
        "",
    ),
]

CANNED = [
    (
        "Doorverwijzing naar UNIZO",
        Theme.ENTREPRENEURSHIP,
        "Dag {naam},\n\nDank voor je vraag. Voor je ondernemingsplan en financieel plan helpt UNIZO je verder; we hebben je "
        "vraag aan hen doorgegeven. Zij nemen contact met je op.\n\nVriendelijke groet,\n{medewerker}\nVoorZet",
    ),
    (
        "Vergunning: eerste stappen",
        Theme.GENERAL,
        "Dag {naam},\n\nEen vergunning vraag je aan bij Opgroeien. In ons artikel 'Een vergunning aanvragen bij Opgroeien' "
        "vind je wat je nodig hebt.\n\nVriendelijke groet,\n{medewerker}",
    ),
    (
        "Meer informatie nodig",
        Theme.GENERAL,
        "Dag {naam},\n\nDank voor je vraag ({referentie}). Om je goed te helpen, hebben we nog wat informatie nodig: over welke "
        "locatie gaat het en hoeveel kinderen vang je op?\n\nVriendelijke groet,\n{medewerker}",
    ),
    (
        "Huisreglement nakijken",
        Theme.ORGANISATION,
        "Dag {naam},\n\nStuur ons gerust het huisreglement van {organisator}; we kijken het na en geven tips voor de "
        "voorrangsregels en de opzegtermijn.\n\nVriendelijke groet,\n{medewerker}",
    ),
    (
        "Vorming taalstimulering",
        Theme.PEDAGOGY,
        "Dag {naam},\n\nPTO organiseert regelmatig vormingen over taalstimulering. Bekijk onze activiteiten of vraag een "
        "coaching op de werkvloer in {locatie}.\n\nVriendelijke groet,\n{medewerker}",
    ),
]

# (title, description, kind, article slugs, who helps: index in PARTNERS, "cik" or None)
STEPS = [
    (
        "Je ondernemingsplan",
        "Je visie, je doelgroep, de vraag in je gemeente en je organisatie.",
        StepKind.TICK,
        ["ondernemingsplan"],
        0,
    ),
    (
        "Tarief kiezen: inkomenstarief, vrije prijs of de IKT-mix",
        "Kies hoe ouders betalen en, bij de IKT-mix, hoeveel plaatsen een inkomenstarief hebben.",
        StepKind.TARIFF,
        ["ikt-mix", "inkomenstarief", "subsidietrappen"],
        0,
    ),
    (
        "Screening van je financieel plan",
        "Laat je cijfers nakijken voor je investeert.",
        StepKind.TICK,
        ["financieel-plan"],
        0,
    ),
    ("Je rechtsvorm", "Eenmanszaak, bv of vzw.", StepKind.TICK, ["rechtsvorm"], 0),
    ("Personeel", "Werkgever worden en een team samenstellen.", StepKind.TICK, ["personeel-aanwerven"], 1),
    ("Je huisreglement", "Hoe je opvang werkt, voor de ouders.", StepKind.TICK, ["huisreglement"], 1),
    (
        "De schriftelijke overeenkomst met ouders",
        "De afspraken met elk gezin.",
        StepKind.TICK,
        ["schriftelijke-overeenkomst"],
        1,
    ),
    (
        "Omgaan met diversiteit en kwetsbare gezinnen",
        "Je opvang toegankelijk maken.",
        StepKind.TICK,
        ["diversiteit-kwetsbare-gezinnen"],
        "cik",
    ),
    (
        "Intakegesprek met VoorZet",
        "We overlopen je plannen samen en zeggen wie je verder helpt.",
        StepKind.INTAKE,
        [],
        None,
    ),
    (
        "Vergunning aanvragen",
        "Bij Opgroeien, met je brandveiligheidsattest en je huisreglement.",
        StepKind.TICK,
        ["vergunning-aanvragen"],
        None,
    ),
    (
        "Je locatie opent",
        "Meld je opening: de support desk maakt je account als aanbieder, met je vragen en traject erbij.",
        StepKind.OPENING,
        [],
        None,
    ),
]


class Command(BaseCommand):
    help = "Load demo content for the support desk (VoorZet). Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        if Article.objects.filter(slug="wie-helpt-waarmee").exists():
            self.stdout.write("The support desk demo is already loaded; nothing to do.")
            return
        first_mail = outbox_newest_id()
        now = timezone.now()
        agent = person_by_email("voorzet@loket.demo")
        partners = []
        support_partners = partners_of_kinds([PartnerKind.PROVIDER_SUPPORT, PartnerKind.INCLUSION])
        for name, description, email, theme, keywords in PARTNERS:
            partner = support_partners.filter(name=name).first() or partner_save_entry(
                partner=None,
                data={
                    "name": name,
                    "kind": PartnerKind.PROVIDER_SUPPORT,
                    "description": description,
                    "email": email,
                },
                actor=None,
            )
            RoutingRule.objects.create(
                theme=theme, keywords=keywords, partner=partner, order=10 if keywords else 20
            )
            partners.append(partner)
        RoutingRule.objects.create(theme=Theme.ENTREPRENEURSHIP, partner=partners[0], order=30)
        cik = support_partners.filter(name__startswith="Centrum Inclusieve Kinderopvang").first()
        if cik:
            RoutingRule.objects.create(theme=Theme.INCLUSIVE, partner=cik, order=10)
        adviser = person_by_email("partner@loket.demo")
        if adviser:  # the demo partner adviser also advises for UNIZO, so the partner queue has questions
            role_grant(user=adviser, role=Role.PARTNER_ADVISER, partner=partners[0], actor=None)

        for theme, hours in (
            (Theme.GENERAL, 8),
            (Theme.ENTREPRENEURSHIP, 16),
            (Theme.ORGANISATION, 16),
            (Theme.PEDAGOGY, 24),
            (Theme.INCLUSIVE, 16),
        ):
            ResponseTarget.objects.get_or_create(theme=theme, defaults={"business_hours": hours})

        articles = {}
        for data in ARTICLES:
            articles[data["slug"]] = services.article_save(
                data={**data, "published": True, "reviewed": (now - timedelta(days=60)).date()},
                actor=agent,
                at=now - timedelta(days=60),
            )
        for slug, related in RELATED.items():
            articles[slug].related.set([articles[r] for r in related])
        Article.objects.filter(slug="huisreglement").update(helpful_count=7)
        Article.objects.filter(slug="ondernemingsplan").update(helpful_count=12)
        for title, theme, body in CANNED:
            services.canned_save(data={"title": title, "theme": theme, "body": body}, actor=agent)
        for order, (title, description, kind, slugs, helper) in enumerate(STEPS, start=1):
            step = StarterStep.objects.create(
                order=order,
                title=title,
                description=description,
                kind=kind,
                theme=articles[slugs[0]].theme if slugs else Theme.GENERAL,
                partner=cik if helper == "cik" else (partners[helper] if helper is not None else None),
            )
            step.articles.set([articles[slug] for slug in slugs])

        organisers = list(organisers_visible_to(Scope(is_superuser=True)).order_by("pk")[:6])

        def at(days_ago, hour=10):
            day = (now - timedelta(days=days_ago)).astimezone(ZONE).date()
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            return datetime.combine(day, time(hour, 0), ZONE)

        def ask(subject, body, theme, name, email, days_ago, **kw):
            return services.question_ask(
                subject=subject,
                body=body,
                theme=theme,
                name=name,
                email=email,
                actor=agent if kw.get("channel") else None,
                at=at(days_ago),
                **kw,
            )

        q = ask(
            "Hulp bij mijn ondernemingsplan",
            "Ik wil een kinderdagverblijf starten in Zulte. Wie kan mijn ondernemingsplan nalezen?",
            Theme.ENTREPRENEURSHIP,
            "Sofie De Smet",
            "sofie.desmet@example.org",
            40,
            is_starter=True,
        )
        services.question_refer(question=q, partner=partners[0], actor=agent, at=at(39))
        services.question_answer(
            question=q,
            body="Dag Sofie, welkom! We plannen graag een gesprek over je plan.",
            actor=adviser or agent,
            at=at(38),
        )
        services.question_plan_coaching(
            question=q,
            on=(now + timedelta(days=5)).date(),
            note="We bekijken samen je financieel plan.",
            actor=adviser or agent,
            at=at(37),
        )
        # Sofie signed up for the starters' track: her question joins her history; she chose the IKT-mix.
        sofie = services.starter_sign_up(
            name="Sofie De Smet",
            email="sofie.desmet@example.org",
            municipality_name="Zulte",
            care_plan="group",
            at=at(36),
        )
        sofie = services.starter_confirm(starter=sofie, at=at(36))
        services.starter_plan(
            starter=sofie,
            data={"planned_places": 18, "tariff_plan": "mix", "income_places": 12, "legal_plan": "bv"},
            actor=sofie.user,
            at=at(33),
        )
        for step in StarterStep.objects.filter(kind=StepKind.TICK).order_by("order")[:2]:
            services.step_toggle(starter=sofie, step=step, done=True, actor=sofie.user, at=at(30))
        services.question_assign(question=q, assignee=agent, actor=agent, at=at(39))

        q = ask(
            "Wat moet in een huisreglement?",
            "Welke afspraken moeten verplicht in ons huisreglement staan?",
            Theme.ORGANISATION,
            "Lotte Claeys",
            "lotte@example.org",
            25,
            organiser=organisers[1] if len(organisers) > 1 else None,
        )
        services.question_solved_by_article(question=q, article=articles["huisreglement"], at=at(25, 11))

        q = ask(
            "Overname van een crèche",
            "Ik overweeg een bestaande crèche over te nemen. Gaat de vergunning mee?",
            Theme.ENTREPRENEURSHIP,
            "Karim Bouzid",
            "karim@example.org",
            20,
        )
        services.question_refer(question=q, partner=partners[0], actor=agent, at=at(19))

        q = ask(
            "Kind met diabetes",
            "Een ouder vraagt of we een kind met diabetes type 1 kunnen opvangen. Hoe pakken we dat aan?",
            Theme.INCLUSIVE,
            "Stad Deinze – Kinderopvang",
            "kinderopvang@example.org",
            12,
            channel=Channel.PHONE,
            organiser=organisers[0] if organisers else None,
        )
        if cik:
            services.question_refer(question=q, partner=cik, actor=agent, at=at(12, 14))

        q = ask(
            "Taal bij peuters",
            "Veel peuters in onze groep spreken thuis geen Nederlands. Welke vorming raden jullie aan?",
            Theme.PEDAGOGY,
            "Ilse Van Damme",
            "ilse@example.org",
            9,
            channel=Channel.REGIONAL,
        )
        services.question_answer(
            question=q,
            body="Welke leeftijden hebben de kinderen, en hoeveel begeleiders zijn er?",
            actor=agent,
            wait_for_asker=True,
            at=at(8),
        )

        q = ask(
            "Sluitingsdagen doorgeven",
            "Waar geef ik mijn sluitingsdagen voor volgend jaar door?",
            Theme.GENERAL,
            "An Verhaeghe",
            "an.verhaeghe@example.org",
            6,
        )
        services.question_answer(
            question=q,
            body="Je geeft ze door in je huisreglement en aan het Lokaal Loket.",
            actor=agent,
            at=at(5),
        )
        services.question_close(question=q, outcome=Outcome.ANSWERED, actor=agent, at=at(3))

        ask(
            "Subsidie trap 2",
            "Kunnen we als groepsopvang overstappen naar inkomensgerelateerde prijzen?",
            Theme.ENTREPRENEURSHIP,
            "Els Martens",
            "els@example.org",
            4,
        )
        ask(
            "Vergunning voor onthaalouder",
            "Ik wil onthaalouder worden. Welke vergunning heb ik nodig?",
            Theme.GENERAL,
            "Nadia El Amrani",
            "nadia@example.org",
            2,
            is_starter=True,
        )
        ask(
            "Teamoverleg organiseren",
            "Hoe organiseren andere opvangen hun teamoverleg met deeltijdse begeleiders?",
            Theme.ORGANISATION,
            "Tom Willems",
            "tom@example.org",
            0,
        )
        if organisers:
            services.question_signal(
                organiser=organisers[-1],
                reason="Veel aanvragen van gezinnen blijven al weken onbeantwoord.",
                actor=person_by_email("balie@loket.demo"),
            )

        def event(title, days, kind, theme, capacity, online=False, venue="", **kw):
            start = datetime.combine((now + timedelta(days=days)).astimezone(ZONE).date(), time(19, 30), ZONE)
            return Event.objects.create(
                title=title,
                kind=kind,
                theme=theme,
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                capacity=capacity,
                online=online,
                venue=venue,
                province="" if online else "VOV",
                **kw,
            )

        event(
            "Webinar: je financieel plan in 5 stappen",
            9,
            EventKind.TRAINING,
            Theme.ENTREPRENEURSHIP,
            60,
            online=True,
            join_url="https://meet.example.org/voorzet-financieel-plan",
            description="Online vorming met UNIZO over startkosten, ouderbijdragen en subsidies.",
        )
        full = event(
            "Netwerkmoment onthaalouders Deinze-Zulte",
            16,
            EventKind.NETWORKING,
            Theme.ORGANISATION,
            3,
            venue="Huis van het Kind, Deinze",
            description="Ervaringen uitwisselen met collega's uit de buurt.",
        )
        for n, (name, email) in enumerate(
            [
                ("An Verhaeghe", "an.verhaeghe@example.org"),
                ("Lotte Claeys", "lotte@example.org"),
                ("Ilse Van Damme", "ilse@example.org"),
                ("Tom Willems", "tom@example.org"),
                ("Nadia El Amrani", "nadia@example.org"),
            ]
        ):
            services.registration_create(
                event=full,
                name=name,
                email=email,
                organiser=organisers[n] if n < len(organisers) else None,
                at=now - timedelta(days=5 - n),
            )
        first = event(
            "Intervisie taalstimulering",
            23,
            EventKind.TRAINING,
            Theme.PEDAGOGY,
            12,
            venue="Cultuurcentrum Zulte",
            needs_approval=True,
            description="Maandelijkse intervisie met PTO.",
        )
        services.series_create(first=first, title=first.title, every_weeks=4, count=4)
        past = event(
            "Vorming EHBO bij baby's en peuters",
            20,
            EventKind.TRAINING,
            Theme.GENERAL,
            15,
            venue="Brandweerkazerne Deinze",
        )
        registrations = [
            services.registration_create(
                event=past,
                name=f"Begeleider {n + 1}",
                email=f"begeleider{n + 1}@example.org",
                organiser=organisers[n % len(organisers)] if organisers else None,
                at=now - timedelta(days=1),
            )
            for n in range(10)
        ]
        Event.objects.filter(pk=past.pk).update(
            starts_at=past.starts_at - timedelta(days=34),
            ends_at=past.ends_at - timedelta(days=34),
            reminder_sent_at=now,
            followup_sent_at=now,
        )
        services.attendance_set(event=past, attended_ids=[r.pk for r in registrations[:8]], actor=agent)

        # Intake moments for starters: online, one person each, the next weekday mornings.
        day, slots = (now + timedelta(days=3)).astimezone(ZONE).date(), 0
        while slots < 6:
            for hour in (10, 14) if day.weekday() < 5 else ():
                start = datetime.combine(day, time(hour, 0), ZONE)
                Event.objects.create(
                    title="Intakegesprek voor starters",
                    description="Een uur om je plannen te overlopen met VoorZet.",
                    kind=EventKind.INTAKE,
                    theme=Theme.ENTREPRENEURSHIP,
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                    online=True,
                    join_url="https://meet.example.org/voorzet-intake",
                    capacity=1,
                )
                slots += 1
            day += timedelta(days=1)
        # The demo's conversations are history: none of their mails should leave the outbox.
        outbox_hold_since(first_mail, at=now)
        self.stdout.write(self.style.SUCCESS("Loaded the support desk demo (VoorZet)."))
