"""How well a similar-actions method finds the same or related work: its precision at 10
on a set of labelled pairs of actions (tests/data/similar_pairs.csv), all pure functions.

The labelled set: pairs of actions of different organisations in the seed plans, each
labelled by reading both texts as `same` (the same work done twice), `related` or
`different`. An action is named by a key that stays true when the plans are imported
again: "seed | organisation | first words", e.g. "003 | Kymsote | Nopea apu/tuki
nuorelle ja", the first words of its text (its description, then its items).

The measure (docs/search.md says the same):
- the queries are the actions that have at least one partner labelled same or related;
- a method ranks, for a query, every other action of another organisation by its score
  and keeps the 10 best with a score above 0: the query's top 10;
- judged precision at 10: of the top 10's actions whose pair with the query is labelled,
  the share labelled same or related, averaged over the queries with at least one
  labelled action in their top 10 (the pairs nobody labelled are left out, as in pooled
  evaluations);
- strict precision at 10: the same-or-related actions of the top 10 divided by 10, an
  unlabelled action counted as not related: a lower bound;
- recall at 10: the share of the query's same-or-related partners found in its top 10.

The methods are TF-IDF cosines (vectors.py) over three ways to cut a text into terms:
Voikko's base forms and compound parts (analysis.terms: what similar actions use), the
Snowball stems analysis falls back to, and the plain lower-cased words.
"""

import csv
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass

from . import analysis
from .vectors import Vector, cosine, document_frequencies, tfidf

LABELS = ("same", "related", "different")
RELEVANT = frozenset({"same", "related"})
TOP = 10

Tokeniser = Callable[[str, str], list[str]]


@dataclass(frozen=True)
class LabelledPair:
    first: str  # keys: "seed | organisation | first words"
    second: str
    label: str


@dataclass(frozen=True)
class KeyedAction:
    """What a key is resolved against: an action's id, seed, organisation and text."""

    id: Hashable
    seed: str
    organisation: str
    text: str  # key_text() of its description and items


@dataclass(frozen=True)
class Precision:
    judged: float  # judged precision at 10
    strict: float  # strict precision at 10
    recall: float  # recall at 10
    queries: int  # actions with a same or related partner
    judged_queries: int  # of them, those with a labelled action in their top 10


def read_pairs(lines: Iterable[str]) -> list[LabelledPair]:
    """The labelled pairs of a CSV with the columns first, second, label."""
    pairs = [LabelledPair(r["first"], r["second"], r["label"]) for r in csv.DictReader(lines)]
    wrong = [pair for pair in pairs if pair.label not in LABELS]
    if wrong:
        raise ValueError(f"labels other than {LABELS}: {wrong}")
    return pairs


def key_text(description: str, items: Iterable[str] = ()) -> str:
    """An action's text as keys quote it: its description and items, spaces collapsed."""
    return " ".join(" ".join([description, *(str(item) for item in items)]).split())


def parse_key(key: str) -> tuple[str, str, str]:
    seed, organisation, beginning = (part.strip() for part in key.split("|", 2))
    return seed, organisation, " ".join(beginning.split())


def resolve_keys(keys: Iterable[str], actions: Iterable[KeyedAction]) -> dict[str, Hashable]:
    """Each key's action id; ValueError naming every key that finds no action or several."""
    by_owner: dict[tuple[str, str], list[KeyedAction]] = defaultdict(list)
    for action in actions:
        by_owner[(action.seed, action.organisation)].append(action)
    found, wrong = {}, []
    for key in dict.fromkeys(keys):
        seed, organisation, beginning = parse_key(key)
        hits = [a.id for a in by_owner[(seed, organisation)] if a.text.startswith(beginning)]
        if len(hits) == 1:
            found[key] = hits[0]
        else:
            wrong.append(f"{key!r} finds {len(hits)} actions")
    if wrong:
        raise ValueError("keys that do not name exactly one action:\n" + "\n".join(wrong))
    return found


def judgements(pairs: Iterable[LabelledPair], ids: Mapping[str, Hashable]) -> dict:
    """The labels by the pair of action ids (a frozenset: a pair has no order)."""
    return {frozenset((ids[pair.first], ids[pair.second])): pair.label for pair in pairs}


def voikko_terms(text: str, language: str) -> list[str]:
    """Voikko's base forms and compound parts (Snowball's stems where Voikko is missing)."""
    return analysis.terms(text, language)


