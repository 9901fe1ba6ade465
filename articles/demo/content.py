"""Demo content for the Azerbaijan news demo site.

Plain Python data, no Django imports. Every person, quote, club, event detail and figure below is
fictional and written for demonstration purposes only. Lead images are generated abstract
illustrations, so their alt text and captions say so.
"""

SECTIONS = [  # in navigation order
    {
        "name": "Politics",
        "slug": "politics",
        "description": (
            "Local government, public policy and the decisions that shape daily life across the "
            "country."
        ),
        "colour": "#1f4e79",
    },
    {
        "name": "Economy",
        "slug": "economy",
        "description": (
            "Business, jobs, infrastructure and household finances, from Baku to the smallest "
            "district town."
        ),
        "colour": "#2e6b3a",
    },
    {
        "name": "Regions",
        "slug": "regions",
        "description": (
            "News from the districts, including farming, water, weather and the environment."
        ),
        "colour": "#8a5a14",
    },
    {
        "name": "Culture",
        "slug": "culture",
        "description": "Music, festivals, traditional crafts and the arts in Azerbaijan.",
        "colour": "#7a2e5c",
    },
    {
        "name": "Sport",
        "slug": "sport",
        "description": "Football, chess and regional sport, with results, reports and interviews.",
        "colour": "#b03a2e",
    },
]

AUTHORS = [  # fictional reporters
    {
        "display_name": "Leyla Rzayeva",
        "slug": "leyla-rzayeva",
        "bio": (
            "Leyla Rzayeva covers city affairs in Baku, from transport and housing to the work of "
            "local councils. She has reported on the capital for nine years and takes the metro to "
            "most of her stories."
        ),
    },
    {
        "display_name": "Elvin Gasimli",
        "slug": "elvin-gasimli",
        "bio": (
            "Elvin Gasimli writes about the economy, small business and public finances. Before "
            "joining Azerbaijan news he spent six years on the business desk of a regional weekly."
        ),
    },
    {
        "display_name": "Nigar Hajiyeva",
        "slug": "nigar-hajiyeva",
        "bio": (
            "Nigar Hajiyeva reports from the regions, with a focus on agriculture, water and the "
            "environment. She is based in Ganja and travels regularly to Sheki, Guba and Lankaran."
        ),
    },
    {
        "display_name": "Samir Abbasov",
        "slug": "samir-abbasov",
        "bio": (
            "Samir Abbasov is the culture correspondent, covering music, festivals, theatre and "
            "traditional crafts. He trained as a violinist before turning to journalism."
        ),
    },
    {
        "display_name": "Kamran Nuriyev",
        "slug": "kamran-nuriyev",
        "bio": (
            "Kamran Nuriyev covers football, chess and the regional sports scene. He has followed "
            "the domestic football league from the stands and the press box for more than a decade."
        ),
    },
]

