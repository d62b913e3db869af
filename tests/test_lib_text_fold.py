"""One fold for matching texts (headings, vocabularies, indicator names): lanu.lib.text."""

import pytest

from lanu.importers.general import vocabulary
from lanu.importers.spreadsheet import plain as heading_plain
from lanu.lib.text import plain, stems, words


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("MÅL", "mal"),
        ("  Toimen\u00adpide\n (vastuu) ", "toimenpide (vastuu)"),
        ("ﬁnanssi", "finanssi"),
        ("Straße", "strasse"),
        (None, ""),
    ],
)
def test_one_fold_for_every_comparison(written, folded):
    assert plain(written) == folded
    assert heading_plain(written) == vocabulary.plain(written or "") == folded


def test_words_and_stems():
    assert words("Toimija(t), vastuu­taho") == ["toimija", "t", "vastuutaho"]
    assert stems("Tyytyväinen elämäänsä ja 8. luokka", left_out=frozenset({"ja"})) == {
        "tyyty",
        "elama",
        "luokk",
    }
