# "2 dekabr 2026, 09:30": months in lower case (newsroom/formats/__init__.py).
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
