"""The demo area's geography: two real municipalities of East Flanders (Deinze, which merged with Nevele in 2019,
and Zulte), their places (deelgemeenten) as neighbourhoods, and approximate postcode centroids."""

DESK = {
    "name": "Lokaal Loket Kinderopvang Deinze-Zulte",
    "slug": "deinze-zulte",
    "email": "kinderopvang@loket-deinze-zulte.example",
    "phone": "09 381 96 00",
    "address": "Huis van het Kind, Markt 1, 9800 Deinze",
    "controller": "Stad Deinze en gemeente Zulte",
    "dpo_name": "Functionaris voor gegevensbescherming Stad Deinze",
    "dpo_email": "privacy@loket-deinze-zulte.example",
}

# What the desk tells families, per language (the desk administrator edits these on the desk's settings page).
DESK_TEXTS = {
    "nl": {
        "introduction": "Het Lokaal Loket Kinderopvang van Deinze en Zulte helpt u een plaats te vinden bij alle "
        "kinderopvang in de twee gemeenten.",
        "opening_hours": "ma–vr 9–12 u, wo 13.30–17 u; op afspraak ook 's avonds",
        "contact": "Bel of mail ons, of kom langs in het Huis van het Kind. Een tolk kan op afspraak.",
    },
    "en": {
        "introduction": "The childcare desk of Deinze and Zulte helps you find a place with every childcare provider "
        "in the two municipalities.",
        "opening_hours": "Mon–Fri 9 am–12 noon, Wed 1.30–5 pm; evenings by appointment",
        "contact": "Call or e-mail us, or visit us at the Huis van het Kind. An interpreter can be arranged.",
    },
    "fr": {
        "introduction": "Le guichet local d’accueil d’enfants de Deinze et Zulte vous aide à trouver une place auprès "
        "de tous les lieux d’accueil des deux communes.",
        "opening_hours": "lun–ven 9 h–12 h, mer 13 h 30–17 h ; le soir sur rendez-vous",
        "contact": "Appelez-nous, écrivez-nous ou passez à la Huis van het Kind. Un interprète est possible sur "
        "rendez-vous.",
    },
    "ar": {
        "introduction": "يساعدك الشباك المحلي لرعاية الأطفال في دينزه وزولته على إيجاد مكان لدى جميع دور رعاية "
        "الأطفال في البلديتين.",
        "opening_hours": "من الاثنين إلى الجمعة 9–12، الأربعاء 13:30–17؛ مساءً بموعد مسبق",
        "contact": "اتصل بنا أو راسلنا أو زرنا في بيت الطفل (Huis van het Kind). يمكن توفير مترجم بموعد مسبق.",
    },
}

MUNICIPALITIES = [
    {
        "name": "Deinze",
        "nis_code": "44083",
        "places": [
            ("9800", "Deinze", 50.98410, 3.52700),
            ("9800", "Astene", 50.97200, 3.55800),
            ("9800", "Petegem-aan-de-Leie", 50.96500, 3.53700),
            ("9800", "Bachte-Maria-Leerne", 51.00200, 3.56800),
            ("9800", "Sint-Martens-Leerne", 51.01100, 3.58100),
            ("9800", "Vinkt", 51.00800, 3.48000),
            ("9850", "Nevele", 51.03500, 3.54700),
            ("9850", "Landegem", 51.06000, 3.58200),
            ("9850", "Vosselare", 51.02100, 3.55100),
            ("9850", "Hansbeke", 51.07400, 3.53400),
        ],
    },
    {
        "name": "Zulte",
        "nis_code": "44081",
        "places": [
            ("9870", "Zulte", 50.91900, 3.44900),
            ("9870", "Olsene", 50.93700, 3.46600),
            ("9870", "Machelen", 50.95300, 3.48100),
        ],
    },
]

STREETS = [
    "Kortrijkstraat",
    "Tolpoortstraat",
    "Gentstraat",
    "Markt",
    "Stationsstraat",
    "Kerkstraat",
    "Schoolstraat",
    "Leiedreef",
    "Karel Picqueplein",
    "Molenstraat",
    "Dorpsstraat",
    "Oudenaardsesteenweg",
    "Veldstraat",
    "Brugstraat",
    "Meersstraat",
    "Lindenlaan",
    "Hoogstraat",
    "Tieltstraat",
    "Zultseweg",
    "Waregemsesteenweg",
]

