"""The knowledge base's starting articles, one for every theme the support desk is asked about (from the sources in
shared/seeds: VoorZet and its partners, the IKT-mix, what starters need). Loaded by `load_support_demo`; a desk edits
them in Loket afterwards (every edit is a new version). Sections start with "## ", list items with "- "."""

ARTICLES = [
    {
        "slug": "wie-helpt-waarmee",
        "theme": "general",
        "tags": "VoorZet, UNIZO, 't OpZet, PTO, CIK, ondersteuning",
        "title_nl": "Wie helpt je waarmee? VoorZet en zijn partners",
        "summary_nl": "VoorZet is het ene loket voor alle ondersteuning aan de kinderopvang; specifieke vragen gaan naar de juiste partner.",
        "body_nl": """VoorZet is de toegangspoort tot de ondersteuning voor iedereen die kinderopvang organiseert of wil starten. Op algemene vragen antwoorden we meteen; voor specifieke vragen of begeleiding verwijzen we je naar de juiste partner.

## Ondernemen: UNIZO
- je ondernemingsplan en financieel plan opmaken of laten screenen
- het zelfstandigenstatuut, werkgever worden, een overname

## Organisatie en kwaliteit: 't OpZet
- een team samenstellen en coachen, vormingsnoden invullen
- je huishoudelijk reglement en de overeenkomst met ouders
- een netwerk opbouwen en onderhouden

## Pedagogie en taal: PTO
De pedagogische en taalondersteunende organisaties helpen met pedagogische kwaliteit en taalstimulering, ook op de werkvloer.

## Inclusieve opvang: CIK
Het Centrum Inclusieve Kinderopvang helpt je een kind met een specifieke zorgbehoefte op te vangen.

## Advies, vorming en netwerking
De ondersteuning heeft drie luiken: advies op maat, vormingen en netwerkmomenten met collega's. Je vindt ze bij Activiteiten.""",
        "title_en": "Who helps you with what? VoorZet and its partners",
        "summary_en": "VoorZet is the single desk for all support to childcare; specific questions go to the right partner.",
        "body_en": """VoorZet is the way in to all support for anyone who runs or wants to start childcare. We answer general questions at once and refer specific ones to the right partner.

## Entrepreneurship: UNIZO
- writing or screening your business plan and financial plan
- self-employed status, becoming an employer, taking over a business

## Organisation and quality: 't OpZet
- building and coaching a team, training needs
- your house rules and the contract with parents

## Pedagogy and language: PTO
Pedagogical quality and language stimulation, also on the work floor.

## Inclusive care: CIK
Caring for a child with specific care needs.""",
    },
    {
        "slug": "ikt-mix",
        "theme": "entrepreneurship",
        "tags": "IKT-mix, inkomenstarief, vrije prijs, tarief",
        "title_nl": "De IKT-mix: inkomenstarief en vrije prijs op één locatie",
        "summary_nl": "Sinds 1 april 2020 mag één locatie plaatsen met inkomenstarief en plaatsen met vrije prijs combineren.",
        "body_nl": """Met de IKT-mix biedt één kinderopvanglocatie zowel plaatsen met inkomenstarief (IKT) als plaatsen met een vrije prijs. Het werd van 1 april 2017 tot 1 april 2018 uitgetest op 10 proeflocaties en is mogelijk sinds 1 april 2020.

## Het tarief hoort bij de plaats
Het tarief is een eigenschap van de plaats en van de overeenkomst met de ouders, niet van de locatie. Een kind kan van maand tot maand van soort plaats wisselen als je dat met de ouders afspreekt.

## Wat je moet regelen
- hoeveel plaatsen je met inkomenstarief aanbiedt (de subsidie voor het inkomenstarief geldt alleen voor die plaatsen)
- voor de IKT-plaatsen volg je de voorrangsregels; voor plaatsen met vrije prijs leg je je eigen voorrang vast in je huishoudelijk reglement
- je huishoudelijk reglement en je schriftelijke overeenkomst vermelden welk tarief voor welke plaats geldt

## Kiezen met je cijfers
Reken beide scenario's door in je financieel plan: de ouderbijdragen, de subsidie per IKT-plaats en je bezetting. UNIZO screent je plan graag, 't OpZet helpt met het reglement.

## Praktische problemen melden
Loop je vast met de combinatie? Vraag het ons: we verzamelen de knelpunten en bespreken ze met Opgroeien.""",
        "title_en": "The IKT-mix: income-related and free-price places at one location",
        "summary_en": "Since 1 April 2020 one location may combine places with the income-related tariff and free-price places.",
        "body_en": """With the IKT-mix one location offers both income-related (IKT) places and free-price places, possible since 1 April 2020 after a pilot in 10 locations.

## The tariff belongs to the place
The tariff is a property of the place and of the contract, not of the location; a child may switch month by month.

## What to arrange
- how many income-related places you offer
- the priority rules for the IKT places; your own rules for free-price places in your house rules
- your house rules and contract state which tariff applies to which place""",
    },
    {
        "slug": "inkomenstarief",
        "theme": "entrepreneurship",
        "tags": "IKT, inkomenstarief, subsidie, ouderbijdrage, attest",
        "title_nl": "Het inkomenstarief (IKT): wat ouders betalen",
        "summary_nl": "Bij het inkomenstarief betalen ouders volgens hun inkomen; de locatie krijgt subsidie en volgt de voorrangsregels.",
        "body_nl": """Met het inkomenstarief (IKT, het inkomensgerelateerde tarief) betalen ouders een dagprijs die afhangt van hun gezamenlijk belastbaar beroepsinkomen en het aantal kinderen ten laste.

## Het attest inkomenstarief
Ouders vragen het attest aan bij Opgroeien (Kind en Gezin). Zonder attest geldt het maximumtarief. Opgroeien past de bedragen jaarlijks aan.

## Verminderd tarief
Er is een individueel verminderd tarief, bijvoorbeeld voor een pleegkind, bij een inkomensdaling van minstens 20 % of op advies van het OCMW.

## Wat het voor jou betekent
- je hebt subsidietrap 2 (2A of 2B) of 3 nodig
- je volgt de voorrangsregels van het inkomenstarief en reserveert plaatsen voor kwetsbare gezinnen
- wil je ook plaatsen met vrije prijs aanbieden? Lees dan over de IKT-mix.""",
        "title_en": "The income-related tariff (IKT): what parents pay",
        "summary_en": "With the income-related tariff parents pay by income; the location is subsidised and follows the priority rules.",
        "body_en": """With the income-related tariff parents pay a day price based on their joint taxable income and the number of dependent children. Parents get the certificate from Opgroeien; without it the maximum applies.""",
    },
    {
        "slug": "subsidietrappen",
        "theme": "entrepreneurship",
        "tags": "subsidie, trap, basissubsidie, plussubsidie",
        "title_nl": "De subsidietrappen 0 tot 3",
        "summary_nl": "Van alleen een vergunning (trap 0) tot de plussubsidie voor extra voorrang aan kwetsbare gezinnen (trap 3).",
        "body_nl": """De subsidie voor kinderopvang van baby's en peuters is opgebouwd in trappen.

## Trap 0 en trap 1
Trap 0 is een vergunning zonder subsidie; je vraagt een vrije prijs. Met trap 1 krijg je een basissubsidie en vraag je nog steeds een vrije prijs.

## Trap 2: het inkomenstarief
Met trap 2 (2A of 2B) krijg je subsidie voor het inkomenstarief: ouders betalen volgens hun inkomen en jij volgt de voorrangsregels.

## Trap 3: de plussubsidie
Bovenop trap 2 krijg je een plussubsidie en geef je extra voorrang aan kwetsbare gezinnen.

## Overstappen
Je kan niet zomaar overstappen: Opgroeien verdeelt de subsidies via oproepen. Volg de oproepen en laat je financieel plan nakijken voor je instapt.""",
        "title_en": "Subsidy steps 0 to 3",
        "summary_en": "From a licence only (step 0) to the plus subsidy for extra priority for vulnerable families (step 3).",
        "body_en": """Step 0: licence only, free price. Step 1: basic subsidy, free price. Step 2: subsidy for the income-related tariff. Step 3: plus subsidy with extra priority for vulnerable families.""",
    },
    {
        "slug": "ondernemingsplan",
        "theme": "entrepreneurship",
        "tags": "ondernemingsplan, starten, plan",
        "title_nl": "Een ondernemingsplan opstellen",
        "summary_nl": "Je visie, je doelgroep, de vraag in je gemeente, je organisatie en je cijfers: zo bouw je een ondernemingsplan.",
        "body_nl": """Een goed ondernemingsplan is de beste voorbereiding. Veel problemen in de kinderopvang komen van een slechte voorbereiding of van te weinig ondernemersvaardigheden.

## Wat erin hoort
- je pedagogische visie en voor wie je opvang aanbiedt
- de vraag naar opvang in je gemeente: vraag cijfers aan het Lokaal Loket Kinderopvang
- je locatie, je openingsuren, je personeel
- je tarief: inkomenstarief, vrije prijs of de IKT-mix
- je financieel plan: startkosten, inkomsten en vaste kosten

## Laat het nalezen
UNIZO bekijkt je ondernemingsplan graag samen met jou en screent je financieel plan voor je investeert.""",
        "title_en": "Writing a business plan",
        "summary_en": "Your vision, target group, local demand, organisation and figures: how to build a business plan.",
        "body_en": """A business plan describes your vision, your target group, the demand in your municipality, how you organise the care and your figures. UNIZO reviews it with you.""",
    },
    {
        "slug": "financieel-plan",
        "theme": "entrepreneurship",
        "tags": "financieel plan, screening, financiën, subsidie",
        "title_nl": "Je financieel plan laten screenen",
        "summary_nl": "Startkosten, ouderbijdragen, subsidies en een realistische bezetting: laat je plan screenen voor je investeert.",
        "body_nl": """Financiële problemen gaan vaak samen met problemen in organisatie of kwaliteit. Een doorgerekend plan voorkomt veel.

## Wat je plan toont
- je startkosten: inrichting, veiligheid, materiaal
- je inkomsten: ouderbijdragen en subsidies
- je vaste kosten: huur, loon, verzekeringen

## Reken realistisch
Het eerste jaar is zelden elke plaats bezet. Reken met een lagere bezetting en met een buffer.

## De screening
UNIZO screent je financieel plan gratis: je krijgt feedback op je cijfers en je aannames.""",
    },
    {
        "slug": "rechtsvorm",
        "theme": "entrepreneurship",
        "tags": "rechtsvorm, statuut, vzw, bv, zelfstandige, eenmanszaak",
        "title_nl": "Welke rechtsvorm kies ik?",
        "summary_nl": "Eenmanszaak, bv of vzw: de keuze hangt af van je aansprakelijkheid, je subsidies en wie mee beslist.",
        "body_nl": """Je kan kinderopvang organiseren als zelfstandige (eenmanszaak), als vennootschap (bv) of als vereniging zonder winstoogmerk (vzw).

## Eenmanszaak
Eenvoudig te starten, maar je bent met je eigen vermogen aansprakelijk. Als onthaalouder met het statuut van zelfstandige heb je andere verplichtingen dan als werknemer.

## Vennootschap (bv)
Je vermogen is gescheiden van dat van de onderneming. Er zijn meer formaliteiten en een boekhouding.

## Vzw
Geschikt als je met meerdere mensen een organisatie zonder winstoogmerk uitbouwt. Een raad van bestuur beslist.

## Advies
UNIZO geeft informatie en advies over de rechtsstructuur die bij jouw plannen past.""",
        "title_en": "Which legal structure do I choose?",
        "summary_en": "Sole trader, private company or non-profit: it depends on liability, subsidies and who decides.",
        "body_en": """You can start as a sole trader, a private company (bv) or a non-profit association (vzw). UNIZO advises on the legal structure that fits your plans.""",
    },
    {
        "slug": "personeel-aanwerven",
        "theme": "organisation",
        "tags": "personeel, werkgever, kwalificatie, team",
        "title_nl": "Personeel aanwerven: werkgever worden",
        "summary_nl": "Sociaal secretariaat, arbeidsreglement, verzekering en gekwalificeerde kinderbegeleiders.",
        "body_nl": """Als je mensen aanwerft, word je werkgever.

## Wat je nodig hebt
- een sociaal secretariaat en een arbeidsreglement
- een verzekering arbeidsongevallen
- kinderbegeleiders met een erkend kwalificatiebewijs (of die het binnen de termijn behalen)

## Een team samenstellen
Denk aan de verhouding tussen begeleiders en kinderen, aan vervanging bij ziekte en aan vorming. 't OpZet helpt je een team samen te stellen en te coachen en je vormingsnoden in te vullen.""",
    },
    {
        "slug": "huisreglement",
        "theme": "organisation",
        "tags": "huisreglement, huishoudelijk reglement, ouders",
        "title_nl": "Het huisreglement",
        "summary_nl": "Het huishoudelijk reglement legt vast hoe je opvang werkt; ouders krijgen het voor ze tekenen.",
        "body_nl": """Het huisreglement (ook huishoudelijk reglement) legt vast hoe je opvang werkt. Ouders krijgen het voor ze de schriftelijke overeenkomst tekenen.

## Wat erin staat
- openingsuren en sluitingsdagen
- je prijzen (inkomenstarief, vrije prijs of beide bij de IKT-mix) en wat inbegrepen is
- de opzegtermijn
- ziekte en medicatie
- je voorrangsregels

## Wijzigen
Een wijziging meld je minstens twee maanden vooraf aan de ouders.

## Laat het nakijken
Stuur ons je huisreglement: 't OpZet kijkt het na en geeft tips.""",
        "title_en": "House rules",
        "summary_en": "House rules set out how your childcare works; parents receive them before they sign.",
        "body_en": """House rules set out opening hours, closing days, prices, notice period, illness and medication, and your priority rules.""",
    },
    {
        "slug": "schriftelijke-overeenkomst",
        "theme": "organisation",
        "tags": "overeenkomst, contract, ouders, opvangplan",
        "title_nl": "De schriftelijke overeenkomst met ouders",
        "summary_nl": "De overeenkomst regelt de afspraken met een gezin: startdatum, opvangplan, prijs en duur.",
        "body_nl": """De schriftelijke overeenkomst (het opvangcontract) regelt de afspraken met één gezin.

## Wat erin staat
- de startdatum en de duur
- het opvangplan: op welke dagen en uren het kind komt
- het tarief van de plaats (inkomenstarief of vrije prijs)
- hoe de overeenkomst eindigt

## Samen met het huisreglement
Gebruik een model dat past bij je huisreglement en bespreek het met de ouders voor ze tekenen.""",
        "title_en": "The written agreement with parents",
        "summary_en": "The agreement sets out start date, care plan, price and duration with one family.",
        "body_en": """The written agreement with parents sets the start date, the care plan, the tariff of the place and how it ends.""",
    },
    {
        "slug": "vergunning-aanvragen",
        "theme": "general",
        "tags": "vergunning, Opgroeien, brandveiligheid",
        "title_nl": "Een vergunning aanvragen bij Opgroeien",
        "summary_nl": "Zonder vergunning mag je geen opvang voor baby's en peuters organiseren.",
        "body_nl": """Zonder vergunning mag je geen kinderopvang voor baby's en peuters organiseren.

## Wat je nodig hebt
- het attest brandveiligheid
- je huisreglement
- de gegevens van de verantwoordelijke en de kwalificaties van je personeel

## Na de vergunning
Zodra je locatie opent, wordt je account in Loket je account als aanbieder: je meldt vrije plaatsen en ziet de aanvragen van gezinnen.""",
        "title_en": "Applying for a licence",
        "summary_en": "You need a licence from Opgroeien before you start.",
        "body_en": """Apply to Opgroeien with your fire safety certificate, house rules and the details of the person in charge.""",
    },
    {
        "slug": "diversiteit-kwetsbare-gezinnen",
        "theme": "inclusive",
        "tags": "diversiteit, kwetsbare gezinnen, voorrang, inclusie",
        "title_nl": "Omgaan met diversiteit en kwetsbare gezinnen",
        "summary_nl": "Kwetsbare gezinnen vinden moeilijker een plaats. Zo maak je je opvang toegankelijk.",
        "body_nl": """Kwetsbare gezinnen vinden moeilijker een plaats, terwijl opvang voor hen veel verschil maakt.

## Toegankelijk maken
- werk samen met het Huis van het Kind en het Lokaal Loket Kinderopvang
- maak je communicatie eenvoudig en meertalig
- leg afspraken vast over voorrang en reserveer plaatsen

## Voorrang bij het inkomenstarief
Met het inkomenstarief geef je voorrang aan gezinnen die opvang nodig hebben voor hun werk en ga je voor een aandeel kinderen uit kwetsbare gezinnen.

## Hulp
De PTO en het CIK ondersteunen je bij het omgaan met diversiteit.""",
    },
    {
        "slug": "taalstimulering",
        "theme": "pedagogy",
        "tags": "taal, meertaligheid, PTO",
        "title_nl": "Taalstimulering bij baby's en peuters",
        "summary_nl": "Praat veel, benoem wat je doet en waardeer de thuistaal.",
        "body_nl": """Praat veel met kinderen, benoem wat je doet en lees voor.

## Meertaligheid
Kinderen die thuis een andere taal spreken, leren Nederlands het best als hun moedertaal ook gewaardeerd wordt.

## Ondersteuning
De PTO organiseren vormingen en coaching op de werkvloer over taalstimulering.""",
    },
    {
        "slug": "inclusieve-opvang",
        "theme": "inclusive",
        "tags": "zorgbehoefte, inclusie, CIK",
        "title_nl": "Een kind met een specifieke zorgbehoefte opvangen",
        "summary_nl": "Het Centrum Inclusieve Kinderopvang helpt met advies, vorming en soms extra handen.",
        "body_nl": """Een Centrum Inclusieve Kinderopvang (CIK) helpt je om een kind met een specifieke zorgbehoefte op te vangen: advies, vorming en soms extra handen.

## Samen met de ouders
Bespreek met de ouders wat het kind nodig heeft en leg afspraken vast in een zorgplan.""",
    },
    {
        "slug": "overname",
        "theme": "entrepreneurship",
        "tags": "overname, vergunning",
        "title_nl": "Een kinderopvang overnemen",
        "summary_nl": "De vergunning gaat niet automatisch mee: meld een overname op tijd.",
        "body_nl": """Bij een overname gaat de vergunning niet automatisch mee. Meld de overname op tijd bij Opgroeien en laat de cijfers van de opvang nakijken voor je tekent. UNIZO begeleidt je bij een overname.""",
    },
    {
        "slug": "vroeg-en-nabij",
        "theme": "inclusive",
        "tags": "Vroeg en Nabij, Huis van het Kind, zorg, pilootproject",
        "title_nl": "Kinderopvang als kernpartner in Vroeg en Nabij",
        "summary_nl": "Pilootprojecten rond het Huis van het Kind waarin kinderopvang zorg en ondersteuning mee vormgeeft.",
        "body_nl": """In de pilootprojecten Vroeg en Nabij is kinderopvang een kernpartner van het Huis van het Kind.

## Wat kinderopvang betekent
- basisondersteuning aan ouders bij alledaagse zorg en opvoeding
- zorgen delen vanuit de dagelijkse omgang met kinderen
- zorg en ondersteuning inschakelen in de opvang, bijvoorbeeld met een thuisbegeleidingsdienst

## Meedoen
In elke pilot zijn minstens twee locaties betrokken, waarvan minstens één met inkomenstarief. Bespreek de oproep op het Lokaal Overleg Kinderopvang.""",
    },
]

RELATED = {
    "ikt-mix": ["inkomenstarief", "huisreglement", "financieel-plan"],
    "inkomenstarief": ["ikt-mix", "subsidietrappen"],
    "subsidietrappen": ["inkomenstarief", "ikt-mix"],
    "ondernemingsplan": ["financieel-plan", "rechtsvorm"],
    "huisreglement": ["schriftelijke-overeenkomst", "ikt-mix"],
    "schriftelijke-overeenkomst": ["huisreglement"],
}
