"""The words generated articles are made of: fictional places' news in the
demo's sections, assembled from templates, so that every story reads
differently (headlines, standfirsts, bodies of several paragraphs) and search
has real words to find. Plain Python, no Django: written for this project,
copied from nowhere.
"""

import random

PLACES = [
    "Baku", "Ganja", "Sumgait", "Lankaran", "Sheki", "Guba", "Shamakhi", "Mingachevir",
    "Nakhchivan", "Gabala", "Zaqatala", "Shirvan", "Yevlakh", "Barda", "Khachmaz", "Astara",
    "Masalli", "Ismayilli", "Goychay", "Tovuz", "Gadabay", "Absheron", "Sabirabad", "Salyan",
    "Naftalan", "Lerik", "Quba", "Oguz",
]  # fmt: skip

# Who acts in each section's stories (keyed by the demo's section slugs).
ACTORS = {
    "politics": [
        "district council", "municipal assembly", "regional administration", "city hall",
        "parliamentary committee", "election commission", "ombudsman's office", "mayor's office",
    ],
    "economy": [
        "port authority", "regional bank", "farmers' cooperative", "textile factory",
        "logistics company", "small business association", "state railway", "tax office",
    ],
    "regions": [
        "water board", "village school", "district hospital", "forestry service",
        "irrigation authority", "road maintenance service", "weather service", "volunteer group",
    ],
    "culture": [
        "state philharmonic", "carpet museum", "youth theatre", "folk ensemble",
        "film festival", "national library", "jazz club", "crafts guild",
    ],
    "sport": [
        "football club", "chess federation", "wrestling school", "volleyball team",
        "youth academy", "cycling club", "athletics union", "stadium operator",
    ],
}  # fmt: skip
OTHER_ACTORS = ["district council", "regional administration", "volunteer group"]

