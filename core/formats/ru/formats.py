# “1 декабря 2026”: the month in the genitive, no “г.”, as Russian commentary dates its pieces.
DATE_FORMAT = "j E Y"
