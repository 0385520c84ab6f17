DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATETIME_FORMAT = (
    "d-m-Y H:i"  # the short date, and the time: one format for dates in every list and timeline
)
