# “1 грудня 2026”: the month in the genitive, no leading zero and no “р.”.
DATE_FORMAT = "j E Y"
