# "2 декабря 2026, 09:30": the month in the genitive, no "г." in running text.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
