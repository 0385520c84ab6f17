"""Translations of loket.guide (nl, fr, ar); English is the msgid. Run from src/loket/guide:

    ../../../.venv/bin/python locale/translations.py && ../../../.venv/bin/loket-manage compilemessages

after `makemessages`. Plain language (B1) in Dutch; the French and Arabic follow the Dutch meaning.
"""

from pathlib import Path

import polib

S = {
    "Information for families and the childcare finder": (
        "Informatie voor gezinnen en kinderopvang zoeken",
        "Informations pour les familles et recherche d'accueil",
        "معلومات للعائلات والبحث عن حضانة",
    ),
    "Any distance": ("Elke afstand", "Toute distance", "أي مسافة"),
    "2 km": ("2 km", "2 km", "2 كم"),
    "5 km": ("5 km", "5 km", "5 كم"),
    "10 km": ("10 km", "10 km", "10 كم"),
    "20 km": ("20 km", "20 km", "20 كم"),
    "Income-related tariff": ("Inkomenstarief", "Tarif selon le revenu", "سعر حسب الدخل"),
    "Free price": ("Vrije prijs", "Prix libre", "سعر حر"),
    "Your postcode or address": (
        "Uw postcode of adres",
        "Votre code postal ou adresse",
        "رمزك البريدي أو عنوانك",
    ),
    "For example 9800 or Kerkstraat 4, Astene. We only use it to measure distances.": (
        "Bijvoorbeeld 9800 of Kerkstraat 4, Astene. We gebruiken het alleen om afstanden te meten.",
        "Par exemple 9800 ou Kerkstraat 4, Astene. Nous l'utilisons seulement pour mesurer les distances.",
        "مثلا 9800 أو Kerkstraat 4, Astene. نستعمله فقط لحساب المسافات.",
    ),
    "Distance": ("Afstand", "Distance", "المسافة"),
    "Municipality": ("Gemeente", "Commune", "البلدية"),
    "All municipalities": ("Alle gemeenten", "Toutes les communes", "كل البلديات"),
    "Neighbourhood": ("Deelgemeente of wijk", "Quartier", "الحي"),
    "All neighbourhoods": ("Alle deelgemeenten en wijken", "Tous les quartiers", "كل الأحياء"),
    "Age of your child when care starts, in months": (
        "Leeftijd van uw kind als de opvang begint, in maanden",
        "Âge de votre enfant au début de l'accueil, en mois",
        "عمر طفلك عند بداية الحضانة، بالأشهر",
    ),
    "A baby of 4 months: enter 4. Leave empty to see every location.": (
        "Een baby van 4 maanden: vul 4 in. Laat leeg om alle locaties te zien.",
        "Un bébé de 4 mois : tapez 4. Laissez vide pour voir tous les lieux.",
        "رضيع عمره 4 أشهر: اكتب 4. اتركه فارغا لرؤية كل الأماكن.",
    ),
    "Price": ("Prijs", "Prix", "السعر"),
    "Days you need childcare": (
        "Dagen dat u opvang nodig hebt",
        "Jours où vous avez besoin d'accueil",
        "الأيام التي تحتاج فيها إلى الحضانة",
    ),
    "Only locations with free places in the next 3 months": (
        "Alleen locaties met vrije plaatsen in de komende 3 maanden",
        "Seulement les lieux avec des places libres dans les 3 prochains mois",
        "فقط الأماكن التي فيها أماكن شاغرة في الأشهر الثلاثة القادمة",
    ),
    "We do not know this postcode or place. Enter a postcode of the area, for example 9800.": (
        "We kennen deze postcode of plaats niet. Vul een postcode uit de regio in, bijvoorbeeld 9800.",
        "Nous ne connaissons pas ce code postal ou ce lieu. Tapez un code postal de la région, par exemple 9800.",
        "لا نعرف هذا الرمز البريدي أو المكان. اكتب رمزا بريديا من المنطقة، مثلا 9800.",
    ),
    "Less than %(hours)s hours": (
        "Minder dan %(hours)s uur",
        "Moins de %(hours)s heures",
        "أقل من %(hours)s ساعات",
    ),
    "More than %(hours)s hours": (
        "Meer dan %(hours)s uur",
        "Plus de %(hours)s heures",
        "أكثر من %(hours)s ساعة",
    ),
    "%(low)s to %(high)s hours": (
        "%(low)s tot %(high)s uur",
        "De %(low)s à %(high)s heures",
        "من %(low)s إلى %(high)s ساعة",
    ),
    "Do you know your joint taxable income?": (
        "Kent u uw gezamenlijk belastbaar inkomen?",
        "Connaissez-vous votre revenu imposable commun ?",
        "هل تعرف دخلكما الخاضع للضريبة معا؟",
    ),
    "Yes, I will enter it": ("Ja, ik vul het in", "Oui, je le tape", "نعم، سأكتبه"),
    "No, or I will not ask for a certificate": (
        "Nee, of ik vraag geen attest aan",
        "Non, ou je ne demande pas d'attestation",
        "لا، أو لن أطلب شهادة",
    ),
    "Joint taxable professional income, per year, in euro": (
        "Gezamenlijk belastbaar beroepsinkomen, per jaar, in euro",
        "Revenu professionnel imposable commun, par an, en euros",
        "الدخل المهني الخاضع للضريبة معا، في السنة، باليورو",
    ),
    "Your income plus that of the partner you live with, as on your tax assessment. For example 42000.": (
        "Uw inkomen plus dat van de partner met wie u samenwoont, zoals op uw aanslagbiljet. Bijvoorbeeld 42000.",
        "Votre revenu plus celui du partenaire avec qui vous vivez, comme sur votre avertissement-extrait de rôle. "
        "Par exemple 42000.",
        "دخلك مع دخل الشريك الذي تسكن معه، كما في إشعار الضريبة. مثلا 42000.",
    ),
    "How many children do you have in your charge, this child included?": (
        "Hoeveel kinderen hebt u ten laste, dit kind meegeteld?",
        "Combien d'enfants avez-vous à charge, cet enfant compris ?",
        "كم طفلا تتكفل بهم، مع هذا الطفل؟",
    ),
    "We have twins or triplets": (
        "We hebben een tweeling of drieling",
        "Nous avons des jumeaux ou des triplés",
        "لدينا توأم أو ثلاثة توائم",
    ),
    "How long is a day of care?": (
        "Hoe lang duurt een opvangdag?",
        "Combien dure une journée d'accueil ?",
        "كم تدوم مدة الحضانة في اليوم؟",
    ),
    "How many days a week?": (
        "Hoeveel dagen per week?",
        "Combien de jours par semaine ?",
        "كم يوما في الأسبوع؟",
    ),
    "We live on a minimum income (leefloon), our income fell by 20 percent or more for 3 months, the child is a foster child, or social services advise a lower price": (
        "We leven van een leefloon, ons inkomen daalde 3 maanden lang met 20 procent of meer, het kind is een pleegkind, "
        "of het OCMW raadt een lagere prijs aan",
        "Nous vivons du revenu d'intégration (leefloon), notre revenu a baissé de 20 pour cent ou plus pendant 3 mois, "
        "l'enfant est un enfant placé, ou le CPAS conseille un prix plus bas",
        "نعيش من دخل الإدماج (leefloon)، أو انخفض دخلنا بنسبة 20 في المئة أو أكثر لمدة 3 أشهر، أو الطفل طفل في الكفالة، "
        "أو ينصح المركز العمومي للرعاية الاجتماعية بسعر أقل",
    ),
    "Compare with free-price locations in": (
        "Vergelijk met locaties met vrije prijs in",
        "Comparer avec les lieux à prix libre à",
        "قارن مع أماكن السعر الحر في",
    ),
    "the whole area": ("de hele regio", "toute la région", "كل المنطقة"),
    "Enter your joint taxable income, or choose that you do not know it.": (
        "Vul uw gezamenlijk belastbaar inkomen in, of kies dat u het niet kent.",
        "Tapez votre revenu imposable commun, ou choisissez que vous ne le connaissez pas.",
        "اكتب دخلكما الخاضع للضريبة، أو اختر أنك لا تعرفه.",
    ),
    "location": ("locatie", "lieu d'accueil", "مكان الحضانة"),
    "day price (free price)": (
        "dagprijs (vrije prijs)",
        "prix journalier (prix libre)",
        "السعر اليومي (سعر حر)",
    ),
    "Price of a full day of care at the free price, in euro.": (
        "Prijs van een volle opvangdag aan vrije prijs, in euro.",
        "Prix d'une journée complète d'accueil au prix libre, en euros.",
        "سعر يوم حضانة كامل بالسعر الحر، باليورو.",
    ),
    "valid from": ("geldig vanaf", "valable à partir du", "صالح من"),
    "free-price day price": ("dagprijs vrije prijs", "prix journalier libre", "السعر اليومي الحر"),
    "free-price day prices": ("dagprijzen vrije prijs", "prix journaliers libres", "الأسعار اليومية الحرة"),
    "the desk decided the situation is urgent": (
        "het loket besliste dat de situatie dringend is",
        "le guichet a décidé que la situation est urgente",
        "قرر الشباك أن الوضع مستعجل",
    ),
    "you need childcare for work, to look for work, for job-oriented training, civic integration or Dutch lessons": (
        "u opvang nodig hebt om te werken, werk te zoeken, een opleiding voor werk te volgen, voor inburgering of "
        "lessen Nederlands",
        "vous avez besoin d'accueil pour travailler, chercher du travail, suivre une formation vers l'emploi, "
        "le parcours d'intégration ou des cours de néerlandais",
        "تحتاج إلى الحضانة من أجل العمل، أو البحث عن عمل، أو تكوين مهني، أو مسار الاندماج أو دروس اللغة الهولندية",
    ),
    "you work or train on average at least 4/5 of full time": (
        "u werkt of volgt een opleiding, gemiddeld minstens 4/5 van voltijds",
        "vous travaillez ou suivez une formation en moyenne au moins 4/5 temps",
        "تعمل أو تتكون بمعدل 4/5 من الدوام الكامل على الأقل",
    ),
    "you are a single parent": (
        "u bent een alleenstaande ouder",
        "vous êtes parent seul",
        "أنت والد أو والدة وحيد(ة)",
    ),
    "your joint taxable income is below the threshold": (
        "uw gezamenlijk belastbaar inkomen is lager dan de grens",
        "votre revenu imposable commun est sous le plafond",
        "دخلكما الخاضع للضريبة أقل من الحد",
    ),
    "someone in the family has a disability or needs care, or there are social reasons": (
        "iemand in het gezin heeft een handicap of heeft zorg nodig, of er zijn sociale redenen",
        "quelqu'un dans la famille a un handicap ou a besoin de soins, ou il y a des raisons sociales",
        "شخص في العائلة لديه إعاقة أو يحتاج إلى رعاية، أو هناك أسباب اجتماعية",
    ),
    "neither parent has a secondary-school diploma": (
        "geen van de ouders heeft een diploma secundair onderwijs",
        "aucun des parents n'a de diplôme de l'enseignement secondaire",
        "لا أحد من الوالدين لديه شهادة التعليم الثانوي",
    ),
    "the child is a foster child": (
        "het kind is een pleegkind",
        "l'enfant est un enfant placé",
        "الطفل طفل في الكفالة",
    ),
    "a brother or sister of the child already goes to that location": (
        "een broer of zus van het kind gaat al naar die locatie",
        "un frère ou une sœur de l'enfant va déjà dans ce lieu",
        "أخ أو أخت الطفل يذهب بالفعل إلى ذلك المكان",
    ),
    "you are a vulnerable family (see below)": (
        "u bent een kwetsbaar gezin (zie verder)",
        "vous êtes une famille vulnérable (voir plus bas)",
        "أنتم عائلة هشة (انظر أدناه)",
    ),
    "a partner organisation advised the desk to give you priority": (
        "een partnerorganisatie raadde het loket aan u voorrang te geven",
        "une organisation partenaire a conseillé au guichet de vous donner la priorité",
        "نصحت منظمة شريكة الشباك بإعطائك الأولوية",
    ),
    "Places with an income-related tariff": (
        "Plaatsen met inkomenstarief",
        "Places au tarif selon le revenu",
        "أماكن بسعر حسب الدخل",
    ),
    "Places with a free price": ("Plaatsen met vrije prijs", "Places à prix libre", "أماكن بسعر حر"),
    "nearest to %(code)s %(place)s first": (
        "dichtst bij %(code)s %(place)s eerst",
        "les plus proches de %(code)s %(place)s d'abord",
        "الأقرب إلى %(code)s %(place)s أولا",
    ),
    "Distances as the crow flies from the centre of %(code)s %(place)s.": (
        "Afstanden in vogelvlucht vanaf het centrum van %(code)s %(place)s.",
        "Distances à vol d'oiseau depuis le centre de %(code)s %(place)s.",
        "المسافات في خط مستقيم من وسط %(code)s %(place)s.",
    ),
    "Address": ("Adres", "Adresse", "العنوان"),
    "Ages": ("Leeftijd", "Âges", "الأعمار"),
    "%(low)s to %(high)s months": (
        "%(low)s tot %(high)s maanden",
        "De %(low)s à %(high)s mois",
        "من %(low)s إلى %(high)s شهرا",
    ),
    "Open": ("Open", "Ouvert", "مفتوح"),
    "Free places": ("Vrije plaatsen", "Places libres", "أماكن شاغرة"),
    "None announced for the next 3 months": (
        "Geen gemeld voor de komende 3 maanden",
        "Aucune annoncée pour les 3 prochains mois",
        "لم يعلن عن أي مكان للأشهر الثلاثة القادمة",
    ),
    "Pages of results": ("Pagina's met resultaten", "Pages de résultats", "صفحات النتائج"),
    "Previous page": ("Vorige pagina", "Page précédente", "الصفحة السابقة"),
    "Page %(number)s of %(total)s": (
        "Pagina %(number)s van %(total)s",
        "Page %(number)s sur %(total)s",
        "الصفحة %(number)s من %(total)s",
    ),
    "Next page": ("Volgende pagina", "Page suivante", "الصفحة التالية"),
    "No location fits all your choices. Try fewer filters or a larger distance.": (
        "Geen enkele locatie past bij al uw keuzes. Kies minder filters of een grotere afstand.",
        "Aucun lieu ne correspond à tous vos choix. Essayez moins de filtres ou une plus grande distance.",
        "لا يوجد مكان يناسب كل اختياراتك. جرب عددا أقل من المرشحات أو مسافة أكبر.",
    ),
    "Found nothing that fits, or do you need help? The childcare desk helps you for free.": (
        "Niets gevonden dat past, of hebt u hulp nodig? Het loket kinderopvang helpt u gratis.",
        "Rien trouvé qui convient, ou besoin d'aide ? Le guichet de l'accueil vous aide gratuitement.",
        "لم تجد ما يناسبك، أو تحتاج إلى مساعدة؟ شباك الحضانة يساعدك مجانا.",
    ),
    "Contact the desk": ("Contacteer het loket", "Contactez le guichet", "اتصل بالشباك"),
    "What does childcare cost?": ("Wat kost kinderopvang?", "Combien coûte l'accueil ?", "كم تكلف الحضانة؟"),
    "There are two kinds of price. At places with an income-related tariff you pay according to your income. At free-price places the provider sets the price, and you receive a childcare allowance.": (
        "Er zijn twee soorten prijzen. Op plaatsen met inkomenstarief betaalt u volgens uw inkomen. Op plaatsen "
        "met vrije prijs kiest de opvang zelf de prijs, en u krijgt een kinderopvangtoeslag.",
        "Il existe deux sortes de prix. Aux places au tarif selon le revenu, vous payez selon votre revenu. "
        "Aux places à prix libre, l'accueil fixe le prix et vous recevez une allocation d'accueil.",
        "هناك نوعان من الأسعار. في الأماكن بسعر حسب الدخل تدفع حسب دخلك. في أماكن السعر الحر يحدد مكان الحضانة "
        "السعر، وتحصل على منحة الحضانة.",
    ),
    "A full day costs between %(low)s and %(high)s, depending on the joint taxable income of you and your partner.": (
        "Een volle dag kost tussen %(low)s en %(high)s, volgens het gezamenlijk belastbaar inkomen van u en uw partner.",
        "Une journée complète coûte entre %(low)s et %(high)s, selon le revenu imposable commun de vous et votre "
        "partenaire.",
        "يكلف اليوم الكامل بين %(low)s و%(high)s، حسب دخلك ودخل شريكك الخاضع للضريبة.",
    ),
    "For each other child in your charge, you pay %(reduction)s a day less; with twins or triplets once more.": (
        "Voor elk ander kind ten laste betaalt u %(reduction)s per dag minder; bij een tweeling of drieling nog één keer.",
        "Pour chaque autre enfant à charge, vous payez %(reduction)s de moins par jour ; avec des jumeaux ou "
        "triplés, une fois de plus.",
        "عن كل طفل آخر تتكفل به تدفع %(reduction)s أقل في اليوم؛ ومرة أخرى إذا كان لديك توأم.",
    ),
    "The agency Opgroeien calculates your price and gives you a certificate. Without a certificate you pay the highest price.": (
        "Het agentschap Opgroeien berekent uw prijs en geeft u een attest. Zonder attest betaalt u de hoogste prijs.",
        "L'agence Opgroeien calcule votre prix et vous donne une attestation. Sans attestation, vous payez le prix "
        "le plus élevé.",
        "وكالة Opgroeien تحسب سعرك وتعطيك شهادة. بدون شهادة تدفع أعلى سعر.",
    ),
    "The provider sets the price. You receive a childcare allowance of about %(allowance)s for each day of care, through the Groeipakket.": (
        "De opvang kiest zelf de prijs. U krijgt via het Groeipakket een kinderopvangtoeslag van ongeveer "
        "%(allowance)s per opvangdag.",
        "L'accueil fixe le prix. Vous recevez via le Groeipakket une allocation d'accueil d'environ %(allowance)s "
        "par jour d'accueil.",
        "مكان الحضانة يحدد السعر. تحصل عن طريق Groeipakket على منحة حضانة تقارب %(allowance)s عن كل يوم حضانة.",
    ),
    "Calculate your price": ("Bereken uw prijs", "Calculez votre prix", "احسب سعرك"),
    "We do not keep what you enter here. The result is an estimate: only the certificate of Opgroeien counts.": (
        "We bewaren niet wat u hier invult. Het resultaat is een schatting: alleen het attest van Opgroeien telt.",
        "Nous ne gardons pas ce que vous tapez ici. Le résultat est une estimation : seule l'attestation "
        "d'Opgroeien compte.",
        "لا نحتفظ بما تكتبه هنا. النتيجة تقدير: شهادة Opgroeien وحدها هي المعتمدة.",
    ),
    "Calculate": ("Bereken", "Calculer", "احسب"),
    "Your estimate": ("Uw schatting", "Votre estimation", "تقديرك"),
    "a day": ("per dag", "par jour", "في اليوم"),
    "Price of a full day": ("Prijs van een volle dag", "Prix d'une journée complète", "سعر اليوم الكامل"),
    "the highest price, without a certificate": (
        "de hoogste prijs, zonder attest",
        "le prix le plus élevé, sans attestation",
        "أعلى سعر، بدون شهادة",
    ),
    "the highest price": ("de hoogste prijs", "le prix le plus élevé", "أعلى سعر"),
    "the lowest price": ("de laagste prijs", "le prix le plus bas", "أدنى سعر"),
    "Reduction for other children": (
        "Korting voor andere kinderen",
        "Réduction pour les autres enfants",
        "تخفيض للأطفال الآخرين",
    ),
    "Share of a full day": ("Deel van een volle dag", "Part d'une journée complète", "جزء من اليوم الكامل"),
    "In your situation you may pay a lower, individual price. Ask the childcare desk or the social services (OCMW) of your municipality.": (
        "In uw situatie betaalt u misschien een lagere, individuele prijs. Vraag het aan het loket kinderopvang of "
        "aan het OCMW van uw gemeente.",
        "Dans votre situation, vous payez peut-être un prix individuel plus bas. Demandez au guichet de l'accueil "
        "ou au CPAS de votre commune.",
        "في وضعك قد تدفع سعرا فرديا أقل. اسأل شباك الحضانة أو المركز العمومي للرعاية الاجتماعية (OCMW) في بلديتك.",
    ),
    "The amounts of this year could not all be confirmed yet. Check your price with the calculator of Opgroeien.": (
        "We konden nog niet alle bedragen van dit jaar controleren. Kijk uw prijs na met de rekenmodule van Opgroeien.",
        "Nous n'avons pas encore pu vérifier tous les montants de cette année. Vérifiez votre prix avec le "
        "calculateur d'Opgroeien.",
        "لم نتمكن بعد من التأكد من كل مبالغ هذه السنة. تحقق من سعرك بحاسبة Opgroeien.",
    ),
    "Compared with free-price locations": (
        "Vergeleken met locaties met vrije prijs",
        "Comparé aux lieux à prix libre",
        "مقارنة مع أماكن السعر الحر",
    ),
    "Location": ("Locatie", "Lieu", "المكان"),
    "Price a day": ("Prijs per dag", "Prix par jour", "السعر في اليوم"),
    "After the allowance": ("Na de toeslag", "Après l'allocation", "بعد المنحة"),
    "Compared with your estimate": (
        "Tegenover uw schatting",
        "Par rapport à votre estimation",
        "مقارنة مع تقديرك",
    ),
    "%(amount)s more a day": (
        "%(amount)s meer per dag",
        "%(amount)s de plus par jour",
        "%(amount)s أكثر في اليوم",
    ),
    "%(amount)s less a day": (
        "%(amount)s minder per dag",
        "%(amount)s de moins par jour",
        "%(amount)s أقل في اليوم",
    ),
    "the same": ("hetzelfde", "le même prix", "نفس السعر"),
    "Prices of a full day, as the providers announced them.": (
        "Prijzen van een volle dag, zoals de opvang ze meldde.",
        "Prix d'une journée complète, comme les lieux d'accueil les ont annoncés.",
        "أسعار اليوم الكامل، كما أعلنتها أماكن الحضانة.",
    ),
    "We do not know the prices of free-price locations here yet. Ask the location.": (
        "We kennen de prijzen van de locaties met vrije prijs hier nog niet. Vraag het aan de locatie.",
        "Nous ne connaissons pas encore les prix des lieux à prix libre ici. Demandez au lieu d'accueil.",
        "لا نعرف بعد أسعار أماكن السعر الحر هنا. اسأل مكان الحضانة.",
    ),
    "Find childcare": ("Kinderopvang zoeken", "Trouver un accueil", "البحث عن حضانة"),
    "All childcare centres and childminders of the area. Choose what matters to you; the list updates when you press “Show locations”.": (
        "Alle kinderdagverblijven en onthaalouders van de regio. Kies wat voor u belangrijk is; de lijst verandert "
        "als u op “Toon locaties” drukt.",
        "Toutes les crèches et accueillantes de la région. Choisissez ce qui compte pour vous ; la liste change "
        "quand vous appuyez sur « Afficher les lieux ».",
        "كل دور الحضانة والمربيات في المنطقة. اختر ما يهمك؛ تتغير القائمة عندما تضغط على «عرض الأماكن».",
    ),
    "Filters": ("Filters", "Filtres", "المرشحات"),
    "Show locations": ("Toon locaties", "Afficher les lieux", "عرض الأماكن"),
    "Clear all filters": ("Alle filters wissen", "Effacer tous les filtres", "مسح كل المرشحات"),
    "Locations": ("Locaties", "Lieux d'accueil", "أماكن الحضانة"),
    "How the childcare desk works": (
        "Zo werkt het loket kinderopvang",
        "Comment fonctionne le guichet",
        "كيف يعمل شباك الحضانة",
    ),
    "The childcare desk is the one place where you ask for childcare. You ask once; the desk passes your request to all childcare providers you choose. The desk is neutral and free.": (
        "Bij het loket kinderopvang vraagt u opvang aan, op één plek. U vraagt één keer; het loket geeft uw vraag "
        "door aan alle opvang die u kiest. Het loket is neutraal en gratis.",
        "Le guichet de l'accueil est le seul endroit où vous demandez un accueil. Vous demandez une fois ; le "
        "guichet transmet votre demande à tous les lieux que vous choisissez. Le guichet est neutre et gratuit.",
        "شباك الحضانة هو المكان الوحيد الذي تطلب فيه الحضانة. تطلب مرة واحدة؛ والشباك يرسل طلبك إلى كل أماكن الحضانة "
        "التي تختارها. الشباك محايد ومجاني.",
    ),
    "Information for families": (
        "Informatie voor gezinnen",
        "Informations pour les familles",
        "معلومات للعائلات",
    ),
    "Find childcare near you": (
        "Zoek kinderopvang in uw buurt",
        "Trouvez un accueil près de chez vous",
        "ابحث عن حضانة قريبة منك",
    ),
    "Step by step": ("Stap voor stap", "Étape par étape", "خطوة بخطوة"),
    "For families in": ("Voor gezinnen in", "Pour les familles de", "للعائلات في"),
    "Look for locations that suit you: close to home or work, on the days you need.": (
        "Zoek locaties die bij u passen: dicht bij huis of werk, op de dagen die u nodig hebt.",
        "Cherchez les lieux qui vous conviennent : près de la maison ou du travail, les jours dont vous avez besoin.",
        "ابحث عن أماكن تناسبك: قريبة من البيت أو العمل، في الأيام التي تحتاجها.",
    ),
    "You can change your choices later; you keep your registration date.": (
        "U kunt uw keuzes later veranderen; u houdt uw inschrijvingsdatum.",
        "Vous pouvez changer vos choix plus tard ; vous gardez votre date d'inscription.",
        "يمكنك تغيير اختياراتك لاحقا؛ وتحتفظ بتاريخ تسجيلك.",
    ),
    "Register your request": ("Schrijf uw vraag in", "Inscrivez votre demande", "سجل طلبك"),
    "Who gets a place first?": (
        "Wie krijgt eerst een plaats?",
        "Qui reçoit une place en premier ?",
        "من يحصل على مكان أولا؟",
    ),
    "These are the rules the desk applies today, in force since %(date)s. The matching of requests and places follows exactly these rules.": (
        "Dit zijn de regels die het loket vandaag gebruikt, geldig sinds %(date)s. Het toewijzen van plaatsen "
        "volgt precies deze regels.",
        "Voici les règles que le guichet applique aujourd'hui, en vigueur depuis le %(date)s. L'attribution des "
        "places suit exactement ces règles.",
        "هذه هي القواعد التي يطبقها الشباك اليوم، سارية منذ %(date)s. توزيع الأماكن يتبع هذه القواعد بالضبط.",
    ),
    "Places go first to families in group 1, then group 2, and so on:": (
        "Plaatsen gaan eerst naar gezinnen in groep 1, dan groep 2, enzovoort:",
        "Les places vont d'abord aux familles du groupe 1, puis du groupe 2, et ainsi de suite :",
        "تذهب الأماكن أولا إلى عائلات المجموعة 1، ثم المجموعة 2، وهكذا:",
    ),
    "Group %(n)s": ("Groep %(n)s", "Groupe %(n)s", "المجموعة %(n)s"),
    "when": ("als", "si", "إذا"),
    "and": ("en", "et", "و"),
    "and also one of these applies:": (
        "en ook een van deze geldt:",
        "et qu'en plus une de ces situations s'applique :",
        "وتنطبق أيضا إحدى هذه الحالات:",
    ),
    "when one of these applies:": (
        "als een van deze geldt:",
        "si une de ces situations s'applique :",
        "إذا انطبقت إحدى هذه الحالات:",
    ),
    "Then": ("Daarna", "Ensuite", "ثم"),
    "all other families.": ("alle andere gezinnen.", "toutes les autres familles.", "كل العائلات الأخرى."),
    "There are no priority groups for these places.": (
        "Voor deze plaatsen zijn er geen voorranggroepen.",
        "Il n'y a pas de groupes prioritaires pour ces places.",
        "لا توجد مجموعات أولوية لهذه الأماكن.",
    ),
    "Within a group, a draw decides the order.": (
        "Binnen een groep beslist een loting over de volgorde.",
        "Dans un groupe, un tirage au sort décide de l'ordre.",
        "داخل المجموعة، تحدد القرعة الترتيب.",
    ),
    "Within a group, the family that registered first comes first.": (
        "Binnen een groep komt het gezin dat zich eerst inschreef eerst.",
        "Dans un groupe, la famille inscrite en premier passe en premier.",
        "داخل المجموعة، العائلة التي سجلت أولا تأتي أولا.",
    ),
    "Places kept back: at each location, %(percent)s %% of the children should come from families for whom this applies:": (
        "Plaatsen opzij gehouden: op elke locatie moet %(percent)s %% van de kinderen uit gezinnen komen waarvoor dit geldt:",
        "Places réservées : dans chaque lieu, %(percent)s %% des enfants doivent venir de familles pour qui ceci "
        "s'applique :",
        "أماكن محجوزة: في كل مكان، يجب أن يأتي %(percent)s %% من الأطفال من عائلات ينطبق عليها هذا:",
    ),
    "or": ("of", "ou", "أو"),
    "Free places first go to the families with the highest priority; then the places kept back go to these families.": (
        "Vrije plaatsen gaan eerst naar de gezinnen met de hoogste voorrang; daarna gaan de opzij gehouden plaatsen "
        "naar deze gezinnen.",
        "Les places libres vont d'abord aux familles les plus prioritaires ; ensuite les places réservées vont à "
        "ces familles.",
        "تذهب الأماكن الشاغرة أولا إلى العائلات ذات الأولوية الأعلى؛ ثم تذهب الأماكن المحجوزة إلى هذه العائلات.",
    ),
    "The places kept back are offered to these families first.": (
        "De opzij gehouden plaatsen gaan eerst naar deze gezinnen.",
        "Les places réservées sont d'abord proposées à ces familles.",
        "تعرض الأماكن المحجوزة أولا على هذه العائلات.",
    ),
    "Vulnerable families": ("Kwetsbare gezinnen", "Familles vulnérables", "العائلات الهشة"),
    "A family counts as vulnerable when at least %(n)s of these apply, and at least one of them is marked “(*)”:": (
        "Een gezin is kwetsbaar als minstens %(n)s van deze dingen gelden, en minstens één ervan met “(*)” is aangeduid:",
        "Une famille est vulnérable quand au moins %(n)s de ces situations s'appliquent, dont au moins une marquée "
        "« (*) » :",
        "تعتبر العائلة هشة إذا انطبقت عليها %(n)s على الأقل من هذه الحالات، وكانت إحداها على الأقل مع علامة «(*)»:",
    ),
    "You confirm these facts with a sworn statement when you register. The agency Opgroeien checks a sample. The desk and the location see only what they need to apply the rules.": (
        "U bevestigt deze gegevens met een verklaring op eer als u zich inschrijft. Het agentschap Opgroeien "
        "controleert steekproeven. Het loket en de locatie zien alleen wat ze nodig hebben om de regels toe te passen.",
        "Vous confirmez ces faits par une déclaration sur l'honneur lors de l'inscription. L'agence Opgroeien "
        "contrôle un échantillon. Le guichet et le lieu voient seulement ce qu'il leur faut pour appliquer les règles.",
        "تؤكد هذه المعلومات بتصريح على الشرف عند التسجيل. وكالة Opgroeien تراقب عينة. الشباك ومكان الحضانة يرون فقط ما "
        "يحتاجونه لتطبيق القواعد.",
    ),
    "Is your situation difficult, or urgent? Contact the desk: a desk worker helps you register and follows up your request.": (
        "Is uw situatie moeilijk of dringend? Contacteer het loket: een medewerker helpt u met de inschrijving en "
        "volgt uw vraag op.",
        "Votre situation est difficile ou urgente ? Contactez le guichet : un collaborateur vous aide à vous "
        "inscrire et suit votre demande.",
        "هل وضعك صعب أو مستعجل؟ اتصل بالشباك: موظف يساعدك على التسجيل ويتابع طلبك.",
    ),
    "Free-price places": ("Plaatsen met vrije prijs", "Places à prix libre", "أماكن السعر الحر"),
    "The law sets no priority rules for free-price places. Providers publish their own rules in their house rules; the desk applies the rules shown above.": (
        "De wet legt geen voorrangsregels op voor plaatsen met vrije prijs. De opvang schrijft eigen regels in haar "
        "huishoudelijk reglement; het loket gebruikt de regels hierboven.",
        "La loi ne fixe pas de règles de priorité pour les places à prix libre. Les lieux publient leurs propres "
        "règles dans leur règlement d'ordre intérieur ; le guichet applique les règles ci-dessus.",
        "لا يفرض القانون قواعد أولوية لأماكن السعر الحر. تنشر أماكن الحضانة قواعدها في نظامها الداخلي؛ والشباك يطبق "
        "القواعد المذكورة أعلاه.",
    ),
    "Back to the list of locations": (
        "Terug naar de lijst met locaties",
        "Retour à la liste des lieux",
        "العودة إلى قائمة الأماكن",
    ),
    "Practical information": ("Praktische informatie", "Informations pratiques", "معلومات عملية"),
    "%(km)s from the centre of %(code)s %(place)s (as the crow flies)": (
        "%(km)s van het centrum van %(code)s %(place)s (in vogelvlucht)",
        "%(km)s du centre de %(code)s %(place)s (à vol d'oiseau)",
        "%(km)s من وسط %(code)s %(place)s (في خط مستقيم)",
    ),
    "Open on": ("Open op", "Ouvert le", "مفتوح أيام"),
    "Opening hours": ("Openingsuren", "Heures d'ouverture", "ساعات العمل"),
    "Number of places": ("Aantal plaatsen", "Nombre de places", "عدد الأماكن"),
    "Languages spoken": ("Gesproken talen", "Langues parlées", "اللغات المستعملة"),
    "Run by": ("Organisator", "Organisé par", "الجهة المنظمة"),
    "Phone": ("Telefoon", "Téléphone", "الهاتف"),
    "E-mail": ("E-mail", "E-mail", "البريد الإلكتروني"),
    "You pay according to your income. Families who need childcare for work and vulnerable families get priority.": (
        "U betaalt volgens uw inkomen. Gezinnen die opvang nodig hebben voor werk en kwetsbare gezinnen krijgen voorrang.",
        "Vous payez selon votre revenu. Les familles qui ont besoin d'accueil pour travailler et les familles "
        "vulnérables sont prioritaires.",
        "تدفع حسب دخلك. العائلات التي تحتاج إلى الحضانة من أجل العمل والعائلات الهشة لها الأولوية.",
    ),
    "%(income)s places with a price according to your income, %(free)s places with a free price.": (
        "%(income)s plaatsen met een prijs volgens uw inkomen, %(free)s plaatsen met vrije prijs.",
        "%(income)s places au prix selon le revenu, %(free)s places à prix libre.",
        "%(income)s أماكن بسعر حسب الدخل، %(free)s أماكن بسعر حر.",
    ),
    "The provider sets the price. You receive a childcare allowance for each day of care.": (
        "De opvang kiest zelf de prijs. U krijgt een kinderopvangtoeslag voor elke opvangdag.",
        "L'accueil fixe le prix. Vous recevez une allocation d'accueil pour chaque jour d'accueil.",
        "مكان الحضانة يحدد السعر. تحصل على منحة حضانة عن كل يوم حضانة.",
    ),
    "Free price: %(price)s a day; about %(net)s after the childcare allowance.": (
        "Vrije prijs: %(price)s per dag; ongeveer %(net)s na de kinderopvangtoeslag.",
        "Prix libre : %(price)s par jour ; environ %(net)s après l'allocation d'accueil.",
        "السعر الحر: %(price)s في اليوم؛ حوالي %(net)s بعد منحة الحضانة.",
    ),
    "Calculate the price according to your income": (
        "Bereken de prijs volgens uw inkomen",
        "Calculez le prix selon votre revenu",
        "احسب السعر حسب دخلك",
    ),
    "From": ("Vanaf", "À partir de", "ابتداء من"),
    "Places": ("Plaatsen", "Places", "الأماكن"),
    "Days": ("Dagen", "Jours", "الأيام"),
    "This location has not announced free places. You can still choose it: the desk passes your request on when a place becomes free.": (
        "Deze locatie meldde geen vrije plaatsen. U kunt ze toch kiezen: het loket geeft uw vraag door als er een "
        "plaats vrijkomt.",
        "Ce lieu n'a pas annoncé de places libres. Vous pouvez quand même le choisir : le guichet transmet votre "
        "demande quand une place se libère.",
        "لم يعلن هذا المكان عن أماكن شاغرة. يمكنك اختياره مع ذلك: الشباك يرسل طلبك عندما يصبح مكان شاغرا.",
    ),
    "Would you like a place here?": (
        "Wilt u hier een plaats?",
        "Vous voulez une place ici ?",
        "هل تريد مكانا هنا؟",
    ),
    "You do not ask the location itself. Register your request once with the childcare desk and choose this location among your choices.": (
        "U vraagt niet aan de locatie zelf. Schrijf uw vraag één keer in bij het loket kinderopvang en kies deze "
        "locatie bij uw keuzes.",
        "Vous ne demandez pas au lieu lui-même. Inscrivez votre demande une fois au guichet de l'accueil et "
        "choisissez ce lieu parmi vos choix.",
        "لا تطلب من المكان نفسه. سجل طلبك مرة واحدة في شباك الحضانة واختر هذا المكان ضمن اختياراتك.",
    ),
    "Questions? Contact %(name)s": (
        "Vragen? Contacteer %(name)s",
        "Des questions ? Contactez %(name)s",
        "أسئلة؟ اتصل بـ %(name)s",
    ),
    "%(first)s to %(last)s": (
        "%(first)s tot %(last)s",
        "du %(first)s au %(last)s",
        "من %(first)s إلى %(last)s",
    ),
}

