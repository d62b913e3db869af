"""TF-IDF vectors and their cosine: the transparent lexical similarity measure that
similar actions and the plans' theme suggestions share.

A document is its list of terms (analysis.terms). Its vector weighs each term by how
often it occurs (1 + log tf) and how rare it is among the documents (log N / df, plus
1 so that a term in every document still counts a little), normalised to length one,
so that the cosine of two vectors is their dot product.
"""

import math
from collections import Counter
from collections.abc import Iterable, Mapping

Vector = dict[str, float]


def document_frequencies(documents: Iterable[list[str]]) -> Counter:
    """In how many documents each term occurs."""
    counts: Counter = Counter()
    for document in documents:
        counts.update(set(document))
    return counts


def tfidf(document: list[str], frequencies: Mapping[str, int], total: int) -> Vector:
    """The document's normalised TF-IDF vector among `total` documents."""
    weights = {
        term: (1 + math.log(count)) * (1 + math.log(total / frequencies.get(term, 1)))
        for term, count in Counter(document).items()
    }
    length = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
    return {term: weight / length for term, weight in weights.items()}


def cosine(first: Vector, second: Vector) -> float:
    """The cosine of two normalised vectors: 0 (nothing shared) to 1 (the same terms).
    Only the shared terms are summed (their set is found in C: a plan's overlap review
    scores tens of thousands of pairs)."""
    return sum(first[term] * second[term] for term in first.keys() & second.keys())


def shared_terms(first: Vector, second: Vector, most: int = 5) -> list[str]:
    """The terms that weigh most in both, heaviest first: why two texts are similar."""
    shared = {term: first[term] * second[term] for term in first.keys() & second.keys()}
    return sorted(shared, key=lambda term: (-shared[term], term))[:most]
