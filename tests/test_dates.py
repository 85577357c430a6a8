import datetime as dt

import pytest

from storyline import dates


@pytest.mark.parametrize(
    ("text", "value", "earliest", "latest", "precision"),
    [
        ("2017", "2017", dt.date(2017, 1, 1), dt.date(2017, 12, 31), "year"),
        ("2016-02", "2016-02", dt.date(2016, 2, 1), dt.date(2016, 2, 29), "month"),
        ("2017-07-13", "2017-07-13", dt.date(2017, 7, 13), dt.date(2017, 7, 13), "day"),
        ("2017-07-13T08:30:00Z", "2017-07-13", dt.date(2017, 7, 13), dt.date(2017, 7, 13), "day"),
    ],
    ids=["year", "leap-month", "day", "timestamp"],
)
def test_parse_iso_keeps_precision(text, value, earliest, latest, precision) -> None:
    parsed = dates.parse_iso(text)
    assert parsed is not None
    assert (parsed.value, parsed.earliest, parsed.latest, parsed.precision) == (
        value, earliest, latest, precision,
    )


@pytest.mark.parametrize("text", ["", "July", "2017-13", "20x7"], ids=["empty", "word", "bad-month", "junk"])
def test_parse_iso_rejects_non_dates(text: str) -> None:
    assert dates.parse_iso(text) is None
