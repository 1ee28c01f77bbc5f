"""Publication dates as given by sources: full ISO dates and datetimes, or partial YYYY-MM / YYYY."""
from __future__ import annotations

import datetime as dt
import re

from fogwatch.errors import BadInput
from fogwatch.records import PartialDate

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def parse_published(value: object) -> PartialDate | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadInput(f"published must be an ISO date string, not {type(value).__name__}")
    text = value.strip()
    match = _PARTIAL.match(text)
    try:
        if match:
            year, month = int(match[1]), match[2]
            if month is None:
                return PartialDate(dt.date(year, 1, 1), "year")
            return PartialDate(dt.date(year, int(month), 1), "month")
        if len(text) == 10:
            return PartialDate(dt.date.fromisoformat(text), "day")
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return PartialDate(stamp.date(), "day")
    except ValueError:
        raise BadInput(f"published {text!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)") from None
