"""Date expressions normalised against the article's publication date and its precision.

News convention: "on Monday" is the latest Monday on or before publication. With a publication
date known only to the month, a weekday resolves only to that month; with none, relative
expressions stay unknown (never today's date).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from fogwatch.extract.numbers import parse_number
from fogwatch.records import PartialDate, Precision

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

DATE_PATTERN = re.compile(
    r"\b(?:(?:on|last|this|early|late)\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?P<rel>yesterday|today|last night|overnight|last week|this week|last month|this month|last year|earlier this (?:week|month|year)|"
    r"earlier in the week|(?:over|at|during) the weekend|(?:this|last|past) weekend)\b"
    r"|\b(?:in|over|during|within) (?:the )?(?:last|past|previous|recent) ?(?P<recent>(?:few |several |couple of )?days|"
    r"\d{1,2} hours|day|night|(?:two|three|\d{1,2}) days|week)\b|\bin recent (?P<recent2>days)\b"
    r"|\b(?:(?P<day1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month1>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
    r"|(?P<month2>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:\s*[-–]\s*(?P<day2b>\d{1,2})(?:st|nd|rd|th)?)?)\b(?:,?\s+(?P<year1>\d{4}))?"
    r"|\bin\s+(?:(?:early|mid|late)[- ])?(?P<month3>" + "|".join(calendar.month_name[1:]) + r")(?:\s+(?P<year2>\d{4}))?\b"
    r"|\b(?P<war>(?:World War (?:I|II|One|Two|1|2))|(?:First|Second) World War)\b"
    r"|\b(?P<month4>" + "|".join(calendar.month_name[1:]) + r")\s+(?P<year4>\d{4})\b"
    r"|\bin\s+(?P<year3>(?:19|20)\d{2})\b"
    r"|\b(?:(?:more|less) than |about |nearly |almost |some )?(?P<agon>\w+) (?P<agou>day|week|month|year)s? ago\b",
    re.IGNORECASE,
)


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _past_year(month: int, day: int | None, base: PartialDate) -> int:
    """The year that puts month/day on or before publication (news reports the past)."""
    year = base.date.year
    if base.precision == "year":
        return year
    if (month, day or 1) > (base.date.month, base.date.day if base.precision == "day" else 31):
        return year - 1
    return year


def resolve(match: re.Match, published: PartialDate | None) -> tuple[dt.date, dt.date, Precision] | None:
    g = match.groupdict()
    if g["weekday"]:
        if published is None:
            return None
        if published.precision == "day":
            back = (published.date.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7
            day = published.date - dt.timedelta(days=back)
            return day, day, "day"
        if published.precision == "month":
            start, end = _month_range(published.date.year, published.date.month)
            return start, end, "month"
        return None
    if g["recent"] or g["recent2"]:
        # "in the last few days", "over the past 24 hours", "during the last day": a window that ends
        # at publication.
        if published is None or published.precision != "day":
            return None
        words = (g["recent"] or g["recent2"]).lower()
        if words in ("day", "night") or words.endswith("hours"):
            back = 1
        elif words == "week":
            back = 7
        else:  # "two days", "10 days"; "few", "several" or "couple of" days: three
            back = parse_number(words.split()[0]) or 3
        return published.date - dt.timedelta(days=back), published.date, "day" if back == 1 else "week"
    if g["rel"]:
        rel = g["rel"].lower()
        if published is None or published.precision != "day":
            if published is not None and rel in ("last year",):
                year = published.date.year - 1
                return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
            return None
        base = published.date
        if rel in ("today", "overnight", "last night"):
            return (base - dt.timedelta(days=1), base, "day") if rel != "today" else (base, base, "day")
        if rel == "yesterday":
            day = base - dt.timedelta(days=1)
            return day, day, "day"
        if rel.endswith("weekend"):
            # The last Saturday and Sunday up to publication ("over the weekend" read on a Thursday);
            # "last weekend" read on a weekend is the one before.
            saturday = base - dt.timedelta(days=(base.weekday() - 5) % 7)
            if rel.startswith("last") and base.weekday() >= 5:
                saturday -= dt.timedelta(days=7)
            return saturday, min(saturday + dt.timedelta(days=1), base), "week"
        if rel in ("last week",):
            start = base - dt.timedelta(days=base.weekday() + 7)
            return start, start + dt.timedelta(days=6), "week"
        if rel in ("this week", "earlier this week", "earlier in the week"):
            return base - dt.timedelta(days=base.weekday()), base, "week"
        if rel in ("last month",):
            prev = base.replace(day=1) - dt.timedelta(days=1)
            return (*_month_range(prev.year, prev.month), "month")
        if rel in ("this month", "earlier this month"):
            return base.replace(day=1), base, "month"
        if rel == "last year":
            return dt.date(base.year - 1, 1, 1), dt.date(base.year - 1, 12, 31), "year"
        if rel == "earlier this year":
            return dt.date(base.year, 1, 1), base, "year"
        return None
    month_name = g["month1"] or g["month2"]
    if month_name:
        month = MONTHS[month_name.lower().rstrip(".")]
        day = int(g["day1"] or g["day2"])
        if not 1 <= day <= calendar.monthrange(2000, month)[1]:
            return None
        if g["year1"]:
            year = int(g["year1"])
        elif published is not None:
            year = _past_year(month, day, published)
        else:
            return None
        try:
            date = dt.date(year, month, day)
            last = dt.date(year, month, int(g["day2b"])) if g["day2b"] else date  # "August 6-8, 2016"
        except ValueError:
            return None
        if last < date or (last - date).days > 6:
            last = date
        return date, last, "day" if last == date else "week"
    if g["month3"] or g["month4"]:
        month = MONTHS[(g["month3"] or g["month4"]).lower()]
        if g["year2"] or g["year4"]:
            year = int(g["year2"] or g["year4"])
        elif published is not None:
            year = _past_year(month, None, published)
        else:
            return None
        return (*_month_range(year, month), "month")
    if g["agou"]:
        # "two years ago": background, placed roughly so that it never joins this week's events.
        n = parse_number(g["agon"]) if g["agon"].lower() not in ("a", "an") else 1
        if n is None or published is None:
            return None
        unit = g["agou"].lower()
        if unit == "day":
            if published.precision != "day":
                return None
            day = published.date - dt.timedelta(days=n)
            return day, day, "day"
        if unit == "week":
            start = published.date - dt.timedelta(days=7 * n + 6)
            return start, start + dt.timedelta(days=6), "week"
        if unit == "month":
            month = published.date.month - n
            year = published.date.year + (month - 1) // 12
            month = (month - 1) % 12 + 1
            return (*_month_range(year, month), "month")
        year = published.date.year - n
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if g["war"]:
        # The world wars: background in any story about today, dated so that it never joins one.
        second = any(w in g["war"] for w in ("II", "Two", "2", "Second"))
        return (dt.date(1939, 9, 1), dt.date(1945, 9, 2), "year") if second else \
            (dt.date(1914, 7, 28), dt.date(1918, 11, 11), "year")
    if g["year3"]:
        year = int(g["year3"])
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    return None


def find_dates(text: str, published: PartialDate | None):
    """Yield (start, end, matched text, (start_date, end_date, precision)) for resolvable expressions."""
    for match in DATE_PATTERN.finditer(text):
        resolved = resolve(match, published)
        if resolved is not None:
            yield match.start(), match.end(), match.group(0), resolved


# "a week after", "two days after", "hours after": how long before the main clause an "after"
# clause happened, in days (low, high).
_SPAN_DAYS = {"hour": (0, 0), "night": (1, 1), "day": (1, 1), "week": (7, 7), "month": (28, 31), "year": (365, 366)}
_SPANS_VAGUE = {"hour": (0, 1), "night": (1, 6), "day": (2, 6), "week": (14, 35), "month": (60, 180),
                "year": (730, 3650)}


def earlier_by(trigger) -> tuple[tuple[int, int], object, object] | None:
    """((fewest, most) days, the duration token, the clause's head) by which the "after" clause holding `trigger`
    precedes its sentence's main clause: "The explosions come a week after at least one person was
    killed" → ((7, 7), week). None where the trigger is in no such clause or no duration is given
    ("came after shelling killed four" says only that it was before)."""
    node = trigger
    for _ in range(10):
        after = None
        if node.dep_ == "advcl":
            after = next((c for c in node.children if c.dep_ == "mark" and c.lower_ == "after"), None)
        elif node.dep_ in ("pcomp", "pobj") and node.head.lower_ == "after" and node.head.dep_ == "prep":
            after = node.head
        if after is not None:
            # The duration hangs on "after", on its clause, or on the verb it follows ("The blasts come
            # one week after ..."), just before "after".
            main = after.head if after.dep_ == "prep" else node.head
            span = next((c for c in (*after.children, *node.children, *main.children) if c.dep_ == "npadvmod"
                         and c.lemma_.lower() in _SPAN_DAYS and after.i - 3 <= c.i < after.i), None)
            if span is None:
                return None
            unit = span.lemma_.lower()
            count = next((c for c in span.children if c.dep_ in ("nummod", "det")), None)
            if count is None:
                return _SPANS_VAGUE[unit], span, node  # "days after", "weeks after"
            n = 1 if count.lower_ in ("a", "an", "one") else parse_number(count.text)
            if n is None:
                return None
            low, high = _SPAN_DAYS[unit]
            return (low * n, high * n), span, node
        if node.head.i == node.i:
            return None
        node = node.head
    return None