# Plurals: (nl [one, other], fr [one, other], ar [zero, one, two, few, many, other]).
P = {
    "%(n)s location found": (
        ["%(n)s locatie gevonden", "%(n)s locaties gevonden"],
        ["%(n)s lieu trouvé", "%(n)s lieux trouvés"],
        [
            "لم يعثر على أي مكان",
            "عثر على مكان واحد",
            "عثر على مكانين",
            "عثر على %(n)s أماكن",
            "عثر على %(n)s مكانا",
            "عثر على %(n)s مكان",
        ],
    ),
    "%(n)s place from %(month)s": (
        ["%(n)s plaats vanaf %(month)s", "%(n)s plaatsen vanaf %(month)s"],
        ["%(n)s place à partir de %(month)s", "%(n)s places à partir de %(month)s"],
        [
            "%(n)s مكان ابتداء من %(month)s",
            "مكان واحد ابتداء من %(month)s",
            "مكانان ابتداء من %(month)s",
            "%(n)s أماكن ابتداء من %(month)s",
            "%(n)s مكانا ابتداء من %(month)s",
            "%(n)s مكان ابتداء من %(month)s",
        ],
    ),
    "About %(month)s a month for %(n)s day a week.": (
        [
            "Ongeveer %(month)s per maand voor %(n)s dag per week.",
            "Ongeveer %(month)s per maand voor %(n)s dagen per week.",
        ],
        [
            "Environ %(month)s par mois pour %(n)s jour par semaine.",
            "Environ %(month)s par mois pour %(n)s jours par semaine.",
        ],
        [
            "حوالي %(month)s في الشهر لـ %(n)s يوم في الأسبوع.",
            "حوالي %(month)s في الشهر ليوم واحد في الأسبوع.",
            "حوالي %(month)s في الشهر ليومين في الأسبوع.",
            "حوالي %(month)s في الشهر لـ %(n)s أيام في الأسبوع.",
            "حوالي %(month)s في الشهر لـ %(n)s يوما في الأسبوع.",
            "حوالي %(month)s في الشهر لـ %(n)s يوم في الأسبوع.",
        ],
    ),
    "Register your request once. Choose %(n)s location.": (
        [
            "Schrijf uw vraag één keer in. Kies %(n)s locatie.",
            "Schrijf uw vraag één keer in. Kies tot %(n)s locaties, in de volgorde die u verkiest.",
        ],
        [
            "Inscrivez votre demande une fois. Choisissez %(n)s lieu.",
            "Inscrivez votre demande une fois. Choisissez jusqu'à %(n)s lieux, dans l'ordre que vous préférez.",
        ],
        [
            "سجل طلبك مرة واحدة.",
            "سجل طلبك مرة واحدة. اختر مكانا واحدا.",
            "سجل طلبك مرة واحدة. اختر حتى مكانين، بالترتيب الذي تفضله.",
            "سجل طلبك مرة واحدة. اختر حتى %(n)s أماكن، بالترتيب الذي تفضله.",
            "سجل طلبك مرة واحدة. اختر حتى %(n)s مكانا، بالترتيب الذي تفضله.",
            "سجل طلبك مرة واحدة. اختر حتى %(n)s مكان، بالترتيب الذي تفضله.",
        ],
    ),
    "Every week the desk matches requests and free places, with the priority rules below.": (
        [
            "Elke week zoekt het loket plaatsen voor de vragen, met de voorrangsregels hieronder.",
            "Elke %(n)s weken zoekt het loket plaatsen voor de vragen, met de voorrangsregels hieronder.",
        ],
        [
            "Chaque semaine, le guichet attribue les places libres aux demandes, avec les règles de priorité ci-dessous.",
            "Toutes les %(n)s semaines, le guichet attribue les places libres aux demandes, avec les règles de "
            "priorité ci-dessous.",
        ],
        [
            "يوزع الشباك الأماكن الشاغرة على الطلبات حسب قواعد الأولوية أدناه.",
            "كل أسبوع يوزع الشباك الأماكن الشاغرة على الطلبات حسب قواعد الأولوية أدناه.",
            "كل أسبوعين يوزع الشباك الأماكن الشاغرة على الطلبات حسب قواعد الأولوية أدناه.",
            "كل %(n)s أسابيع يوزع الشباك الأماكن الشاغرة على الطلبات حسب قواعد الأولوية أدناه.",
            "كل %(n)s أسبوعا يوزع الشباك الأماكن الشاغرة على الطلبات حسب قواعد الأولوية أدناه.",
            "كل %(n)s أسبوع يوزع الشباك الأماكن الشاغرة على الطلبات حسب قواعد الأولوية أدناه.",
        ],
    ),
    "You get an offer at the earliest %(n)s month before the start.": (
        [
            "U krijgt een aanbod ten vroegste %(n)s maand voor de start.",
            "U krijgt een aanbod ten vroegste %(n)s maanden voor de start.",
        ],
        [
            "Vous recevez une offre au plus tôt %(n)s mois avant le début.",
            "Vous recevez une offre au plus tôt %(n)s mois avant le début.",
        ],
        [
            "تحصل على عرض قبل البداية.",
            "تحصل على عرض قبل البداية بشهر واحد على الأكثر.",
            "تحصل على عرض قبل البداية بشهرين على الأكثر.",
            "تحصل على عرض قبل البداية بـ %(n)s أشهر على الأكثر.",
            "تحصل على عرض قبل البداية بـ %(n)s شهرا على الأكثر.",
            "تحصل على عرض قبل البداية بـ %(n)s شهر على الأكثر.",
        ],
    ),
    "When you get an offer, you have %(n)s day to answer.": (
        [
            "Als u een aanbod krijgt, hebt u %(n)s dag om te antwoorden.",
            "Als u een aanbod krijgt, hebt u %(n)s dagen om te antwoorden.",
        ],
        [
            "Quand vous recevez une offre, vous avez %(n)s jour pour répondre.",
            "Quand vous recevez une offre, vous avez %(n)s jours pour répondre.",
        ],
        [
            "عندما تحصل على عرض، عليك أن تجيب فورا.",
            "عندما تحصل على عرض، لديك يوم واحد للإجابة.",
            "عندما تحصل على عرض، لديك يومان للإجابة.",
            "عندما تحصل على عرض، لديك %(n)s أيام للإجابة.",
            "عندما تحصل على عرض، لديك %(n)s يوما للإجابة.",
            "عندما تحصل على عرض، لديك %(n)s يوم للإجابة.",
        ],
    ),
    "Every %(n)s day we ask whether you are still looking. If you do not answer, we send a reminder; %(grace)s days later your request ends.": (
        [
            "Elke %(n)s dag vragen we of u nog zoekt. Antwoordt u niet, dan sturen we een herinnering; %(grace)s "
            "dagen later stopt uw vraag.",
            "Elke %(n)s dagen vragen we of u nog zoekt. Antwoordt u niet, dan sturen we een herinnering; %(grace)s "
            "dagen later stopt uw vraag.",
        ],
        [
            "Chaque jour, nous demandons si vous cherchez encore. Sans réponse, nous envoyons un rappel ; "
            "%(grace)s jours plus tard, votre demande se termine.",
            "Tous les %(n)s jours, nous demandons si vous cherchez encore. Sans réponse, nous envoyons un rappel ; "
            "%(grace)s jours plus tard, votre demande se termine.",
        ],
        [
            "نسألك بانتظام هل ما زلت تبحث. إذا لم تجب، نرسل تذكيرا؛ وبعد %(grace)s يوما ينتهي طلبك.",
            "نسألك كل يوم هل ما زلت تبحث. إذا لم تجب، نرسل تذكيرا؛ وبعد %(grace)s يوما ينتهي طلبك.",
            "نسألك كل يومين هل ما زلت تبحث. إذا لم تجب، نرسل تذكيرا؛ وبعد %(grace)s يوما ينتهي طلبك.",
            "نسألك كل %(n)s أيام هل ما زلت تبحث. إذا لم تجب، نرسل تذكيرا؛ وبعد %(grace)s يوما ينتهي طلبك.",
            "نسألك كل %(n)s يوما هل ما زلت تبحث. إذا لم تجب، نرسل تذكيرا؛ وبعد %(grace)s يوما ينتهي طلبك.",
            "نسألك كل %(n)s يوم هل ما زلت تبحث. إذا لم تجب، نرسل تذكيرا؛ وبعد %(grace)s يوما ينتهي طلبك.",
        ],
    ),
}

LANGUAGES = {"nl": 0, "fr": 1, "ar": 2}


def fill(base: Path) -> list[str]:
    missing = []
    for code, index in LANGUAGES.items():
        path = base / code / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path))
        for entry in po:
            if entry.msgid_plural:
                forms = P.get(entry.msgid)
                if forms is None:
                    missing.append(f"{code}: {entry.msgid}")
                    continue
                entry.msgstr_plural = dict(enumerate(forms[index]))
            else:
                words = S.get(entry.msgid)
                if words is None:
                    missing.append(f"{code}: {entry.msgid}")
                    continue
                entry.msgstr = words[index]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save(str(path))
    return missing


if __name__ == "__main__":
    missing = fill(Path(__file__).resolve().parent)
    if missing:
        raise SystemExit("No translation for:\n" + "\n".join(missing))