def snowball_terms(text: str, language: str) -> list[str]:
    """Snowball's stems, with analysis' Finnish rules: what analysis gives without Voikko."""
    return [analysis.stem(word, language) for word in analysis.words(text)]


def raw_terms(text: str, language: str) -> list[str]:
    """The words as written, lower-cased: every inflected form a term of its own."""
    return analysis.words(text)


METHODS: dict[str, Tokeniser] = {
    "tfidf_voikko": voikko_terms,
    "tfidf_snowball": snowball_terms,
    "tfidf_raw_words": raw_terms,
}


def tfidf_vectors(texts: Mapping[Hashable, tuple[str, str]], tokeniser: Tokeniser) -> dict:
    """Each text's TF-IDF vector among all of them; texts are (text, language)."""
    documents = {key: tokeniser(text, language) for key, (text, language) in texts.items()}
    frequencies = document_frequencies(documents.values())
    return {key: tfidf(terms, frequencies, len(documents)) for key, terms in documents.items()}


def top_similar(
    vectors: Mapping[Hashable, Vector], organisations: Mapping, query: Hashable, top: int = TOP
) -> list:
    """The `top` actions of other organisations most similar to the query (score above 0),
    most similar first, ties in the order of their ids."""
    scored = [
        (cosine(vectors[query], vector), other)
        for other, vector in vectors.items()
        if organisations[other] != organisations[query]
    ]
    ordered = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], str(s[1])))
    return [other for _score, other in ordered[:top]]


def queries_of(judged: Mapping[frozenset, str]) -> dict[Hashable, set]:
    """The actions with a same or related partner, each with those partners."""
    partners: dict[Hashable, set] = defaultdict(set)
    for pair, label in judged.items():
        if label in RELEVANT:
            first, second = tuple(pair)
            partners[first].add(second)
            partners[second].add(first)
    return dict(partners)


def precision_at(
    rankings: Mapping[Hashable, list], judged: Mapping[frozenset, str], top: int = TOP
) -> Precision:
    """Judged and strict precision and recall at `top` of the rankings (each query's
    actions, most similar first) over the queries of the labelled pairs."""
    partners = queries_of(judged)
    judged_shares, strict, recall = [], [], []
    for query, relevant in partners.items():
        found = rankings.get(query, [])[:top]
        labels = [judged.get(frozenset((query, other))) for other in found]
        hits = sum(1 for label in labels if label in RELEVANT)
        labelled = sum(1 for label in labels if label is not None)
        if labelled:
            judged_shares.append(hits / labelled)
        strict.append(hits / top)
        recall.append(hits / len(relevant))
    return Precision(
        judged=mean(judged_shares),
        strict=mean(strict),
        recall=mean(recall),
        queries=len(partners),
        judged_queries=len(judged_shares),
    )


def mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def evaluate(
    texts: Mapping[Hashable, tuple[str, str]],
    organisations: Mapping,
    judged: Mapping[frozenset, str],
    tokeniser: Tokeniser,
) -> Precision:
    """One method's precision on the labelled pairs: TF-IDF over the tokeniser's terms
    of all the texts, each query ranked against every action of another organisation."""
    vectors = tfidf_vectors(texts, tokeniser)
    rankings = {q: top_similar(vectors, organisations, q) for q in queries_of(judged)}
    return precision_at(rankings, judged)


@dataclass
class SeedActions:
    """The seed plans' actions as the measure reads them: keyed, with their texts (as
    similar actions index them) and organisations."""

    keyed: list[KeyedAction]
    texts: dict[Hashable, tuple[str, str]]
    organisations: dict[Hashable, Hashable]


def seed_actions(actions: Iterable, seed_of_plan: Mapping[Hashable, str]) -> SeedActions:
    """From loaded actions (with plan, organisation and metrics fetched) and each plan's
    seed prefix by the plan's id."""
    from .similarity import action_text

    found = SeedActions([], {}, {})
    for action in actions:
        seed = seed_of_plan[action.plan_id]
        text = key_text(action.description, action.items)
        found.keyed.append(KeyedAction(action.pk, seed, action.organisation.name, text))
        found.texts[action.pk] = (action_text(action), action.plan.language)
        found.organisations[action.pk] = action.organisation_id
    return found