GROUP_ORGANISERS = [
    # name, legal form, [(location name, place, capacity, tariff regime, income places, subsidy step, languages)]
    (
        "Stad Deinze – Kinderopvang",
        "local_government",
        [
            ("Kinderdagverblijf De Leiepoort", "Deinze", 42, "income", 0, "3", "Nederlands, Frans, Engels"),
            ("Kinderdagverblijf Mandelkindje", "Petegem-aan-de-Leie", 28, "income", 0, "2B", "Nederlands"),
            ("Kinderdagverblijf Nevelland", "Nevele", 35, "income", 0, "3", "Nederlands, Arabisch"),
        ],
    ),
    (
        "vzw Kinderopvang Ukkepuk",
        "vzw",
        [
            ("Ukkepuk Astene", "Astene", 28, "mix", 18, "2B", "Nederlands"),
            ("Ukkepuk Landegem", "Landegem", 21, "mix", 14, "2B", "Nederlands, Engels"),
        ],
    ),
    (
        "Kinderdagverblijf 't Rakkertje bv",
        "bv",
        [
            ("'t Rakkertje Deinze", "Deinze", 18, "free", 0, "1", "Nederlands, Engels"),
            ("'t Rakkertje Vinkt", "Vinkt", 14, "free", 0, "0", "Nederlands"),
        ],
    ),
    (
        "Het Zonnekind bv",
        "bv",
        [
            ("Het Zonnekind Bachte", "Bachte-Maria-Leerne", 24, "mix", 12, "2A", "Nederlands, Frans"),
            ("Het Zonnekind Sint-Martens-Leerne", "Sint-Martens-Leerne", 18, "free", 0, "1", "Nederlands"),
        ],
    ),
    (
        "Gemeente Zulte – Sociaal Huis",
        "local_government",
        [
            ("Kinderdagverblijf Kabouterhuis", "Zulte", 33, "income", 0, "3", "Nederlands, Frans"),
            ("Kinderdagverblijf Olsenaartjes", "Olsene", 21, "income", 0, "2B", "Nederlands"),
        ],
    ),
    (
        "vzw Kinderopvang Leiestreek",
        "vzw",
        [
            ("De Speelboot Machelen", "Machelen", 23, "income", 0, "2B", "Nederlands, Turks"),
            ("De Speelboot Hansbeke", "Hansbeke", 14, "mix", 7, "2A", "Nederlands"),
        ],
    ),
]

CHILDMINDER_NAMES = [
    "An Verhaeghe",
    "Els De Smet",
    "Katrien Van Hoecke",
    "Sofie Claeys",
    "Nathalie Desmet",
    "Leen Vermeersch",
    "Fatima El Amrani",
    "Griet Van de Velde",
    "Ilse Declercq",
    "Hilde Maes",
    "Sarah Goethals",
    "Tine Vandenberghe",
    "Veerle De Baere",
    "Kelly Vanhaecke",
    "Lies Coppens",
    "Nadia Bouzid",
    "Evelien Martens",
    "Joke Verstraete",
    "Annelies De Vos",
    "Marijke Van Damme",
    "Ellen Deconinck",
    "Charlotte Vermeulen",
    "Yasmina Ouali",
    "Inge Baert",
    "Barbara Lippens",
    "Stefanie Dhondt",
]

PARTNERS = [
    (
        "Sociaal Huis Deinze (OCMW)",
        "social_services",
        "Financiële hulp, budgetbegeleiding en sociale dienstverlening.",
        "Nederlands, Frans, Engels",
    ),
    (
        "VDAB Werkwinkel Deinze",
        "job_service",
        "Begeleiding naar werk en opleiding; kinderopvang is vaak de eerste stap.",
        "Nederlands, Engels",
    ),
    (
        "Huis van het Kind Deinze-Zulte",
        "family_support",
        "Opvoedingsondersteuning, spel- en ontmoetingsmomenten, consultatiebureau.",
        "Nederlands, Frans, Arabisch",
    ),
    (
        "Kind en Gezin – regioteam Leie",
        "child_health",
        "Preventieve gezinsondersteuning en gezondheidsopvolging van jonge kinderen.",
        "Nederlands, Frans, Engels, Arabisch",
    ),
    (
        "Agentschap Integratie en Inburgering – Deinze",
        "integration",
        "Inburgering, lessen Nederlands en tolken voor gezinnen.",
        "Nederlands, Frans, Engels, Arabisch, Dari",
    ),
    (
        "Centrum Inclusieve Kinderopvang Leie-Schelde",
        "inclusion",
        "Ondersteuning van kinderopvang voor kinderen met een specifieke zorgbehoefte.",
        "Nederlands",
    ),
]

FIRST_NAMES_CHILD = [
    "Lucas",
    "Olivia",
    "Noah",
    "Emma",
    "Louis",
    "Mila",
    "Arthur",
    "Ella",
    "Jules",
    "Lina",
    "Finn",
    "Nora",
    "Adam",
    "Lore",
    "Mohamed",
    "Yasmine",
    "Vic",
    "Fien",
    "Rayan",
    "Amira",
    "Lou",
    "Jack",
    "Marie",
    "Elias",
    "Sara",
    "Matteo",
    "Zoë",
    "Otis",
    "Liv",
    "Ayoub",
    "Juliette",
    "Staf",
    "Anna",
    "Nour",
    "Wout",
    "Hanne",
]
FIRST_NAMES_PARENT = [
    "Sarah",
    "Tom",
    "Lien",
    "Pieter",
    "Fatima",
    "Jeroen",
    "Eline",
    "Karim",
    "Charlotte",
    "Bram",
    "Nathalie",
    "Youssef",
    "Inge",
    "Wim",
    "Hanne",
    "Dries",
    "Amina",
    "Stijn",
    "Julie",
    "Ahmed",
    "Elke",
    "Kobe",
    "Leila",
    "Ruben",
]
LAST_NAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Vermeulen",
    "Van de Velde",
    "Declercq",
    "El Idrissi",
    "Benali",
    "Vandenbroucke",
    "De Clercq",
    "Coppens",
    "Verhaeghe",
    "Baert",
    "Dhondt",
    "Yilmaz",
    "Nowak",
    "Diallo",
]
