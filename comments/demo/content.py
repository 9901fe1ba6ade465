"""Demo reader comments (fictional people), keyed by article slug. Each entry is
(name, body, replies); the newsroom's replies are marked with NEWSROOM."""

NEWSROOM = "newsroom"

COMMENTS = {
    "yasamal-valley-metro-station-opens": [
        (
            "Tural M.",
            "Finally! I used to spend forty minutes on two minibuses to get to work.\n\n"
            "Does anyone know whether the night buses will stop at the new station too?",
            [
                (
                    NEWSROOM,
                    "Thank you for asking. The transport agency told us the night routes will "
                    "be redrawn next month; we will report the details as soon as they are "
                    "published.",
                    [],
                ),
                ("Sevda", "Same question here, my shift ends after midnight.", []),
            ],
        ),
        (
            "Rauf Karimli",
            "Good news, but the entrance on the northern side still has no ramp for "
            "wheelchairs or prams.",
            [],
        ),
    ],
    "baku-jazz-festival-programme": [
        (
            "Leyla A.",
            "The free concerts on the boulevard are a lovely idea. Last year the tickets "
            "sold out in a day.",
            [("Elchin", "Agreed. I hope the weather holds!", [])],
        ),
    ],
}

# Comments waiting for a moderator: (article slug, name, body).
PENDING_COMMENTS = [
    (
        "yasamal-valley-metro-station-opens",
        "Kamala",
        "Is the station open on Sundays from 6am as well? The article mentions weekdays only.",
    ),
    (
        "baku-jazz-festival-programme",
        "Orkhan B.",
        "Will the boulevard concerts be recorded for people who cannot come in person?",
    ),
]
