"""Text from the web shown to people: control and bidirectional-override characters neutralised.

An article can carry an ANSI escape (`\\x1b[2J` clears an analyst's terminal), a carriage return
that overwrites what the table printed before it, or a right-to-left override (U+202E) that shows
"3 killed" for the bytes "dellik 3". Each becomes U+FFFD, visible and inert, in HTML and in the
terminal; line breaks and tabs stay, and so do the left-to-right and right-to-left marks that
Arabic and Hebrew text needs.
"""
from __future__ import annotations

import re

from markupsafe import Markup
from rich.table import Table as RichTable

# C0 controls but tab and line feed, DEL and the C1 controls, the bidi embeddings, overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


def neutralise(value):
    """`value` with its unsafe characters replaced; anything but a string is returned as it is, and
    markup the templates made (a macro's output) stays markup, not escaped again."""
    if not isinstance(value, str):
        return value
    cleaned = UNSAFE.sub(REPLACEMENT, value)
    return Markup(cleaned) if isinstance(value, Markup) else cleaned


class Table(RichTable):
    """A Rich table whose cells are neutralised, for every table the CLI prints."""

    def add_row(self, *renderables, **kwargs) -> None:
        super().add_row(*(neutralise(cell) for cell in renderables), **kwargs)
