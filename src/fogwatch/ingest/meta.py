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


# --- dates an article states about itself ----------------------------------------------------

_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DATE = (rf"(?i:{_WEEKDAY}(?:{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
         rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.replace('month', 'month2')}\s+(?P<y2>(?:19|20)\d\d)"
         r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)))")
# A stated date: "Published: March 3, 2023", "Updated 12:04 GMT, Fri 3 Mar 2023", a dateline
# "KYIV, March 3, 2023 (Reuters) -", or a line that is only a date (with a time, perhaps).
_STATED = [
    ("published", re.compile(rf"^\W*(?:first\s+)?(?:published|posted|released|date)(?:\s+on)?\s*:?\s*"
                             rf"(?:[\d:.]+\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{{2,4}})?,?\s*)?{_DATE}", re.I)),
    ("dateline", re.compile(rf"^[A-Z][A-Za-z .'’-]+(?:,\s*[A-Z][A-Za-z .'’-]+)?,\s*{_DATE}\s*(?:\([A-Za-z .]+\)\s*)?[-—–]")),
    ("line", re.compile(rf"^\W*{_DATE}(?:\s*(?:at\s+)?[\d:.]+\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{{2,4}})?)?\W*$", re.I)),
    ("updated", re.compile(rf"^\W*(?:last\s+)?(?:updated|modified)(?:\s+on)?\s*:?\s*"
                           rf"(?:[\d:.]+\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{{2,4}})?,?\s*)?{_DATE}", re.I)),
]
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                          "nov", "dec"), 1)}
HEAD_LINES, TAIL_LINES = 6, 3


def _date_of(match: re.Match) -> dt.date | None:
    g = match.groupdict()
    try:
        if g.get("y3"):
            return dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        if g.get("y1"):
            return dt.date(int(g["y1"]), _MONTHS[g["month"][:3].lower()], int(g["d1"]))
        if g.get("y2"):
            return dt.date(int(g["y2"]), _MONTHS[g["month2"][:3].lower()], int(g["d2"]))
    except (ValueError, KeyError):
        return None
    return None


def stated_published(text: str) -> PartialDate | None:
    """The publication date an article states in its first or last lines, if it states one.

    A "Published"/"Posted" line wins over a dateline, a dateline over a line holding only a date,
    and all of them over "Updated" (a later date than the one the text was written against).
    Dates without a year ("KYIV, March 3 (Reuters) -") are not guessed.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    candidates = lines[:HEAD_LINES] + lines[-TAIL_LINES:]
    for _kind, pattern in _STATED:
        for line in candidates:
            match = pattern.search(line)
            if match:
                date = _date_of(match)
                if date is not None:
                    return PartialDate(date, "day")
    return None
