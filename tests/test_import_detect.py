"""Each seed document is recognised as its own format, and the others as none."""

import pytest

from lanu.importers import FORMATS


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("000", None),  # an evaluation of a round, not a plan
        ("001", None),  # a poster summary
        ("002", "principle-table"),
        ("003", "org-tables"),
        ("004", "priority-tables"),
    ],
)
def test_seed_is_recognised_by_its_format_only(seed_path, prefix, expected):
    text = seed_path(prefix).read_text(encoding="utf-8")
    recognised = [name for name, module in FORMATS.items() if module.detect(text)]
    assert recognised == ([expected] if expected else [])
