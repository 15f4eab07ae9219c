"""
The demo institution's content, loaded by `manage.py load_demo`. Invented people, programs
and commentary with the shape of a real think-tank site: a program with a series, authors
with dated positions, posts with pull quotes and topics, a co-written post, a translated
and edited post, a scheduled post and a draft.
"""

PROGRAMS = [
    {
        "slug": "caspian-institute",
        "name": "Caspian Institute",
        "ordering": 1,
        "short_description": (
            "The Caspian Institute studies the politics, energy and societies of the "
            "countries around the Caspian Sea. It brings scholars, journalists and "
            "officials together through fellowships, public events and its own "
            "commentary series, The Caspian Letter."
        ),
        "description": (
            "Founded to bridge the gap between regional expertise and policy debate, the "
            "Caspian Institute follows the states and peoples of the Caspian basin: "
            "Azerbaijan, Iran, Kazakhstan, Russia and Turkmenistan, and the corridors that "
            "link them to Europe and Asia.\n\n"
            "Its fellows write for policymakers and the public alike, host visiting "
            "scholars each year, and publish The Caspian Letter, a weekly column on what "
            "is changing around the sea."
        ),
        "series": [
            {
                "slug": "the-caspian-letter",
                "name": "The Caspian Letter",
                "description": "A weekly column on politics and trade around the Caspian Sea.",
            }
        ],
    },
    {
        "slug": "water-security-program",
        "name": "Water Security Program",
        "ordering": 2,
        "short_description": (
            "The Water Security Program examines how droughts, dams and shared rivers shape "
            "the stability of states, and what governments can do together before a dry "
            "year becomes a crisis."
        ),
        "description": (
            "Rivers cross borders; so do shortages. The Water Security Program brings "
            "hydrologists, economists and diplomats together to study shared basins, from "
            "the Volga to the Amu Darya."
        ),
        "series": [],
    },
]

AUTHORS = [
    {
        "slug": "irina-voskresenskaya",
        "name": "Irina Voskresenskaya",
        "family_name": "Voskresenskaya",
        "colour": (44, 95, 138),
        "photo_alt": "Irina Voskresenskaya, smiling, in front of a bookshelf",
        "short_bio": (
            "Irina Voskresenskaya is a Senior Advisor at the Caspian Institute and edits "
            "The Caspian Letter. She spent twelve years as a correspondent in Baku and "
            "Almaty and writes on energy politics, ports and the region’s changing "
            "alliances."
        ),
        "full_bio": (
            "Irina Voskresenskaya is a Senior Advisor at the Caspian Institute and the "
            "Editor-in-Chief of The Caspian Letter. She is also Editor-at-Large of the "
            "Northern Review.\n\n"
            "Before joining the Institute she reported from Baku and Almaty for twelve "
            "years, covering the oil boom, two devaluations and the rise of the "
            "trans-Caspian trade route. Her writing has appeared in newspapers in four "
            "languages."
        ),
        "positions": [
            {"title": "Senior Advisor", "organization": "", "start_date": "2019-09-01"},
            {
                "title": "Editor-in-Chief",
                "organization": "The Caspian Letter",
                "start_date": "2020-01-15",
            },
            {
                "title": "Editor-at-Large",
                "organization": "Northern Review",
                "start_date": "2021-03-01",
            },
        ],
        "links": [
            {"label": "Northern Review columns", "url": "https://example.org/northern-review"}
        ],
    },
    {
        "slug": "daniel-okafor",
        "name": "Daniel Okafor",
        "family_name": "Okafor",
        "colour": (138, 74, 44),
        "photo_alt": "Daniel Okafor in a grey jacket, outdoors",
        "short_bio": (
            "Daniel Okafor is a Fellow at the Caspian Institute, where he studies sanctions, "
            "trade corridors and the economics of transit states."
        ),
        "full_bio": (
            "Daniel Okafor is a Fellow at the Caspian Institute. He studies sanctions, trade "
            "corridors and the economics of transit states, and previously worked as a "
            "trade economist at a development bank."
        ),
        "positions": [
            {"title": "Fellow", "organization": "Caspian Institute", "start_date": "2022-09-01"},
        ],
        "links": [],
        # The author box under the Russian and Ukrainian versions of his commentary.
        "translations": {
            "ru": {
                "titles": "Научный сотрудник, Каспийский институт",
                "short_bio": (
                    "Дэниел Окафор — научный сотрудник Каспийского института. Изучает "
                    "санкции, торговые коридоры и экономику транзитных государств."
                ),
            },
            "uk": {
                "titles": "Науковий співробітник, Каспійський інститут",
                "short_bio": (
                    "Деніел Окафор — науковий співробітник Каспійського інституту. "
                    "Досліджує санкції, торговельні коридори та економіку транзитних держав."
                ),
            },
        },
    },
    {
        "slug": "marta-lindqvist",
        "name": "Marta Lindqvist",
        "family_name": "Lindqvist",
        "colour": (60, 120, 80),
        "photo_alt": "Marta Lindqvist standing by a river embankment",
        "short_bio": (
            "Marta Lindqvist directs the Water Security Program. A hydrologist by training, "
            "she has advised river-basin commissions in Central Asia and Eastern Europe."
        ),
        "full_bio": (
            "Marta Lindqvist is a Senior Fellow and the Director of the Water Security "
            "Program. A hydrologist by training, she has advised river-basin commissions "
            "in Central Asia and Eastern Europe.\n\n"
            "Her current research follows how governments share water in drought years."
        ),
        "positions": [
            {"title": "Senior Fellow", "organization": "", "start_date": "2018-01-01"},
            {
                "title": "Director",
                "organization": "Water Security Program",
                "start_date": "2021-07-01",
            },
        ],
        "links": [],
    },
    {
        "slug": "tomas-herrera",
        "name": "Tomás Herrera",
        "family_name": "Herrera",
        "colour": (110, 60, 130),
        "photo_alt": "Tomás Herrera, wearing glasses, in a lecture hall",
        "short_bio": (
            "Tomás Herrera is a Global Fellow who writes about port cities and the people "
            "who work in them."
        ),
        "full_bio": (
            "Tomás Herrera is a Global Fellow at the Caspian Institute. He was previously a "
            "Visiting Scholar with the Water Security Program."
        ),
        "positions": [
            {
                "title": "Global Fellow",
                "organization": "Caspian Institute",
                "start_date": "2024-02-01",
            },
            {
                "title": "Visiting Scholar",
                "organization": "Water Security Program",
                "start_date": "2022-02-01",
                "end_date": "2023-12-31",
            },
        ],
        "links": [],
    },
]