VERBS = [
    "approves", "delays", "opens", "reviews", "expands", "cuts", "announces", "questions",
    "plans", "rejects", "celebrates", "funds", "postpones", "defends", "unveils", "doubles",
]  # fmt: skip
OBJECTS = [
    "its new budget", "the bus routes", "water tariffs", "school repairs", "a public hearing",
    "the winter schedule", "road works", "a pilot scheme", "housing plans",
    "the summer programme", "new training grounds", "ticket prices", "the harvest forecast",
    "river defences", "a recycling drive", "the night market", "a scholarship fund",
    "the heating season", "a new clinic", "the tourist season", "cycle lanes", "grain storage",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST_NAMES = [
    "Aysel", "Rashad", "Nigar", "Tural", "Leyla", "Elvin", "Sabina", "Kamran", "Gunel",
    "Farid", "Aynur", "Orkhan", "Lala", "Ilgar", "Narmin", "Vugar", "Sevinj", "Emin",
]  # fmt: skip
SURNAMES = [
    "Aliyeva", "Mammadov", "Huseynova", "Guliyev", "Hasanova", "Ismayilov", "Karimli",
    "Abbasova", "Nuriyev", "Rzayeva", "Gasimli", "Hajiyeva", "Babayev", "Jafarova",
]  # fmt: skip
ROLES = [
    "a spokesperson for the {actor}", "the head of the {actor}", "a local shopkeeper",
    "a retired teacher", "a member of the {actor}", "an engineer on the project",
    "a parent of two", "the {actor}'s treasurer",
]  # fmt: skip
QUOTES = [
    "We listened to people and changed the plan",
    "Nobody asked the villages what they needed",
    "This is the first step, not the last",
    "The money is there; the question is the timetable",
    "We have waited for this for ten years",
    "It will take a season before anyone sees a difference",
    "The figures speak for themselves",
    "We will publish every contract online",
]
TOPICS = [
    "Transport", "Education", "Health", "Water", "Budget", "Tourism", "Agriculture",
    "Environment", "Football", "Chess", "Music", "Festivals", "Local government", "Housing",
    "Energy", "Weather", "Infrastructure", "Small business", "Elections", "Youth sport",
    "Crafts", "Transparency", "Courts", "Science", "Theatre", "Film", "Heritage", "Fishing",
    "Caspian", "Volunteers", "Jobs", "Prices", "Railways", "Roads", "Schools", "Hospitals",
    "Wrestling", "Cycling", "Books", "Museums",
]  # fmt: skip
LONG_TAIL = [
    "bridges", "markets", "parks", "libraries", "ferries", "orchards", "vineyards", "dams",
    "clinics", "stadiums", "bakeries", "bus depots",
]  # fmt: skip

HEADLINES = [
    "{Place} {actor} {verb} {object}",
    "{Actor} in {place} {verb} {object}",
    "What the {actor}'s decision on {object} means for {place}",
    "{Place} residents divided as {actor} {verb} {object}",
    "After months of debate, {actor} {verb} {object}",
    "{Place}: {actor} {verb} {object} before {weekday}",
]
SENTENCES = [
    "The {actor} in {place} {verb} {object} on {weekday}, after {number} weeks of talks.",
    "Residents of {place} said the decision had been expected since the spring.",
    "“{quote},” said {name}, {role}.",
    "According to figures seen by this newspaper, {number} families are affected.",
    "The plan covers {number} streets in the centre of {place} and two outlying villages.",
    "Critics argue that {object} should have come first.",
    "The {actor} did not answer questions about the cost, which earlier estimates put at "
    "{number} million manat.",
    "Work is due to start within {number} days, weather permitting.",
    "{name}, {role}, said the timetable was realistic but tight.",
    "A similar scheme in {other_place} was abandoned in its second year.",
    "The next meeting of the {actor} is set for {weekday}, and it will be open to the public.",
    "Local businesses welcomed the news, though several asked for clearer dates.",
    "Officials promised to publish the full documents online by the end of the month.",
    "By {weekday} evening, more than {number} people had signed a petition.",
    "It is the {ordinal} such decision in {place} this year.",
]
ORDINALS = ["second", "third", "fourth", "fifth"]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    """Writes one story at a time for a section, from the generator's stream."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def slots(self, section_slug: str, place: str) -> dict:
        rng = self.rng
        actor = rng.choice(ACTORS.get(section_slug, OTHER_ACTORS))
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        return {
            "place": place,
            "Place": place,
            "actor": actor,
            "Actor": capitalise(f"the {actor}"),
            "verb": rng.choice(VERBS),
            "object": rng.choice(OBJECTS),
            "weekday": rng.choice(WEEKDAYS),
            "name": name,
            "role": rng.choice(ROLES).format(actor=actor),
            "quote": rng.choice(QUOTES),
            "other_place": rng.choice(PLACES),
            "ordinal": rng.choice(ORDINALS),
        }

    def paragraph(self, slots: dict, sentences: int) -> str:
        # Distinct sentences within a paragraph: a repeated one reads as a bug.
        return " ".join(
            template.format(number=self.rng.randint(2, 400), **slots)
            for template in self.rng.sample(SENTENCES, sentences)
        )

    def story(self, section_slug: str, place: str) -> tuple[str, str, str]:
        """(headline, standfirst, body HTML) of one story."""
        rng = self.rng
        slots = self.slots(section_slug, place)
        headline = capitalise(rng.choice(HEADLINES).format(**slots))
        standfirst = self.paragraph(slots, rng.randint(1, 2))
        paragraphs = []
        for _ in range(rng.randint(4, 8)):
            paragraphs.append(f"<p>{self.paragraph(slots, rng.randint(2, 5))}</p>")
        return headline[:200], standfirst[:400], "".join(paragraphs)


def tag_vocabulary() -> list[str]:
    """Common tags first, then a long tail of rarer ones (a place's bridges,
    markets...): chosen with Zipf weights, a few tags are on many stories and
    most on a handful."""
    common = PLACES[:8] + TOPICS[:16]
    rare = PLACES[8:] + TOPICS[16:]
    tail = [f"{place} {thing}" for place in PLACES for thing in LONG_TAIL]
    # A fixed order (not secret): the vocabulary is the same every run.
    random.Random(0).shuffle(tail)  # noqa: S311
    return common + rare + tail
