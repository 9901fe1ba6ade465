"""The demo desk: stories that are not public yet, one in each workflow state,
so that the admin's dashboard and calendar show a working newsroom on the
first `make run`. Times are relative to the first load, in hours."""

DESK = [
    {
        "slug": "caspian-ferry-timetable-winter",
        "headline": "Caspian ferry operator to publish winter timetable",
        "standfirst": "The port authority is expected to confirm reduced sailings to Turkmenbashi.",
        "section": "economy",
        "authors": ["elvin-gasimli"],
        "status": "planned",
        "planned_in_hours": 40,
        "body": "",
        "note": "Waiting for the port authority's press office to confirm the date.",
    },
    {
        "slug": "sheki-silk-workshop-reopens",
        "headline": "Sheki silk workshop reopens after two-year restoration",
        "standfirst": "The nineteenth-century building will again host weavers and a small museum.",
        "section": "culture",
        "authors": ["samir-abbasov"],
        "status": "draft",
        "planned_in_hours": 30,
        "body": """<p>The silk workshop in the old town of Sheki reopened its doors on Friday
after a restoration that took two years and replaced most of the roof.</p>
<p>Local weavers will work in the main hall, and a small museum on the upper floor will show
tools and patterns collected from families in the district.</p>""",
        "note": "Photos from the opening are coming on Monday; hold until then.",
    },
    {
        "slug": "lankaran-tea-growers-cooperative",
        "headline": "Lankaran tea growers form a cooperative to sell abroad",
        "standfirst": (
            "Twenty-three family plantations will share a packing line and a common brand."
        ),
        "section": "regions",
        "authors": ["nigar-hajiyeva"],
        "status": "review",
        "planned_in_hours": 18,
        "body": """<p>Twenty-three family tea plantations in the Lankaran district have formed a
cooperative that will share a packing line and sell under a common brand.</p>
<p>The growers say that selling together will let them reach buyers in neighbouring countries,
who until now have bought mostly from large producers.</p>
<blockquote><p>“Alone, none of us could fill a container. Together we can,” said one of the
founders, who has grown tea on the same hillside for thirty years.</p></blockquote>
<p>The first shipment is planned for the spring harvest.</p>""",
        "note": "Please check the number of plantations against the registry before publishing.",
    },
    {
        "slug": "baku-marathon-route-announced",
        "headline": "Baku marathon route to pass the Old City for the first time",
        "standfirst": (
            "Organisers expect 5,000 runners and will close parts of the boulevard for the day."
        ),
        "section": "sport",
        "authors": ["kamran-nuriyev"],
        "status": "scheduled",
        "publish_in_hours": 14,
        "body": """<p>This year's Baku marathon will pass through the Old City for the first
time, the organisers announced, with the route entering at the Double Gates and leaving past
the Maiden Tower.</p>
<p>About 5,000 runners are expected across the full marathon, the half marathon and a family
race of five kilometres. Parts of the seafront boulevard will be closed to traffic from early
morning until the afternoon.</p>
<p>Registration closes two weeks before the race.</p>""",
        "note": "",
    },
]