# Each post: its byline (author slugs, in order), paragraphs of the body, and pull quotes
# as (text, after paragraph N). Every pull quote repeats a passage of its own body.
# "days_ago" dates a published post; a negative number schedules it in the future.
# What the Russian and Ukrainian versions of “What Sanctions Cannot Do” share.
SANCTIONS_TRANSLATION = {
    "translation_of": "what-sanctions-cannot-do",
    "post_type": "q-and-a",
    "program": "caspian-institute",
    "series": "the-caspian-letter",
    "authors": ["daniel-okafor", ("irina-voskresenskaya", "translator")],
    "status": "published",
    "days_ago": 16,
    "hero": False,
}

POSTS = [
    {
        "slug": "pipelines-ports-and-the-new-caspian-bargain",
        "title": "Pipelines, Ports and the New Caspian Bargain",
        "post_type": "blog-post",
        "program": "caspian-institute",
        "series": "the-caspian-letter",
        "authors": ["irina-voskresenskaya"],
        "status": "published",
        "days_ago": 3,
        "hero": True,
        "topics": ["Energy", "Trade corridors", "Caspian Sea"],
        "dek": (
            "A decade ago the sea was a backwater between pipelines. Today every capital on "
            "its shores is bargaining over who ships what, and through whom."
        ),
        "paragraphs": [
            "For most of the last thirty years, the Caspian Sea was something to be "
            "crossed on a map and ignored on the water. Oil moved west through pipelines "
            "laid in the 1990s, gas moved north through Soviet-era trunk lines, and the "
            "ports of Aktau, Baku and Turkmenbashi handled little more than ferries and "
            "grain.",
            "That arrangement has come apart. Shipping routes to the north have grown "
            "expensive and uncertain, and traders from Shanghai to Rotterdam have gone "
            "looking for a way around them. The answer they keep finding runs across the "
            "Caspian.",
            "Freight on the trans-Caspian route has grown several times over in three "
            "years. Ports that once waited days for a ferry now queue ships offshore. New "
            "berths are being dredged at Alat and Kuryk, and rail yards are being widened "
            "on both coasts.",
            "The bargain that results is not a treaty but a set of side deals. Kazakhstan "
            "wants a second outlet for its oil that no single neighbour can close. "
            "Azerbaijan wants to be the hinge between Central Asia and Europe. Turkmenistan "
            "wants buyers for its gas that are not in Moscow.",
            "None of this is new as an ambition. What is new is that the capitals now "
            "believe the ambition is within reach, and they are spending accordingly.",
            "The risk is that every government plans for the same cargo. Three ports "
            "competing for one stream of containers will not all be full, and debts taken "
            "on to build them will fall due whether the ships come or not.",
            "There is also the question of the sea itself. The Caspian is shrinking as "
            "the Volga delivers less water, and shallower approaches mean smaller ships. "
            "A corridor that depends on dredging is a corridor with a maintenance bill.",
            "Europe has a stake in the outcome, but it has so far offered studies rather "
            "than money. China offers money, but on terms that leave the ports owing more "
            "than they earn.",
            "The capitals that manage this best will be those that coordinate timetables, "
            "customs rules and tariffs with each other before they compete. Cargo goes "
            "where crossing a border is predictable.",
            "For now, the sea that everyone ignored has become the place where the "
            "region’s next decade is being negotiated, one berth at a time.",
        ],
        "pull_quotes": [
            ("The answer they keep finding runs across the Caspian.", 2),
            (
                "Three ports competing for one stream of containers will not all be full, "
                "and debts taken on to build them will fall due whether the ships come or "
                "not.",
                5,
            ),
            ("Cargo goes where crossing a border is predictable.", 8),
        ],
    },
    {
        "slug": "why-the-aral-basin-still-matters",
        "title": "Why the Aral Basin Still Matters",
        "post_type": "article",
        "program": "water-security-program",
        "series": None,
        "authors": ["marta-lindqvist", "daniel-okafor"],
        "status": "published",
        "days_ago": 10,
        "hero": False,
        "topics": ["Water", "Central Asia", "Climate"],
        "dek": "The disaster is old news. The lessons for shared rivers are not.",
        "paragraphs": [
            "The shrinking of the Aral Sea is usually told as a story that ended in the "
            "1980s. It did not end. The rivers that once fed the sea still cross five "
            "borders, and each upstream dam or canal is still felt downstream.",
            "In dry years the arithmetic is simple: there is not enough water for every "
            "field and every turbine. What varies is whether governments settle the "
            "shortfall by agreement or by accident.",
            "The region has tried both. Quota agreements signed in the 1990s still exist "
            "on paper, but they assume flows that the rivers no longer deliver.",
            "A better approach starts with shared data. Gauges read on both sides of a "
            "border, published daily, take the guesswork out of accusations.",
            "It also needs money for the unglamorous work of lining canals and fixing "
            "pumps, which saves more water than any new reservoir.",
            "Shared rivers are not a cause of conflict in themselves. Surprises are.",
        ],
        # After the paragraphs: what else a body holds (HTML as the editor writes it).
        "blocks": [
            "<h2>What the rivers carry</h2>",
            "<p>Less water reaches the sea each decade than the one before."
            '<span class="footnote">Decade averages from the basin commission’s yearly '
            "reports, rounded to the nearest cubic kilometre.</span></p>",
            "<table><caption>Water reaching the Aral Sea, average per year</caption><tbody>"
            '<tr><th scope="col">Decade</th><th scope="col">Cubic kilometres</th></tr>'
            '<tr><th scope="row">1960s</th><td>47</td></tr>'
            '<tr><th scope="row">1990s</th><td>11</td></tr>'
            '<tr><th scope="row">2010s</th><td>6</td></tr></tbody></table>',
            '<figure class="embed"><a href="https://vimeo.com/76979871">The basin from above: '
            "a short film of the shoreline, 1985 to 2020</a></figure>",
        ],
        # After those, figure images drawn by load_demo (a bar chart of `values`).
        "figures": [
            {
                "description": "Bar chart: water reaching the Aral Sea fell from 47 cubic "
                "kilometres a year in the 1960s to 11 in the 1990s and 6 in the 2010s.",
                "credit": "Chart: Folio demo",
                "caption": "Water reaching the sea, by decade",
                "values": [47, 11, 6],
            }
        ],
        "pull_quotes": [
            ("Shared rivers are not a cause of conflict in themselves. Surprises are.", 3),
            (
                "Gauges read on both sides of a border, published daily, take the guesswork "
                "out of accusations.",
                4,
            ),
            # None: after the paragraph that holds the passage, wherever it moves.
            ("Less water reaches the sea each decade than the one before.", None),
        ],
    },
    {
        "slug": "what-sanctions-cannot-do",
        "title": "What Sanctions Cannot Do",
        "post_type": "q-and-a",
        "program": "caspian-institute",
        "series": "the-caspian-letter",
        "authors": ["daniel-okafor"],
        "status": "published",
        "days_ago": 17,
        "hero": False,
        "topics": ["Sanctions", "Trade corridors"],
        "dek": "Daniel Okafor on why trade finds a way around closed doors, and what that costs.",
        "paragraphs": [
            "Sanctions are often judged by whether they change a government’s mind. By "
            "that standard most of them fail, and yet governments keep using them.",
            "The better question is what they make more expensive, and for whom. Goods "
            "rerouted through a third country still arrive, but later and at a higher "
            "price.",
            "Transit states collect part of that price. Some of them are building ports "
            "and warehouses on the strength of it.",
            "When the rules change again, those investments will be stranded, and the "
            "transit states will ask who pays.",
        ],
        "pull_quotes": [
            (
                "Goods rerouted through a third country still arrive, but later and at a "
                "higher price.",
                2,
            ),
        ],
    },
    # The same commentary in Russian and Ukrainian, each crediting its translator.
    {
        "slug": "chego-ne-mogut-sanktsii",
        "title": "Чего не могут санкции",
        "language": "ru",
        **SANCTIONS_TRANSLATION,
        "topics": ["Санкции"],
        "dek": "Дэниел Окафор о том, почему торговля обходит закрытые двери и во что "
        "это обходится.",
        "paragraphs": [
            "Санкции обычно оценивают по тому, изменили ли они решение правительства. По "
            "этой мерке большинство из них не работает, и всё же правительства продолжают "
            "к ним прибегать.",
            "Полезнее спросить, что именно они делают дороже и для кого. Товары, идущие "
            "через третью страну, всё равно доходят, но позже и дороже.",
            "Транзитные государства получают часть этой разницы. Некоторые из них строят "
            "на ней порты и склады.",
            "Когда правила снова изменятся, эти вложения окажутся ненужными, и транзитные "
            "страны спросят, кто за это заплатит.",
        ],
        "pull_quotes": [
            ("Товары, идущие через третью страну, всё равно доходят, но позже и дороже.", 2),
        ],
    },
    {
        "slug": "chogo-ne-mozhut-sanktsiyi",
        "title": "Чого не можуть санкції",
        "language": "uk",
        **SANCTIONS_TRANSLATION,
        "topics": ["Санкції"],
        "dek": "Деніел Окафор про те, чому торгівля обходить зачинені двері і чого це коштує.",
        "paragraphs": [
            "Санкції зазвичай оцінюють за тим, чи змінили вони рішення уряду. За цією "
            "міркою більшість із них не працює, і все ж уряди й далі до них вдаються.",
            "Корисніше запитати, що саме вони роблять дорожчим і для кого. Товари, що "
            "йдуть через третю країну, однаково доходять, але пізніше й дорожче.",
            "Транзитні держави отримують частину цієї різниці. Деякі з них будують на ній "
            "порти та склади.",
            "Коли правила знову зміняться, ці вкладення стануть непотрібними, і транзитні "
            "країни запитають, хто за це заплатить.",
        ],
        "pull_quotes": [
            ("Товари, що йдуть через третю країну, однаково доходять, але пізніше й дорожче.", 2),
        ],
    },
    {
        "slug": "a-drought-year-on-the-volga",
        "title": "A Drought Year on the Volga",
        "post_type": "op-ed",
        "program": "water-security-program",
        "series": None,
        # Four kinds of credit: an author, a contributor, a translator and an editor.
        "authors": [
            "marta-lindqvist",
            ("daniel-okafor", "with"),
            ("tomas-herrera", "translator"),
            ("irina-voskresenskaya", "editor"),
        ],
        "status": "published",
        "days_ago": 24,
        "hero": False,
        "topics": ["Water", "Climate", "Caspian Sea"],
        "dek": "Low water on Europe’s longest river is a warning for everyone downstream.",
        "paragraphs": [
            "Barges ran aground on the lower Volga this summer, and ferry crossings were "
            "cancelled for weeks.",
            "The river supplies most of the water that reaches the Caspian, so a dry year "
            "upstream becomes a shallower sea downstream.",
            "Planning for ports and fisheries should start from that fact rather than from "
            "the averages of a wetter century.",
        ],
        "pull_quotes": [
            ("A dry year upstream becomes a shallower sea downstream.", 2),
        ],
    },
    {
        "slug": "the-next-round-of-caspian-summits",
        "title": "The Next Round of Caspian Summits",
        "post_type": "analysis",
        "program": "caspian-institute",
        "series": "the-caspian-letter",
        "authors": ["irina-voskresenskaya", "tomas-herrera"],
        "status": "published",
        "days_ago": -14,
        "hero": False,
        "topics": ["Diplomacy", "Caspian Sea"],
        "dek": "What to watch when the littoral states meet again.",
        "paragraphs": [
            "The five littoral states meet again next month, and the agenda is longer "
            "than it has been in years.",
            "Fisheries quotas, seabed pipelines and shipping rules will all be on the table.",
        ],
        "pull_quotes": [],
    },
    {
        "slug": "notes-on-a-port-city",
        "title": "Notes on a Port City",
        "post_type": "blog-post",
        "program": "caspian-institute",
        "series": None,
        "authors": ["tomas-herrera"],
        "status": "draft",
        "days_ago": None,
        "proposed_in_days": 6,
        "hero": False,
        "topics": ["Cities"],
        "dek": "A week among the dockworkers of Aktau.",
        "paragraphs": [
            "The first thing you notice in Aktau is the wind.",
            "The second is how many of the people you meet arrived within the last five years.",
        ],
        "pull_quotes": [],
    },
]

DEMO_ADMIN = {"username": "admin", "password": "folio-demo", "email": "admin@example.org"}