ARTICLES = [  # 14 articles; hours_ago sets publication time relative to now
    {
        "slug": "yasamal-valley-metro-station-opens",
        "headline": "New Yasamal Valley metro station opens to passengers on the purple line",
        "standfirst": (
            "The station, the first to open in the capital in several years, is expected to serve "
            "about 35,000 passengers a day once connecting bus routes are redrawn next month."
        ),
        "section": "economy",
        "authors": ["leyla-rzayeva", "elvin-gasimli"],
        "tags": ["Baku", "Transport", "Infrastructure"],
        "hours_ago": 5,
        "updated_hours_after": None,
        "featured": True,
        "priority": 1,
        "image_alt": (
            "Abstract illustration in deep purple and silver curves for a story about the new "
            "Yasamal Valley metro station"
        ),
        "image_caption": (
            "The main entrance hall of Yasamal Valley station on its first morning (illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>Baku’s newest metro station, Yasamal Valley, opened to passengers at 6am
on Tuesday, extending the purple line by 1.9 kilometres into a fast-growing residential
district on the western edge of the capital.</p>
<p>The first trains ran on schedule, and by mid-morning staff at the entrance said several
thousand passengers had already passed through the turnstiles. Many were residents who until
now relied on minibuses to reach the nearest station, a journey that could take forty minutes
at peak hours.</p>
<p>“We planned for a quiet first day, but people came early to see the station and to time
their journey to work,” said Farid Mustafayev, deputy director for operations at the metro. “On
the first morning the trip to the city centre took under twenty minutes.”</p>
<h2>Bus routes to change</h2>
<p>Metro planners expect about 35,000 passengers a day once the surrounding bus network is
redesigned. Three routes that currently run parallel to the new line will be shortened to feed
the station instead, and two new local loops will link it with housing blocks further up the
hill.</p>
<ul><li>Routes 18 and 52 will terminate at the station forecourt from the first of next
month.</li><li>Route 74 will be shortened but keep its current frequency.</li><li>Two new
loops, numbered 201 and 202, will run every eight minutes at peak times.</li></ul>
<p>Details of the changes are published on the
<a href="https://transport.example.org/yasamal-valley">city transport agency’s website</a>,
which also lists temporary stops during construction of the new bus terminal.</p>
<blockquote><p>“For years the bus was the only option here. Now I can leave home fifteen
minutes later and still be at my desk on time.”</p></blockquote>
<p>That was the verdict of Gunel Rahimova, a pharmacist who lives two streets from the new
entrance. Others were more cautious. Several residents said the pedestrian crossing on the main
road outside the station needed traffic lights, and that the lifts at the northern entrance
were not yet in service.</p>
<p>Mr Mustafayev said the lifts would be commissioned after final safety checks later this
month, and that the metro had asked the city traffic police to review the crossing. Work on the
next station of the extension is scheduled to begin in the spring.</p>""",
    },
    {
        "slug": "ganja-water-mains-replacement",
        "headline": "Ganja begins replacing water mains in three central districts",
        "standfirst": (
            "The city water utility says supply will be cut at night on affected streets for up to "
            "six weeks while ageing pipes are replaced."
        ),
        "section": "regions",
        "authors": ["nigar-hajiyeva"],
        "tags": ["Ganja", "Water", "Infrastructure"],
        "hours_ago": 9,
        "updated_hours_after": 4,
        "featured": True,
        "priority": 2,
        "image_alt": (
            "Abstract illustration of interlocking teal and grey pipes on a sand-coloured "
            "background for a story about water mains works in Ganja"
        ),
        "image_caption": (
            "Crews preparing a trench for new water pipes near the central market in Ganja "
            "(illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>Work to replace ageing water mains in three central districts of Ganja
began on Monday, the city water utility said, in a project intended to end the pressure drops
that residents have complained about for several summers.</p>
<p>Crews will lay about 14 kilometres of new polyethylene pipe under streets in the Kapaz and
Nizami districts and in the neighbourhood around the central market. Some of the pipes being
removed were laid in the 1960s.</p>
<p>“A large share of the water we treat never reaches the tap, because the old cast-iron mains
leak,” said Ilgar Zeynalov, head of the city water utility. “Once this section is finished, we
expect losses in these districts to fall by about a third.”</p>
<h2>Which streets are affected</h2>
<p>To limit disruption, the utility says it will cut supply only between 11pm and 6am, and only
on streets where crews are working that week. Residents will be notified at least two days in
advance by notices posted at building entrances.</p>
<ul><li><strong>Weeks one and two:</strong> streets north of the central
market.</li><li><strong>Weeks three and four:</strong> residential blocks along the river
embankment.</li><li><strong>Weeks five and six:</strong> the remaining streets in the Nizami
district.</li></ul>
<p>Water tankers will be stationed at three points in the affected areas during the night-time
cuts, and the utility has set up a telephone line for elderly residents who cannot carry water
themselves. A full schedule is available on the
<a href="https://water.example.org/ganja-works">utility’s works page</a>.</p>
<p>Shopkeepers near the market said they were mostly relieved that the work would take place at
night. “We lose customers when the street is dug up during the day, so this is a sensible
plan,” said Vugar Ismayilov, who runs a bakery on one of the first streets scheduled for
work.</p>
<p><strong>Update:</strong> After this article was first published, the utility said work on
the embankment blocks would start a week earlier than planned because materials had arrived
ahead of schedule. Residents there will receive new notices by Thursday.</p>""",
    },
    {
        "slug": "baku-jazz-festival-programme",
        "headline": "Baku jazz festival announces programme with free concerts on the seafront",
        "standfirst": (
            "This year’s edition runs for ten days and adds open-air evening concerts on the "
            "boulevard, alongside ticketed shows in three city venues."
        ),
        "section": "culture",
        "authors": ["samir-abbasov"],
        "tags": ["Baku", "Music", "Festivals"],
        "hours_ago": 20,
        "updated_hours_after": None,
        "featured": True,
        "priority": 3,
        "image_alt": (
            "Abstract illustration of amber and midnight-blue sound waves for a story about the "
            "Baku jazz festival programme"
        ),
        "image_caption": (
            "A stage being set up on the seafront boulevard ahead of the jazz festival "
            "(illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>Organisers of the Baku jazz festival have published the programme for
this year’s edition, which will run for ten days and, for the first time, include free open-air
concerts on the seafront boulevard every evening.</p>
<p>The festival will bring together around 30 groups, roughly half of them from Azerbaijan.
Ticketed concerts will take place in three venues in the city centre, while the boulevard stage
will host younger ensembles and student bands from the capital’s music schools.</p>
<p>“Jazz in Baku has always lived in small clubs, but we wanted people who have never bought a
concert ticket to hear it too,” said Elnara Mirzayeva, the festival’s artistic director. “The
seafront is where the whole city walks in the evening, so that is where the music should
be.”</p>
<h2>Mugham meets jazz</h2>
<p>A strand of the programme is dedicated to the long local tradition of combining jazz with
mugham, the classical modal music of Azerbaijan. Pianist Rena Guliyeva will open the festival
with her trio, performing new arrangements written for piano, double bass and tar.</p>
<blockquote><p>“Mugham gives you a way of improvising that is very close to jazz. The scales
are different, but the freedom is the same, and audiences here hear that
immediately.”</p></blockquote>
<p>Ms Guliyeva said her trio had spent most of the summer rehearsing the new material. Other
highlights include saxophonist Orkhan Talibov, who returns to Baku after several years of
teaching abroad, and the Absheron Brass Collective, a twelve-piece band formed by former
military musicians.</p>
<p>The festival will also run free afternoon workshops for young musicians, led by visiting
performers. Places are limited, and registration opens next week on the
<a href="https://jazz.example.org/workshops">festival website</a>.</p>
<p>Organisers said the boulevard concerts would be moved indoors in case of strong wind or
rain, with updates posted on the festival’s pages on the day.</p>""",
    },
    {
        "slug": "baku-bus-lanes-public-hearing",
        "headline": "Residents question plan for dedicated bus lanes at Baku public hearing",
        "standfirst": (
            "Transport officials say lanes on two of the capital’s busiest avenues would cut "
            "journey times, but shop owners and drivers raised concerns about parking and "
            "deliveries."
        ),
        "section": "politics",
        "authors": ["leyla-rzayeva"],
        "tags": ["Baku", "Transport", "Local government"],
        "hours_ago": 3,
        "updated_hours_after": None,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Abstract illustration of red and white parallel lanes crossing a grey grid for a story"
            " about proposed bus lanes in Baku"
        ),
        "image_caption": (
            "Evening traffic on one of the avenues proposed for a dedicated bus lane (illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>A plan to give buses their own lanes on two of Baku’s busiest avenues met
a mixed reception at a public hearing on Wednesday, with residents broadly supporting faster
journeys but shop owners warning about the loss of parking spaces.</p>
<p>Under the proposal, the right-hand lane in each direction would be reserved for buses, taxis
carrying passengers and emergency vehicles between 7am and 8pm. The lanes would cover about 11
kilometres in total and be marked in red.</p>
<p>“At peak hours a bus on these avenues moves at the speed of a pedestrian,” said Sevinj
Abdullayeva, head of the public transport planning department at the city transport agency. “If
we give buses a clear path, we estimate that a typical journey will be eight to twelve minutes
shorter.”</p>
<p>About 150 people attended the hearing, held in the assembly hall of a secondary school.
Several speakers asked how deliveries to shops would be handled if kerbside parking was
removed. Officials said loading bays would be created on side streets and that deliveries in
the lanes would be allowed before 7am.</p>
<blockquote><p>“I am not against buses. But if my customers cannot stop for five minutes, they
will go to the shopping centre instead, and small shops like mine will close.”</p></blockquote>
<p>That concern came from Tahir Mammadli, who has run a hardware shop on one of the avenues for
twenty years. Others were more enthusiastic. A student who commutes to a university across the
city said her morning journey often took over an hour, most of it spent in traffic.</p>
<h2>What happens next</h2>
<p>The transport agency will collect written comments for another three weeks through its
<a href="https://transport.example.org/bus-lanes">consultation page</a>. A revised plan is
expected to go to the city executive early next year, and officials said a six-month trial on
one avenue was being considered before any permanent change.</p>""",
    },
    {
        "slug": "municipal-budgets-published-online",
        "headline": "Municipalities will have to publish their budgets online from next year",
        "standfirst": (
            "Under new rules, local councils must post annual budgets and quarterly spending "
            "reports on a public portal, a step supporters say will make local finances easier to "
            "follow."
        ),
        "section": "politics",
        "authors": ["elvin-gasimli", "leyla-rzayeva"],
        "tags": ["Local government", "Budget", "Transparency"],
        "hours_ago": 31,
        "updated_hours_after": None,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Abstract illustration of stacked blue and white rectangles resembling ledger pages for"
            " a story about municipal budgets"
        ),
        "image_caption": (
            "Council members reviewing budget documents at a municipal meeting (illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>Local councils across the country will be required to publish their
annual budgets and quarterly spending reports on a single public website from the start of next
year, under rules approved this week.</p>
<p>There are more than 1,500 municipalities in Azerbaijan, many of them serving a single
village or a group of villages. Until now, most have shared their budgets only on notice boards
in council offices, and practice has varied widely from one district to another.</p>
<p>The new portal will show each council’s income from local taxes and fees, how much it spends
on items such as street lighting, cemeteries and local roads, and the minutes of budget
meetings.</p>
<p>“Residents often ask us where the land tax goes, and we have nothing simple to show them,”
said Aynur Valiyeva, chair of a village municipality in the Shamakhi district. “A page anyone
can open on a phone is a real improvement, as long as we get help filling it in.”</p>
<h2>Training for small councils</h2>
<p>That help is the main concern for smaller councils, some of which employ only two or three
staff. Officials responsible for the portal said regional training sessions would begin in the
new year, and that councils would be able to submit figures on a simple form rather than
preparing full reports themselves.</p>
<p>Elshan Hasanli, a researcher who studies local government at a Baku university, said the
change could strengthen trust in municipalities, which many residents regard as distant from
their daily concerns.</p>
<blockquote><p>“Publishing the numbers is the first step. The real test is whether residents
use them to ask questions at council meetings, and whether councils are ready to
answer.”</p></blockquote>
<p>A test version of the portal is already available at
<a href="https://municipal.example.org/budgets">municipal.example.org</a>, with data from
twenty councils that volunteered to take part in a pilot earlier this year.</p>""",
    },
    {
        "slug": "regional-schools-renovation-programme",
        "headline": "Forty schools in the regions to be renovated over the summer holidays",
        "standfirst": (
            "The programme covers roofs, heating and sanitation in schools in the Sheki, Guba and "
            "Lankaran districts, with work timed so that lessons are not disrupted."
        ),
        "section": "politics",
        "authors": ["nigar-hajiyeva"],
        "tags": ["Education", "Budget", "Sheki"],
        "hours_ago": 58,
        "updated_hours_after": None,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Abstract illustration of yellow and green building blocks arranged like a school "
            "facade for a story about school renovations"
        ),
        "image_caption": (
            "A classroom in a district school awaiting new windows and heating (illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>Forty schools in three regional districts will be renovated during next
summer’s holidays, education officials announced on Monday, in a programme focused on roofs,
heating systems and toilets rather than cosmetic repairs.</p>
<p>The schools, in the Sheki, Guba and Lankaran districts, were selected after inspections
carried out this autumn. Most were built between the 1950s and the 1970s, and several still
rely on stoves or ageing boilers for heat in winter.</p>
<h2>Heating first</h2>
<p>“When the heating fails in January, children sit in class in their coats, and some parents
keep them at home,” said Zaur Musayev, head of the district education department in Sheki.
“That is why we asked for heating and roofs to come first, before paint and new furniture.”</p>
<p>According to the plan, work will include:</p>
<ul><li>new roofs for 18 schools where inspectors found leaks;</li><li>modern gas or electric
heating in 25 schools;</li><li>indoor toilets and running water in 12 village schools that
currently have outdoor facilities.</li></ul>
<p>Officials said the work would be tendered in the spring so that contractors could begin as
soon as the school year ends, and that all schools were expected to reopen on time in
September. Schools where work overruns will move lessons temporarily to nearby buildings.</p>
<p>Parents in one Sheki village welcomed the news. “My son’s school has had buckets in the
corridor every time it rains for as long as I can remember,” said Sabina Huseynova, who sits on
the school’s parents’ committee. “We have been asking for a new roof for years.”</p>
<p>The full list of schools has been posted on the
<a href="https://education.example.org/renovation-list">education department’s website</a>.
Officials said a second phase covering other districts would be considered once the first forty
schools are complete.</p>""",
    },
    {
        "slug": "regional-small-business-loans",
        "headline": "Small businesses in the regions turn to low-interest loans to expand",
        "standfirst": (
            "More than 1,200 loans were issued in the first nine months of the year under a "
            "regional lending programme, most of them to farms, workshops and family guesthouses."
        ),
        "section": "economy",
        "authors": ["elvin-gasimli"],
        "tags": ["Small business", "Ganja", "Lankaran", "Agriculture"],
        "hours_ago": 44,
        "updated_hours_after": None,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Abstract illustration of rising green and ochre bars on a cream background for a story"
            " about small business lending in the regions"
        ),
        "image_caption": (
            "A carpenter at work in a family furniture workshop in Ganja (illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>More than 1,200 small businesses outside Baku took out low-interest loans
in the first nine months of the year under a state-backed regional lending programme, according
to figures published this week.</p>
<p>The average loan was about 38,000 manat, repayable over five years. Farms accounted for just
over half of the total, followed by small manufacturing workshops and family guesthouses in
mountain areas.</p>
<p>“Two years ago most applications came from people who wanted to buy a car or a truck. Now we
see more requests for equipment that lets a business grow, such as greenhouses, cold storage
and machinery,” said Togrul Nasirov, regional director at the lending fund.</p>
<h2>From garage to workshop</h2>
<p>In Ganja, Anar Huseynov used a loan to move his furniture business out of the family garage
and into a rented workshop on the edge of the city. He bought two new machines and hired four
more carpenters, bringing his staff to nine.</p>
<p>“Before, we could take one kitchen order at a time. Now we can work on three or four at
once, and customers do not have to wait two months,” he said.</p>
<p>In the Lankaran district, where many families grow vegetables in greenhouses, farmer Gulnar
Alizada borrowed to replace plastic sheeting with glass and install drip irrigation. She said
her water use had fallen noticeably and that she could now harvest tomatoes into early
winter.</p>
<p>Economists said the figures were encouraging but warned that access to credit remained
uneven. Applicants in remote villages often have to travel to a district centre several times
to complete paperwork, and some lack the documents needed to prove ownership of land offered as
collateral.</p>
<p>The fund said it planned to accept applications online from next year and to open advice
desks in six more district centres. Its latest quarterly report is available on the
<a href="https://fund.example.org/reports">fund’s website</a>.</p>""",
    },
    {
        "slug": "sheki-guba-tourism-season-figures",
        "headline": "Mountain towns report busiest summer season as visitor numbers rise",
        "standfirst": (
            "Guesthouses in Sheki and Guba reported occupancy above 80 percent in July and August, "
            "according to figures compiled by regional tourism offices."
        ),
        "section": "economy",
        "authors": ["elvin-gasimli"],
        "tags": ["Tourism", "Sheki", "Guba"],
        "hours_ago": 70,
        "updated_hours_after": None,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Abstract illustration of layered green hills and terracotta rooftops in flat shapes "
            "for a story about tourism in mountain towns"
        ),
        "image_caption": (
            "Visitors walking through the old town of Sheki in late summer (illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>Sheki and Guba had their busiest summer season on record, according to
figures released this week by regional tourism offices, with guesthouses in both towns
reporting occupancy above 80 percent in July and August.</p>
<p>The Sheki district recorded about 212,000 overnight stays between June and September, up 14
percent on last year. In the Guba district the increase was 11 percent, driven largely by
families from Baku spending long weekends in the forests and villages.</p>
<p>“We used to have a short season in July. Now the town is busy from late May until the middle
of October,” said Lala Sadigova, who heads the Sheki district tourism office. “Visitors are
staying longer, too, on average three nights instead of two.”</p>
<p>Local businesses say the growth has changed the character of the old town, where many
families have turned spare rooms into guest accommodation. Restaurants, taxi drivers and craft
workshops also reported higher earnings than in previous years.</p>
<h2>Pressure on roads and water</h2>
<p>The increase has also brought strain. Residents in parts of Sheki complained of low water
pressure on the busiest weekends, and traffic on the road into Guba regularly backed up on
Friday evenings.</p>
<p>“Every room was full in August, which is good for us. But when the water goes off at nine in
the evening, guests do not understand, and it is the guesthouse that gets the bad review,” said
Rasim Agayev, who runs a six-room guesthouse near the old caravanserai.</p>
<p>District officials said a new reservoir serving the upper town would be completed before
next summer and that parking areas on the edge of the old town would be expanded.</p>
<p>Tourism offices in both districts are now promoting autumn and winter visits, including
walking routes and village food festivals, listed on the
<a href="https://tourism.example.org/north">regional tourism website</a>.</p>""",
    },
    {
        "slug": "lankaran-citrus-harvest-begins",
        "headline": "Citrus harvest begins in Lankaran with growers expecting a larger crop",
        "standfirst": (
            "A mild autumn and steady rainfall have helped orchards in the south, though growers "
            "say labour shortages could slow picking in the coming weeks."
        ),
        "section": "regions",
        "authors": ["nigar-hajiyeva"],
        "tags": ["Lankaran", "Agriculture", "Weather"],
        "hours_ago": 27,
        "updated_hours_after": None,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Abstract illustration of orange circles scattered over dark green leaf shapes for a "
            "story about the citrus harvest in Lankaran"
        ),
        "image_caption": (
            "Mandarins being sorted into crates at an orchard near Lankaran (illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>The mandarin and orange harvest is under way in the Lankaran district,
where growers say a mild autumn and regular rainfall have produced one of the best crops in
recent years.</p>
<p>The district agriculture office estimates that citrus orchards in Lankaran and the
neighbouring Astara district will yield around 48,000 tonnes this season, about 15 percent more
than last year. Most of the fruit is sold in Baku and other cities, with a smaller share going
to processing plants that make juice and preserves.</p>
<p>“The trees flowered well in spring and we had no serious frost last winter, which is the
main risk for citrus here,” said Kamala Ibrahimova, an agronomist at the district agriculture
office. “The fruit is larger this year and the skins are in good condition.”</p>
<p>On a family orchard outside the city, Mahir Ahmadov and his relatives have been picking
since dawn, filling wooden crates that are collected each afternoon by a buyer from the
capital.</p>
<blockquote><p>“My father planted these trees forty years ago. In a good year like this one,
the harvest pays for the whole family’s winter.”</p></blockquote>
<p>Mr Ahmadov said wholesale prices were slightly lower than last year because of the larger
supply, but that overall income should still be higher.</p>
<h2>Not enough hands</h2>
<p>The main concern for many growers is finding enough pickers. Younger people from villages in
the district increasingly work in Baku, and some farms said they had raised daily wages to
attract seasonal workers from neighbouring districts.</p>
<p>The agriculture office said it was working with growers on shared cold storage so that fruit
could be kept longer and sold gradually through the winter, rather than all at once at harvest
time. Weather forecasters expect dry conditions for the next ten days, which growers said would
help them bring in most of the crop before the first frosts.</p>""",
    },
    {
        "slug": "guba-mountain-villages-snow",
        "headline": "Heavy snow cuts road links to mountain villages in the Guba district",
        "standfirst": (
            "Road crews are working to clear routes to six villages after up to 70 centimetres of "
            "snow fell overnight. Schools in the area are closed until Thursday."
        ),
        "section": "regions",
        "authors": ["nigar-hajiyeva"],
        "tags": ["Guba", "Weather", "Transport"],
        "hours_ago": 14,
        "updated_hours_after": 6,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Abstract illustration of white and pale blue triangles over a dark slate sky for a "
            "story about heavy snow in mountain villages"
        ),
        "image_caption": (
            "A snowplough on the road to a mountain village in the Guba district (illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>Heavy overnight snow has cut road access to six mountain villages in the
Guba district, local officials said on Monday, with up to 70 centimetres falling at higher
altitudes in less than twelve hours.</p>
<p>The snow arrived earlier and in greater quantity than forecasters had expected. Power lines
were brought down in two villages, and several lorries were stranded on the main mountain road
before it was closed to traffic shortly after midnight.</p>
<p>“We have four snowploughs and two graders working in shifts, and we are clearing the routes
in order of population,” said Ramil Guliyev, head of the district road maintenance service.
“The steepest sections are the hardest, because the snow keeps drifting back as soon as we
clear it.”</p>
<h2>Schools closed, power being restored</h2>
<p>The district education department closed eleven village schools until Thursday. Electricity
engineers reached one of the two villages without power by mid-afternoon and said the second
would be reconnected once the road was passable.</p>
<p>Residents in the higher villages are used to heavy winters and most keep stocks of flour,
fuel and animal feed. Still, several families said they were worried about elderly relatives
who need regular medical care.</p>
<p>“We have enough bread and firewood for a week, but my mother needs her medicine from the
pharmacy in town,” said Elmira Gadirova, who lives in one of the cut-off villages. “The doctor
has promised to come with the first vehicle that gets through.”</p>
<p>The national weather service has warned of further snowfall above 1,500 metres on Tuesday
night and advised drivers to avoid mountain roads unless their journey is essential. Current
road conditions are published on the <a href="https://roads.example.org/guba">district roads
page</a>.</p>
<p><strong>Update:</strong> Road crews reopened the route to four of the six villages by Monday
evening, and an ambulance reached the village where residents had asked for medical visits.
Work on the remaining two roads will continue overnight.</p>""",
    },
    {
        "slug": "absheron-beaches-volunteer-clean-up",
        "headline": "Volunteers collect eight tonnes of litter from Absheron beaches",
        "standfirst": (
            "More than 600 people joined a weekend clean-up along the Caspian coast, where "
            "organisers say plastic bottles and fishing nets made up most of the rubbish."
        ),
        "section": "regions",
        "authors": ["nigar-hajiyeva"],
        "tags": ["Environment", "Caspian", "Volunteers"],
        "hours_ago": 110,
        "updated_hours_after": None,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Abstract illustration of flowing turquoise waves meeting a band of sand-coloured dots "
            "for a story about a beach clean-up on the Caspian coast"
        ),
        "image_caption": (
            "Volunteers sorting collected litter on a beach on the Absheron peninsula "
            "(illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>More than 600 volunteers collected around eight tonnes of litter from
beaches on the Absheron peninsula over the weekend, in one of the largest coastal clean-ups
organised on the Caspian shore so far.</p>
<p>Groups of students, office workers and families worked along seven stretches of beach
between Sumgayit and the eastern tip of the peninsula. The rubbish was sorted on site, and
organisers said about a third of it would be sent for recycling.</p>
<p>“The summer crowds leave a lot behind, but much of what we find has been washed up by the
sea,” said Nurlan Safarov, coordinator of the volunteer group that organised the event.
“Plastic bottles, bags and old fishing nets are the biggest problem, and the nets are
especially dangerous for birds.”</p>
<p>Volunteers recorded what they found using a simple checklist, so that the group can compare
results with future clean-ups. The most common items were:</p>
<ul><li>plastic bottles and caps;</li><li>food packaging and bags;</li><li>cigarette
ends;</li><li>fragments of fishing nets and rope.</li></ul>
<p>Dilara Karimova, a marine biology student who helped survey one beach, said the findings
would be shared with local municipalities to help them decide where to place more bins and
where collection should be more frequent.</p>
<p>“Cleaning a beach once is easy. Keeping it clean for the whole year is the hard part, and
that needs municipalities, beach owners and visitors to work together,” she said.</p>
<p>Several coastal municipalities provided lorries to take the sorted rubbish away, and local
cafés offered volunteers tea and bread at the end of the day. The group plans another clean-up
in the spring, before the start of the swimming season, and has published a
<a href="https://coast.example.org/report">short report</a> with maps of the areas covered.</p>""",
    },
    {
        "slug": "guba-carpet-weaving-festival",
        "headline": "Guba carpet weaving festival draws weavers from twelve districts",
        "standfirst": (
            "Master weavers demonstrated traditional knotting techniques over three days, and "
            "organisers say interest among young people in learning the craft is growing."
        ),
        "section": "culture",
        "authors": ["samir-abbasov", "nigar-hajiyeva"],
        "tags": ["Guba", "Festivals", "Crafts", "Tourism"],
        "hours_ago": 96,
        "updated_hours_after": None,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Abstract illustration of crimson, indigo and gold geometric patterns inspired by "
            "carpet motifs for a story about a weaving festival"
        ),
        "image_caption": (
            "A weaver working at a vertical loom during the festival in Guba (illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>Weavers from twelve districts gathered in Guba over the weekend for the
town’s annual carpet weaving festival, where visitors watched carpets being made on traditional
looms and heard how patterns have been passed down through generations.</p>
<p>The festival took place in the town’s central park, where around forty looms were set up
under awnings. Each district brought examples of its own designs, from the dense geometric
patterns of the north to the softer floral motifs of the south.</p>
<p>“Every village has its own way of drawing a medallion or a border, and a good weaver can
tell where a carpet comes from at a glance,” said Sakina Mammadli, a 68-year-old master weaver
who has worked at the loom since she was twelve.</p>
<h2>Passing on the patterns</h2>
<p>Organisers said this year’s festival placed more emphasis on teaching. Local schools sent
pupils to short workshops, and a vocational college in the town announced that it would open a
second weaving class next year because of demand.</p>
<blockquote><p>“Ten years ago we worried that the craft would disappear with our grandmothers.
Now young women, and even a few young men, are asking to learn.”</p></blockquote>
<p>Those words came from Aygun Shirinova, who teaches weaving at the college and helped
organise the festival. She said a single medium-sized carpet can take a skilled weaver four to
six months, which made it important for students to learn patience as well as technique.</p>
<p>The festival also included a display of natural dyes made from madder root, walnut shells
and pomegranate skins, and a discussion on how to record old designs before the carpets that
carry them wear out. Photographs of the carpets shown at the festival will be added to an
<a href="https://carpets.example.org/archive">online pattern archive</a>.</p>
<p>District officials said about 9,000 people visited over the three days, many of them from
Baku, and that the festival would again be held in the same park next year.</p>""",
    },
    {
        "slug": "baku-rapid-chess-open-day-two",
        "headline": "Teenager from Sumgayit leads Baku rapid chess open after two days",
        "standfirst": (
            "Sixteen-year-old Emil Rustamov is the only player with a perfect score going into the "
            "final day of the tournament, which has attracted 180 players."
        ),
        "section": "sport",
        "authors": ["kamran-nuriyev"],
        "tags": ["Chess", "Baku", "Youth sport"],
        "hours_ago": 38,
        "updated_hours_after": None,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Abstract illustration of black and white squares tilted across a warm orange "
            "background for a story about a rapid chess tournament"
        ),
        "image_caption": (
            "Players at the top boards during the second day of the rapid open (illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>A sixteen-year-old from Sumgayit leads the Caspian Rapid Open in Baku
after two days of play, having won all seven of his games against a field that includes several
experienced masters.</p>
<p>Emil Rustamov, who trains at a chess school in his home city, beat the tournament’s second
seed on Saturday evening in a sharp game that ended with a mating attack on move 34. He is one
point ahead of a group of five players going into the final four rounds.</p>
<p>“I did not expect to be in first place. I just tried to play quickly in the opening and save
time for the difficult positions,” Rustamov said after the round. “Tomorrow will be harder,
because everyone at the top boards is very strong.”</p>
<p>The tournament, played with 15 minutes per player plus a ten-second increment per move, has
attracted 180 entrants, including about sixty juniors. Games are being held in a sports hall in
the city centre, with the top ten boards shown live on screens for spectators.</p>
<h2>Juniors make their mark</h2>
<p>Rustamov is not the only young player doing well. Three of the five players on six points
are under eighteen, and a twelve-year-old from Ganja, Aylin Mahmudova, has drawn with two
titled opponents.</p>
<p>“We have seen a real rise in the level of juniors in the last few years, especially from
schools outside Baku,” said Huseyn Alakbarov, the tournament’s chief arbiter. “Many of them
play online every day, and it shows in how fast they calculate.”</p>
<p>The final rounds begin at 11am on Sunday, and the prize-giving is expected in the early
evening. Pairings and results are published on the
<a href="https://chess.example.org/rapid-open">tournament website</a> after each round.</p>""",
    },
    {
        "slug": "ganja-ulduz-beat-absheron-sahil",
        "headline": "Ganja Ulduz come from behind to beat Absheron Sahil with late winner",
        "standfirst": (
            "A header in the 88th minute gave the home side a 2–1 victory and lifted them to third "
            "in the league table."
        ),
        "section": "sport",
        "authors": ["kamran-nuriyev"],
        "tags": ["Football", "Ganja", "Youth sport"],
        "hours_ago": 1,
        "updated_hours_after": None,
        "featured": False,
        "priority": 0,
        "image_alt": (
            "Abstract illustration of green and white diagonal stripes with a bright yellow arc for"
            " a story about a league football match in Ganja"
        ),
        "image_caption": (
            "Ganja Ulduz players celebrating the late winner in front of the home stand "
            "(illustration)"
        ),
        "image_credit": "Newsroom graphics",
        "body": """<p>Ganja Ulduz came from a goal down to beat Absheron Sahil 2–1 on Saturday
evening, with substitute Nijat Karimov heading the winner two minutes from the end of normal
time.</p>
<p>The result lifts Ganja Ulduz to third place in the league table, level on points with the
second-placed side, while Absheron Sahil drop to sixth after a second defeat in a row.</p>
<p>The visitors took the lead midway through the first half when their captain, Ruslan Hasanov,
curled a free kick over the wall and inside the near post. For much of the first half Ganja
Ulduz struggled to create chances against a well-organised defence.</p>
<p>The home side improved after the break. Midfielder Kanan Salimov equalised in the 61st
minute with a low shot from the edge of the area, and the crowd of around 7,000 grew louder as
Ganja Ulduz pressed for a second.</p>
<p>The winner came from a corner in the 88th minute. Karimov, who had been on the pitch for
less than ten minutes, rose above two defenders to head in at the far post.</p>
<blockquote><p>“At half-time I told the players to be patient and to move the ball faster.
Nijat has been working hard in training, and tonight he got his reward.”</p></blockquote>
<p>That was the assessment of Elmar Gurbanov, head coach of Ganja Ulduz, who praised the club’s
young substitutes. Karimov, 19, came through the club’s youth academy and was making only his
fourth league appearance.</p>
<p>Absheron Sahil’s coach, Fuad Rzayev, said his team had tired in the final half hour. “We
defended well for an hour, but we gave away too many set pieces at the end, and at this level
you are punished for that,” he said.</p>
<p>Ganja Ulduz travel to the capital next weekend, while Absheron Sahil host a home match on
Sunday. Full league standings are available on the
<a href="https://football.example.org/table">league website</a>.</p>""",
    },
]
