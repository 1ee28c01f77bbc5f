from __future__ import annotations

import pytest

from fogwatch.extract.numbers import bounds, parse_number


@pytest.mark.parametrize("text,value", [("100", 100), ("1,200", 1200), ("six", 6), ("twenty-six", 26),
                                        ("a hundred", 100), ("2.5 million", 2_500_000), ("three hundred", 300),
                                        ("forty two", 42), ("tanks", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("qualifier,expected", [
    ("More than", (101, None, False)), ("over", (101, None, False)), ("at least", (100, None, False)),
    ("up to", (None, 100, False)), ("fewer than", (None, 99, False)), ("about", (100, 100, True)),
    ("nearly", (100, 100, True)), ("", (100, 100, False)),
])
def test_bounds(qualifier, expected):
    assert bounds(100, qualifier) == expected
