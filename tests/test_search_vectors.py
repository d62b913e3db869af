"""The TF-IDF vectors and their cosine (lanu/search/vectors.py), which similar actions and
the plans' theme suggestions share."""

import math

import pytest

from lanu.search.vectors import cosine, document_frequencies, shared_terms, tfidf

DOCUMENTS = [
    ["kiusata", "koulu", "koulu", "lapsi"],
    ["kiusata", "ehkäistä", "lapsi"],
    ["perhekeskus", "lapsi"],
]


def test_document_frequencies_count_each_document_once():
    frequencies = document_frequencies(DOCUMENTS)
    assert frequencies == {"lapsi": 3, "kiusata": 2, "koulu": 1, "ehkäistä": 1, "perhekeskus": 1}


def test_a_vector_has_length_one():
    vector = tfidf(DOCUMENTS[0], document_frequencies(DOCUMENTS), len(DOCUMENTS))
    assert math.sqrt(sum(weight**2 for weight in vector.values())) == pytest.approx(1.0)


def test_a_rare_term_weighs_more_than_one_in_every_document():
    vector = tfidf(DOCUMENTS[1], document_frequencies(DOCUMENTS), len(DOCUMENTS))
    assert vector["ehkäistä"] > vector["kiusata"] > vector["lapsi"] > 0


def test_a_repeated_term_weighs_more_but_less_than_twice():
    frequencies = {"koulu": 1, "lapsi": 1}
    vector = tfidf(["koulu", "koulu", "lapsi"], frequencies, 3)
    assert vector["lapsi"] < vector["koulu"] < 2 * vector["lapsi"]


def test_the_weights_are_the_documented_formula():
    vector = tfidf(["koulu", "koulu", "lapsi"], {"koulu": 1, "lapsi": 3}, 3)
    koulu, lapsi = (1 + math.log(2)) * (1 + math.log(3)), 1.0
    length = math.hypot(koulu, lapsi)
    assert vector == pytest.approx({"koulu": koulu / length, "lapsi": lapsi / length})


def test_cosine_of_a_vector_with_itself_is_one_and_with_no_shared_term_zero():
    frequencies = document_frequencies(DOCUMENTS)
    first, third = (tfidf(DOCUMENTS[n], frequencies, 3) for n in (0, 2))
    assert cosine(first, first) == pytest.approx(1.0)
    assert cosine(first, {"perhekeskus": 1.0}) == 0.0
    assert 0 < cosine(first, third) < 1


def test_cosine_is_symmetric():
    frequencies = document_frequencies(DOCUMENTS)
    first, second = (tfidf(DOCUMENTS[n], frequencies, 3) for n in (0, 1))
    assert cosine(first, second) == pytest.approx(cosine(second, first))
    assert cosine(first, second) > cosine(first, tfidf(DOCUMENTS[2], frequencies, 3))


def test_shared_terms_are_the_heaviest_in_both_first():
    frequencies = document_frequencies(DOCUMENTS)
    first, second = (tfidf(DOCUMENTS[n], frequencies, 3) for n in (0, 1))
    assert shared_terms(first, second) == ["kiusata", "lapsi"]
    assert shared_terms(first, second, most=1) == ["kiusata"]
    assert shared_terms(first, {"perhekeskus": 1.0}) == []
